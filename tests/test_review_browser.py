"""The seed pair's review page rendered in a real browser (Debian's headless Chromium).

Network is blocked twice: a proxy that refuses every connection and a host
resolver that resolves nothing; the test then checks that the page asked for
nothing but itself (DevTools network log and the page's resource list).
The screenshot is kept in ``test-artifacts/`` (or ``$ALIGNER_TEST_ARTIFACTS``).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from aligner.cli import main

from .browser import HAVE_SELENIUM, artifacts, needs_chromium, start_chromium  # noqa: F401
from .conftest import SEED_AR, SEED_FR

try:
    from selenium.webdriver.common.by import By
except ImportError:  # pragma: no cover - selenium is in the test extra
    pass

pytestmark = needs_chromium


@pytest.fixture(scope="module")
def seed_page(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("review")
    page = folder / "seed-review.html"
    res = CliRunner().invoke(main, ["align", str(SEED_FR), str(SEED_AR), "-o", str(folder / "seed.jsonl"),
                                    "--report", str(page), "-q"])
    assert res.exit_code == 0, res.output
    return page


@pytest.fixture(scope="module")
def browser():
    driver = start_chromium(("--window-size=1400,2000", "--host-resolver-rules=MAP * ~NOTFOUND"),
                            {"performance": "ALL"})
    yield driver
    driver.quit()


def test_seed_review_renders_in_chromium(browser, seed_page):
    import json

    browser.get(seed_page.as_uri())
    shot = artifacts() / "seed-review.png"
    assert browser.save_screenshot(str(shot)) and shot.stat().st_size > 10_000

    rows = browser.find_elements(By.CSS_SELECTOR, "tbody tr")
    units = browser.find_elements(By.CSS_SELECTOR, "tbody tr.unit")
    assert 10 <= len(units) <= 14 and len(rows) > len(units)  # the seed pair: about a dozen units

    ar_cells = browser.find_elements(By.CSS_SELECTOR, "td.ar")
    assert ar_cells and all(
        browser.execute_script("return getComputedStyle(arguments[0]).direction", c) == "rtl" for c in ar_cells)
    fr_cell, ar_cell = units[0].find_element(By.CSS_SELECTOR, "td.fr"), units[0].find_element(By.CSS_SELECTOR, "td.ar")
    assert fr_cell.rect["x"] + fr_cell.rect["width"] <= ar_cell.rect["x"] + 1  # French left, Arabic right
    assert fr_cell.text.startswith("Abdellatif") and "حموشي" in ar_cell.text

    svg = browser.find_element(By.ID, "dotplot")
    assert svg.is_displayed() and svg.rect["width"] > 200
    assert len(svg.find_elements(By.CSS_SELECTOR, "circle.bead")) == len(rows) - len(
        browser.find_elements(By.CSS_SELECTOR, "tbody tr.dropped"))
    # 17 of the 19 Arabic content sentences are in a unit of confidence >= 0.5 (89 %: ar 8 and
    # ar 21 restate what the French says elsewhere and stay unaligned), below parallel's 90 %
    assert browser.find_element(By.ID, "verdict").text == "comparable"

    # Nothing fetched: the DevTools log shows no request but the page itself, and
    # the page lists no loaded resource.
    requested = set()
    for entry in browser.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message["method"] == "Network.requestWillBeSent":
            requested.add(message["params"]["request"]["url"])
    assert requested <= {seed_page.as_uri()}, requested
    assert browser.execute_script("return performance.getEntriesByType('resource').length") == 0


def test_filters_and_keyboard(browser, seed_page):
    browser.get(seed_page.as_uri())
    body = browser.find_element(By.TAG_NAME, "body")
    flagged = browser.find_elements(By.CSS_SELECTOR, "tbody tr[data-flagged='1']")
    assert flagged, "the seed pair has QA findings"
    body.send_keys("f")  # flagged only
    visible = [r for r in browser.find_elements(By.CSS_SELECTOR, "tbody tr") if r.is_displayed()]
    assert len(visible) == len(flagged)
    body.send_keys("j")  # first visible row selected
    selected = browser.find_elements(By.CSS_SELECTOR, "tbody tr.selected")
    assert len(selected) == 1 and selected[0].get_attribute("data-flagged") == "1"
    body.send_keys("f")
    body.send_keys("d")  # hide dropped lines
    assert not any(r.is_displayed() for r in browser.find_elements(By.CSS_SELECTOR, "tbody tr.dropped"))
    assert "rows shown" in browser.find_element(By.ID, "shown").text
