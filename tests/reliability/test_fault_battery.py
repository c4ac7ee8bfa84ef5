"""Regressions found by the fault battery (scripts/fault_battery.py, docs/reliability.md#fault-battery).

* an output that is a device or a FIFO was renamed over (as root, ``-o /dev/full`` replaced the
  device by a regular file, and the command said it succeeded);
* ``align -o x.tmx --report r.html`` on a disk that filled up while writing the review left the TMX;
* a glossary with a field over csv's limit ended in a traceback;
* ``batch`` given a device ran and exited 0, made its output folder before refusing a bad
  manifest, and wrote into its own input folder;
* a .docx whose XML unpacks to 300 MB (under 1 MB zipped) ran for minutes.
"""

from __future__ import annotations

import errno
import io
import os
import stat
import zipfile
from pathlib import Path

import pytest

from aligner.errors import InputError, OutputError
from aligner.io import atomic, office

from .conftest import Snapshot, assert_clean_error, leftovers, run
from .test_hostile import tmx_text

ALIGN = ["--encoder", "standin", "--no-cache", "-q"]


def _inputs(tmp: Path) -> dict[str, Path]:
    tmx = tmp / "in.tmx"
    tmx.write_text(tmx_text(), encoding="utf-8")
    jsonl = tmp / "in.jsonl"
    jsonl.write_text('{"type": "bead", "src_ids": [0], "tgt_ids": [0], "source": "Le 5 mai.", '
                     '"target": "في 5 ماي.", "confidence": 0.9, "status": "accepted"}\n', encoding="utf-8")
    return {"tmx": tmx, "jsonl": jsonl}


WRITERS = {
    "report": ["report", "{jsonl}", "-o", "{out}"],
    "qa": ["qa", "{tmx}", "-o", "{out}"],
    "convert": ["tmx", "convert", "{tmx}", "-o", "{out}"],
    "filter": ["tmx", "filter", "{tmx}", "-o", "{out}"],
    "merge": ["tmx", "merge", "{tmx}", "-o", "{out}"],
    "split": ["tmx", "split", "{tmx}", "-o", "{out}", "--split-size", "4kB"],
    "edit-export": ["edit", "{jsonl}", "--export", "{out}", "--include", "all"],
    "align--report": ["align", "{fr}", "{ar}", "-o", "{tmp}/x.tsv", "--report", "{out}", *ALIGN],
    "align--low": ["align", "{fr}", "{ar}", "-o", "{tmp}/x.tsv", "--min-confidence", "0.99",
                   "--low-confidence-out", "{out}", *ALIGN],
}


def _special(tmp: Path, kind: str) -> Path:
    out = tmp / "special"
    if kind == "fifo":
        os.mkfifo(out)
    else:
        if os.geteuid() != 0:
            pytest.skip("making a device node needs root")
        os.mknod(out, 0o666 | stat.S_IFCHR, os.makedev(1, 7))  # a private /dev/full
    return out


@pytest.mark.parametrize("kind", ["fifo", "device"])
@pytest.mark.parametrize("command", sorted(WRITERS))
def test_output_that_is_a_device_or_fifo_is_refused(command: str, kind: str, tmp_path: Path,
                                                     pair: tuple[Path, Path]) -> None:
    out = _special(tmp_path, kind)
    values = {**_inputs(tmp_path), "fr": pair[0], "ar": pair[1], "tmp": tmp_path, "out": out}
    before = Snapshot.of(tmp_path)
    res = run([a.format(**values) for a in WRITERS[command]])
    assert_clean_error(res, out)
    assert "not a regular file" in res.output
    mode = out.lstat().st_mode
    assert stat.S_ISFIFO(mode) if kind == "fifo" else stat.S_ISCHR(mode)  # still what it was
    before.assert_unchanged(tmp_path)
    assert not leftovers(tmp_path)


def test_atomic_writer_refuses_a_device(tmp_path: Path) -> None:
    out = _special(tmp_path, "fifo")
    with pytest.raises(OutputError, match="FIFO"):
        atomic.write_text_atomic(out, "x")
    assert stat.S_ISFIFO(out.lstat().st_mode)


def test_output_set_all_or_nothing(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("previous a")
    with pytest.raises(RuntimeError), atomic.output_set():
        atomic.write_text_atomic(tmp_path / "a.txt", "new a")
        atomic.write_text_atomic(tmp_path / "b.txt", "new b")
        assert (tmp_path / "a.txt").read_text() == "previous a"  # nothing appears before the set ends
        raise RuntimeError("the third output failed")
    assert (tmp_path / "a.txt").read_text() == "previous a"
    assert not (tmp_path / "b.txt").exists()
    assert not leftovers(tmp_path)
    with atomic.output_set():
        with atomic.output_set():  # nested: joins the outer set
            atomic.write_text_atomic(tmp_path / "b.txt", "new b")
        assert not (tmp_path / "b.txt").exists()
        atomic.write_text_atomic(tmp_path / "a.txt", "new a")
    assert (tmp_path / "a.txt").read_text() == "new a" and (tmp_path / "b.txt").read_text() == "new b"
    assert not leftovers(tmp_path)


def test_align_report_on_a_full_disk_leaves_no_tmx(tmp_path: Path, pair: tuple[Path, Path], monkeypatch) -> None:
    real = atomic.AtomicFile.write

    def enospc(self, data):  # type: ignore[no-untyped-def]
        if self.path.name == "r.html":
            self.discard()
            raise atomic.output_error(self.path, OSError(errno.ENOSPC, "No space left on device"))
        return real(self, data)

    monkeypatch.setattr(atomic.AtomicFile, "write", enospc)
    before = Snapshot.of(tmp_path)
    res = run(["align", pair[0], pair[1], "-o", tmp_path / "x.tmx", "--report", tmp_path / "r.html", *ALIGN])
    assert_clean_error(res, tmp_path / "r.html")
    assert "disk is full" in res.output
    before.assert_unchanged(tmp_path)  # no x.tmx alone
    assert not leftovers(tmp_path)


def test_glossary_field_over_the_csv_limit(tmp_path: Path) -> None:
    src = _inputs(tmp_path)["tmx"]
    glossary = tmp_path / "g.csv"
    glossary.write_text("sécurité,الأمن\n" + "x" * 200_000 + ",y\n", encoding="utf-8")
    res = run(["qa", src, "--glossary", glossary])
    assert_clean_error(res, glossary)
    assert "line 2" in res.output and "not a CSV row" in res.output


@pytest.mark.parametrize("bad", ["device", "missing-manifest", "empty-manifest", "binary-manifest", "file"])
def test_batch_bad_input_is_refused_before_the_output_folder_exists(bad: str, tmp_path: Path) -> None:
    target = {"device": Path("/dev/zero"), "missing-manifest": tmp_path / "nope.jsonl",
              "empty-manifest": tmp_path / "empty.jsonl", "binary-manifest": tmp_path / "bin.jsonl",
              "file": tmp_path / "fr.txt"}[bad]
    if bad == "empty-manifest":
        target.write_bytes(b"")
    elif bad == "binary-manifest":
        target.write_bytes(bytes(range(256)) * 4)
    elif bad == "file":
        target.write_text("Le 5 mai, la police a annoncé une visite.\n", encoding="utf-8")
    res = run(["batch", target, "-o", tmp_path / "out", *ALIGN])
    assert_clean_error(res, target)
    assert not (tmp_path / "out").exists()


def test_batch_never_writes_into_its_input_folder(tmp_path: Path, pair: tuple[Path, Path]) -> None:
    folder = pair[0].parent
    before = Snapshot.of(folder)
    res = run(["batch", folder, "-o", folder, *ALIGN])
    assert_clean_error(res, folder)
    assert "it is the input folder" in res.output
    before.assert_unchanged(folder)
    assert not (folder / "pairs").exists()


def _docx(path: Path, paragraphs: int) -> None:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        with zf.open("word/document.xml", "w") as fh:
            fh.write(b'<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/'
                     b'wordprocessingml/2006/main"><w:body>')
            for _ in range(paragraphs // 1000):
                fh.write(b"<w:p><w:r><w:t>La s\xc3\xa9curit\xc3\xa9 est renforc\xc3\xa9e.</w:t></w:r></w:p>" * 1000)
            fh.write(b"</w:body></w:document>")


def test_docx_bomb_is_refused_before_parsing(tmp_path: Path, pair: tuple[Path, Path], monkeypatch) -> None:
    monkeypatch.setattr(office, "MAX_XML_BYTES", 1024 * 1024)
    bomb = tmp_path / "bomb.docx"
    _docx(bomb, 30_000)  # about 2 MB of XML, 10 kB zipped
    assert bomb.stat().st_size < 100_000
    with pytest.raises(InputError, match="unpack"):
        office.check_package(bomb.read_bytes(), ".docx", str(bomb))
    res = run(["align", bomb, pair[1], "-o", tmp_path / "x.tsv", *ALIGN])
    assert_clean_error(res, bomb)
    assert not (tmp_path / "x.tsv").exists()


def test_package_with_too_many_parts(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(office, "MAX_MEMBERS", 10)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for i in range(11):
            zf.writestr(f"p{i}.xml", "<a/>")
    with pytest.raises(InputError, match="parts"):
        office.check_package(buf.getvalue(), ".odt", "x.odt")


def _closed_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_unreachable_ray_address_fails_at_once(tmp_path: Path, pair: tuple[Path, Path]) -> None:
    """Ray retried an address nobody answers on for minutes (the battery's 60 s bound: a hang)."""
    from aligner.corpus.ray_engine import RayEngineError, check_reachable

    address = f"127.0.0.1:{_closed_port()}"
    with pytest.raises(RayEngineError, match="cannot reach"):
        check_reachable(address)
    with pytest.raises(RayEngineError, match="cannot reach"):
        check_reachable("ray://" + address)
    check_reachable("auto")  # left to Ray
    res = run(["batch", pair[0].parent, "-o", tmp_path / "out", "--engine", "ray", "--address", address, *ALIGN])
    assert_clean_error(res, None)
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("args", [["mt-eval", "--hyp", "{fr}", "--ref", "{fr}", "--worst", "-1"],
                                  ["tmx", "filter", "{tmx}", "-o", "{tmp}/f.tmx", "--min-score", "nan"],
                                  ["batch", "{tmp}", "-o", "{tmp}/out", "--jobs", "-1"]])
def test_invalid_option_values_are_refused(args: list[str], tmp_path: Path, pair: tuple[Path, Path]) -> None:
    values = {**_inputs(tmp_path), "fr": pair[0], "tmp": tmp_path}
    before = Snapshot.of(tmp_path)
    res = run([a.format(**values) for a in args])
    assert "Traceback" not in res.output
    assert res.exit_code in (1, 2) and "Error: " in res.output, res.output
    before.assert_unchanged(tmp_path)
