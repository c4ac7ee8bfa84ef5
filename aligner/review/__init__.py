"""The side-by-side review of an alignment: a model built from an Alignment or our JSONL, and its page."""

from .html import render_review, write_review
from .model import Review, ReviewRow, build_review, review_alignment, review_file

__all__ = ["Review", "ReviewRow", "build_review", "render_review", "review_alignment", "review_file",
           "write_review"]
