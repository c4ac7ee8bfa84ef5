"""The source side encoded in a child process (aligner.encoders.parallel)."""

import os

import numpy as np
import pytest

from aligner.encoders import parallel
from aligner.encoders.base import Encoder
from aligner.errors import EncoderError

needs_fork = pytest.mark.skipif(not parallel.side_processes_allowed(), reason="needs Linux and two cores")


class PidEncoder(Encoder):
    """Raw vectors [pid, len(text), 1]; a text "boom" raises, a text "die" ends the process."""

    name = "pid"
    description = "test encoder"
    dim = 3
    concurrent_sides = True

    @property
    def version(self) -> str:
        return "1"

    def _encode(self, sentences, lang):
        if "boom" in sentences:
            raise ValueError("no boom allowed")
        if "die" in sentences:
            os._exit(3)
        return np.array([[os.getpid(), len(s), 1.0] for s in sentences], dtype=np.float32)


@needs_fork
def test_source_side_is_encoded_in_a_child_with_the_same_vectors():
    enc = PidEncoder()
    with parallel.side_worker(enc) as worker:
        assert worker is not None and isinstance(worker.encoder, parallel.ProcessEncoder)
        raw = worker.encoder._encode(["un", "deux"], "fr")
        assert raw[0, 0] != os.getpid()  # another process did it
        assert raw[:, 1].tolist() == [2, 4]
        # the public encode normalises in this process, as the encoder itself does
        here = enc.encode(["un", "deux"], "fr")
        there = worker.encoder.encode(["un", "deux"], "fr")
        assert there.shape == here.shape and np.allclose(np.linalg.norm(there, axis=1), 1.0)
        assert worker.encoder.name == "pid" and worker.encoder.version == "1"


@needs_fork
def test_an_error_in_the_child_is_an_encoder_error_and_the_child_keeps_serving():
    with parallel.side_worker(PidEncoder()) as worker:
        with pytest.raises(EncoderError, match="no boom allowed"):
            worker.encoder.encode(["boom"], "fr")
        assert worker.encoder.encode(["encore"], "fr").shape == (1, 3)


@needs_fork
def test_a_child_that_dies_is_an_encoder_error_that_says_what_to_do():
    with parallel.side_worker(PidEncoder()) as worker:
        with pytest.raises(EncoderError, match="ALIGNER_SIDE_PROCESS=0"):
            worker.encoder.encode(["die"], "fr")


def test_batch_workers_encode_in_their_own_process(monkeypatch):
    monkeypatch.setattr(parallel, "_SIDE_PROCESSES", True)
    parallel.disable_side_processes()
    assert not parallel.side_processes_allowed()
    with parallel.side_worker(PidEncoder()) as worker:
        assert worker is not None and isinstance(worker.encoder, PidEncoder)


def test_an_encoder_without_concurrent_sides_gets_no_worker():
    class Plain(PidEncoder):
        concurrent_sides = False

    with parallel.side_worker(Plain()) as worker:
        assert worker is None


CHILD_SCRIPT = """
import sys, time
from aligner.encoders import parallel
from tests.test_side_process import PidEncoder
with parallel.side_worker(PidEncoder()) as worker:
    print(int(worker.encoder._encode(["x"], "fr")[0, 0]), flush=True)
    time.sleep(60)
"""


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().split()[2] != "Z"
    except OSError:
        return False


@needs_fork
@pytest.mark.parametrize("sig", ["SIGKILL", "SIGTERM"])
def test_the_child_ends_when_the_job_is_killed(sig):
    import signal
    import subprocess
    import sys
    import time
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    job = subprocess.Popen([sys.executable, "-c", CHILD_SCRIPT], stdout=subprocess.PIPE, text=True, cwd=root)
    try:
        child = int(job.stdout.readline())
        assert child != job.pid and _alive(child)
        job.send_signal(getattr(signal, sig))
        job.wait(10)
        deadline = time.monotonic() + 5
        while _alive(child) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not _alive(child), "the encoding child outlived its job"
    finally:
        job.kill()


def test_a_fork_that_fails_falls_back_to_this_process(monkeypatch, caplog):
    def no_fork(encoder):
        raise OSError(12, "Cannot allocate memory")

    monkeypatch.setattr(parallel, "side_processes_allowed", lambda: True)
    monkeypatch.setattr(parallel, "EncoderProcess", no_fork)
    with parallel.side_worker(PidEncoder()) as worker:
        assert worker is not None and isinstance(worker.encoder, PidEncoder)
        assert worker.encoder.encode(["un"], "fr").shape == (1, 3)
    assert "Cannot allocate memory" in caplog.text
