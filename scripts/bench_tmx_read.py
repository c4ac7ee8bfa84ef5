"""Memory of reading a large TMX: generate one (default 1 GB), stream it, report peak RSS.

Usage: python scripts/bench_tmx_read.py [--size-mb 1024] [--keep PATH]
Prints the file size, units read, seconds and the peak resident memory of the
reading process (a child process, so generation does not count).
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from aligner.tmx.writer import TranslationUnit, write_tmx

FR = "Le directeur général a effectué une visite de travail à Bruxelles le {i} décembre."
AR = "أجرى المدير العام زيارة عمل إلى بروكسل يوم {i} دجنبر."


def generate(path: Path, size_mb: int) -> int:
    unit_bytes = 330  # approximate size of one unit on disk
    n = size_mb * 1024 * 1024 // unit_bytes
    units = (TranslationUnit(FR.format(i=i), AR.format(i=i), {"x-align-score": "0.9000"}) for i in range(n))
    return write_tmx(path, units, "fr", "ar").written


def read_child(path: str) -> None:
    from aligner.tmx.reader import iter_units

    start = time.perf_counter()
    n = sum(1 for _ in iter_units(path))
    seconds = time.perf_counter() - start
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{n}\t{seconds:.1f}\t{peak_mb:.0f}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--size-mb", type=int, default=1024)
    ap.add_argument("--keep", type=Path, help="Write the generated TMX here and keep it.")
    ap.add_argument("--child", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        read_child(args.child)
        return
    with tempfile.TemporaryDirectory() as tmp:
        path = args.keep or Path(tmp) / "big.tmx"
        t = time.perf_counter()
        written = generate(path, args.size_mb)
        gen_s = time.perf_counter() - t
        size_mb = path.stat().st_size / 1024 / 1024
        out = subprocess.run([sys.executable, __file__, "--child", str(path)], check=True,
                             capture_output=True, text=True).stdout.split()
        print(f"file: {size_mb:.0f} MB, {written} units written in {gen_s:.0f} s")
        print(f"read: {out[0]} units in {out[1]} s, peak RSS of the reader {out[2]} MB")


if __name__ == "__main__":
    main()
