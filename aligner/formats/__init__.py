"""Output formats behind one contract (:class:`OutputFormat`) and one registry; :func:`write_alignment`."""

from .base import OutputFormat, OutputReport, ReadUnit, WriteOptions
from .registry import OUTPUT_FORMATS, format_for, get_format, register_format
from .write import write_alignment

__all__ = ["OUTPUT_FORMATS", "OutputFormat", "OutputReport", "ReadUnit", "WriteOptions", "format_for",
           "get_format", "register_format", "write_alignment"]
