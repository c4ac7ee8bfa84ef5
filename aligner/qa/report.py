"""Rendering a QA report as text, JSON or HTML."""

from __future__ import annotations

import json
from typing import IO

from .base import SEVERITIES
from .registry import explanations as check_explanations
from .run import QAReport


def to_json(report: QAReport) -> str:
    """``{"units": [...], "findings": [{"unit", "check", "severity", "message"}]}``."""
    return json.dumps(
        {
            "units": report.unit_records(),
            "findings": [
                {"unit": f.unit, "check": f.check, "severity": f.severity, "message": f.message}
                for f in report.findings
            ],
        },
        ensure_ascii=False,
        indent=1,
    )


def _by_severity(report: QAReport) -> list:  # type: ignore[type-arg]
    return sorted(report.findings, key=lambda f: (SEVERITIES.index(f.severity), f.unit, f.check))


def to_text(report: QAReport) -> str:
    """A table sorted by severity, then unit."""
    rows = [f"{'severity':8s}  {'unit':>5s}  {'check':15s}  message"]
    for f in _by_severity(report):
        rows.append(f"{f.severity:8s}  {f.unit:5d}  {f.check:15s}  {f.message}")
    if len(rows) == 1:
        rows.append("no findings")
    return "\n".join(rows) + "\n"


_QA_CSS = ("body{font-family:sans-serif}table{border-collapse:collapse}"
           "td,th{border:1px solid #ccc;padding:4px;vertical-align:top}"
           ".error{background:#fdd}.warning{background:#ffd}.info{background:#eef}[dir=rtl]{text-align:right}")


def to_html(report: QAReport, title: str) -> str:
    """A self-contained review page: findings first, then every unit.

    Strict CSP (no script at all, styles by hash; see :mod:`aligner.io.pages`); every field escaped.
    """
    from ..io.pages import escape as e
    from ..io.pages import page_head

    explanations = check_explanations()
    parts = [
        page_head(f"QA report: {title}", _QA_CSS),
        f"<h1>QA report: {e(title)}</h1><h2>Findings</h2><table><tr><th>severity</th><th>unit</th>"
        "<th>check</th><th>message</th></tr>",
    ]
    for f in _by_severity(report):
        parts.append(f"<tr class='{e(f.severity)}'><td>{e(f.severity)}</td><td><a href='#u{e(f.unit)}'>{e(f.unit)}</a></td>"
                     f"<td title='{e(explanations.get(f.check, ''))}'>{e(f.check)}</td><td>{e(f.message)}</td></tr>")
    parts.append("</table><h2>Units</h2><table><tr><th>#</th><th>confidence</th><th>French</th><th>Arabic</th></tr>")
    for rec in report.unit_records():
        conf = rec["confidence"]
        anchor = "" if rec.get("unaligned") else f" id='u{e(rec['index'])}'"
        parts.append(f"<tr{anchor}><td>{e(rec['index'])}</td><td>{'' if conf is None else e(conf)}</td>"
                     f"<td lang='fr'>{e(rec['source'])}</td><td lang='ar' dir='rtl'>{e(rec['target'])}</td></tr>")
    parts.append("</table></body></html>\n")
    return "".join(parts)


def render(report: QAReport, fmt: str, title: str = "") -> str:
    """The report in ``text``, ``json`` or ``html``."""
    if fmt == "json":
        return to_json(report) + "\n"
    if fmt == "html":
        return to_html(report, title)
    return to_text(report)


def qa_report(path: str, glossary: str | None, fmt: str, output: str | None, stream: IO[str]) -> QAReport:
    """``aligner qa``: check the output path first, run every check over *path*, write the
    report to *output* (atomically) or, without one, to *stream*."""
    from ..io.atomic import check_outputs
    from .run import check_file

    check_outputs([output], [path, *([glossary] if glossary else [])])
    report = check_file(path, glossary)
    write_report(report, fmt, path, output, stream)
    return report


def write_report(report: QAReport, fmt: str, title: str, output: str | None, stream: IO[str]) -> None:
    """The rendered report to *output* (atomically) or, without one, to *stream*."""
    text = render(report, fmt, title)
    if output:
        from ..io.atomic import write_text_atomic

        write_text_atomic(output, text)
    else:
        stream.write(text if text.endswith("\n") else text + "\n")
