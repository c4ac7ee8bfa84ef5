"""Headless Chromium for the browser tests: where it is, whether it must run, how to start it.

CI sets ``ALIGNER_REQUIRE_CHROMIUM=1`` so that these tests run rather than skip. Every start
points the proxy at a closed port and resolves no host, so a page that tries to fetch
anything fails visibly instead of reaching the network.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"
REQUIRED = bool(os.environ.get("ALIGNER_REQUIRE_CHROMIUM"))
ROOT = Path(__file__).resolve().parent.parent

try:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    HAVE_SELENIUM = True
except ImportError:  # pragma: no cover - selenium is in the test extra
    HAVE_SELENIUM = False

#: The skip rule of every browser test module (``pytestmark = needs_chromium``).
needs_chromium = pytest.mark.skipif(
    not REQUIRED and not (HAVE_SELENIUM and Path(CHROMIUM).exists() and Path(CHROMEDRIVER).exists()),
    reason="Chromium is not installed (apt-get install chromium chromium-driver); CI requires it",
)

#: Arguments of every start: headless, no sandbox (root in CI), no network.
BASE_ARGS = ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--lang=en",
             "--proxy-server=http://127.0.0.1:9")


def start_chromium(args: Iterable[str], logging: dict[str, str]) -> Any:
    """A Chromium WebDriver with :data:`BASE_ARGS` plus *args*, logging what *logging* asks for."""
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for arg in (*BASE_ARGS, *args):
        options.add_argument(arg)
    options.set_capability("goog:loggingPrefs", logging)
    return webdriver.Chrome(options=options, service=Service(CHROMEDRIVER))


def artifacts() -> Path:
    """Where screenshots are kept ($ALIGNER_TEST_ARTIFACTS or test-artifacts/)."""
    folder = Path(os.environ.get("ALIGNER_TEST_ARTIFACTS") or ROOT / "test-artifacts")
    folder.mkdir(parents=True, exist_ok=True)
    return folder
