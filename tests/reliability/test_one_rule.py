"""One reader and one writer: no module opens or writes a file its own way."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2] / "aligner"
#: Where a file may be opened directly, and why.
ALLOWED = {
    "io/guarded.py": "the guarded opener itself",
    "io/atomic.py": "the atomic writer itself (and /proc/self/status for the umask)",
    "encoders/laser.py": "LASER's own model files, not user input",
    "tmx/writer.py": "the DTD shipped inside the package",
    "review/editor_page.py": "the editor's script and style shipped inside the package",
}
DIRECT = re.compile(r"(?<![\w.])open\(|\.read_text\(|\.read_bytes\(|\.write_text\(|\.write_bytes\(|"
                    r"iterparse\(str|etree\.parse\(|mkstemp\(|NamedTemporaryFile\(")


def test_no_module_opens_files_its_own_way() -> None:
    offenders = []
    files = sorted(ROOT.rglob("*.py"))
    assert len(files) > 40
    for path in files:
        rel = path.relative_to(ROOT).as_posix()
        if rel in ALLOWED:
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").split("\n"), start=1):
            code = line.split("#", 1)[0]
            if DIRECT.search(code) and "os.open(" not in code:
                offenders.append(f"{rel}:{number}: {line.strip()}")
    assert not offenders, "use aligner.io.guarded / aligner.io.atomic:\n" + "\n".join(offenders)
