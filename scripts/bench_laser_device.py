"""Sentences per second of the full-size LASER BiLSTM on CPU and (when present) GPU.

The model has the published architecture (``aligner.encoders.laser.PUBLISHED_PARAMS``:
73,640 embeddings, 320-dim embeddings, 5 bidirectional layers of 512) with
random weights and BPE learnt on the French and Arabic sentences it then
encodes (FLORES-200 devtest): throughput depends on the architecture and the
token counts, not on the weights. It runs through ``aligner.encoders.laser.LaserEncoder``
exactly as ``aligner align --encoder laser`` does.

    python scripts/bench_laser_device.py [--sentences 2000] [--batch 16 64 256] [--devices cpu cuda]
"""

from __future__ import annotations

import argparse
import platform
import sys
import tempfile
import time
from pathlib import Path

FLORES = Path(__file__).resolve().parents[1] / ".." / "shared" / "benchmarks" / "frar" / "flores200_devtest"


def main() -> None:
    import torch

    from aligner.encoders import EncoderOptions
    from aligner.encoders.laser import PUBLISHED_PARAMS, LaserEncoder
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from tests.laser_testmodel import make_laser_model

    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sentences", type=int, default=2000, help="sentences per language")
    ap.add_argument("--batch", type=int, nargs="+", default=[16, 64, 256], help="sentences per batch")
    ap.add_argument("--devices", nargs="+", default=["cpu", "cuda"])
    ap.add_argument("--flores", type=Path, default=FLORES)
    args = ap.parse_args()

    fr = (args.flores / "fra_Latn.txt").read_text(encoding="utf-8").splitlines()[: args.sentences]
    ar = (args.flores / "arb_Arab.txt").read_text(encoding="utf-8").splitlines()[: args.sentences]
    devices = [d for d in args.devices if d == "cpu" or torch.cuda.is_available()]
    gpu = torch.cuda.get_device_name(0) if torch.cuda.is_available() else "none"
    print(f"# torch {torch.__version__}, {torch.get_num_threads()} CPU threads ({platform.processor() or platform.machine()}), GPU: {gpu}")
    print(f"# {len(fr)} French + {len(ar)} Arabic FLORES-200 devtest sentences; full-size LASER BiLSTM, random weights")
    with tempfile.TemporaryDirectory() as tmp:
        make_laser_model(tmp, {"fr": fr, "ar": ar}, merges=20000, embed_dim=PUBLISHED_PARAMS["embed_dim"],
                         hidden_size=PUBLISHED_PARAMS["hidden_size"], num_layers=PUBLISHED_PARAMS["num_layers"],
                         num_embeddings=PUBLISHED_PARAMS["num_embeddings"])
        print(f"{'device':6s} {'batch':>6s} {'sent/s':>9s} {'seconds':>8s}")
        for device in devices:
            for batch in args.batch:
                enc = LaserEncoder(EncoderOptions(str(tmp), device), max_tokens=None, max_sentences=batch)
                enc.encode(fr[:batch], "fr")  # warm-up (CUDA context, kernels)
                if device == "cuda":
                    torch.cuda.synchronize()
                t = time.perf_counter()
                enc.encode(fr, "fr")
                enc.encode(ar, "ar")
                if device == "cuda":
                    torch.cuda.synchronize()
                dt = time.perf_counter() - t
                print(f"{device:6s} {batch:6d} {(len(fr) + len(ar)) / dt:9.1f} {dt:8.2f}", flush=True)


if __name__ == "__main__":
    main()
