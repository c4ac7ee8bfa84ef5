"""The editing session (save, resume, undo, export), the editor server's guards, and `aligner edit`."""

from __future__ import annotations

import hashlib
import http.client
import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from aligner.align.evaluate import parse_beads
from aligner.cli import main
from aligner.errors import InputError
from aligner.review.edit import EditError, Merge, SetState, SetText, Unalign
from aligner.review.server import TOKEN_HEADER, make_server
from aligner.review.session import EditSession, edited_path
from aligner.tmx.writer import validate_dtd

from .conftest import FIXTURES

SEED = FIXTURES / "editor" / "seed.jsonl"
GOLD = FIXTURES / "editor" / "seed-gold.beads"


@pytest.fixture
def pair(tmp_path: Path) -> Path:
    path = tmp_path / "seed.jsonl"
    shutil.copy(SEED, path)
    return path


def beads_of(path: Path) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        rec = json.loads(line)
        if rec.get("type") == "bead":
            out.append((tuple(rec["src_ids"]), tuple(rec["tgt_ids"])))
    return out


def correct_seed(session: EditSession) -> None:
    """The corrections of the seed pair, as the browser test makes them with keys."""
    session.apply(Merge(5))
    session.apply(Merge(5))
    session.apply(Merge(9, with_next=False))
    session.apply(Unalign(12, "tgt"))
    session.apply(Unalign(13, "tgt"))


def test_session_saves_every_edit_and_leaves_the_original(pair: Path):
    before = hashlib.sha256(pair.read_bytes()).hexdigest()
    session = EditSession(pair, user="amina", rescore=False)
    correct_seed(session)
    saved = edited_path(pair)
    assert saved.name == "seed.edited.jsonl"
    assert beads_of(saved) == parse_beads(GOLD.read_text(encoding="utf-8"))
    assert hashlib.sha256(pair.read_bytes()).hexdigest() == before
    records = [json.loads(line) for line in saved.read_text(encoding="utf-8").splitlines()]
    edited = [r for r in records if r.get("type") == "bead" and r["state"] == "edited"]
    assert edited and all(r["by"] == "amina" and r["at"].endswith("Z") for r in edited)
    assert sum(r.get("type") == "dropped" for r in records) == 7  # boilerplate lines kept


def test_undo_redo_and_resume(pair: Path):
    session = EditSession(pair, rescore=False)
    original = session.alignment
    correct_seed(session)
    corrected = session.alignment
    for _ in range(5):
        session.undo()
    assert session.alignment == original
    with pytest.raises(EditError, match="nothing to undo"):
        session.undo()
    session.redo()
    session.apply(SetState(1, "accepted"))
    with pytest.raises(EditError, match="nothing to redo"):
        session.redo()
    session.set_cursor(7)
    session.apply(SetText("src", 0, "Abdellatif Hammouchi, directeur général, a effectué jeudi une visite."))
    again = EditSession(pair, rescore=False)  # reopening resumes
    assert again.resumed and again.alignment == session.alignment and again.cursor == 1
    assert again.alignment.src[0].original.startswith("Abdellatif HAMMOUCHI")
    assert again.alignment != corrected


def test_resume_refuses_edits_of_another_original(pair: Path):
    EditSession(pair, rescore=False).apply(Merge(5))
    pair.write_text(pair.read_text(encoding="utf-8").replace("Cette visite", "Ce voyage"), encoding="utf-8")
    with pytest.raises(InputError, match="another version"):
        EditSession(pair, rescore=False)


def test_export_tmx_tsv_jsonl(pair: Path, tmp_path: Path):
    session = EditSession(pair, user="amina", rescore=False)
    correct_seed(session)
    session.apply(SetState(1, "accepted"))
    session.apply(SetState(2, "rejected"))
    tmx = tmp_path / "out.tmx"
    assert session.export(tmx) == 4  # three edited + one accepted
    assert validate_dtd(tmx) == []
    text = tmx.read_text(encoding="utf-8")
    assert text.count("<tu ") == 4 and '<prop type="x-reviewed">accepted</prop>' in text
    assert '<prop type="x-reviewed-by">amina</prop>' in text
    assert session.export(tmp_path / "all.tsv", include="all") == 9  # 10 gold units but one rejected
    lines = (tmp_path / "all.tsv").read_text(encoding="utf-8").splitlines()
    assert lines[0].split("\t")[3] == "state" and len(lines) == 10
    assert session.export(tmp_path / "out.jsonl") == 4
    assert len(beads_of(tmp_path / "out.jsonl")) == 4


def test_old_jsonl_without_sentence_lists(pair: Path, tmp_path: Path):
    """Units of several sentences are segmented again; where that does not give them back, the fix is said."""
    def strip(keep: set[int]) -> Path:
        old = tmp_path / f"old{len(keep)}.jsonl"
        lines = []
        for n, line in enumerate(pair.read_text(encoding="utf-8").splitlines()):
            rec = json.loads(line)
            if n not in keep:
                rec.pop("src_sents", None)
                rec.pop("tgt_sents", None)
            lines.append(json.dumps(rec, ensure_ascii=False))
        old.write_text("\n".join(lines) + "\n", encoding="utf-8")
        return old

    list_unit = 11  # [8]:[11, 12, 13, 14]: bullets without a line break do not split back
    same = EditSession(strip({list_unit}), rescore=False).alignment
    assert same == EditSession(pair, rescore=False).alignment
    with pytest.raises(InputError, match="align the pair again"):
        EditSession(strip(set()), rescore=False)


def _request(port: int, method: str, path: str, headers: dict[str, str] | None = None,
             body: dict | None = None) -> tuple[int, bytes, http.client.HTTPResponse]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    data = json.dumps(body).encode() if body is not None else None
    conn.request(method, path, body=data, headers=headers or {})
    res = conn.getresponse()
    return res.status, res.read(), res


@pytest.fixture
def server(pair: Path):
    srv = make_server(EditSession(pair, rescore=False))
    srv.start_thread()
    yield srv
    srv.stop()


def test_server_refuses_requests_without_the_token(server):
    assert server.httpd.server_address[0] == "127.0.0.1"
    port = server.port
    status, body, _ = _request(port, "GET", "/")
    assert status == 403 and b"<html" not in body and b"HAMMOUCHI" not in body
    assert _request(port, "GET", "/?token=wrong")[0] == 403
    assert _request(port, "GET", "/api/state")[0] == 403
    assert _request(port, "POST", "/api/edit", body={"op": "merge", "unit": 5})[0] == 403
    assert _request(port, "POST", "/api/edit", {TOKEN_HEADER: "wrong"}, {"op": "merge", "unit": 5})[0] == 403
    # another site's page or a rebound DNS name, even with the token
    good = {TOKEN_HEADER: server.token}
    assert _request(port, "POST", "/api/edit", {**good, "Origin": "http://evil.example"},
                    {"op": "merge", "unit": 5})[0] == 403
    assert _request(port, "GET", "/api/state", {**good, "Host": f"evil.example:{port}"})[0] == 403
    assert server.session.undo_stack == []  # nothing was applied


def test_server_serves_the_page_and_applies_edits(server):
    port, good = server.port, {TOKEN_HEADER: server.token}
    status, body, res = _request(port, "GET", f"/?token={server.token}")
    assert status == 200
    policy = res.getheader("Content-Security-Policy")
    assert policy.startswith("default-src 'none'") and "connect-src 'self'" in policy
    assert "unsafe-inline" not in policy and "frame-ancestors 'none'" in policy
    page = body.decode()
    assert " on" + "click=" not in page and "HAMMOUCHI" in page
    status, body, _ = _request(port, "POST", "/api/edit", good, {"op": "merge", "unit": 5})
    change = json.loads(body)
    assert status == 200 and change["start"] == 5 and change["removed"] == 2 and len(change["units"]) == 1
    assert change["units"][0]["s"] == [4, 5] and change["units"][0]["st"] == "edited"
    status, body, _ = _request(port, "POST", "/api/edit", good, {"op": "merge", "unit": 99})
    assert "no unit 99" in json.loads(body)["error"]
    status, body, _ = _request(port, "POST", "/api/export", good, {"format": "tmx", "include": "reviewed"})
    result = json.loads(body)
    assert result["count"] == 1 and result["path"].endswith("seed.reviewed.tmx") and Path(result["path"]).exists()


def test_cli_edit_export_and_errors(pair: Path, tmp_path: Path, monkeypatch):
    runner = CliRunner()
    session = EditSession(pair, rescore=False)
    correct_seed(session)
    out = tmp_path / "memory.tmx"
    res = runner.invoke(main, ["edit", str(pair), "--export", str(out), "--include", "all"])
    assert res.exit_code == 0, res.output
    assert "10 units (all)" in res.output and validate_dtd(out) == []
    res = runner.invoke(main, ["edit", str(tmp_path / "missing.jsonl"), "--no-browser"])
    assert res.exit_code == 1 and "Error: " in res.output and "no such file" in res.output
    res = runner.invoke(main, ["align", str(pair), str(pair), "-o", str(tmp_path / "x.tmx"), "--edit"])
    assert res.exit_code == 1 and "--edit needs the alignment saved as JSONL" in res.output

    served = []
    monkeypatch.setattr("aligner.review.server.EditorServer.serve_forever", lambda self: served.append(self.url))
    res = runner.invoke(main, ["edit", str(pair), "--no-browser"])
    assert res.exit_code == 0, res.output
    assert served and served[0].startswith("http://127.0.0.1:") and "token=" in served[0]
    assert "resuming" in res.output and served[0] in res.output


def test_touched_units_get_confidence_and_findings_again(pair: Path):
    """With the encoder (USE, offline), an edited unit is scored again from the cached sentence vectors."""
    session = EditSession(pair)
    assert session.rescorer is not None and session.rescorer.wait(300), session.rescorer.error
    before = session.findings[10]  # [8]:[11 … 14]: the target is short for its source
    assert any(f.check == "length" for f in before)
    session.apply(Merge(10))  # with the unaligned Arabic 15
    merged = session.alignment.units[10]
    assert merged.src == (8,) and merged.tgt == (11, 12, 13, 14, 15) and merged.state == "edited"
    assert merged.confidence is not None and 0.0 <= merged.confidence <= 1.0
    assert session.findings[10] != before
    session.apply(SetText("src", 8, "Il s’agit de renforcer la coopération contre le crime organisé."))
    assert session.alignment.units[10].confidence is not None  # the corrected text was encoded again


def test_cli_export_of_an_unreviewed_alignment_says_why_it_is_empty(pair: Path, tmp_path: Path):
    out = tmp_path / "memory.tmx"
    res = CliRunner().invoke(main, ["edit", str(pair), "--export", str(out)])
    assert res.exit_code == 0, res.output
    assert res.stdout == "" and "0 units (reviewed)" in res.stderr
    assert "reviewed yet" in res.stderr and "--include all" in res.stderr
