"""Build ``benchmarks/frar/probe``: an independent French–Arabic alignment probe.

Usage: python scripts/build_frar_probe.py [--seed 20261124] [--out benchmarks/frar/probe]
       python scripts/build_frar_probe.py --source flores   # the tuning twin, benchmarks/frar/probe-dev

Written blind to the aligner and to ``scripts/build_frar_benchmark.py`` (neither was
read), to check whether the accuracy measured on our own construction holds on data
built with other assumptions. It is a *probe*: nothing is tuned on it.

Sources (``../shared/benchmarks/frar/``): TICO-19 dev (all 971 pairs, cut into articles
of 8–25 consecutive sentences) for most of the text, and the FLORES-200 devtest
*wikinews* and *wikivoyage* excerpts, grouped by 3–6 into round-ups under a kicker ("En
bref", "Voyage"); TICO gives 59 % of the sentence pairs and most articles. FLORES is used because its
Moroccan (ary) and Egyptian (arz) Arabic translations of the same sentences give the
dialect phenomenon; FLORES devtest is also the tuning set of the main benchmark (dev),
so the FLORES articles are not unseen data for the aligner's settings.

Every document holds about ten articles one after another (140–210 lines a side). The
French and Arabic sentences start as professional line-for-line translations; each
phenomenon below rewrites them the way French–Arabic news rewriting does (the seed
pair ``corpora/000`` / ``corpora/003`` shows headings and a bullet list added on the
Arabic side, sentences split, merged, reordered and shortened, an editorial paragraph
and boilerplate on one side only). Rates are per body sentence pair unless said
otherwise; an operation that does not fit the sentence (no comma to cut at, a question
mark where a join needs a full stop…) falls back to a plain 1-1, so the realised counts
(``MANIFEST.json``) are lower than the rates.

Gold conventions: one bead per line group, 0-based indexes, ``[i, i+1]:[j]``; every
unaligned line is its own bead (``[i]:[]`` / ``[]:[j]``); beads are monotonic.

Per sentence pair (:data:`RATES`):

* ``ar_merge2`` / ``ar_merge3`` — the Arabic joins 2 or 3 French sentences into one
  (``، و`` / ``؛ `` / ``، `` joins, the full stop dropped): gold 2-1 / 3-1;
* ``fr_merge2`` — the French joins two sentences the Arabic keeps apart (``; ``,
  ``, et ``, `` – ``, first word lower-cased when it is a common word): gold 1-2;
* ``ar_split`` / ``fr_split`` — one sentence cut in two at a comma near its middle on one
  side: gold 1-2 / 2-1;
* ``recut`` — two sentences re-cut: one side ends its first line at a comma of the first
  sentence and carries the rest into the second line: gold 2-2;
* ``swap`` — two adjacent Arabic sentences in the other order: gold **one 2-2 bead**
  (the convention here; "one aligned, the crossing one unaligned" is not used);
* ``moved`` — an Arabic sentence moved 2–4 sentences later (a paragraph re-ordered): no
  monotonic bead can hold it, so its French (``moved_fr_side``) and its Arabic
  (``moved_ar_side``) are both unaligned;
* ``omission_ar`` / ``omission_fr`` — part of a sentence left out on one side (a
  parenthesis, the leading clause such as a date or "selon X", or the trailing clause
  after the last comma), the bead stays 1-1;
* ``fr_only_single`` / ``ar_only_single`` — one sentence with no counterpart;
* ``list_ar`` / ``list_fr`` — a sentence with 2–4 commas rendered on one side as a lead
  line and short list items (``- `` bullets half the time): gold 1-n / n-1;
* ``dialect`` (FLORES pairs only, 25 %) — the Arabic line taken from the ary or arz
  translation instead of MSA: gold 1-1.

Per article (:data:`ARTICLE_RATES`):

* a run of 2–6 consecutive body sentences whose Arabic is dropped (``fr_only_run``, 25 %)
  or whose French is dropped (``ar_only_run``, 20 %), in the middle of the article, so the
  unmatched lines are on the article's own topic;
* title: translated (1-1, ``title``), on one side only (``fr_only_title`` /
  ``ar_only_title``) or none; TICO's own title lines are kept as the title when a chunk
  starts with one; round-ups get a kicker ("En bref" / "باختصار") instead;
* dateline ("Genève, 12 mars (AFP) –" / "جنيف، 12 مارس (أ ف ب) -"): glued to the first
  sentence on one or both sides (the bead keeps its shape, tag ``+dateline_fr`` etc.), or
  a line of its own on one side (``fr_only_dateline`` / ``ar_only_dateline``);
* section headings: 1–3 headings on the Arabic side only (``ar_only_heading``), on the
  French side only, or translated on both (``heading``);
* boilerplate lines at the end on one side ("Lire aussi…", "شارك بتعليقك"):
  ``fr_only_boilerplate`` / ``ar_only_boilerplate``;
* a teaser of another story (2–3 FLORES wikibooks sentences, not used elsewhere) on one
  side at the end: ``fr_only_teaser`` / ``ar_only_teaser``.

Each document ``NAME`` gets ``NAME.fr``, ``NAME.ar``, ``NAME.frar`` (gold) and
``NAME.tags`` (one line per gold bead, same order: the phenomena of that bead joined by
``+``; ``1-1`` for an untouched pair). ``MANIFEST.json`` counts bead shapes and tags.
``scripts/probe_phenomena.py`` scores the aligner per tag.

``--source flores`` builds the probe's **tuning twin** (``benchmarks/frar/probe-dev``, seed
20261125, 6 documents): the same phenomena and rates from FLORES-200 devtest only (the main
benchmark's tuning source), consecutive excerpts of one domain chunked into articles of 8–25
sentences under titles of their own, a fifth of the wikibooks excerpts held out as teasers.
Settings may be tuned on the twin; the probe itself (TICO-19 for most of its text) stays a
report set.
"""

from __future__ import annotations

import argparse
import json
import random
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "benchmarks" / "frar"
SEED = 20261124
N_DOCS = 10

#: Per body sentence pair: operation -> probability (drawn once per position, exclusive).
RATES = {
    "ar_merge2": 0.07, "ar_merge3": 0.015, "fr_merge2": 0.035,
    "ar_split": 0.035, "fr_split": 0.02, "recut": 0.05, "swap": 0.03,
    "omission_ar": 0.07, "omission_fr": 0.025,
    "fr_only_single": 0.015, "ar_only_single": 0.01,
    "list_ar": 0.06, "list_fr": 0.02, "moved": 0.015,
}
DIALECT_RATE = 0.25
#: Per article.
ARTICLE_RATES = {
    "fr_only_run": 0.25, "ar_only_run": 0.20,
    "title_both": 0.50, "title_fr_only": 0.15, "title_ar_only": 0.20,
    "dateline_glued": 0.30, "dateline_line": 0.10,
    "headings_ar": 0.25, "headings_fr": 0.08, "headings_both": 0.10,
    "boilerplate": 0.35, "teaser": 0.10,
}

TITLES = {  # TICO document -> (fr, ar) titles written for this probe
    "CMU_1": [("Consultation : les questions du médecin", "الاستشارة الطبية: أسئلة الطبيب")],
    "PubMed_9": [("Covid-19 : les maladies chroniques aggravent le risque", "كوفيد-19: الأمراض المزمنة تزيد الخطر")],
    "PubMed_10": [("Angleterre : la surveillance du Covid-19 élargie aux généralistes",
                   "إنجلترا: توسيع رصد كوفيد-19 ليشمل الأطباء العامين"),
                  ("Surveillance : ce que montrent les prélèvements", "الرصد: ماذا تكشف العينات")],
    "Wikipedia_handpicked_5": [("Les écoles face à la pandémie", "المدارس في مواجهة الجائحة"),
                               ("Éducation : des millions d'élèves privés de classe",
                                "التعليم: ملايين التلاميذ محرومون من الدراسة")],
    "Wikisource_1": [("Californie : le gouverneur ordonne de rester chez soi",
                      "كاليفورنيا: الحاكم يأمر بالبقاء في المنازل")],
    "Wikivoyage_1": [("Voyager pendant la pandémie", "السفر في زمن الجائحة"),
                     ("Covid-19 : les conseils aux voyageurs", "كوفيد-19: نصائح للمسافرين"),
                     ("Frontières fermées, vols annulés", "حدود مغلقة ورحلات ملغاة")],
    "wiki_26": [("Chauves-souris et coronavirus", "الخفافيش وفيروسات كورونا")],
    "wiki_13": [("Vaccins et traitements : où en est la recherche ?", "اللقاحات والعلاجات: أين وصل البحث؟")],
    "wiki_29": [("Grossesse et Covid-19 : les données disponibles", "الحمل وكوفيد-19: البيانات المتوفرة")],
    "wiki_11": [("Santé publique : comment suivre l'épidémie", "الصحة العامة: كيف نتتبع الوباء")],
    "wiki_5": [("Ce qu'il faut savoir sur les coronavirus", "ما يجب معرفته عن فيروسات كورونا")],
    "Wikinews_2": [("Basket : la NBA à l'arrêt", "كرة السلة: توقف الدوري الأمريكي")],
    "Wikinews_5": [("États-Unis : l'urgence nationale déclarée", "الولايات المتحدة: إعلان حالة الطوارئ")],
}
#: TICO documents whose first line is their own title.
OWN_TITLE = {"PubMed_9", "PubMed_10", "Wikinews_2", "Wikinews_5", "Wikipedia_handpicked_5"}
GENERIC_TITLES = [("Covid-19 : le point sur la situation", "كوفيد-19: آخر مستجدات الوضع"),
                  ("Coronavirus : ce que disent les études", "فيروس كورونا: ماذا تقول الدراسات")]
DATELINES = [
    ("Genève, 12 mars (AFP) –", "جنيف، 12 مارس (أ ف ب) -"),
    ("Rabat, 5 déc. (MAP) –", "الرباط، 5 دجنبر (و م ع) -"),
    ("Washington, 14 mars (Reuters) –", "واشنطن، 14 مارس (رويترز) -"),
    ("Paris, 20 avril (AFP) –", "باريس، 20 أبريل (أ ف ب) -"),
    ("Casablanca, 18 mars (MAP) –", "الدار البيضاء، 18 مارس (و م ع) -"),
    ("Le Caire, 9 avril –", "القاهرة، 9 أبريل -"),
    ("New York, 22 mars (AP) –", "نيويورك، 22 مارس (أ ب) -"),
    ("Tunis, 30 mars (TAP) –", "تونس، 30 مارس (وات) -"),
    ("Bruxelles, 2 avril (Belga) –", "بروكسل، 2 أبريل (بلغا) -"),
]
HEADINGS = [("Contexte", "خلفية"), ("Les chiffres", "أرقام وإحصاءات"), ("Mesures de prévention", "إجراءات وقائية"),
            ("Réactions", "ردود الفعل"), ("Recommandations", "توصيات"), ("Repères", "في السياق"),
            ("Ce que l'on sait", "ما نعرفه حتى الآن"), ("Les détails", "التفاصيل")]
AR_ONLY_HEADINGS = ["جلسات عمل لمناقشة التهديدات", "أرقام مقلقة", "تحذيرات الخبراء", "إجراءات عاجلة",
                    "مخاوف متزايدة", "دعوة إلى اليقظة"]
FR_BOILERPLATE = ["Lire aussi : Covid-19, les gestes barrières à respecter", "Partager cet article",
                  "Source : agences", "© AFP", "Abonnez-vous à notre newsletter",
                  "Publié le 14/03/2020 à 10h32 - Mis à jour le 15/03/2020 à 08h05", "Édité par la rédaction"]
AR_BOILERPLATE = ["شارك بتعليقك", "شاهد أيضا", "اشترك في القائمة البريدية", "اقرأ أيضا: كوفيد-19 والإجراءات الوقائية",
                  "المصدر: وكالات", "نشر في 14/03/2020 على الساعة 10:32", "تابعونا على فيسبوك"]
KICKER = ("En bref", "باختصار")
#: Titles of the FLORES-only tuning twin (``--source flores``), by FLORES domain.
FLORES_TITLES = {
    "wikinews": [("Actualité : ce qu'il faut retenir", "أخبار: أبرز ما يجب معرفته"),
                 ("Le fait du jour", "حدث اليوم"), ("Sciences : une découverte en débat", "علوم: اكتشاف يثير الجدل")],
    "wikivoyage": [("Voyage : conseils pratiques", "سفر: نصائح عملية"), ("Partir à l'étranger", "السفر إلى الخارج")],
    "wikibooks": [("Comprendre en quelques lignes", "الفهم في بضعة أسطر"), ("Histoire et société", "التاريخ والمجتمع"),
                  ("Le saviez-vous ?", "هل تعلم؟")],
}
#: Words a sentence left after a cut must not start with (it would read as a fragment).
RELATIVE = {"qui", "que", "qu’", "dont", "où", "lequel", "laquelle", "lesquels", "ce", "mais", "التي", "الذي",
            "الذين", "مما", "ما", "بما", "والتي", "والذي", "والذين", "حيث"}
#: Words a cut must not leave at the end of the first half.
DANGLING = {"et", "ou", "mais", "donc", "car", "que", "qui", "و", "أو", "أن", "التي", "الذي"}
LOWER_OK = {"Le", "La", "Les", "L’", "L'", "Il", "Elle", "Ils", "Elles", "Ce", "Cette", "Ces", "Cet", "Un", "Une",
            "Des", "Selon", "Dans", "En", "Au", "Aux", "Depuis", "Pour", "Par", "Sur", "On", "Son", "Sa", "Ses",
            "Leur", "Leurs", "Si", "Mais", "Avec", "Certains", "Certaines", "Plusieurs", "Toutefois", "De", "Du"}


@dataclass
class Unit:
    """One gold bead under construction: its lines on each side and its tags."""

    fr: list[str]
    ar: list[str]
    tags: list[str] = field(default_factory=list)


def _outside_brackets(text: str, pos: int) -> bool:
    head = text[:pos]
    return (head.count("(") == head.count(")") and head.count("«") == head.count("»")
            and head.count('"') % 2 == 0)


def cut_points(text: str, sep: str) -> list[int]:
    return [m.start() for m in re.finditer(re.escape(sep), text) if _outside_brackets(text, m.start())]


def middle_cut(text: str, sep: str, lo: float = 0.3, hi: float = 0.7) -> int | None:
    """The comma nearest the middle leaving both halves between *lo* and *hi* of the text."""
    n = len(text)
    ok = [p for p in cut_points(text, sep) if lo <= p / n <= hi and len(text[:p].split()) >= 3
          and text[:p].split()[-1] not in DANGLING and text[p + len(sep):].split()[0].lower() not in RELATIVE]
    return min(ok, key=lambda p: abs(p / n - 0.5)) if ok else None


def ends_full_stop(text: str) -> bool:
    return text.rstrip().endswith(".")


def joinable(*texts: str) -> bool:
    """Sentences a join may take: all end on a full stop, or all are unpunctuated list-like lines."""
    return all(map(ends_full_stop, texts)) or all(t.rstrip()[-1:].isalnum() for t in texts)


def lower_first(text: str) -> str:
    word = text.split(" ", 1)[0]
    if word in LOWER_OK or word[:2] in ("L’", "L'"):
        return text[0].lower() + text[1:]
    return text


def upper_first(text: str) -> str:
    return text[:1].upper() + text[1:]


def join_fr(a: str, b: str, rng: random.Random) -> str:
    a = a.rstrip().rstrip(".")
    conn = rng.choices(["; ", ", et ", " – "], [0.45, 0.35, 0.2])[0]
    return a + conn + lower_first(b)


def join_ar(a: str, b: str, rng: random.Random) -> str:
    a = a.rstrip().rstrip(".")
    conn = rng.choices(["، و", "؛ ", "، ", " و"], [0.55, 0.15, 0.2, 0.1])[0]
    if conn.endswith("و") and b.startswith("و"):
        conn = conn[:-1]
    return a + conn + b


def split_sentence(text: str, lang: str) -> tuple[str, str] | None:
    sep = "، " if lang == "ar" else ", "
    p = middle_cut(text, sep)
    if p is None:
        return None
    head, tail = text[:p].rstrip(), text[p + len(sep):].strip()
    if lang == "ar":
        if tail[:1] not in ("و", "ف") and not tail[:1].isascii():
            tail = "و" + tail
        return head + ".", tail
    return head + ".", upper_first(tail)


def omit_part(text: str, lang: str, rng: random.Random) -> tuple[str, str] | None:
    """Part of *text* left out (parenthesis, leading or trailing clause) and the kind, or None."""
    sep = "، " if lang == "ar" else ", "
    n = len(text)
    options: list[tuple[str, str]] = []
    m = re.search(r"\s*\([^()]{3,80}\)", text)
    if m and m.start() > 0:
        options.append(("paren", text[:m.start()] + text[m.end():]))
    cuts = cut_points(text, sep)
    if cuts and 0.08 <= cuts[0] / n <= 0.45:
        rest = text[cuts[0] + len(sep):]
        options.append(("lead", upper_first(rest) if lang == "fr" else rest))
    if cuts and 0.55 <= cuts[-1] / n <= 0.88:
        end = text.rstrip()[-1]
        options.append(("tail", text[:cuts[-1]].rstrip() + (end if end in ".?!؟" else "")))
    options = [(k, t) for k, t in options if len(t) >= 0.5 * n and len(t.split()) >= 4
               and t.split()[0].lower() not in RELATIVE]
    if not options:
        return None
    kind, short = rng.choice(options)
    return short, kind


def as_list(text: str, lang: str, rng: random.Random) -> list[str] | None:
    sep = "، " if lang == "ar" else ", "
    cuts = cut_points(text, sep)
    if not 2 <= len(cuts) <= 4:
        return None
    bounds = [0, *[c + len(sep) for c in cuts]]
    parts = [text[b:(cuts[i] if i < len(cuts) else len(text))].strip() for i, b in enumerate(bounds)]
    if len(parts[0].split()) < 4 or any(not 1 <= len(p.split()) <= 14 for p in parts[1:]):
        return None
    if not re.match(r"(et|ou) |و", parts[-1]):  # an enumeration: "A, B et C"
        return None
    bullet = "- " if rng.random() < 0.5 else ""
    items = [p.rstrip(".") for p in parts[1:]]
    if lang == "fr":
        items = [upper_first(re.sub(r"^(et|ou) ", "", p)) for p in items]
    else:
        items = [re.sub(r"^و(?=\S{3})", "", p) if i == len(items) - 1 else p for i, p in enumerate(items)]
    return [parts[0] + " :" if lang == "fr" else parts[0] + ":"] + [bullet + p + "." for p in items]


def body_units(pairs: list[tuple[str, str, str, str]], rng: random.Random) -> list[Unit]:
    """Units of an article body; *pairs* are (fr, ar, ary, arz) with ary/arz '' for TICO."""
    n = len(pairs)
    reserved: dict[int, str] = {}
    for tag in ("fr_only_run", "ar_only_run"):
        if n >= 10 and rng.random() < ARTICLE_RATES[tag]:
            k = rng.randint(2, min(6, n // 3))
            for _ in range(20):
                start = rng.randint(2, n - k - 1)
                if not any(i in reserved for i in range(start - 1, start + k + 1)):
                    reserved.update({i: tag for i in range(start, start + k)})
                    break
    units: list[Unit] = []
    ops, weights = zip(*RATES.items(), strict=True)
    i = 0
    while i < n:
        fr, ar, ary, arz = pairs[i]
        if i in reserved:
            tag = reserved[i]
            units.append(Unit([fr], [], [tag]) if tag == "fr_only_run" else Unit([], [ar], [tag]))
            i += 1
            continue
        free = [j for j in range(i, min(i + 3, n)) if j not in reserved]
        span = len(free) if free == list(range(i, i + len(free))) else 1
        if ary and rng.random() < DIALECT_RATE:
            variety = rng.choice(["ary", "arz"])
            units.append(Unit([fr], [ary if variety == "ary" else arz], [f"dialect_{variety}"]))
            i += 1
            continue
        op = rng.choices(ops + ("plain",), list(weights) + [1 - sum(weights)])[0]
        unit: Unit | None = None
        used = 1
        nxt = pairs[i + 1] if span >= 2 else None
        if op in ("ar_merge2", "ar_merge3", "fr_merge2", "recut", "swap") and nxt is None:
            op = "plain"
        if op == "ar_merge2" and nxt and joinable(ar, nxt[1]):
            unit, used = Unit([fr, nxt[0]], [join_ar(ar, nxt[1], rng)], [op]), 2
        elif op == "ar_merge3" and span >= 3 and nxt and joinable(ar, nxt[1], pairs[i + 2][1]):
            third = pairs[i + 2]
            joined = join_ar(join_ar(ar, nxt[1], rng), third[1], rng)
            unit, used = Unit([fr, nxt[0], third[0]], [joined], [op]), 3
        elif op == "fr_merge2" and nxt and joinable(fr, nxt[0]):
            unit, used = Unit([join_fr(fr, nxt[0], rng)], [ar, nxt[1]], [op]), 2
        elif op in ("ar_split", "fr_split"):
            lang = op[:2]
            halves = split_sentence(ar if lang == "ar" else fr, lang)
            if halves:
                unit = Unit([fr], list(halves), [op]) if lang == "ar" else Unit(list(halves), [ar], [op])
        elif op == "recut" and nxt:
            lang = "ar" if rng.random() < 0.7 else "fr"
            first, second = (ar, nxt[1]) if lang == "ar" else (fr, nxt[0])
            halves = split_sentence(first, lang)
            if halves and joinable(first, second):
                if lang == "ar":
                    lines = [halves[0], join_ar(halves[1], second, rng)]
                    unit = Unit([fr, nxt[0]], lines, [f"recut_{lang}"])
                else:
                    lines = [halves[0], join_fr(halves[1], second, rng)]
                    unit = Unit(lines, [ar, nxt[1]], [f"recut_{lang}"])
                used = 2
        elif op == "moved" and i + 4 < n and all(j not in reserved for j in range(i, i + 5)):
            k = rng.randint(2, 4)
            unit = Unit([fr], [], ["moved_fr_side"])
            units.append(unit)
            units += [Unit([f], [a], ["1-1"]) for f, a, _, _ in pairs[i + 1:i + 1 + k]]
            unit, used = Unit([], [ar], ["moved_ar_side"]), k + 1
        elif op == "swap" and nxt:
            unit, used = Unit([fr, nxt[0]], [nxt[1], ar], [op]), 2
        elif op in ("omission_ar", "omission_fr"):
            lang = op[-2:]
            got = omit_part(ar if lang == "ar" else fr, lang, rng)
            if got:
                short, kind = got
                unit = Unit([fr], [short], [op, f"omission_{kind}"]) if lang == "ar" else \
                    Unit([short], [ar], [op, f"omission_{kind}"])
        elif op == "fr_only_single":
            unit = Unit([fr], [], [op])
        elif op == "ar_only_single":
            unit = Unit([], [ar], [op])
        elif op in ("list_ar", "list_fr"):
            lang = op[-2:]
            items = as_list(ar if lang == "ar" else fr, lang, rng)
            if items:
                unit = Unit([fr], items, [op]) if lang == "ar" else Unit(items, [ar], [op])
        if unit is None:
            unit, used = Unit([fr], [ar], ["1-1"]), 1
        units.append(unit)
        i += used
    return units


def insert_headings(units: list[Unit], rng: random.Random) -> None:
    """Section headings between body units, on one side or both."""
    if len(units) < 8:
        return
    r = rng.random()
    a = ARTICLE_RATES
    kind = ("ar" if r < a["headings_ar"] else "fr" if r < a["headings_ar"] + a["headings_fr"]
            else "both" if r < a["headings_ar"] + a["headings_fr"] + a["headings_both"] else None)
    if kind is None:
        return
    spots = sorted(rng.sample(range(2, len(units) - 1), min(rng.randint(1, 3), len(units) - 3)), reverse=True)
    for at in spots:
        fr_h, ar_h = rng.choice(HEADINGS)
        if kind == "ar":
            units.insert(at, Unit([], [rng.choice([ar_h, *AR_ONLY_HEADINGS])], ["ar_only_heading"]))
        elif kind == "fr":
            units.insert(at, Unit([fr_h], [], ["fr_only_heading"]))
        else:
            units.insert(at, Unit([fr_h], [ar_h], ["heading"]))


def article(pairs: list[tuple[str, str, str, str]], title: tuple[str, str] | None, own_title: bool,
            teaser_pool: list[tuple[str, str]], rng: random.Random, *, kicker: bool = False,
            ending: bool = True) -> list[Unit]:
    a = ARTICLE_RATES
    head: list[Unit] = []
    if own_title:  # the chunk's first pair is the source's title
        fr, ar = pairs[0][:2]
        pairs = pairs[1:]
        r = rng.random()
        head.append(Unit([fr], [], ["fr_only_title"]) if r < 0.1 else Unit([], [ar], ["ar_only_title"]) if r < 0.25
                    else Unit([fr], [ar], ["title"]))
    elif title:
        r = rng.random()
        if r < a["title_both"]:
            head.append(Unit([title[0]], [title[1]], ["kicker" if kicker else "title"]))
        elif r < a["title_both"] + a["title_fr_only"]:
            head.append(Unit([title[0]], [], ["fr_only_kicker" if kicker else "fr_only_title"]))
        elif r < a["title_both"] + a["title_fr_only"] + a["title_ar_only"]:
            head.append(Unit([], [title[1]], ["ar_only_kicker" if kicker else "ar_only_title"]))
    body = body_units(pairs, rng)
    insert_headings(body, rng)
    r = rng.random()
    if r < a["dateline_glued"] and body and body[0].fr and body[0].ar:
        dfr, dar = rng.choice(DATELINES)
        side = rng.choices(["fr", "ar", "both"], [0.4, 0.3, 0.3])[0]
        if side in ("fr", "both"):
            body[0].fr[0] = f"{dfr} {body[0].fr[0]}"
        if side in ("ar", "both"):
            body[0].ar[0] = f"{dar} {body[0].ar[0]}"
        body[0].tags.append(f"dateline_{side}")
    elif r < a["dateline_glued"] + a["dateline_line"]:
        dfr, dar = rng.choice(DATELINES)
        head.append(Unit([dfr.rstrip(" –")], [], ["fr_only_dateline"]) if rng.random() < 0.5
                    else Unit([], [dar.rstrip(" -")], ["ar_only_dateline"]))
    tail: list[Unit] = []
    if not ending:
        return head + body
    if rng.random() < a["teaser"] and len(teaser_pool) >= 3:
        k = rng.randint(2, 3)
        side = rng.choice(["fr", "ar"])
        for _ in range(k):
            fr, ar = teaser_pool.pop()
            tail.append(Unit([fr], [], ["fr_only_teaser"]) if side == "fr" else Unit([], [ar], ["ar_only_teaser"]))
    if rng.random() < a["boilerplate"]:
        if rng.random() < 0.6:
            tail += [Unit([], [t], ["ar_only_boilerplate"]) for t in rng.sample(AR_BOILERPLATE, rng.randint(1, 3))]
        else:
            tail += [Unit([t], [], ["fr_only_boilerplate"]) for t in rng.sample(FR_BOILERPLATE, rng.randint(1, 3))]
    return head + body + tail


def load(folder: str) -> list[dict]:  # type: ignore[type-arg]
    return [json.loads(line) for line in (SHARED / folder / "documents.jsonl").read_text(encoding="utf-8").splitlines()]


def clean(text: str) -> str:
    return re.sub(r"^b[’']", "", text).strip()


def load_flores() -> tuple[list[dict], list[str], list[str], dict[str, str]]:  # type: ignore[type-arg]
    """FLORES-200 devtest excerpts, its Moroccan and Egyptian lines, and each excerpt's domain."""
    flores = load("flores200_devtest")
    fl = SHARED / "flores200_devtest"
    ary = (fl / "ary_Arab.txt").read_text(encoding="utf-8").split("\n")
    arz = (fl / "arz_Arab.txt").read_text(encoding="utf-8").split("\n")
    domain = {}
    for row in (fl / "metadata.tsv").read_text(encoding="utf-8").splitlines()[1:]:
        cols = row.split("\t")
        domain[cols[1]] = cols[3]
    return flores, ary, arz, domain


Pair = tuple[str, str, str, str]


def chunks(pairs: list[Pair], rng: random.Random) -> Iterator[tuple[int, list[Pair]]]:
    """Consecutive articles of 8–25 pairs (a last one shorter than 6 joins the one before),
    with their start; each size is drawn when the chunk is asked for."""
    start = 0
    while start < len(pairs):
        size = rng.randint(8, 25)
        if len(pairs) - (start + size) < 6:
            size = len(pairs) - start
        yield start, pairs[start:start + size]
        start += size


def build_articles(rng: random.Random) -> list[list[Unit]]:
    tico = load("tico19_dev")
    flores, ary, arz, domain = load_flores()
    teaser_pool = [(clean(f), clean(a)) for d in flores if domain[d["doc_id"]] == "wikibooks"
                   for f, a in zip(d["fr"], d["ar"], strict=True)]
    rng.shuffle(teaser_pool)
    articles: list[list[Unit]] = []
    for d in tico:
        pairs = [(clean(f), clean(a), "", "") for f, a in zip(d["fr"], d["ar"], strict=True)]
        for start, chunk in chunks(pairs, rng):
            own = start == 0 and d["doc_id"] in OWN_TITLE
            title = rng.choice(TITLES.get(d["doc_id"], GENERIC_TITLES))
            articles.append(article(chunk, title, own, teaser_pool, rng))
    for dom, kicker in (("wikinews", KICKER), ("wikivoyage", ("Voyage", "سفر"))):
        articles += roundups([d for d in flores if domain[d["doc_id"]] == dom], kicker, ary, arz, teaser_pool, rng)
    return articles


def build_flores_articles(rng: random.Random) -> list[list[Unit]]:
    """The tuning twin's articles: FLORES devtest only, consecutive excerpts of one domain chunked."""
    flores, ary, arz, domain = load_flores()
    books = [d for d in flores if domain[d["doc_id"]] == "wikibooks"]
    held = set(rng.sample([d["doc_id"] for d in books], len(books) // 5))
    teaser_pool = [(clean(f), clean(a)) for d in books if d["doc_id"] in held
                   for f, a in zip(d["fr"], d["ar"], strict=True)]
    rng.shuffle(teaser_pool)
    articles: list[list[Unit]] = []
    for dom, titles in FLORES_TITLES.items():
        pairs = [(clean(f), clean(a), ary[d["first_line"] - 1 + k].strip(), arz[d["first_line"] - 1 + k].strip())
                 for d in flores if domain[d["doc_id"]] == dom and d["doc_id"] not in held
                 for k, (f, a) in enumerate(zip(d["fr"], d["ar"], strict=True))]
        for _, chunk in chunks(pairs, rng):
            articles.append(article(chunk, rng.choice(titles), False, teaser_pool, rng))
    return articles


def roundups(excerpts: list[dict], kicker: tuple[str, str], ary: list[str], arz: list[str],  # type: ignore[type-arg]
             teaser_pool: list[tuple[str, str]], rng: random.Random) -> list[list[Unit]]:
    """FLORES excerpts grouped by 3–6 into round-up articles under a kicker."""
    articles: list[list[Unit]] = []
    i = 0
    while i < len(excerpts):
        group = excerpts[i:i + rng.randint(3, 6)]
        i += len(group)
        units: list[Unit] = []
        for j, d in enumerate(group):
            first = d["first_line"] - 1
            pairs = [(clean(f), clean(a), ary[first + k].strip(), arz[first + k].strip())
                     for k, (f, a) in enumerate(zip(d["fr"], d["ar"], strict=True))]
            units += article(pairs, kicker if j == 0 else None, False, teaser_pool, rng, kicker=True,
                             ending=j == len(group) - 1)
        articles.append(units)
    return articles


def shape(unit: Unit) -> str:
    return f"{len(unit.fr)}-{len(unit.ar)}"


def write_docs(articles: list[list[Unit]], out: Path, rng: random.Random,  # type: ignore[type-arg]
               n_docs: int = N_DOCS) -> dict:
    rng.shuffle(articles)
    sizes = [max(sum(len(u.fr) for u in a), sum(len(u.ar) for u in a)) for a in articles]
    weights = [rng.uniform(1.0, 1.2) for _ in range(n_docs)]
    total = sum(sizes)
    bounds = [total * sum(weights[:k + 1]) / sum(weights) for k in range(n_docs)]
    docs: list[list[Unit]] = [[] for _ in range(n_docs)]
    acc = 0
    for a, s in zip(articles, sizes, strict=True):
        k = next(k for k, b in enumerate(bounds) if acc + s / 2 <= b or k == n_docs - 1)
        docs[k] += a
        acc += s
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("probe*"):
        old.unlink()
    manifest: dict = {"seed": None, "documents": {}, "shapes": Counter(), "tags": Counter()}  # type: ignore[type-arg]
    for k, units in enumerate(docs):
        name = f"probe{k:02d}"
        fr_lines: list[str] = []
        ar_lines: list[str] = []
        gold, tags = [], []
        for u in units:
            src = list(range(len(fr_lines), len(fr_lines) + len(u.fr)))
            tgt = list(range(len(ar_lines), len(ar_lines) + len(u.ar)))
            fr_lines += u.fr
            ar_lines += u.ar
            gold.append(f"[{', '.join(map(str, src))}]:[{', '.join(map(str, tgt))}]")
            tags.append("+".join(u.tags))
        assert all(line.strip() and "\n" not in line for line in fr_lines + ar_lines)
        (out / f"{name}.fr").write_text("\n".join(fr_lines) + "\n", encoding="utf-8")
        (out / f"{name}.ar").write_text("\n".join(ar_lines) + "\n", encoding="utf-8")
        (out / f"{name}.frar").write_text("\n".join(gold) + "\n", encoding="utf-8")
        (out / f"{name}.tags").write_text("\n".join(tags) + "\n", encoding="utf-8")
        shapes = Counter(shape(u) for u in units)
        tag_counts = Counter(t for u in units for t in u.tags)
        manifest["documents"][name] = {"fr_lines": len(fr_lines), "ar_lines": len(ar_lines), "beads": len(units),
                                       "shapes": dict(sorted(shapes.items())), "tags": dict(sorted(tag_counts.items()))}
        manifest["shapes"].update(shapes)
        manifest["tags"].update(tag_counts)
    manifest["shapes"] = dict(sorted(manifest["shapes"].items()))
    manifest["tags"] = dict(sorted(manifest["tags"].items()))
    return manifest


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--source", choices=("mixed", "flores"), default="mixed",
                    help="mixed: the probe (report set); flores: its tuning twin from FLORES devtest only")
    ap.add_argument("--seed", type=int, default=None, help=f"default {SEED} (mixed) or {SEED + 1} (flores)")
    ap.add_argument("--out", type=Path, default=None, help="default benchmarks/frar/probe or probe-dev")
    args = ap.parse_args()
    twin = args.source == "flores"
    seed = args.seed if args.seed is not None else SEED + int(twin)
    out = args.out or ROOT / "benchmarks" / "frar" / ("probe-dev" if twin else "probe")
    rng = random.Random(seed)
    articles = build_flores_articles(rng) if twin else build_articles(rng)
    manifest = write_docs(articles, out, rng, n_docs=6 if twin else N_DOCS)
    manifest["seed"] = seed
    manifest["articles"] = len(articles)
    manifest["sources"] = ("FLORES-200 devtest only (wikinews, wikivoyage and four fifths of wikibooks as articles, "
                           "with ary/arz lines for the dialect phenomenon; the other wikibooks excerpts as teasers)"
                           if twin else
                           "TICO-19 dev (all 971 pairs); FLORES-200 devtest wikinews and wikivoyage excerpts "
                           "(with ary/arz lines for the dialect phenomenon); FLORES wikibooks sentences as teasers")
    manifest["rates"] = {"per_pair": RATES, "dialect_per_flores_pair": DIALECT_RATE, "per_article": ARTICLE_RATES}
    (out / "MANIFEST.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(json.dumps({k: manifest[k] for k in ("articles", "shapes", "tags")}, ensure_ascii=False))
    for name, d in manifest["documents"].items():
        print(name, d["fr_lines"], d["ar_lines"], d["beads"])


if __name__ == "__main__":
    main()
