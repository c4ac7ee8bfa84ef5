"""Build and run a headless OmegaT project (Debian package omegat 3.6)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

OMEGAT_JAR = Path("/usr/share/omegat/OmegaT.jar")

PROJECT = """<?xml version="1.0" encoding="UTF-8" standalone="no"?>
<omegat>
  <project version="1.0">
    <source_dir>__DEFAULT__</source_dir>
    <target_dir>__DEFAULT__</target_dir>
    <tm_dir>__DEFAULT__</tm_dir>
    <glossary_dir>__DEFAULT__</glossary_dir>
    <glossary_file>__DEFAULT__</glossary_file>
    <dictionary_dir>__DEFAULT__</dictionary_dir>
    <source_lang>{src}</source_lang>
    <target_lang>{tgt}</target_lang>
    <source_tok>org.omegat.tokenizer.LuceneFrenchTokenizer</source_tok>
    <target_tok>org.omegat.tokenizer.LuceneArabicTokenizer</target_tok>
    <sentence_seg>false</sentence_seg>
    <support_default_translations>true</support_default_translations>
    <remove_tags>false</remove_tags>
  </project>
</omegat>
"""


def translate_with_omegat(root: Path, segments: list[str], tmx: Path, src: str = "fr", tgt: str = "ar") -> tuple[list[str], str]:
    """Translate *segments* (one paragraph each) with *tmx* in tm/auto/.

    Returns the target paragraphs and the project statistics text.
    """
    proj = root / "project"
    home = root / "home"
    for sub in ("source", "target", "tm/auto", "omegat", "glossary", "dictionary"):
        (proj / sub).mkdir(parents=True, exist_ok=True)
    home.mkdir(exist_ok=True)
    (proj / "omegat.project").write_text(PROJECT.format(src=src, tgt=tgt), encoding="utf-8")
    (proj / "source" / "doc.txt").write_text("\n\n".join(segments) + "\n", encoding="utf-8")
    shutil.copy(tmx, proj / "tm" / "auto" / tmx.name)
    subprocess.run(
        ["java", "-Djava.awt.headless=true", f"-Duser.home={home}", "-jar", str(OMEGAT_JAR), str(proj),
         "--mode=console-translate", f"--config-dir={home}", "--disable-project-locking", "--no-team"],
        check=True, capture_output=True, timeout=600,
    )
    target = (proj / "target" / "doc.txt").read_text(encoding="utf-8")
    stats = (proj / "omegat" / "project_stats.txt").read_text(encoding="utf-8")
    return [p.strip() for p in target.split("\n\n") if p.strip()], stats
