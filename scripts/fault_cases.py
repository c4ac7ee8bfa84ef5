"""The inputs and the cases of ``scripts/fault_battery.py``.

Placeholders in a case's command line: ``{d}`` is the case's own folder, ``in/`` the shared
inputs (made once by :func:`prepare_inputs`), both relative to the battery's work folder.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import stat
import subprocess
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
FR = REPO / "corpora" / "000_7605adee3dac5af9.txt"
AR = REPO / "corpora" / "003_d8871bab029391e4.txt"
SEED_JSONL = REPO / "tests" / "fixtures" / "editor" / "seed.jsonl"
GOLD = REPO / "tests" / "fixtures" / "editor" / "seed-gold.beads"
SECRET = "SECRET-7f3a9c-ENTITY-LEAK"
PNG = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4"
       b"\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82")

Hook = Callable[[Path, Path], None]
GROUPS = [("tmx-bomb", "TMX attack"), ("tmx-xxe", "TMX attack"), ("tmx-param", "TMX attack"),
          ("tmx-dtd", "TMX attack"), ("tmx-malformed", "malformed TMX"), ("tmx-truncated", "malformed TMX"),
          ("tmx-wrong", "odd TMX (version, langs, one tuv, root, UTF-16)"),
          ("tmx-missing", "odd TMX (version, langs, one tuv, root, UTF-16)"),
          ("tmx-one", "odd TMX (version, langs, one tuv, root, UTF-16)"),
          ("tmx-not", "malformed TMX"), ("tmx-utf16", "odd TMX (version, langs, one tuv, root, UTF-16)"),
          ("jsonl-", "broken JSONL record"), ("glossary-", "malformed glossary"),
          ("encoding", "legacy encodings (must be read)"), ("article", "hostile HTML, .docx bomb, broken PDF"),
          ("out-", "output fault (read-only, full disk, device, missing folder, folder, = input, '-')"),
          ("in-unreadable", "unreadable input (no permission)"), ("kill-", "signals (INT, TERM, HUP, KILL)"),
          ("option", "invalid option values")]


@dataclass
class Case:
    name: str
    template: list[str]
    expect: str = "error"  # error: Error: and non-zero; ok: exit 0; any: either, cleanly
    checker: bool = False  # a checker (tmx validate): its finding `FILE: problem` on stdout counts as the message
    nodac: bool = False  # run as root without the permission-override capabilities
    needs_root: bool = False
    kill: tuple[int, float | str] | None = None  # (signal, seconds, or "part": when a temporary file appears)
    after: list[str] | None = None  # a command run after this one, before the checks ({d} as in template)
    setup: Hook | None = None
    teardown: Hook | None = None
    leak: str | None = None  # text that must appear nowhere in stdout/stderr
    check_ok: Callable[[Path, str], str] | None = None
    check_after: Callable[[Path], str] | None = None  # any other harm done, whatever the exit
    changes: tuple[str, ...] = field(default_factory=tuple)  # files that may change (relative to the root)
    keeps_folders: bool = False  # a batch that failed half-way keeps its output folders for --resume

    def argv(self, d: Path, root: Path) -> list[str]:
        return [a.replace("{d}", self.name) for a in self.template]

    def group(self) -> str:
        """The kind of fault, for the summary."""
        head = self.name.split(":")[0]
        for prefix, label in GROUPS:
            if head.startswith(prefix):
                return label
        return "bad input file (missing, folder, FIFO, device, empty, binary, renamed, 50 MB line, bad UTF-8)"

    def shown(self) -> str:
        return "aligner " + " ".join(a.replace("{d}/", "") for a in self.template)

    def may_change(self, name: str) -> bool:
        return name in self.changes or name.startswith("cache/")


# --------------------------------------------------------------------------- inputs

def _write(path: Path, data: bytes | str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)


def _zip(path: Path, members: dict[str, bytes]) -> None:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)


def _tmx(body: str, prologue: str = "", version: str = "1.4", srclang: str = ' srclang="fr"') -> str:
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n{prologue}<tmx version="{version}">\n'
            f'<header creationtool="t" creationtoolversion="1" segtype="sentence" o-tmf="t" adminlang="en"'
            f'{srclang} datatype="plaintext"/>\n<body>\n{body}</body>\n</tmx>\n')


TU = ('<tu><tuv xml:lang="fr"><seg>La sécurité nationale est renforcée. {x}</seg></tuv>'
      '<tuv xml:lang="ar"><seg>تم تعزيز الأمن الوطني. {x}</seg></tuv></tu>\n')

KINDS = ("missing", "dir", "fifo", "devzero", "devurandom", "empty", "nul", "binary", "png", "zip",
         "badutf8", "line50mb")


def hostile(kind: str, suffix: str) -> str:
    """Path (relative to the root) of the hostile input *kind* with *suffix*."""
    if kind == "devzero":
        return "/dev/zero"
    if kind == "devurandom":
        return "/dev/urandom"
    return f"in/h/{kind}{suffix}"


def _make_hostile(root: Path, suffixes: set[str]) -> None:
    h = root / "in" / "h"
    h.mkdir(parents=True)
    rng = random.Random(1234)
    binary = bytes(rng.getrandbits(8) for _ in range(65536))
    big = root / "in" / "line50mb.bin"
    with open(big, "wb") as fh:
        words = "sécurité coopération nationale direction ".encode()
        fh.write(words * (50 * 1024 * 1024 // len(words)))
    bad = FR.read_bytes().replace(b"Belgique", b"Belg\xffique\xfe", 3)
    for suffix in suffixes:
        (h / f"dir{suffix}").mkdir()
        os.mkfifo(h / f"fifo{suffix}")
        _write(h / f"empty{suffix}", b"")
        _write(h / f"nul{suffix}", b"\x00" * 4096)
        _write(h / f"binary{suffix}", binary)
        _write(h / f"png{suffix}", PNG)
        _zip(h / f"zip{suffix}", {"a.txt": b"hello " * 100})
        _write(h / f"badutf8{suffix}", bad)
        os.link(big, h / f"line50mb{suffix}")


def _make_tmx_attacks(root: Path) -> None:
    t = root / "in" / "t"
    t.mkdir()
    _write(root / "in" / "secret.txt", SECRET + "\n")
    secret = (root / "in" / "secret.txt").resolve()
    lol = "".join(f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">' for i in range(1, 10))
    attacks = {
        "bomb": _tmx(TU.format(x="&l9;"), f'<!DOCTYPE tmx [<!ENTITY l0 "lol">{lol}]>\n'),
        "xxe_file": _tmx(TU.format(x="&x;"), f'<!DOCTYPE tmx [<!ENTITY x SYSTEM "file://{secret}">]>\n'),
        "xxe_http": _tmx(TU.format(x="&x;"), '<!DOCTYPE tmx [<!ENTITY x SYSTEM "http://10.255.255.1/x">]>\n'),
        "param_entity": _tmx(TU.format(x="a"), f'<!DOCTYPE tmx [<!ENTITY % p SYSTEM "file://{secret}"> %p;]>\n'),
        "dtd_external": _tmx(TU.format(x="a"), '<!DOCTYPE tmx SYSTEM "http://10.255.255.1/tmx14.dtd">\n'),
        "malformed": _tmx(TU.format(x="a") + "<tu><tuv xml:lang='fr'><seg>oops</tuv></tu>\n"),
        "truncated": _tmx(TU.format(x="a") * 20)[:-300],
        "wrong_version": _tmx(TU.format(x="a"), version="9.9"),
        "missing_langs": _tmx(TU.format(x="a").replace(' xml:lang="fr"', "").replace(' xml:lang="ar"', ""),
                              srclang=""),
        "one_tuv": _tmx('<tu><tuv xml:lang="fr"><seg>Seul.</seg></tuv></tu>\n'),
        "not_tmx_root": '<?xml version="1.0"?>\n<html><body><p>Bonjour.</p></body></html>\n',
        "utf16_tmx": _tmx(TU.format(x="a")).replace('encoding="UTF-8"', 'encoding="UTF-16"'),
    }
    for name, text in attacks.items():
        data = text.encode("utf-16") if name == "utf16_tmx" else text.encode("utf-8")
        _write(t / f"{name}.tmx", data)


def _make_records(root: Path) -> None:
    j = root / "in" / "j"
    lines = SEED_JSONL.read_text("utf-8").splitlines()
    _write(j / "broken_line.jsonl", "\n".join(lines[:3] + [lines[3][: len(lines[3]) // 2]] + lines[4:]) + "\n")
    _write(j / "not_object.jsonl", "\n".join(lines[:2] + ["[1, 2, 3]"] + lines[2:]) + "\n")
    _write(j / "no_header.jsonl", "\n".join(lines[1:]) + "\n")
    _write(j / "huge_ids.jsonl", "\n".join(lines[:1] + [lines[1].replace('"tgt_ids": [0]', '"tgt_ids": [10000000000]')]
                                           + lines[2:]) + "\n")
    g = root / "in" / "g"
    _write(g / "ok.csv", "sécurité nationale,الأمن الوطني|الامن الوطني\nBelgique,بلجيكا\n")
    _write(g / "unclosed_quote.csv", '"sécurité nationale,الأمن الوطني\nBelgique,بلجيكا\n')
    _write(g / "one_column.csv", "sécurité nationale\nBelgique\n")
    _write(g / "latin1.csv", "sécurité,amn\n".encode("latin-1"))
    _write(g / "many_columns.csv", "a,b,c,d,e,f\n" * 1000)
    _write(g / "nul_in_field.csv", "s\x00curit\x00,\x00\n")


def _make_pages(root: Path) -> None:
    p = root / "in" / "p"
    para = "<p>" + FR.read_text("utf-8").split("\n")[3][:600] + "</p>"
    _write(p / "nested10k.html", "<html><body>" + "<div>" * 10000 + para + "</div>" * 10000 + "</body></html>")
    _write(p / "nested200k.html", "<html><body>" + "<div>" * 200000 + para + "</body></html>")
    _write(p / "scripts.html", "<html><head><script>var s='</scr'+'ipt>'; alert(1)</script></head><body>"
           + "<script>" + "x=1;" * 200000 + "</script>" + para * 3 + "<style>p{}</style></body></html>")
    _write(p / "many_attrs.html", '<html><body><p ' + " ".join(f"a{i}='{i}'" for i in range(100000))
           + ">Bonjour la France.</p>" + para + "</body></html>")
    _write(p / "truncated.pdf", b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n" + b"\x00" * 100)
    doc = p / "bomb.docx"
    with zipfile.ZipFile(doc, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/'
                    'package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/>'
                    '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
                    'officedocument.wordprocessingml.document.main+xml"/></Types>')
        zf.writestr("_rels/.rels", '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/'
                    'package/2006/relationships"><Relationship Id="r1" Type="http://schemas.openxmlformats.org/'
                    'officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>')
        with zf.open("word/document.xml", "w") as fh:
            fh.write(b'<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/'
                     b'wordprocessingml/2006/main"><w:body>')
            chunk = b"<w:p><w:r><w:t>La s\xc3\xa9curit\xc3\xa9 est renforc\xc3\xa9e.</w:t></w:r></w:p>" * 10000
            for _ in range(500):  # about 300 MB of XML, under 1 MB zipped
                fh.write(chunk)
            fh.write(b"</w:body></w:document>")


def prepare_inputs(root: Path, cmd: list[str]) -> None:
    """Every shared input under ``root/in``; the cache folder; a TMX made by the CLI itself."""
    inp = root / "in"
    inp.mkdir()
    (root / "cache").mkdir()
    shutil.copy(FR, inp / "fr.txt")
    shutil.copy(AR, inp / "ar.txt")
    shutil.copy(SEED_JSONL, inp / "seed.jsonl")
    shutil.copy(GOLD, inp / "gold.beads")
    fr, ar = FR.read_text("utf-8"), AR.read_text("utf-8")
    _write(inp / "fr_latin1.txt", fr.replace("’", "'").replace("–", "-").encode("latin-1", "replace"))
    _write(inp / "ar_cp1256.txt", ar.encode("cp1256", "replace"))
    _write(inp / "fr_utf16bom.txt", fr.encode("utf-16"))
    _write(inp / "ar_utf16bom.txt", ar.encode("utf-16"))
    _write(inp / "ar_utf16le_nobom.txt", ar.encode("utf-16-le"))
    _write(inp / "fr_utf8bom.txt", fr.encode("utf-8-sig"))
    _write(inp / "fr_crlf.txt", fr.replace("\n", "\r\n"))
    for name, text in (("long_fr.txt", fr), ("long_ar.txt", ar)):  # 200 copies, every line different
        _write(inp / name, "".join("".join(f"{ln} {i}\n" for ln in text.splitlines() if ln.strip())
                                   for i in range(200)))
    ar_lines = [ln for ln in ar.splitlines() if ln.strip()][:10]
    _write(inp / "ref.txt", "\n".join(ar_lines) + "\n")
    _write(inp / "hyp.txt", "\n".join(reversed(ar_lines)) + "\n")
    (inp / "pairdir").mkdir()
    shutil.copy(FR, inp / "pairdir" / "fr.txt")
    shutil.copy(AR, inp / "pairdir" / "ar.txt")
    rows = ["source\ttarget\tscore"] + [f"Phrase numéro {i} sur la sécurité.\tالجملة رقم {i} عن الأمن.\t0.9"
                                        for i in range(400000)]
    _write(inp / "big.tsv", "\n".join(rows) + "\n")
    _make_hostile(root, {".txt", ".html", ".docx", ".pdf", ".odt", ".tmx", ".jsonl", ".beads", ".csv", ".tsv"})
    _make_tmx_attacks(root)
    _make_records(root)
    _make_pages(root)
    env = dict(os.environ, PYTHONPATH=str(REPO))
    subprocess.run(cmd + ["tmx", "convert", "in/seed.jsonl", "-o", "in/seed.tmx"], cwd=root, env=env, check=True,
                   capture_output=True)
    shutil.copy(inp / "seed.tmx", inp / "seed2.tmx")
    for p in [inp] + list(inp.rglob("*")):
        if p.is_file() and not p.is_symlink():
            os.chmod(p, 0o644)


# --------------------------------------------------------------------------- cases

X = "{X}"
#: Commands with one input slot X: name, command line, the suffixes X is tried with.
INPUT_SLOTS: list[tuple[str, list[str], tuple[str, ...]]] = [
    ("align-src", ["align", X, "in/ar.txt", "-o", "{d}/o.tmx", "--no-refine"], (".txt", ".html", ".docx", ".pdf", ".odt")),
    ("align-tgt", ["align", "in/fr.txt", X, "-o", "{d}/o.tsv", "--no-refine"], (".txt",)),
    ("align-presplit", ["align", "--pre-split", X, "in/ar.txt", "-o", "{d}/o.jsonl"], (".txt",)),
    ("qa", ["qa", X], (".tmx", ".jsonl")),
    ("qa-glossary", ["qa", "in/seed.tmx", "--glossary", X], (".csv",)),
    ("report", ["report", X, "-o", "{d}/r.html"], (".jsonl",)),
    ("edit-export", ["edit", X, "--export", "{d}/e.tmx", "--include", "all"], (".jsonl",)),
    ("eval-gold", ["eval", X, "in/gold.beads"], (".beads",)),
    ("eval-pred", ["eval", "in/gold.beads", X], (".beads",)),
    ("mt-eval-hyp", ["mt-eval", "--hyp", X, "--ref", "in/ref.txt"], (".txt",)),
    ("mt-eval-ref", ["mt-eval", "--hyp", "in/hyp.txt", "--ref", X], (".txt",)),
    ("mt-eval-src", ["mt-eval", "--hyp", "in/hyp.txt", "--ref", "in/ref.txt", "--src", X], (".txt",)),
    ("tmx-convert", ["tmx", "convert", X, "-o", "{d}/c.tsv"], (".tmx",)),
    ("tmx-convert-tsv", ["tmx", "convert", X, "-o", "{d}/c.tmx"], (".tsv", ".jsonl")),
    ("tmx-filter", ["tmx", "filter", X, "-o", "{d}/f.tmx", "--min-score", "0.5"], (".tmx",)),
    ("tmx-merge", ["tmx", "merge", "in/seed.tmx", X, "-o", "{d}/m.tmx"], (".tmx",)),
    ("tmx-split", ["tmx", "split", X, "-o", "{d}/s.tmx", "--split-size", "1MB"], (".tmx",)),
    ("tmx-stats", ["tmx", "stats", X], (".tmx",)),
    ("tmx-validate", ["tmx", "validate", X], (".tmx",)),
    ("pair", ["pair", X, "in/ar.txt"], (".txt",)),
    ("batch-in", ["batch", X, "-o", "{d}/b"], (".jsonl",)),
]


def _fill(template: list[str], value: str) -> list[str]:
    return [value if a == X else a for a in template]


def _expect(slot: str, kind: str, suffix: str) -> str:
    if slot == "pair":
        return "any"  # a bad document is listed as unpaired
    if kind == "badutf8" and slot.startswith("align") and suffix in (".txt", ".html"):
        return "any"  # articles: the encoding is guessed, or refused with the candidates
    if kind == "line50mb" and slot.startswith("align") and suffix in (".txt", ".html"):
        return "any"  # a legal, if odd, article
    if kind == "empty" and slot in ("eval-pred", "qa-glossary"):
        return "any"
    return "error"


def _input_cases() -> list[Case]:
    cases = []
    for slot, template, suffixes in INPUT_SLOTS:
        for suffix in suffixes:
            kinds = KINDS if suffix == suffixes[0] else ("empty", "nul", "png", "zip", "binary")
            for kind in kinds:
                if kind in ("devzero", "devurandom", "missing", "dir", "fifo") and suffix != suffixes[0]:
                    continue
                name = f"{slot}:{kind}{suffix if suffix != suffixes[0] else ''}"
                cases.append(Case(name, _fill(template, hostile(kind, suffix)), _expect(slot, kind, suffix),
                                  checker=slot == "tmx-validate"))
    return cases


TMX_COMMANDS = [("qa", ["qa", X]), ("convert", ["tmx", "convert", X, "-o", "{d}/c.jsonl"]),
                ("filter", ["tmx", "filter", X, "-o", "{d}/f.tmx"]),
                ("merge", ["tmx", "merge", X, "in/seed.tmx", "-o", "{d}/m.tmx"]),
                ("split", ["tmx", "split", X, "-o", "{d}/s.tmx", "--split-size", "1MB"]),
                ("stats", ["tmx", "stats", X]), ("validate", ["tmx", "validate", X])]
TMX_ATTACKS = {"bomb": "error", "xxe_file": "error", "xxe_http": "error", "param_entity": "error",
               "dtd_external": "any", "malformed": "error", "truncated": "error", "wrong_version": "any",
               "missing_langs": "any", "one_tuv": "any", "not_tmx_root": "error", "utf16_tmx": "any"}


def _tmx_cases() -> list[Case]:
    return [Case(f"tmx-{attack}:{cmd}", _fill(t, f"in/t/{attack}.tmx"), expect, leak=SECRET,
                 checker=cmd == "validate")
            for attack, expect in TMX_ATTACKS.items() for cmd, t in TMX_COMMANDS]


def _record_cases() -> list[Case]:
    cmds = [("qa", ["qa", X]), ("report", ["report", X, "-o", "{d}/r.html"]),
            ("edit-export", ["edit", X, "--export", "{d}/e.tsv", "--include", "all"]),
            ("convert", ["tmx", "convert", X, "-o", "{d}/c.tmx"])]
    cases = [Case(f"jsonl-{bad}:{cmd}", _fill(t, f"in/j/{bad}.jsonl"), "error")
             for bad in ("broken_line", "not_object", "huge_ids") for cmd, t in cmds]
    cases += [Case(f"jsonl-no_header:{cmd}", _fill(t, "in/j/no_header.jsonl"), "any") for cmd, t in cmds]
    glossaries = {"unclosed_quote": "any", "one_column": "any", "latin1": "error", "many_columns": "any",
                  "nul_in_field": "any"}
    cases += [Case(f"glossary-{g}", ["qa", "in/seed.tmx", "--glossary", f"in/g/{g}.csv"], e)
              for g, e in glossaries.items()]
    return cases


def _contains(*words: str) -> Callable[[Path, str], str]:
    def check(d: Path, stdout: str) -> str:
        text = "".join(p.read_text("utf-8", "replace") for p in d.iterdir() if p.is_file()) + stdout
        missing = [w for w in words if w not in text]
        return f"read wrongly: {', '.join(missing)} not in the output" if missing else ""
    return check


def _article_cases() -> list[Case]:
    ok = _contains("sécurité", "الأمن")
    cases = [
        Case("encoding:latin1+cp1256", ["align", "in/fr_latin1.txt", "in/ar_cp1256.txt", "-o", "{d}/o.tsv"], "ok",
             check_ok=ok),
        Case("encoding:utf16-bom", ["align", "in/fr_utf16bom.txt", "in/ar_utf16bom.txt", "-o", "{d}/o.tsv"], "ok",
             check_ok=ok),
        Case("encoding:utf16le-no-bom", ["align", "in/fr.txt", "in/ar_utf16le_nobom.txt", "-o", "{d}/o.tsv"], "ok",
             check_ok=ok),
        Case("encoding:utf8-bom+crlf", ["align", "in/fr_utf8bom.txt", "in/ar.txt", "-o", "{d}/o.tsv"], "ok",
             check_ok=ok),
        Case("encoding:crlf", ["align", "in/fr_crlf.txt", "in/ar.txt", "-o", "{d}/o.tsv"], "ok", check_ok=ok),
    ]
    for page in ("nested10k.html", "nested200k.html", "scripts.html", "many_attrs.html", "bomb.docx",
                 "truncated.pdf"):
        cases.append(Case(f"article:{page}", ["align", f"in/p/{page}", "in/ar.txt", "-o", "{d}/o.tsv", "--no-refine"],
                          "error" if page == "truncated.pdf" else "any"))
    return cases


def _chmod(path: str, mode: int) -> Hook:
    def hook(d: Path, root: Path) -> None:
        p = d / path
        if mode == 0o555 and not p.exists():
            p.mkdir()
            (p / "PREVIOUS").write_text("previous output\n")
        os.chmod(p, mode)
    return hook


def _mount(path: str, opts: str, fill: bool = False) -> Hook:
    def hook(d: Path, root: Path) -> None:
        (d / path).mkdir()
        subprocess.run(["mount", "-t", "tmpfs", "-o", opts, "tmpfs", str(d / path)], check=True)
        if fill:
            try:
                with open(d / path / "filler", "wb") as fh:
                    while True:
                        fh.write(b"\0" * 4096)
                        fh.flush()
            except OSError:
                pass
    return hook


def _umount(path: str) -> Hook:
    def hook(d: Path, root: Path) -> None:
        subprocess.run(["umount", "-l", str(d / path)], capture_output=True)
    return hook


def _copy_in(name: str) -> Hook:
    def hook(d: Path, root: Path) -> None:
        if (root / "in" / name).is_dir():
            shutil.copytree(root / "in" / name, d / name)
        else:
            shutil.copy(root / "in" / name, d / name)
    return hook


def _mknod_full(d: Path, root: Path) -> None:
    """A private /dev/full (char 1,7) in the case folder: a writer that replaced it harms nothing."""
    os.mknod(d / "full", 0o666 | stat.S_IFCHR, os.makedev(1, 7))


def _still_device(d: Path) -> str:
    p = d / "full" if os.geteuid() == 0 else Path("/dev/full")
    return "" if stat.S_ISCHR(p.lstat().st_mode) else f"{p} (the device) replaced by a regular file"


def _no_dash(d: Path) -> str:
    """``-o -`` never leaves a file or folder named ``-`` (commands run in the battery's root)."""
    p = d.parent / "-"
    return f"{p} written: a file or folder named '-'" if p.exists() else ""


def _mkdir(path: str) -> Hook:
    def hook(d: Path, root: Path) -> None:
        (d / path).mkdir(parents=True)
    return hook


def _both(*hooks: Hook) -> Hook:
    def hook(d: Path, root: Path) -> None:
        for h in hooks:
            h(d, root)
    return hook


#: Commands that write: name, command line with {I} the main input (a file of in/) and {O} the output.
WRITERS: list[tuple[str, list[str], str, str]] = [
    ("align", ["align", "{I}", "in/ar.txt", "-o", "{O}", "--no-refine"], "fr.txt", "o.tmx"),
    ("align--report", ["align", "{I}", "in/ar.txt", "-o", "{d}/ok.tsv", "--report", "{O}", "--no-refine"],
     "fr.txt", "r.html"),
    ("align--low-confidence-out", ["align", "{I}", "in/ar.txt", "-o", "{d}/ok.tmx", "--min-confidence", "0.99",
                                   "--low-confidence-out", "{O}", "--no-refine"], "fr.txt", "low.tmx"),
    ("batch", ["batch", "{I}", "-o", "{O}", "--no-refine"], "pairdir", "b"),
    ("qa", ["qa", "{I}", "--format", "html", "-o", "{O}"], "seed.tmx", "qa.html"),
    ("report", ["report", "{I}", "-o", "{O}"], "seed.jsonl", "r.html"),
    ("edit-export", ["edit", "{I}", "--export", "{O}", "--include", "all"], "seed.jsonl", "e.jsonl"),
    ("tmx-convert", ["tmx", "convert", "{I}", "-o", "{O}"], "seed.tmx", "c.jsonl"),
    ("tmx-filter", ["tmx", "filter", "{I}", "-o", "{O}"], "seed.tmx", "f.tmx"),
    ("tmx-merge", ["tmx", "merge", "{I}", "in/seed2.tmx", "-o", "{O}"], "seed.tmx", "m.tmx"),
    ("tmx-split", ["tmx", "split", "{I}", "-o", "{O}", "--split-size", "4KB"], "seed.tmx", "s.tmx"),
]


def _output_cases() -> list[Case]:
    cases = []
    for name, template, inp, out in WRITERS:
        def make(fault: str, o: str, i: str = f"in/{inp}", name: str = name, template: list[str] = template,
                 **kw: object) -> Case:
            argv = [a.replace("{I}", i).replace("{O}", o) for a in template]
            return Case(f"out-{fault}:{name}", argv, "error", **kw)  # type: ignore[arg-type]
        cases += [
            make("chmod555", f"{{d}}/ro/{out}", nodac=True, needs_root=True, setup=_chmod("ro", 0o555),
                 teardown=_chmod("ro", 0o755)),
            make("ro-mount", f"{{d}}/ro/{out}", needs_root=True, setup=_mount("ro", "ro,size=64k"),
                 teardown=_umount("ro")),
            make("disk-full", f"{{d}}/full/{out}", needs_root=True, setup=_mount("full", "size=64k", fill=True),
                 teardown=_umount("full"), keeps_folders=name == "batch"),
            make("dev-full", "{d}/full" if os.geteuid() == 0 else "/dev/full",
                 setup=_mknod_full if os.geteuid() == 0 else None, check_after=_still_device),
            make("no-such-dir", f"{{d}}/nope/{out}") if name != "batch" else  # batch makes its folder
            Case("out-no-such-dir:batch", [a.replace("{I}", "in/pairdir").replace("{O}", "{d}/nope/b")
                                           for a in template], "any"),
            make("is-a-dir" if name != "batch" else "is-a-file", f"{{d}}/x/{out}",
                 setup=_mkdir(f"x/{out}") if name != "batch" else (lambda d, r: (d / "x").mkdir()
                                                                    or (d / "x" / "b").write_text("x"))),
            make("same-as-input", f"{{d}}/{inp}", i=f"{{d}}/{inp}", setup=_copy_in(inp))
            if name != "batch" else make("same-as-input", "{d}/pairdir", i="{d}/pairdir",
                                         setup=lambda d, r: shutil.copytree(r / "in/pairdir", d / "pairdir")),
            # `-o -`: standard output where a line format or a report can go there, refused elsewhere
            Case(f"out-dash:{name}", [a.replace("{I}", f"in/{inp}").replace("{O}", "-") for a in template],
                 "ok" if name in ("align", "qa") else "error", check_after=_no_dash),
        ]
    cases.append(Case("in-unreadable:align", ["align", "{d}/fr.txt", "in/ar.txt", "-o", "{d}/o.tsv"], "error",
                      nodac=True, needs_root=True, setup=_both(_copy_in("fr.txt"), _chmod("fr.txt", 0o000))))
    cases.append(Case("in-unreadable:qa", ["qa", "{d}/seed.tmx"], "error", nodac=True, needs_root=True,
                      setup=_both(_copy_in("seed.tmx"), _chmod("seed.tmx", 0o000))))
    cases.append(Case("in-unreadable-dir:batch", ["batch", "{d}/pd", "-o", "{d}/b"], "error", nodac=True,
                      needs_root=True, setup=lambda d, r: (shutil.copytree(r / "in/pairdir", d / "pd"),
                                                           os.chmod(d / "pd", 0))))  # type: ignore[func-returns-value]
    return cases


def _signal_cases() -> list[Case]:
    long = ["align", "in/long_fr.txt", "in/long_ar.txt", "-o", "{d}/long.tmx", "--report", "{d}/long.html",
            "--no-cache"]
    conv = ["tmx", "convert", "in/big.tsv", "-o", "{d}/big.tmx"]
    cases = [Case(f"kill-align:{s.name}@4s", long, "error", kill=(s, 4.0))
             for s in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP, signal.SIGKILL)]
    cases += [Case(f"kill-convert:{s.name}@write", conv, "error", kill=(s, "part"))
              for s in (signal.SIGINT, signal.SIGTERM)]
    cases.append(Case("kill-convert:SIGKILL@write+next-write", conv, "error", kill=(signal.SIGKILL, "part"),
                      after=["tmx", "convert", "in/seed.tmx", "-o", "{d}/next.tsv"]))
    return cases


def _option_cases() -> list[Case]:
    a = ["align", "in/fr.txt", "in/ar.txt", "-o", "{d}/o.tmx"]
    bad = [
        (a + ["--max-bead", "-1"]), (a + ["--max-bead", "0"]), (a + ["--max-bead", "100000"]),
        (a + ["--encoder", "nosuch"]), (a + ["--encoder", "laser"]), (a + ["--src-lang", "xx"]),
        (a + ["--src-lang", "fr_FR"]), (a + ["--tgt-lang", ""]), (a + ["--src-lang", "ar", "--tgt-lang", "fr"]),
        (a + ["--split-size", "-5MB"]), (a + ["--split-size", "abc"]), (a + ["--split-size", "0"]),
        (a + ["--min-confidence", "2"]), (a + ["--min-confidence", "nan"]), (a + ["--min-confidence", "-0.5"]),
        (a + ["--tmx-langs", "garbage"]), (a + ["--tmx-langs", "fr,ar,de"]), (a + ["--cat-profile", "nosuch"]),
        (a + ["--format", "nosuch"]), (["align", "in/fr.txt", "in/ar.txt", "-o", "{d}/o.docx"]),
        (a + ["--laser-dir", "in/fr.txt"]), (a + ["--cache-dir", "in/fr.txt"]), (a + ["--edit"]),
        (["batch", "in/pairdir", "-o", "{d}/b", "--jobs", "-1"]), (["batch", "in/fr.txt", "-o", "{d}/b"]),
        (["batch", "in/pairdir", "-o", "{d}/b", "--engine", "ray", "--address", "127.0.0.1:1"]),
        (["mt-eval", "--hyp", "in/hyp.txt", "--ref", "in/long_ar.txt"]), (["mt-eval", "--hyp", "in/hyp.txt", "--ref",
                                                                      "in/ref.txt", "--worst", "-1"]),
        (["edit", "in/seed.jsonl", "--port", "70000", "--no-browser"]), (["edit", "in/seed.tmx", "--export", "{d}/e.tmx"]),
        (["edit", "in/seed.jsonl", "--export", "{d}/e.docx"]), (["qa", "in/seed.tmx", "--format", "pdf"]),
        (["tmx", "filter", "in/seed.tmx", "-o", "{d}/f.tmx", "--min-score", "nan"]),
        (["tmx", "split", "in/seed.tmx", "-o", "{d}/s.tmx", "--split-size", "0"]),
        (["tmx", "split", "in/seed.tmx", "-o", "{d}/s.tmx", "--split-size", "-1"]),
        (["tmx", "split", "in/seed.tmx", "-o", "{d}/s.tmx", "--split-size", "10"]),
        (["tmx", "convert", "in/seed.tmx", "-o", "{d}/c.docx"]), (["tmx", "merge", "-o", "{d}/m.tmx"]),
        (["eval", "in/gold.beads"]), (["eval", "in/gold.beads", "in/seed.jsonl"]),
        (["models", "download", "nosuch"]), (["models", "--laser-dir", "in/fr.txt"]),
        (["pair", "in/fr.txt"]), (["report", "in/seed.tmx", "-o", "{d}/r.html"]),
    ]
    cases = []
    for i, argv in enumerate(bad):
        shown = argv[len(a):] if argv[:len(a)] == a and len(argv) > len(a) else argv[:2]
        expect = "any" if "100000" in argv or argv[0] == "pair" else "error"  # pair of one file: no pair
        cases.append(Case(f"option{i:02d}:{'_'.join(shown).replace('/', '_')}", argv, expect))
    return cases


def all_cases() -> list[Case]:
    return (_input_cases() + _tmx_cases() + _record_cases() + _article_cases() + _output_cases()
            + _signal_cases() + _option_cases())
