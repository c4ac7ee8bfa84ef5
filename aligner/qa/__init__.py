"""Translation QA: checks over aligned units (registry, checks, glossary, report, MT metrics)."""

from .base import SEVERITIES, Check, Context, Finding, QAUnit, memory_check, unit_check
from .glossary import Glossary
from .registry import QA_CHECKS, explanations, register_check
from .run import QAReport, check_file, flagged_units, load_units, run_checks, units_from_records

__all__ = ["QA_CHECKS", "SEVERITIES", "Check", "Context", "Finding", "Glossary", "QAReport", "QAUnit", "check_file",
           "explanations", "flagged_units", "load_units", "memory_check", "register_check", "run_checks",
           "unit_check", "units_from_records"]
