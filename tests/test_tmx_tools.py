import codecs

import pytest
from click.testing import CliRunner

from aligner.cli import main
from aligner.errors import TMXError
from aligner.tmx.reader import iter_units, read_header
from aligner.tmx.tools import convert, merge, split, stats, validate
from aligner.tmx.writer import TranslationUnit, write_tmx
from aligner.tmx.xmlscan import encoding_of

HEAD = ('<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="{version}">\n<header creationtool="t" '
        'creationtoolversion="1" segtype="sentence" o-tmf="t" adminlang="en" {srclang} datatype="plaintext"/>\n<body>\n')


def tmx_text(units: str, version: str = "1.4", srclang: str = 'srclang="fr"', prologue: str = "") -> str:
    return (HEAD.format(version=version, srclang=srclang) + units + "</body>\n</tmx>\n").replace(
        '<?xml version="1.0" encoding="UTF-8"?>\n', '<?xml version="1.0" encoding="UTF-8"?>\n' + prologue)


def tu(src: str = "Bonjour.", tgt: str = "مرحبا.", sl: str = "fr", tl: str = "ar", attr: str = "xml:lang") -> str:
    return f'<tu><tuv {attr}="{sl}"><seg>{src}</seg></tuv><tuv {attr}="{tl}"><seg>{tgt}</seg></tuv></tu>\n'


def write(tmp_path, text, name="t.tmx", encoding="utf-8", bom=b""):
    p = tmp_path / name
    p.write_bytes(bom + text.encode(encoding))
    return p


def test_our_output_is_valid(tmp_path):
    p = tmp_path / "ours.tmx"
    write_tmx(p, [TranslationUnit("Bonjour & <salut>", "مرحبا")], "fr", "ar", {"x-signature": "s"})
    assert validate(p) == []


XXE = '<!DOCTYPE tmx [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'
BOMB = ('<!DOCTYPE tmx [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
        '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>\n')


@pytest.mark.parametrize(
    "text,fragment",
    [
        (tmx_text(tu(), srclang=""), "no srclang attribute. OmegaT ignores the whole file"),
        (tmx_text(tu(), version="1.4b"), 'version="1.4b"'),
        (tmx_text(tu(tgt="")), "empty target segment"),
        (tmx_text(tu(sl="fr_FR")), "underscore"),
        (tmx_text(tu(tgt="مرحبا\x01")), "control character"),
        (tmx_text(tu(tgt="مرحبا&#x1;")), "control character"),
        (tmx_text(tu(), prologue=XXE), "external entity"),
        (tmx_text(tu(), prologue=BOMB), "billion laughs"),
        (tmx_text(tu(sl="fra")), "ISO 639-3"),
        (tmx_text(tu()).replace("</body>", ""), "malformed TMX"),
    ],
    ids=["no-srclang", "1.4b", "empty-target", "fr_FR", "control-char", "control-ref", "xxe", "bomb", "fra", "malformed"],
)
def test_validate_rejects_with_specific_message(tmp_path, text, fragment):
    problems = validate(write(tmp_path, text))
    assert any(fragment in str(p) for p in problems), [str(p) for p in problems]


def test_validate_cli(tmp_path):
    good = tmp_path / "g.tmx"
    write_tmx(good, [TranslationUnit("a", "b")], "fr", "ar")
    bad = write(tmp_path, tmx_text(tu(), version="1.4b"), "b.tmx")
    runner = CliRunner()
    res = runner.invoke(main, ["tmx", "validate", str(good)])
    assert res.exit_code == 0 and "valid TMX 1.4" in res.output
    res = runner.invoke(main, ["tmx", "validate", str(good), str(bad)])
    assert res.exit_code == 1 and 'version="1.4b"' in res.output


@pytest.mark.parametrize("encoding,bom", [("utf-8", b""), ("utf-8", codecs.BOM_UTF8), ("utf-16", b"")])
def test_reader_encodings(tmp_path, encoding, bom):
    text = tmx_text(tu())
    if encoding == "utf-16":
        text = text.replace('encoding="UTF-8"', 'encoding="UTF-16"')
    units = list(iter_units(write(tmp_path, text, encoding=encoding, bom=bom)))
    assert units[0].text("fr") == "Bonjour." and units[0].text("ar") == "مرحبا."


@pytest.mark.parametrize("head,expected", [
    (codecs.BOM_UTF16_LE + b"<\x00", "utf-16"), (codecs.BOM_UTF16_BE + b"\x00<", "utf-16"),
    (b"\x00<\x00?", "utf-16-be"), (b"<\x00?\x00", "utf-16-le"),
    (codecs.BOM_UTF8 + b"<?", "utf-8"), (b"<?xm", "utf-8"), (b"", "utf-8"),
])
def test_every_tmx_pass_reads_the_encoding_from_the_first_bytes(head, expected):
    assert encoding_of(head) == expected


def test_reader_tmx11_lang_and_regions(tmp_path):
    p = write(tmp_path, tmx_text(tu(sl="FR-fr", tl="ar-MA", attr="lang"), version="1.1"))
    unit = next(iter_units(p))
    assert unit.text("fr") == "Bonjour." and unit.text("ar") == "مرحبا."
    assert read_header(p).version == "1.1"


def test_reader_inline_codes(tmp_path):
    seg = 'Le <bpt i="1">&lt;b&gt;</bpt>rapport<ept i="1">&lt;/b&gt;</ept> <ph>&lt;br/&gt;</ph><hi>final</hi>'
    p = write(tmp_path, tmx_text(tu(src=seg)))
    assert next(iter_units(p)).text("fr") == "Le rapport final"
    kept = next(iter_units(p, keep_codes=True)).text("fr")
    assert kept.startswith('Le <bpt i="1">&lt;b&gt;</bpt>rapport')


def test_reader_malformed_gives_line(tmp_path):
    p = write(tmp_path, tmx_text(tu() + "<tu><tuv xml:lang='fr'><seg>x</tuv></tu>\n"))
    with pytest.raises(TMXError, match=r"line \d+: malformed TMX"):
        list(iter_units(p))


@pytest.mark.parametrize("prologue,msg", [(XXE, "external entity"), (BOMB, "billion laughs")])
def test_reader_refuses_hostile_input(tmp_path, prologue, msg):
    p = write(tmp_path, tmx_text(tu(src="&xxe;" if prologue == XXE else "&c;"), prologue=prologue))
    with pytest.raises(TMXError, match=msg):
        list(iter_units(p))


NASTY = [
    "\u200fمرحبا\u200e بالعالم",  # RTL / LTR marks
    "prix\u00a0: 5\u202f€",  # NBSP, narrow NBSP
    "A & B < C > D \"q\" 'a'",
    "وزارة الـــداخلية",  # tatweel
    "e\u0301te\u0301 \u0627\u064e\u0644",  # combining marks (NFC folds the Latin ones)
    "emoji 🇲🇦 👍🏽 \U0001f600",
    "]]> <![CDATA[ x ]]>",
]


def test_nasty_text_round_trips(tmp_path):
    import unicodedata

    p = tmp_path / "n.tmx"
    units = [TranslationUnit(t, t[::-1] + "\x07" + t) for t in NASTY]
    assert write_tmx(p, units, "fr", "ar").written == len(NASTY)
    assert validate(p) == []
    back = list(iter_units(p))
    for u, original in zip(back, units, strict=False):
        assert u.text("fr") == unicodedata.normalize("NFC", original.src)
        assert u.text("ar") == unicodedata.normalize("NFC", original.tgt.replace("\x07", ""))


def test_translate_toolkit_reads_our_tmx(tmp_path):
    tmx = pytest.importorskip("translate.storage.tmx")
    p = tmp_path / "t.tmx"
    write_tmx(p, [TranslationUnit(t, "ع " + t) for t in NASTY], "fr", "ar")
    store = tmx.tmxfile.parsefile(str(p))
    units = [u for u in store.units if u.source]
    assert len(units) == len(NASTY)
    assert units[5].source == NASTY[5] and units[5].target == "ع " + NASTY[5]


def _units(n, score=0.5, prefix="s"):
    return [TranslationUnit(f"{prefix}{i} phrase", f"ترجمة {i}", {"x-align-score": str(score)}) for i in range(n)]


def test_merge_deduplicates_and_keeps_best(tmp_path):
    a, b, out = tmp_path / "a.tmx", tmp_path / "b.tmx", tmp_path / "m.tmx"
    write_tmx(a, _units(3, 0.5), "fr", "ar")
    write_tmx(b, _units(2, 0.5) + [TranslationUnit("s2 phrase", "أفضل", {"x-align-score": "0.9"})], "fr", "ar")
    r = merge([a, b], out)
    assert r.read == 6 and r.exact_duplicates == 2 and r.conflicts == 1
    got = {u.text("fr"): u.text("ar") for u in iter_units(out)}
    assert got == {"s0 phrase": "ترجمة 0", "s1 phrase": "ترجمة 1", "s2 phrase": "أفضل"}


def test_split_keeps_every_unit_in_valid_files(tmp_path):
    src = tmp_path / "big.tmx"
    write_tmx(src, _units(300), "fr", "ar")
    r = split(src, tmp_path / "part.tmx", 8192)
    assert len(r.files) > 2
    total = 0
    for f in r.files:
        assert validate(f) == []
        assert (tmp_path / f).stat().st_size <= 8192
        total += len(list(iter_units(f)))
    assert total == 300


def test_stats_and_convert_round_trip(tmp_path):
    src = tmp_path / "s.tmx"
    write_tmx(src, _units(5, 0.95) + _units(2, 0.42, "t"), "fr", "ar")
    s = stats(src)
    assert s.units == 7 and s.languages == {"fr": 7, "ar": 7} and s.scores == {"0.9-1.0": 5, "0.4-0.5": 2}
    for ext in ("tsv", "jsonl"):
        flat = tmp_path / f"s.{ext}"
        assert convert(src, flat) == 7
        back = tmp_path / f"back_{ext}.tmx"
        assert convert(flat, back) == 7
        assert [u.variants for u in iter_units(back)] == [u.variants for u in iter_units(src)]


def test_tmx_cli_commands(tmp_path):
    src = tmp_path / "s.tmx"
    write_tmx(src, _units(5, 0.95) + _units(2, 0.42, "t"), "fr", "ar")
    runner = CliRunner()
    res = runner.invoke(main, ["tmx", "stats", str(src)])
    assert res.exit_code == 0 and "units: 7" in res.output
    res = runner.invoke(main, ["tmx", "filter", str(src), "-o", str(tmp_path / "f.tmx"), "--min-score", "0.9"])
    assert res.exit_code == 0, res.output
    assert len(list(iter_units(tmp_path / "f.tmx"))) == 5
    res = runner.invoke(main, ["tmx", "convert", str(src), "-o", str(tmp_path / "x.docx")])
    assert res.exit_code == 1 and res.stderr.startswith("Error: cannot convert")
    res = runner.invoke(main, ["tmx", "stats", str(tmp_path / "none.tmx")])
    assert res.exit_code == 1 and "no such file" in res.stderr


def test_cat_profile_trados_reports_long_units_and_uses_locales(tmp_path):
    fr = tmp_path / "fr.txt"
    ar = tmp_path / "ar.txt"
    long_fr = "Le ministre a parlé de la coopération. " * 60
    fr.write_text("Bonjour à tous.\n" + long_fr + "\n", encoding="utf-8")
    ar.write_text("مرحبا بالجميع.\n" + "تحدث الوزير عن التعاون. " * 60 + "\n", encoding="utf-8")
    out = tmp_path / "t.tmx"
    res = CliRunner().invoke(main, ["align", "--pre-split", str(fr), str(ar), "-o", str(out), "--cat-profile", "trados"])
    assert res.exit_code == 0, res.output
    assert "over the trados limit of 2000" in res.stderr
    units = list(iter_units(out))
    assert len(units) == 1 and units[0].variants[0][0] == "fr-FR" and units[0].variants[1][0] == "ar-SA"


def test_convert_keeps_codes_on_request(tmp_path):
    seg = 'Le <ph>&lt;br/&gt;</ph>rapport'
    p = write(tmp_path, tmx_text(tu(src=seg)))
    runner = CliRunner()
    flat, kept = tmp_path / "flat.tsv", tmp_path / "kept.tsv"
    assert runner.invoke(main, ["tmx", "convert", str(p), "-o", str(flat)]).exit_code == 0
    assert runner.invoke(main, ["tmx", "convert", str(p), "-o", str(kept), "--keep-codes"]).exit_code == 0
    assert flat.read_text(encoding="utf-8").splitlines()[1].split("\t")[0] == "Le rapport"
    assert "<ph>&lt;br/&gt;</ph>" in kept.read_text(encoding="utf-8")
