"""The QA check registry: each check named once, loaded on first use.

Add a check with one module holding a :func:`~aligner.qa.base.unit_check` (or
:func:`~aligner.qa.base.memory_check`) function and one line::

    register_check("my-check", "my_package.checks:my_check")
"""

from __future__ import annotations

from ..registry import Registry
from .base import Check

QA_CHECKS: Registry[Check] = Registry("QA check", "--checks")
for _name, _attr in (
    ("empty-target", "empty_target"), ("untranslated", "untranslated"), ("number", "number_mismatch"),
    ("date", "date_mismatch"), ("name", "name_missing"), ("omission", "omission"), ("truncated", "truncated"),
    ("length", "length_outlier"), ("low-confidence", "low_confidence"), ("punctuation", "punctuation"),
    ("glossary", "glossary_term"), ("inconsistency", "inconsistency"), ("added", "added_content"),
    ("acronym", "acronym"), ("missing-space", "missing_space"), ("dateline", "dateline_one_side"),
):
    QA_CHECKS.register(_name, f"aligner.qa.checks:{_attr}")


def register_check(name: str, target: str | Check) -> None:
    """Add a QA check: *target* is ``"module:attribute"`` naming a :class:`Check` (or the check)."""
    QA_CHECKS.register(name, target)


def explanations() -> dict[str, str]:
    """Each check's explanation (the first line of its docstring), for reports and pages."""
    return {name: c.explanation for name, c in QA_CHECKS.items()}
