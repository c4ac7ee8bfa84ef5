"""Sentence encoders behind one interface (:class:`Encoder`), one registry, one cache.

Add an encoder with one module (a subclass of :class:`Encoder`) and one line::

    register_encoder("mine", "my_package.mine:MineEncoder")
"""

from .base import Encoder, EncoderOptions, ModelStatus
from .registry import (
    AUTO_ORDER,
    ENCODERS,
    ModelsReport,
    choose_encoder,
    get_encoder,
    model_statuses,
    models_report,
    register_encoder,
)

__all__ = ["AUTO_ORDER", "ENCODERS", "Encoder", "EncoderOptions", "ModelStatus", "choose_encoder",
           "get_encoder", "model_statuses", "models_report", "register_encoder", "ModelsReport"]
