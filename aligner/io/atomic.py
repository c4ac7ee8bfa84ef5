"""The one way the toolkit writes a file: atomically, checked first, nothing left behind.

* The data goes to a temporary file beside the output
  (``.NAME.aligner-PID-RANDOM.part``), which is renamed over the output only
  once complete and synced: a reader (or a CAT tool) never sees half a file,
  and the previous output stays intact if the job fails.
* The new file gets the mode any file the user creates gets (``0666`` less the
  umask), or the mode of the file it replaces, not ``mkstemp``'s ``0600``.
* Temporary files are removed on every exit Python sees (an exception,
  Ctrl-C, SIGTERM/SIGHUP once :func:`install_signal_handlers` ran, ``sys.exit``);
  after a SIGKILL or a power cut, the next write into the same folder removes
  the leftovers of processes that no longer run.
* :func:`check_outputs` runs before the work: the folder exists and is
  writable (probed by creating a file, which is what counts, also for root on
  a read-only mount), the output is not a folder, and no output is one of the
  command's inputs (``-o fr.txt`` never overwrites the French source).
* A full disk, a read-only folder or a permission problem becomes an
  :class:`OutputError` naming the file, never a traceback.
"""

from __future__ import annotations

import atexit
import errno
import os
import re
import secrets
import signal
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

from ..errors import OutputError

_PART = re.compile(r"^\..+\.aligner-(\d+)-[0-9a-f]{8}\.part$")
_LIVE: set[str] = set()
_LOCK = threading.Lock()
_CLEANED: set[str] = set()
_SETS = threading.local()  # per thread: the stack of open output sets (lists of files to rename)


def _os_message(exc: OSError) -> str:
    if exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", -1)):
        return "the disk is full; free some space or write elsewhere"
    if exc.errno == errno.EROFS:
        return "the folder is on a read-only file system; choose another output folder"
    if exc.errno in (errno.EACCES, errno.EPERM):
        return "permission denied; choose a folder you can write to"
    return f"{exc.strerror or exc}; check the output path"


def output_error(path: str | os.PathLike[str], exc: OSError) -> OutputError:
    """An :class:`OutputError` for an OS error while writing *path*."""
    return OutputError(f"cannot write {path}: {_os_message(exc)}")


def current_umask() -> int:
    """The process umask, read without changing it where the OS allows."""
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    with _LOCK:
        mask = os.umask(0o022)
        os.umask(mask)
    return mask


def _pid_alive(pid: int) -> bool:
    """Whether process *pid* may still write its temporary file (a zombie cannot: it was
    killed, and nothing reaped it yet, as happens where no init process reaps orphans)."""
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True
    return process_state(pid) != "Z"  # no /proc (not Linux): alive, as the signal said


def process_state(pid: int) -> str | None:
    """The state letter of process *pid* in ``/proc`` ("R", "S", "Z" for a zombie…), or None
    where it cannot be read (no such process, no ``/proc``)."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as f:
            return f.read().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return None


def clean_leftovers(folder: str | os.PathLike[str]) -> list[str]:
    """Remove the temporary files that killed runs left in *folder*; the names removed."""
    removed: list[str] = []
    try:
        names = os.listdir(folder)
    except OSError:
        return removed
    for name in names:
        m = _PART.match(name)
        if not m or _pid_alive(int(m.group(1))):
            continue
        path = os.path.join(folder, name)
        if path in _LIVE:
            continue
        try:
            os.unlink(path)
            removed.append(path)
        except OSError:
            pass
    return removed


def _clean_once(folder: Path) -> None:
    key = str(folder.resolve()) if folder.exists() else str(folder)
    if key not in _CLEANED:
        _CLEANED.add(key)
        clean_leftovers(folder)


def refuse_dash(path: str | os.PathLike[str], what: str) -> str | os.PathLike[str]:
    """*path*, unless it is ``-``: a file or folder named so is never what was meant (``-o -``
    is standard output, which only ``aligner align`` and ``aligner qa`` write, in a line format)."""
    if str(path) == "-":
        raise OutputError(f"cannot write to '-': this output must be {what} (standard output takes only "
                          "`aligner align` and `aligner qa` output in a line format); give a name")
    return path


def check_output_path(path: str | os.PathLike[str], inputs: Iterable[str | os.PathLike[str]] = (),
                      probe: bool = True) -> Path:
    """Fail early, with the fix, when *path* cannot be written (see :func:`check_outputs`)."""
    out = Path(refuse_dash(path, "a file"))
    folder = out.parent if str(out.parent) else Path(".")
    if not folder.is_dir():
        raise OutputError(
            f"cannot write {out}: folder {folder} does not exist; create it first "
            f"(mkdir -p {folder}) or choose another output path"
        )
    if out.is_dir():
        raise OutputError(f"cannot write {out}: it is a folder; give a file name")
    _check_regular(out)
    for item in inputs:
        if _same_file(out, Path(item)):
            raise OutputError(
                f"cannot write {out}: it is one of the inputs ({item}) and would be overwritten; "
                "choose another output name"
            )
    if probe:
        _probe(folder, out)
    return out


def _check_regular(out: Path) -> None:
    """Refuse an existing output that is a device, a FIFO or a socket: the temporary file would be
    renamed over it (as root, ``-o /dev/full`` replaced the device by a regular file)."""
    import stat

    try:
        mode = out.stat().st_mode
    except OSError:
        return  # not there yet (or a dangling link): an ordinary new file
    if not stat.S_ISREG(mode) and not stat.S_ISDIR(mode):
        kind = ("a device" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode)
                else "a FIFO (named pipe)" if stat.S_ISFIFO(mode) else "a socket" if stat.S_ISSOCK(mode)
                else "not a regular file")
        raise OutputError(f"cannot write {out}: it is {kind}, not a regular file; give the name of a file "
                          "(without -o, commands that can print their result to standard output)")


def _same_file(a: Path, b: Path) -> bool:
    try:
        if a.exists() and b.exists():
            return os.path.samefile(a, b)
    except OSError:
        return False
    return os.path.abspath(a) == os.path.abspath(b)


def _probe(folder: Path, out: Path) -> None:
    """Create and remove a file in *folder*: the only honest test that it is writable."""
    probe = folder / f".{out.name}.aligner-{os.getpid()}-{secrets.token_hex(4)}.part"
    try:
        fd = os.open(probe, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except OSError as exc:
        raise output_error(out, exc) from None
    os.close(fd)
    try:
        os.unlink(probe)
    except OSError:
        pass


def check_outputs(outputs: Iterable[str | os.PathLike[str] | None],
                  inputs: Iterable[str | os.PathLike[str]] = ()) -> None:
    """:func:`check_output_path` for every output a command will write, before it works."""
    ins = list(inputs)
    for out in outputs:
        if out:
            check_output_path(out, ins)


class AtomicFile:
    """A temporary file beside *path*, renamed over it by :meth:`commit`, removed by :meth:`discard`."""

    def __init__(self, path: str | os.PathLike[str], binary: bool = False) -> None:
        self.path = check_output_path(path, probe=False)
        folder = self.path.parent if str(self.path.parent) else Path(".")
        _clean_once(folder)
        self.tmp = str(folder / f".{self.path.name}.aligner-{os.getpid()}-{secrets.token_hex(4)}.part")
        try:
            fd = os.open(self.tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600)
        except OSError as exc:
            raise output_error(self.path, exc) from None
        with _LOCK:
            _LIVE.add(self.tmp)
        self.fh: IO[Any] = (os.fdopen(fd, "wb") if binary
                            else os.fdopen(fd, "w", encoding="utf-8", newline="\n"))
        self.done = False
        self.deferred = False  # complete, waiting for its output set to end
        self.size = 0  # bytes, once closed

    def write(self, data: Any) -> None:
        try:
            self.fh.write(data)
        except OSError as exc:
            self.discard()
            raise output_error(self.path, exc) from None

    def _mode(self) -> int:
        try:
            return os.stat(self.path).st_mode & 0o7777
        except OSError:
            return 0o666 & ~current_umask()

    def close_file(self) -> None:
        """Flush, sync and close the temporary file (before a rename)."""
        try:
            self.fh.flush()
            os.fsync(self.fh.fileno())
            self.size = os.fstat(self.fh.fileno()).st_size  # known before the rename (an output set defers it)
            os.fchmod(self.fh.fileno(), self._mode()) if hasattr(os, "fchmod") else None
            self.fh.close()
        except OSError as exc:
            self.discard()
            raise output_error(self.path, exc) from None

    def commit(self) -> None:
        """Make the output appear, complete, under its name (inside :func:`output_set`: when the
        set ends, with the set's other files)."""
        if self.done or self.deferred:
            return
        if not self.fh.closed:
            self.close_file()
        stack = getattr(_SETS, "stack", None)
        if stack:
            self.deferred = True
            stack[-1].append(self)
            return
        self._rename()

    def _rename(self) -> None:
        try:
            os.replace(self.tmp, self.path)
        except OSError as exc:
            self.discard()
            raise output_error(self.path, exc) from None
        self.done = True
        with _LOCK:
            _LIVE.discard(self.tmp)

    def discard(self, deferred: bool = False) -> None:
        """Remove the temporary file; the output (if any) is left as it was. A file waiting for
        its output set is only removed by the set (*deferred*)."""
        if self.done or (self.deferred and not deferred):
            return
        self.done = True
        try:
            self.fh.close()
        except OSError:
            pass
        try:
            os.unlink(self.tmp)
        except OSError:
            pass
        with _LOCK:
            _LIVE.discard(self.tmp)


@contextmanager
def atomic_writer(path: str | os.PathLike[str], binary: bool = False) -> Iterator[IO]:  # type: ignore[type-arg]
    """Open a temporary file beside *path*; rename it over *path* only on success."""
    f = AtomicFile(path, binary)
    try:
        yield _Writer(f)  # type: ignore[misc]
        f.commit()
    except OSError as exc:
        f.discard()
        raise output_error(f.path, exc) from None
    finally:
        f.discard()


@contextmanager
def output_set() -> Iterator[None]:
    """The files committed inside appear together when the block ends, or none of them
    (``align -o x.tmx --report r.html`` on a disk that fills up while writing the review no
    longer leaves the TMX alone). Nests: an inner set's files join the outer one."""
    stack: list[list[AtomicFile]] = getattr(_SETS, "stack", None) or []
    _SETS.stack = stack
    pending: list[AtomicFile] = []
    stack.append(pending)
    try:
        yield
    except BaseException:
        stack.pop()
        for f in pending:
            f.discard(deferred=True)
        raise
    stack.pop()
    if stack:
        stack[-1].extend(pending)
        return
    for k, f in enumerate(pending):
        f.deferred = False
        try:
            f._rename()
        except OutputError:
            for rest in pending[k + 1:]:
                rest.discard(deferred=True)
            raise


class _Writer:
    """The file object handed out by :func:`atomic_writer`: OS errors become :class:`OutputError`."""

    def __init__(self, f: AtomicFile) -> None:
        self._f = f

    def write(self, data: Any) -> int:
        self._f.write(data)
        return len(data)

    def writelines(self, lines: Iterable[Any]) -> None:
        for line in lines:
            self._f.write(line)

    def flush(self) -> None:
        try:
            self._f.fh.flush()
        except OSError as exc:
            self._f.discard()
            raise output_error(self._f.path, exc) from None

    def fileno(self) -> int:
        return self._f.fh.fileno()


def write_text_atomic(path: str | os.PathLike[str], text: str) -> None:
    """Write *text* as UTF-8 to *path* atomically."""
    with atomic_writer(path) as fh:
        fh.write(text)


def remove_live_temporaries() -> None:
    """Remove every temporary file this process still has open (exit and signal path)."""
    with _LOCK:
        live = list(_LIVE)
        _LIVE.clear()
    for tmp in live:
        try:
            os.unlink(tmp)
        except OSError:
            pass


atexit.register(remove_live_temporaries)


def _on_signal(signum: int, frame: object) -> None:
    """Remove the temporary files and end now (an exception raised here could be swallowed
    by whatever code the signal interrupted, e.g. a ``__del__``)."""
    remove_live_temporaries()
    name = "Ctrl-C" if signum == signal.SIGINT else signal.Signals(signum).name
    os.write(2, f"Error: interrupted ({name}); the file being written was removed, earlier outputs "
                "are complete\n".encode())
    os._exit(128 + signum)


def install_signal_handlers() -> Callable[[], None]:
    """SIGTERM, SIGHUP and SIGINT (Ctrl-C) end the job at once: temporary files removed,
    ``Error: …``, exit 128+N. (A KeyboardInterrupt raised inside a callback or a ``__del__``
    is swallowed by Python, and the job would go on.)

    Only from the main thread of a command-line run (a library never changes signal handling).
    """
    previous: dict[int, Any] = {}
    if threading.current_thread() is threading.main_thread():
        for name in ("SIGTERM", "SIGHUP", "SIGINT"):
            sig = getattr(signal, name, None)
            if sig is not None and signal.getsignal(sig) in (signal.SIG_DFL, signal.default_int_handler, None):
                previous[sig] = signal.signal(sig, _on_signal)

    def restore() -> None:
        """Put the previous handlers back (the command ran in-process, e.g. under a test runner)."""
        for sig, handler in previous.items():
            signal.signal(sig, handler)

    return restore
