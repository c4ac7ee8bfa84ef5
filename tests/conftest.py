"""Shared fixtures: paths to the sample corpus and golden cases."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPORA = ROOT / "corpora"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SEED_FR = CORPORA / "000_7605adee3dac5af9.txt"
SEED_AR = CORPORA / "003_d8871bab029391e4.txt"


def golden_cases() -> list[dict]:
    return [json.loads(p.read_text(encoding="utf-8")) for p in sorted((FIXTURES / "golden").glob("*.json"))]


@pytest.fixture
def seed_pair() -> tuple[Path, Path]:
    return SEED_FR, SEED_AR


@pytest.fixture(autouse=True)
def _private_cache(tmp_path_factory, monkeypatch):
    """Tests never touch the user's cache folder."""
    monkeypatch.setenv("ALIGNER_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
    # Nor the user's LASER files: `auto` means `use` unless a test gives a LASER folder.
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path_factory.mktemp("data")))
    monkeypatch.delenv("ALIGNER_LASER_DIR", raising=False)
