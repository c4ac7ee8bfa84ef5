"""Every default of the toolkit, defined once, and the settings signature.

The CLI reads its option defaults from :data:`DEFAULTS`; every printed score and
every TMX header carries :meth:`AlignConfig.signature`, so a figure is never
ambiguous about the settings that produced it (as sacrebleu does).
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from typing import Any

from .errors import ConfigError
from .signature import Signature, number

SRC_LANG = "fr"
TGT_LANG = "ar"
ENCODER = "auto"  # laser when its files are found, else use (encoders.choose_encoder)
DEVICE = "auto"


@dataclass(frozen=True)
class EncoderOptions:
    """Options every encoder factory receives (each uses what it needs).

    Attributes:
        laser_dir: folder of the LASER model files (None: searched, see :mod:`aligner.encoders.laser`).
        device: where a torch model runs: ``auto``, ``cpu`` or ``cuda``.
    """

    laser_dir: str | None = None
    device: str = "auto"


#: The default share of ``faithful_auto`` (``--faithful-auto``): between the fr–ar dev documents
#: (at most 0.33) and Text+Berg dev (0.67), with the join threshold of -0.02 and ``faithful_gain``
#: -0.08. Read on dev documents cut into pieces of 40–120 sentences too (shorter documents, fewer
#: unaligned sentences to count), news pieces reach 0.5 (3 of 6) and there the pass costs up to a
#: point, while book pieces read 0.67–1.0 from 2–5 sentences: hence 0.6 out of at least 2
#: (``faithful_min``), not 0.5 out of 5 (docs/benchmarks.md, stop 25).
FAITHFUL_AUTO = 0.6


@dataclass(frozen=True)
class AlignConfig:
    """Settings of one alignment run.

    Attributes:
        src_lang, tgt_lang: language codes of the two inputs (BCP 47 primary tag).
        encoder: name of the sentence encoder in the registry (``use``, ``e5``…).
        max_bead: largest number of sentences in a bead (source + target), ≥ 2.
        skip_cost: cost of leaving one sentence unaligned (0-1 / 1-0 bead).
        merge_penalty: cost added per extra sentence in a many-to-many bead.
        length_weight: weight of the length-ratio term in the bead cost.
        member_weight: weight of the penalty for a sentence of a many-sentence
            bead that does not match the other side on its own (a heading).
        member_threshold: dissimilarity above which that penalty starts.
        heading_rule: keep headings (lines of kind ``heading``) out of merges and
            pair them with headings; off, a heading is aligned like any sentence.
        heading_penalty: cost of putting a heading into a many-sentence bead.
        heading_mismatch: cost of pairing a heading with a sentence 1-1.
        heading_leads: a heading may open a merge whose other side is one line
            that opens with a glued title (``Titre : Phrase…``); it still never
            ends a merge nor stands alone against several sentences.
        own_headline: with the heading rule, a 1-1 unit of two headings (each of
            :data:`aligner.align.headlines.HEADLINE_CHARS` characters or more) whose cosine stands less
            than this share of the document's spread above chance (aligner.align.spread) is two
            unaligned headlines: each site wrote its own title (a translated title stands 0.66 or
            more above chance on the dev sets); None: such units are kept.
        title_fold: with the heading rule, a story title left unaligned just before its lead (a
            sentence that opens with a dateline, aligner.lang.datelines) joins the lead's unit when
            the other side has no heading there and the title's cosine with the partner of the lead
            stands this share of the document's spread above chance, that partner being among the
            title's best matches nearby: that lead renders the title too
            (aligner.align.headlines.fold_titles); None: the title stays unaligned.
        norm_floor: lower bound of the normaliser of a bead's dissimilarity (how
            dissimilar each side is to random sentences of the other document).
        unrelated_weight: weight of the excess dissimilarity of a 1-1 bead above
            ``unrelated_threshold`` (≈ 1 is as unlike as random sentences): two sentences
            that do not match are two unaligned sentences, not a pair.
        unrelated_threshold: dissimilarity above which that cost starts.
        refine: check the bead boundaries again with the spans in doubt encoded
            as one text (aligner.align.refine); costs extra encoder calls.
        refine_join: similarity gain for an unaligned sentence to join a
            neighbouring bead in that check (negative: it joins unless the bead's similarity
            falls by more than that).
        refine_split: similarity gain for an edge sentence to leave a bead of
            several sentences in that check.
        refine_length: weight of the length deviation (``|log(target / (ratio ·
            source))|``) subtracted from a bead's similarity in that check.
        refine_rounds: rounds of join-then-split in that check.
        refine_cut: in that check, a bead with several sentences on both sides (2-2, 3-2, 2-3)
            is cut into two pairs when the worse of the two scores no more than this below the
            whole bead (spans encoded as one text; a 2-2 whose two 1-1 pairs each stand on their
            own); None: never cut.
        reorder_margin: after that check, a 1-1 unit whose sentence matches an unaligned sentence
            within three units by more than this cosine above its partner (and above each unit
            in between) is re-paired with it, the units crossed becoming unaligned: a sentence
            the other side moved (aligner.align.reorder; in spread units); None: never.
        boundary_join: after that check (and the faithful pass), two neighbouring 1-1 units
            become one 2-2 unit when their sides encoded as one text each match better, by this
            cosine (in spread units), than the two pairs on average, and their lengths agree far
            better joined (``boundary_length``): a boundary the translation moved
            (aligner.align.boundary); None: never.
        boundary_length: in that test, how much lower (in ``|log(target / (ratio · source))|``)
            the joined unit's length deviation must be than the mean of its two pairs'.
        refine_margin: a move is encoded and checked only when its estimate from
            summed sentence vectors comes within this margin of its threshold.
        spread_units: the refinement's thresholds (join, split, cut, length weight, margin),
            ``reorder_margin``, ``boundary_join`` and ``faithful_gain`` are in ``use``'s units:
            multiplied by each document's similarity spread over ``use``'s (aligner.align.spread),
            so that an encoder whose cosines are squeezed (``e5``) takes the same decisions;
            False: as given.
        faithful: the texts are translated in full (books, reports): re-align the windows
            around beads that are not 1-1 with span encodings and Bertalign's objective, where a
            merge costs nothing by itself (aligner.align.faithful); costs extra encoder calls.
        faithful_skip: score of an unaligned sentence in that pass (a bead scores its spans'
            cosine times a length penalty, 0 to 1).
        faithful_context: beads on each side of a bead that is not 1-1 re-aligned with it.
        faithful_keep_runs: that pass keeps runs of two or more unaligned sentences (a passage
            one side lacks) as the search found them.
        faithful_auto: without ``faithful``, that pass still runs on a document that reads as
            translated in full: at least this share of its unaligned sentences that could join a
            neighbouring unit would raise its score by more than ``faithful_gain`` (members of
            merges the search broke, not sentences one side added); default :data:`FAITHFUL_AUTO`;
            0 (``--no-faithful-auto``): never by itself.
        faithful_gain: join gain (aligner.align.confidence.join_gains) above which an unaligned
            sentence reads as a member of its neighbour, for ``faithful_auto``.
        faithful_min: documents with fewer unaligned sentences that could join a unit are never
            taken as translated in full (too few to tell).
        band: half-width (in sentences) of the search band around the coarse path.
        coarse_size: documents up to this many sentences per side get a full search.
        norm_samples: random sentences used to normalise similarities (fixed seed).
        seed: seed of every random choice, recorded for reproducibility.
        pre_split: inputs are one sentence per line, taken as given.
        pre_split_chrome: with ``pre_split``, lines that the boilerplate rules call page chrome
            (``Partager cet article``, ``المصدر: وكالات``) stay out of the search and come back
            unaligned (aligner.align.chrome).
        laser_dir: folder of the LASER model files (None: searched, see aligner.encoders.laser).
        device: where LASER runs: ``auto``, ``cpu`` or ``cuda`` (not part of the signature).
        warn_coverage: warn on stderr when a side's coverage (its sentences in confident units)
            is below this (a warning only: not part of the signature).
        warn_lost: warn when reading left out more than this share of a side's text (idem).
    """

    src_lang: str = SRC_LANG
    tgt_lang: str = TGT_LANG
    encoder: str = ENCODER
    max_bead: int = 5
    skip_cost: float = 0.66
    merge_penalty: float = 0.15
    length_weight: float = 0.05
    member_weight: float = 0.25
    member_threshold: float = 0.8
    heading_rule: bool = True
    heading_penalty: float = 2.0
    heading_mismatch: float = 0.5
    heading_leads: bool = True
    own_headline: float | None = 0.6
    title_fold: float | None = 0.2
    norm_floor: float = 0.05
    unrelated_weight: float = 3.0
    unrelated_threshold: float = 0.9
    refine: bool = True
    refine_join: float = -0.02
    refine_split: float = 0.04
    refine_length: float = 0.2
    refine_rounds: int = 3
    refine_margin: float = 0.1
    refine_cut: float | None = -0.3
    reorder_margin: float | None = 0.1
    boundary_join: float | None = 0.03
    boundary_length: float = 0.35
    spread_units: bool = True
    faithful: bool = False
    faithful_skip: float = -0.2
    faithful_context: int = 1
    faithful_keep_runs: bool = True
    faithful_auto: float = FAITHFUL_AUTO
    faithful_gain: float = -0.08
    faithful_min: int = 2
    band: int = 12
    coarse_size: int = 300
    norm_samples: int = 64
    seed: int = 1234
    pre_split: bool = False
    pre_split_chrome: bool = True
    laser_dir: str | None = None
    device: str = DEVICE
    warn_coverage: float = 0.5
    warn_lost: float = 0.5

    def __post_init__(self) -> None:
        if self.max_bead < 2:
            raise ConfigError(f"max bead size must be at least 2 (got {self.max_bead}); give --max-bead "
                              "(AlignConfig.max_bead) from 2 to 10")
        if self.max_bead > 10:
            raise ConfigError(f"max bead size above 10 is not supported (got {self.max_bead}); give --max-bead "
                              "(AlignConfig.max_bead) from 2 to 10")
        if self.skip_cost <= 0:
            raise ConfigError(f"skip cost must be positive (got {self.skip_cost})")
        if self.device not in ("auto", "cpu", "cuda"):
            raise ConfigError(f"device must be auto, cpu or cuda (got {self.device!r})")
        if self.band < 2:
            raise ConfigError(f"band must be at least 2 (got {self.band})")
        for name in ("warn_coverage", "warn_lost"):
            if not 0.0 <= getattr(self, name) <= 1.0:
                raise ConfigError(f"{name} must be between 0 and 1 (got {getattr(self, name)})")
        if self.unrelated_weight < 0:
            raise ConfigError(f"unrelated weight must be 0 or more (got {self.unrelated_weight})")
        if not 0 < self.norm_floor <= 1:
            raise ConfigError(f"norm floor must be in (0, 1] (got {self.norm_floor})")
        if not self.refine_margin >= 0:
            raise ConfigError(f"refine margin must be 0 or more (got {self.refine_margin})")
        if not -1.0 <= self.faithful_skip <= 0.0:
            raise ConfigError(f"faithful skip must be between -1 and 0 (got {self.faithful_skip})")
        if not 0.0 <= self.faithful_auto <= 1.0:
            raise ConfigError(f"faithful auto share must be between 0 and 1 (got {self.faithful_auto}); "
                              "0 never runs the faithful pass by itself")
        if self.faithful_min < 1:
            raise ConfigError(f"faithful min must be at least 1 (got {self.faithful_min})")
        if self.faithful_context < 0:
            raise ConfigError(f"faithful context must be 0 or more (got {self.faithful_context})")
        if self.refine_cut is not None and not -1.0 <= self.refine_cut <= 1.0:
            raise ConfigError(f"refine cut must be between -1 and 1 (got {self.refine_cut}); None never cuts")
        if self.reorder_margin is not None and not 0.0 <= self.reorder_margin <= 1.0:
            raise ConfigError(f"reorder margin must be between 0 and 1 (got {self.reorder_margin}); None keeps "
                              "every pair the search and the refinement made")
        if self.boundary_join is not None and not -1.0 <= self.boundary_join <= 1.0:
            raise ConfigError(f"boundary join gain must be between -1 and 1 (got {self.boundary_join}); None never "
                              "joins two 1-1 units")
        if not 0.0 <= self.boundary_length <= 5.0:
            raise ConfigError(f"boundary length gain must be between 0 and 5 (got {self.boundary_length})")
        if self.own_headline is not None and not 0.0 <= self.own_headline <= 1.0:
            raise ConfigError(f"own headline share must be between 0 and 1 (got {self.own_headline}); None keeps "
                              "every pair of headings")
        if self.title_fold is not None and not 0.0 <= self.title_fold <= 1.0:
            raise ConfigError(f"title fold share must be between 0 and 1 (got {self.title_fold}); None leaves "
                              "every unaligned title alone")
        if self.refine_rounds < 1:
            raise ConfigError(f"refine rounds must be at least 1 (got {self.refine_rounds})")

    def with_(self, **changes: Any) -> AlignConfig:
        """A copy with some settings changed (None values are ignored)."""
        return replace(self, **{k: v for k, v in changes.items() if v is not None})

    @classmethod
    def from_options(cls, base: AlignConfig | None = None, **options: Any) -> AlignConfig:
        """*base* (default :data:`DEFAULTS`) with the options that name a setting applied;
        other options (the CLI's) are ignored, None values too."""
        names = {f.name for f in fields(cls)}
        return (base or DEFAULTS).with_(**{k: v for k, v in options.items() if k in names})

    @property
    def encoder_options(self) -> EncoderOptions:
        """What the encoder factory receives (the same for every encoder)."""
        return EncoderOptions(self.laser_dir, self.device)

    def _heading_sig(self) -> str:
        if not self.heading_rule:
            return "off"
        lead = "/lead" if self.heading_leads else ""
        own = "" if self.own_headline is None else f"/own{number(self.own_headline)}"
        fold = "" if self.title_fold is None else f"/fold{number(self.title_fold)}"
        return f"{number(self.heading_penalty)}/{number(self.heading_mismatch)}{lead}{own}{fold}"

    def _refine_sig(self) -> str:
        if not self.refine:
            return "off"
        return (f"{number(self.refine_join)}/{number(self.refine_split)}/len{number(self.refine_length)}"
                f"/r{self.refine_rounds}/m{number(self.refine_margin)}"
                + ("" if self.refine_cut is None else f"/cut{number(self.refine_cut)}")
                + ("" if self.reorder_margin is None else f"/reorder{number(self.reorder_margin)}")
                + ("" if self.boundary_join is None
                   else f"/bound{number(self.boundary_join)}@{number(self.boundary_length)}")
                + ("/spread" if self.spread_units else ""))

    def _faithful_sig(self) -> str:
        if not self.faithful and self.faithful_auto <= 0:
            return "off"
        core = f"{number(self.faithful_skip)}/c{self.faithful_context}" + ("/runs" if self.faithful_keep_runs else "")
        if self.faithful:
            return core
        units = "/spread" if self.spread_units else ""  # the gain threshold in spread units
        return f"auto{number(self.faithful_auto)}@{number(self.faithful_gain)}n{self.faithful_min}{units}:{core}"

    def signature(self, encoder_version: str = "") -> Signature:
        """A sacrebleu-style signature, e.g. ``fr-ar|enc:use-0.2.1|bead:5|…|version:…``."""
        enc = f"{self.encoder}-{encoder_version}" if encoder_version else self.encoder
        return Signature("align", (
            ("langs", f"{self.src_lang}-{self.tgt_lang}"), ("enc", enc), ("bead", str(self.max_bead)),
            ("skip", number(self.skip_cost)), ("merge", number(self.merge_penalty)),
            ("len", number(self.length_weight)),
            ("member", f"{number(self.member_weight)}@{number(self.member_threshold)}"),
            ("unrelated", f"{number(self.unrelated_weight)}@{number(self.unrelated_threshold)}"),
            ("head", self._heading_sig()), ("norm", number(self.norm_floor)),
            ("refine", self._refine_sig()),
            ("faithful", self._faithful_sig()),
            ("band", str(self.band)), ("full", str(self.coarse_size)), ("seed", str(self.seed)),
            ("split", ("pre/chrome" if self.pre_split_chrome else "pre") if self.pre_split else "auto"),
        ))


DEFAULTS = AlignConfig()


@dataclass(frozen=True)
class QAConfig:
    """Thresholds of the translation-QA checks (:mod:`aligner.qa`) and of the review page's colours.

    Attributes:
        low_confidence: a unit below this alignment confidence is flagged (QA) and shown red (review).
        high_confidence: at or above this a unit is shown green in the review page.
        length_limit: log length ratio below minus this (a target 1.73 times too short) is an outlier.
        long_limit: above this (2.3 times too long) a target is an outlier (Arabic spells out acronyms).
        length_min_chars: shorter sources vary too much to judge their length.
        omission_min_chars: shortest source whose empty target counts as an omission.
        truncated_shorter: log length ratio under which a target without final stop may be cut (info).
        truncated_much_shorter: … and under which that is a warning (Arabic often drops the final stop).
        truncated_meaning: a target without final stop whose cosine with a prefix of the source
            beats its cosine with the whole source by more than this is cut (a warning; 0: off).
        meaning_encoder: the encoder of that comparison (``none``: off).
        length_very_short: log ratio below minus this (under a third of the expected length): a length
            warning; between ``length_limit`` and this, and above ``long_limit``, a note.
        rare_arabic: an Arabic word (clitics and endings stripped) seen fewer times than this in
            pyspellchecker's Arabic word counts looks transliterated (a foreign name, not a word).
        similar_name: a missing name is a note, not a warning, when a transliterated-looking word of
            the target is within this share of the name's skeleton length in edits (another spelling).
        stem_share: a target word is not added content when its skeleton and a source word's share a
            beginning covering at least this share of the longer one (ناميبيا ↔ namibiennes).
        glued_common: an Arabic token unknown to the word list is two words glued together when it
            splits into a word seen at least this many times in pyspellchecker's Arabic counts and a
            number word, a month, a weekday or a source name (فيستة = في ستة, كبيرلميلر = كبير لميلر).
    """

    low_confidence: float = 0.5
    high_confidence: float = 0.8
    length_limit: float = 0.55
    long_limit: float = 0.85
    length_min_chars: int = 40
    omission_min_chars: int = 25
    truncated_shorter: float = -0.15
    truncated_much_shorter: float = -0.3
    truncated_meaning: float = 0.08
    meaning_encoder: str = "use"
    length_very_short: float = 1.1
    rare_arabic: int = 5
    similar_name: float = 0.5
    stem_share: float = 0.6
    glued_common: int = 20000

    @property
    def meaning_on(self) -> bool:
        """Whether the truncation check compares meanings (an encoder is loaded when needed)."""
        return self.truncated_meaning > 0 and self.meaning_encoder != "none"

    def signature(self, checks: str = "all") -> Signature:
        """``qa|checks:all|conf:0.5|len:0.55/0.85/1.1@40|omit:25|trunc:-0.15/-0.3/0.08@use|names:5/0.5/0.6|glued:20000|version:…``."""
        return Signature("qa", (
            ("qa", checks), ("conf", number(self.low_confidence)),
            ("len", f"{number(self.length_limit)}/{number(self.long_limit)}/{number(self.length_very_short)}"
                    f"@{self.length_min_chars}"),
            ("omit", str(self.omission_min_chars)),
            ("trunc", f"{number(self.truncated_shorter)}/{number(self.truncated_much_shorter)}"
                      + (f"/{number(self.truncated_meaning)}@{self.meaning_encoder}" if self.meaning_on else "")),
            ("names", f"{self.rare_arabic}/{number(self.similar_name)}/{number(self.stem_share)}"),
            ("glued", str(self.glued_common)),
        ))


QA_DEFAULTS = QAConfig()


@dataclass(frozen=True)
class PairConfig:
    """Thresholds of document pairing (:mod:`aligner.corpus.pairing`), tuned on scripts/bench_pairing.py.

    Attributes:
        threshold: minimum pairing score (ratio margin + evidence).
        neighbours: k of the ratio margin (Artetxe & Schwenk).
        candidates: nearest documents considered per document.
        evidence_weight: weight of the agreement of numbers, months and names.
        unrelated_cosine: typical cosine of two unrelated news documents, padding small folders.
        ann_above: documents on the searched side of a group above which the nearest documents
            come from an HNSW graph (faiss, extra ``ann``) instead of the exact search.
    """

    threshold: float = 1.2
    neighbours: int = 4
    candidates: int = 10
    evidence_weight: float = 0.15
    unrelated_cosine: float = 0.3
    ann_above: int = 20000

    def signature(self, encoder: str) -> Signature:
        """``pair|enc:use-…|min:1.2|k:4|cand:10|evid:0.15|pad:0.3|ann:20000|version:…``."""
        return Signature("pair", (
            ("pair", "margin"), ("enc", encoder), ("min", number(self.threshold)), ("k", str(self.neighbours)),
            ("cand", str(self.candidates)), ("evid", number(self.evidence_weight)),
            ("pad", number(self.unrelated_cosine)), ("ann", str(self.ann_above)),
        ))


PAIR_DEFAULTS = PairConfig()


def eval_signature(files: int) -> Signature:
    """The signature of ``aligner eval``: how many gold/prediction pairs, which convention."""
    return Signature("eval", (("files", str(files)), ("score", "vecalign-strict-lax")))
