"""``python -m tests.reliability.cli ARGS``: the ``aligner`` CLI with the stand-in encoder registered."""

from __future__ import annotations

from aligner.cli import main

from .standin import install

if __name__ == "__main__":
    install()
    main()
