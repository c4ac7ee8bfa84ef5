"""Every default of the toolkit, defined once, and the settings signature.

The CLI reads its option defaults from :data:`DEFAULTS`; every printed score and
every TMX header carries :meth:`AlignConfig.signature`, so a figure is never
ambiguous about the settings that produced it (as sacrebleu does).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, replace
from typing import Any

from .errors import ConfigError

SRC_LANG = "fr"
TGT_LANG = "ar"
ENCODER = "auto"  # laser when its files are found, else use (encoders.choose_encoder)
DEVICE = "auto"


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
        heading_penalty: cost of putting a heading into a many-sentence bead.
        refine: check the bead boundaries again with the spans in doubt encoded
            as one text (aligner.align.refine); costs extra encoder calls.
        refine_join: similarity gain for an unaligned sentence to join a
            neighbouring bead in that check.
        refine_split: similarity gain for an edge sentence to leave a bead of
            several sentences in that check.
        band: half-width (in sentences) of the search band around the coarse path.
        coarse_size: documents up to this many sentences per side get a full search.
        norm_samples: random sentences used to normalise similarities (fixed seed).
        seed: seed of every random choice, recorded for reproducibility.
        pre_split: inputs are one sentence per line, taken as given.
        laser_dir: folder of the LASER model files (None: searched, see aligner.encoders.laser).
        device: where LASER runs: ``auto``, ``cpu`` or ``cuda`` (not part of the signature).
    """

    src_lang: str = SRC_LANG
    tgt_lang: str = TGT_LANG
    encoder: str = ENCODER
    max_bead: int = 5
    skip_cost: float = 0.66
    merge_penalty: float = 0.15
    length_weight: float = 0.05
    member_weight: float = 1.0
    member_threshold: float = 0.8
    heading_penalty: float = 2.0
    refine: bool = True
    refine_join: float = 0.06
    refine_split: float = 0.02
    band: int = 12
    coarse_size: int = 300
    norm_samples: int = 64
    seed: int = 1234
    pre_split: bool = False
    laser_dir: str | None = None
    device: str = DEVICE

    def __post_init__(self) -> None:
        if self.max_bead < 2:
            raise ConfigError(f"max bead size must be at least 2 (got {self.max_bead})")
        if self.max_bead > 10:
            raise ConfigError(f"max bead size above 10 is not supported (got {self.max_bead})")
        if self.skip_cost <= 0:
            raise ConfigError(f"skip cost must be positive (got {self.skip_cost})")
        if self.device not in ("auto", "cpu", "cuda"):
            raise ConfigError(f"device must be auto, cpu or cuda (got {self.device!r})")
        if self.band < 2:
            raise ConfigError(f"band must be at least 2 (got {self.band})")

    def with_(self, **changes: Any) -> AlignConfig:
        """A copy with some settings changed (None values are ignored)."""
        return replace(self, **{k: v for k, v in changes.items() if v is not None})

    def as_props(self, encoder_version: str = "") -> dict[str, str]:
        """The settings as TMX ``x-`` props (name without the prefix → value)."""
        props = {k.replace("_", "-"): str(v) for k, v in asdict(self).items() if k not in ("laser_dir", "device")}
        if encoder_version:
            props["encoder-version"] = encoder_version
        from . import __version__

        props["aligner-version"] = __version__
        return props

    def signature(self, encoder_version: str = "") -> str:
        """A sacrebleu-style signature, e.g. ``fr-ar|enc:use-0.2.1|bead:5|…``."""
        from . import __version__

        enc = f"{self.encoder}-{encoder_version}" if encoder_version else self.encoder
        return (
            f"{self.src_lang}-{self.tgt_lang}|enc:{enc}|bead:{self.max_bead}"
            f"|skip:{self.skip_cost:g}|merge:{self.merge_penalty:g}|len:{self.length_weight:g}"
            f"|member:{self.member_weight:g}@{self.member_threshold:g}|head:{self.heading_penalty:g}"
            f"|refine:{f'{self.refine_join:g}/{self.refine_split:g}' if self.refine else 'off'}"
            f"|band:{self.band}|full:{self.coarse_size}|seed:{self.seed}|split:{'pre' if self.pre_split else 'auto'}"
            f"|version:{__version__}"
        )


DEFAULTS = AlignConfig()
