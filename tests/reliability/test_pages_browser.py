"""Hostile JSONL rendered in headless Chromium: no injected element runs, nothing is requested.

Two layers are checked apart: every field is escaped (the hostile page has no
injected element at all), and the CSP alone stops injected scripts, handlers,
``javascript:`` links, forms and fetches (a copy of the page with the payloads
pasted in raw, as if escaping had failed: nothing runs, our own hashed script
still does). A ``<meta http-equiv=refresh>`` is stopped by the escaping alone.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ..test_review_browser import HAVE_SELENIUM, browser, pytestmark  # noqa: F401  (fixture and skip rule)
from .conftest import run
from .test_hostile import hostile_jsonl

if HAVE_SELENIUM:
    from selenium.webdriver.common.by import By

PAYLOADS = ('<script>window.__pwned=1</script><img src="http://127.0.0.1:9/x.png" onerror="window.__pwned=2">'
            '<svg onload="window.__pwned=3"></svg><iframe src="javascript:window.top.__pwned=4"></iframe>'
            '<a id="evil" href="javascript:window.__pwned=5">x</a><form action="http://127.0.0.1:9/">'
            '<input type="submit" id="go"></form><link rel="stylesheet" href="http://127.0.0.1:9/s.css">')
#: A meta refresh navigates whatever the CSP says (``navigate-to`` was never shipped): only the
#: escaping stops it, so it is in the escaped pages' payload but not pasted raw.
REFRESH = '<meta http-equiv="refresh" content="0;url=http://127.0.0.1:9/">'



@pytest.fixture(scope="module")
def pages(tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("hostile")
    src = folder / "hostile.jsonl"
    hostile_jsonl(src)
    with src.open("a", encoding="utf-8") as fh:  # markers a successful injection would set
        fh.write(json.dumps({"type": "bead", "src_ids": [50], "tgt_ids": [50], "source": "Le 50 " + PAYLOADS + REFRESH,
                             "target": "في 50 " + PAYLOADS + REFRESH, "src_kinds": [PAYLOADS], "tgt_kinds": [PAYLOADS],
                             "confidence": 0.5}, ensure_ascii=False) + "\n")
    assert run(["report", src, "-o", folder / "review.html"]).exit_code == 0
    assert run(["qa", src, "--format", "html", "-o", folder / "qa.html"]).exit_code == 0
    out = {"review": folder / "review.html", "qa": folder / "qa.html"}
    for name in ("review", "qa"):  # the same pages with the payloads pasted in unescaped
        raw = out[name].read_text(encoding="utf-8").replace("<body>", "<body>" + PAYLOADS, 1)
        out[f"{name}-raw"] = folder / f"{name}-raw.html"
        out[f"{name}-raw"].write_text(raw, encoding="utf-8")
    return out


def _requests(driver) -> tuple[set[str], set[str]]:  # type: ignore[no-untyped-def]
    """URLs the page asked for, and those of them the browser refused to send for the CSP."""
    urls: dict[str, str] = {}
    blocked = set()
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        params = message.get("params", {})
        if message["method"] == "Network.requestWillBeSent":
            urls[params["requestId"]] = params["request"]["url"]
        elif message["method"] == "Network.loadingFailed" and params.get("blockedReason") == "csp":
            blocked.add(params["requestId"])
    return set(urls.values()), {u for r, u in urls.items() if r in blocked}


@pytest.mark.parametrize("name", ["review", "qa", "review-raw", "qa-raw"])
def test_no_injected_script_runs_and_nothing_is_requested(name: str, browser, pages) -> None:  # noqa: F811
    page = pages[name]
    browser.get_log("performance")  # drop earlier entries
    browser.get(page.as_uri())
    for el in browser.find_elements(By.CSS_SELECTOR, "#evil, #go"):  # try the links and the form too
        browser.execute_script("arguments[0].click()", el)
    assert browser.current_url == page.as_uri()
    assert browser.execute_script("return window.__pwned === undefined")
    asked, refused = _requests(browser)
    assert asked - refused <= {page.as_uri()}, (asked, refused)  # anything else was refused by the CSP
    if not name.endswith("raw"):  # escaped: nothing else was even asked for
        assert asked == {page.as_uri()}, asked
        assert browser.execute_script("return performance.getEntriesByType('resource').length") == 0
    if name.startswith("review"):  # our own script (allowed by its hash) still ran
        assert "rows shown" in browser.find_element(By.ID, "shown").text
    if not name.endswith("raw"):  # escaped: no element from a field at all
        assert browser.execute_script(
            "return document.querySelectorAll('img,iframe,form,svg [onload],link,meta[http-equiv=refresh]').length"
        ) == 0
