"""The editor driven in a real browser (Debian's headless Chromium through Selenium).

A translator's session on the seed pair: keys (counted) and clicks correct the
frozen alignment ``fixtures/editor/seed.jsonl`` to the gold, the test asserts
the saved ``.edited.jsonl`` and the exported TMX, and keeps a screenshot in
``test-artifacts/`` (or ``$ALIGNER_TEST_ARTIFACTS``). A 2,000-unit pair is then
opened and edited to measure first paint and how long an edit takes to show;
the figures go to ``test-artifacts/editor-timings.json`` (reported in
docs/benchmarks.md, never asserted).
"""

from __future__ import annotations

import json
import os
import shutil
import time
from pathlib import Path

import pytest

from aligner.align.evaluate import parse_beads
from aligner.io.records import BeadRecord, dumps, read_records
from aligner.qa.run import units_from_records
from aligner.review.edit import EditableAlignment, Segment, Unit
from aligner.review.edited import EditedFile, to_records
from aligner.review.server import make_server
from aligner.review.session import EditSession
from aligner.tmx.writer import validate_dtd

from .browser import artifacts, needs_chromium, start_chromium
from .conftest import FIXTURES

try:
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
except ImportError:  # pragma: no cover - selenium is in the test extra
    pass

pytestmark = needs_chromium


SEED = FIXTURES / "editor" / "seed.jsonl"
GOLD = FIXTURES / "editor" / "seed-gold.beads"


@pytest.fixture(scope="module")
def browser():
    driver = start_chromium(("--disable-background-networking", "--disable-extensions", "--disable-sync",
                             "--disable-default-apps", "--no-first-run", "--window-size=1400,1800",
                             "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"), {"browser": "ALL"})
    driver.set_page_load_timeout(60)
    yield driver
    driver.quit()


class Keyboard:
    """Sends keys to the page one at a time, counts them, and waits for the editor to settle."""

    def __init__(self, driver) -> None:
        self.driver = driver
        self.count = 0

    def idle(self, timeout: float = 30.0) -> None:
        end = time.monotonic() + timeout
        while not self.driver.execute_script("return window.editorIdle && window.editorIdle()"):
            assert time.monotonic() < end, "the editor did not settle"
            time.sleep(0.02)

    def press(self, keys: str, wait: bool = True) -> None:
        for key in keys:
            ActionChains(self.driver).send_keys(key).perform()
            self.count += 1
            if wait:
                self.idle()

    def click(self, element) -> None:
        self.driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", element)
        element.click()
        self.idle()


def _open(driver, url: str, rows: int) -> None:
    driver.get(url)
    end = time.monotonic() + 30
    while len(driver.find_elements(By.CSS_SELECTOR, "#rows .row")) != rows:
        assert time.monotonic() < end, "the editor did not draw its rows"
        time.sleep(0.05)


def _beads(path: Path) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    return [(tuple(r["src_ids"]), tuple(r["tgt_ids"])) for r in map(json.loads, path.read_text("utf-8").splitlines())
            if r.get("type") == "bead"]


@pytest.fixture
def seed_server(tmp_path: Path):
    pair = tmp_path / "seed.jsonl"
    shutil.copy(SEED, pair)
    server = make_server(EditSession(pair, user="amina", rescore=False, background_qa=True))
    server.start_thread()
    yield server
    server.stop()


def test_translator_corrects_the_seed_pair(browser, seed_server):
    session = seed_server.session
    _open(browser, seed_server.url, len(session.alignment.units))
    kb = Keyboard(browser)
    kb.idle()  # the first QA ran in the background; its findings are on the page now
    assert session.qa_ready.is_set() and browser.find_elements(By.CSS_SELECTOR, "#rows .findings .sev.warning")
    # The corrections, keys only (the first row is selected on opening):
    kb.press("jjjjj")  # to [4]:[6]
    kb.press("mm")     # merge twice: [4, 5, 6]:[6, 7, 8]
    kb.press("jjjj")   # to the unaligned Arabic 15
    kb.press("M")      # into the unit above: [8]:[11 … 15]
    kb.press("jjjj")   # to [12, 13]:[19, 20, 21]
    kb.press("s")      # the Arabic side
    kb.press("uu")     # Arabic 19 and 20 have no counterpart: [12, 13]:[21]
    correction_keys = kb.count
    gold = parse_beads(GOLD.read_text(encoding="utf-8"))
    assert _beads(session.output) == gold
    assert correction_keys < 40
    (artifacts() / "editor-keys.json").write_text(json.dumps({"correction_keys": correction_keys}), "utf-8")

    # Undo and redo by key; accept with the key and with the mouse; reject one.
    kb.press("z")
    assert _beads(session.output) != gold
    kb.press("y")
    assert _beads(session.output) == gold
    # Rows are numbered as `aligner qa` numbers the saved file (unaligned: the number of the next pair).
    shown = browser.execute_script(
        "return Array.from(document.querySelectorAll('#rows .row')).map(r => r.firstChild.firstChild.nodeValue)")
    beads = [r for r in read_records(session.output) if isinstance(r, BeadRecord)]
    assert shown == [str(u.index) for u in units_from_records(beads)]
    assert len(set(shown)) < len(shown)  # the unaligned Arabic 19 and 20 share the next pair's number
    rows = browser.find_elements(By.CSS_SELECTOR, "#rows .row")
    kb.click(rows[1].find_element(By.CSS_SELECTOR, ".fr"))
    kb.click(browser.find_element(By.CSS_SELECTOR, "button[data-op='accept']"))
    kb.press("ja")  # accept [2]:[2, 3]
    kb.press("jjjr")  # reject [4, 5, 6]:[6, 7, 8] (to test the export; the unit is right)
    records = [json.loads(line) for line in session.output.read_text("utf-8").splitlines()]
    states = [(r["src_ids"], r["tgt_ids"], r["state"]) for r in records if r.get("type") == "bead"]
    assert states[1] == ([0, 1], [1], "accepted") and states[2] == ([2], [2, 3], "accepted")
    assert states[5] == ([4, 5, 6], [6, 7, 8], "rejected")
    assert states[8][2] == "edited" and states[14] == ([12, 13], [21], "edited")
    assert all(r.get("by") == "amina" for r in records if r.get("type") == "bead" and r["state"] != "auto")

    # A typo fixed in the page: the original is kept.
    kb.click(browser.find_elements(By.CSS_SELECTOR, "#rows .row")[1].find_element(By.CSS_SELECTOR, ".fr .sent"))
    kb.press("e", wait=False)  # edit the first French sentence of [0, 1]:[1]
    area = browser.find_element(By.CSS_SELECTOR, "textarea.fix")
    area.send_keys(Keys.END, Keys.BACKSPACE, " !")
    area.send_keys(Keys.ENTER)  # Enter saves
    kb.idle()
    fixed = [json.loads(line) for line in session.output.read_text("utf-8").splitlines()][2]
    assert fixed["src_sents"][0].endswith("en Belgique !") and fixed["src_original"][0].endswith("en Belgique.")

    # Export all but rejected, by the buttons.
    browser.find_element(By.CSS_SELECTOR, "#include option[value='all']").click()
    kb.click(browser.find_element(By.CSS_SELECTOR, "button[data-export='tmx']"))
    tmx = session.output.with_name("seed.kept.tmx")
    assert tmx.exists() and validate_dtd(tmx) == []
    text = tmx.read_text(encoding="utf-8")
    assert text.count("<tu ") == 9  # the 10 gold units but the rejected one
    assert text.count('<prop type="x-reviewed">accepted</prop>') == 1  # the unit whose text was fixed is edited
    assert text.count('<prop type="x-reviewed">edited</prop>') == 3 and "x-reviewed-by" in text
    assert "en Belgique !" in text
    assert "Les discussions entre les deux parties" not in text  # in the rejected unit

    shot = artifacts() / "editor-seed.png"
    browser.execute_script("window.scrollTo(0, 0)")
    assert browser.save_screenshot(str(shot)) and shot.stat().st_size > 10_000
    severe = [e for e in browser.get_log("browser") if e["level"] == "SEVERE"]
    assert not severe, severe  # no CSP violation, no script error


def test_page_without_the_token_is_refused(browser, seed_server):
    browser.get(f"http://127.0.0.1:{seed_server.port}/")
    assert "needs the address" in browser.find_element(By.TAG_NAME, "body").text
    assert not browser.find_elements(By.CSS_SELECTOR, "#rows")
    _open(browser, seed_server.url, len(seed_server.session.alignment.units))
    # the page's own script cannot reach the API without the token either
    status = browser.execute_async_script(
        "var done=arguments[0]; fetch('/api/state').then(function(r){done(r.status);});")
    assert status == 403


def _big_pair(path: Path, units: int) -> None:
    seed = EditSession(SEED, path.with_name("unused.edited.jsonl"), rescore=False).file
    pairs = [u for u in seed.alignment.units if u.aligned]
    src: list[Segment] = []
    tgt: list[Segment] = []
    out: list[Unit] = []
    for k in range(units):
        u = pairs[k % len(pairs)]
        s = tuple(range(len(src), len(src) + len(u.src)))
        t = tuple(range(len(tgt), len(tgt) + len(u.tgt)))
        src.extend(seed.alignment.src[i] for i in u.src)
        tgt.extend(seed.alignment.tgt[j] for j in u.tgt)
        out.append(Unit(s, t, "auto", u.confidence))
    big = EditedFile(seed.header, EditableAlignment(tuple(src), tuple(tgt), tuple(out)))
    path.write_text("".join(dumps(r) for r in to_records(big)), encoding="utf-8")


def test_timings_of_a_2000_unit_pair(browser, tmp_path: Path):
    pair = tmp_path / "big.jsonl"
    _big_pair(pair, 2000)
    started = time.perf_counter()
    session = EditSession(pair, rescore=False, background_qa=True)  # as `aligner edit` opens it
    opened = time.perf_counter() - started
    server = make_server(session)
    server.start_thread()
    try:
        _open(browser, server.url, 2000)
        paint = browser.execute_script(
            "var p=performance.getEntriesByType('paint').filter(function(e){return e.name==='first-contentful-paint';});"
            "var r=performance.getEntriesByName('editor-ready');"
            "return [p.length?p[0].startTime:null, r.length?r[0].startTime:null];")
        kb = Keyboard(browser)
        assert session.qa_ready.wait(300)
        kb.idle()  # edits wait for the first QA: while it runs, it shares the interpreter with them
        kb.press("jjjjjjjjjj")
        for key in "mzymzyMzy":
            kb.press(key)
        kb.press("s")
        for key in "uzy":
            kb.press(key)
        edits = browser.execute_script("return window.editorTimings")
        def median(key: str) -> float:
            values = sorted(e[key] for e in edits)
            return round(values[len(values) // 2], 1)

        figures = {
            "units": 2000, "server_open_s": round(opened, 3), "first_qa_s": round(session.qa_seconds, 2),
            "load_average": round(os.getloadavg()[0], 1),
            "first_contentful_paint_ms": paint[0], "editor_ready_ms": round(paint[1], 1),
            "edit_ms_median": median("ms"), "edit_ms_max": round(max(e["ms"] for e in edits), 1),
            "answer_ms_median": median("answer_ms"), "server_ms_median": median("server_ms"), "edits": len(edits),
        }
        (artifacts() / "editor-timings.json").write_text(json.dumps(figures, indent=1), encoding="utf-8")
        print("editor timings:", figures)
        assert len(edits) >= 10 and len(_beads(session.output)) >= 1990
    finally:
        server.stop()
