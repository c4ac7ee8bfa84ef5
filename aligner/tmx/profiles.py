"""What each CAT tool needs from a TMX: language codes and size limits.

Facts from OmegaT 3.6 run headless and from the tools' documentation: Trados
imports only units whose languages match the TM's exact locales and caps
segments at 2,000 characters; memoQ maps languages at import; Phrase matches
locales loosely; Trados and Phrase limit imports to 1 GB (XTM to 550 MB).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..registry import Registry

GB = 1024**3


@dataclass(frozen=True)
class CatProfile:
    """Codes and limits of one CAT tool."""

    name: str
    src_lang: str | None  # code to write for French (None: keep the user's)
    tgt_lang: str | None
    max_segment_chars: int | None
    max_file_bytes: int | None
    note: str


OMEGAT = CatProfile("omegat", None, None, None, None,
                    "plain BCP 47 codes (fr, ar, fr-FR, ar-Arab-MA); put the TMX in tm/auto/")
TRADOS = CatProfile("trados", "fr-FR", "ar-SA", 2000, GB,
                    "units must match the TM's exact locales: set --tmx-langs to the TM's")
MEMOQ = CatProfile("memoq", None, None, None, None, "languages are mapped at import")
PHRASE = CatProfile("phrase", "fr-FR", "ar-SA", None, GB, "locales are matched loosely")

#: The CAT tool profiles, named once (``--cat-profile NAME``); add one with :func:`register_profile`.
CAT_PROFILES: Registry[CatProfile] = Registry("CAT profile", "--cat-profile")
for _name in ("omegat", "trados", "memoq", "phrase"):
    CAT_PROFILES.register(_name, f"aligner.tmx.profiles:{_name.upper()}")


def register_profile(name: str, target: str | CatProfile) -> None:
    """Add a CAT tool profile: *target* is ``"module:attribute"`` naming a :class:`CatProfile` (or it)."""
    CAT_PROFILES.register(name, target)


def get_profile(name: str) -> CatProfile:
    """The profile called *name*."""
    return CAT_PROFILES.get(name)


def profile_langs(profile: CatProfile, src: str, tgt: str) -> tuple[str, str]:
    """Codes to write: the profile's region forms where the user gave bare fr/ar."""
    out_src = profile.src_lang if profile.src_lang and src == "fr" else src
    out_tgt = profile.tgt_lang if profile.tgt_lang and tgt == "ar" else tgt
    return out_src, out_tgt
