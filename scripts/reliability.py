"""Reliability of a confidence: bins, share exactly right per bin, expected calibration error.

Shared by ``bench_accuracy.py`` and ``calibrate_confidence.py``.
"""

from __future__ import annotations

from collections.abc import Sequence

#: Confidence bins of the reliability tables (the accuracy issue's bins, plus everything below 0.5).
BINS = ((0.0, 0.5), (0.5, 0.7), (0.7, 0.8), (0.8, 0.9), (0.9, 0.95), (0.95, 1.0001))


def table(confidences: Sequence[float], right: Sequence[bool]) -> tuple[list[tuple[str, int, float, float]], float]:
    """Rows (bin, beads, mean confidence, share right) and the expected calibration error
    (mean over beads of |share right − mean confidence| of their bin)."""
    rows = []
    ece = 0.0
    total = len(confidences)
    for lo, hi in BINS:
        inside = [(c, ok) for c, ok in zip(confidences, right, strict=True) if lo <= c < hi]
        if not inside:
            continue
        mean_conf = sum(c for c, _ in inside) / len(inside)
        share = sum(ok for _, ok in inside) / len(inside)
        label = f"≥ {lo:.2f}" if hi > 1 else f"{lo:.2f}–{hi:.2f}"
        rows.append((label, len(inside), mean_conf, share))
        ece += len(inside) / total * abs(share - mean_conf)
    return rows, ece


def markdown(confidences: Sequence[float], right: Sequence[bool]) -> list[str]:
    """The table as Markdown lines, with the ECE and the share right at ≥ 0.9."""
    rows, ece = table(confidences, right)
    lines = ["| confidence | beads | mean confidence | exactly right |", "|---|---|---|---|"]
    lines += [f"| {label} | {n} | {c:.3f} | {s:.3f} |" for label, n, c, s in rows]
    high = [ok for c, ok in zip(confidences, right, strict=True) if c >= 0.9]
    if high:
        lines.append(f"| **≥ 0.90** | {len(high)} | | **{sum(high) / len(high):.3f}** |")
    lines.append(f"\nExpected calibration error: {ece:.3f}")
    return lines
