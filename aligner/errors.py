"""One exception tree for everything the library raises on purpose.

Every message says what is wrong *and* what to do about it; the CLI prints
``Error: <message>`` and exits non-zero, never a traceback.
"""

from __future__ import annotations


class AlignerError(Exception):
    """Base class of every error the toolkit raises deliberately."""


class InputError(AlignerError):
    """An input file cannot be used: missing, empty, binary, undecodable, too large."""


class LanguageError(InputError):
    """An input file is not in the language it was given as."""


class EncoderError(AlignerError):
    """A sentence encoder is unknown, not installed, or failed to load."""


class OutputError(AlignerError):
    """An output cannot be written (missing folder, unknown format)."""


class TMXError(AlignerError):
    """A TMX file is malformed, hostile or breaks the TMX 1.4 rules."""


class ConfigError(AlignerError):
    """An option value is out of range or inconsistent with another."""
