"""The one way the toolkit opens an input file: checked, bounded, never blocking.

Every reader (articles, pre-split lines, JSONL, TSV, TMX, glossaries, beads,
MT lines) goes through :func:`open_input` or the helpers built on it, so that
every command refuses the same things with the same words:

* a missing path, a folder, a FIFO, a socket or a device (refused from
  ``stat`` and opened with ``O_NONBLOCK``, so a FIFO never blocks the job);
* a file it may not read (permission);
* a file over its size limit, or a line over the line limit;
* bytes that are not in the encoding the format requires (the message names
  the line, the column and the byte).

Lines are split on ``\\n`` only (``\\r\\n`` tolerated): U+2028, U+2029, U+0085
and the other characters :meth:`str.splitlines` breaks on are text inside
a JSONL or TSV record, not record ends.
"""

from __future__ import annotations

import codecs
import errno
import os
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from ..errors import InputError

#: Default size limit of an input read whole (articles, JSONL, TSV, glossaries).
MAX_BYTES = 64 * 1024 * 1024
#: Default size limit of an input streamed (TMX): bounded memory, so only a sanity bound.
MAX_STREAM_BYTES = 16 * 1024**3
#: Longest line accepted in a line-based input (a JSONL record, a TSV row).
MAX_LINE_BYTES = 16 * 1024 * 1024


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "not a regular file"


def check_input(path: str | os.PathLike[str], what: str = "a file") -> Path:
    """*path* as a :class:`Path` once it is known to be an existing regular file.

    Uses ``stat`` only (never opens), so it cannot block on a FIFO.
    """
    p = Path(path)
    try:
        st = p.stat()
    except FileNotFoundError:
        raise InputError(f"{path}: no such file; check the path (give {what})") from None
    except NotADirectoryError:
        raise InputError(f"{path}: no such file (a part of the path is a file); check the path") from None
    except PermissionError:
        raise InputError(f"{path}: cannot be read (permission denied on its folder); "
                         "check the permissions") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot be read ({exc.strerror}); check the path") from None
    if not stat.S_ISREG(st.st_mode):
        kind = _kind(st.st_mode)
        hint = f"give {what}"
        if kind != "a folder":
            hint = f"copy it to a regular file first, then give {what}"
        raise InputError(f"{path}: is {kind}, not a regular file; {hint}")
    return p


def open_input(path: str | os.PathLike[str], what: str = "a file", max_bytes: int | None = MAX_BYTES) -> BinaryIO:
    """Open *path* for binary reading after the checks; raises :class:`InputError` naming the file."""
    p = check_input(path, what)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(p, flags)
    except PermissionError:
        raise InputError(f"{path}: cannot be read (permission denied); check its permissions "
                         f"(chmod u+r {path})") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot be opened ({exc.strerror}); check the path") from None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):  # swapped between stat and open
            raise InputError(f"{path}: is {_kind(st.st_mode)}, not a regular file; give {what}")
        if max_bytes is not None and st.st_size > max_bytes:
            raise InputError(
                f"{path}: too large ({_size(st.st_size)}, limit {_size(max_bytes)}); "
                "split it into smaller files"
            )
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def _size(n: int) -> str:
    if n >= 1024**3:
        return f"{n / 1024**3:.1f} GB"
    if n >= 1024**2:
        return f"{n / 1024**2:.0f} MB"
    return f"{n / 1024:.0f} kB"


def read_bytes(path: str | os.PathLike[str], what: str = "a file", max_bytes: int = MAX_BYTES) -> bytes:
    """The whole content of *path*, after the checks (at most *max_bytes*)."""
    with open_input(path, what, max_bytes) as fh:
        try:
            data = fh.read(max_bytes + 1)
        except OSError as exc:
            raise InputError(f"{path}: cannot be read ({exc.strerror}); check the file") from None
    if len(data) > max_bytes:  # grew while we read it
        raise InputError(f"{path}: too large (over {_size(max_bytes)}); split it into smaller files")
    return data


def decode_error(name: str, data: bytes, exc: UnicodeDecodeError, encoding: str) -> InputError:
    """An :class:`InputError` that says where the bad byte is: line, column and value."""
    start = exc.start
    line = data.count(b"\n", 0, start) + 1 if encoding.startswith("utf-8") else None
    column = start - (data.rfind(b"\n", 0, start) + 1) + 1
    where = f"line {line}, column {column}, " if line is not None else ""
    bad = data[start:start + 1].hex().upper()
    return InputError(
        f"{name}: not valid {encoding.upper().replace('-SIG', '')} text ({where}offset {start}: byte 0x{bad}); "
        "save it as UTF-8 from the program that made it, or convert it with "
        f"`iconv -f <its encoding> -t UTF-8 {name}` once you know the encoding (check the result: "
        "a wrong guess corrupts letters)"
    )


def read_text(path: str | os.PathLike[str], what: str = "a UTF-8 text file", max_bytes: int = MAX_BYTES) -> str:
    """The content of *path* decoded as UTF-8 (a BOM is dropped); ``\\r\\n`` becomes ``\\n``."""
    data = read_bytes(path, what, max_bytes)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise decode_error(str(path), data, exc, "utf-8") from None
    return text.replace("\r\n", "\n")


def split_records(text: str) -> list[str]:
    """Lines of a JSONL or TSV: split on ``\\n`` only, never on U+2028/U+2029/U+0085/\\v/\\f."""
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return [line[:-1] if line.endswith("\r") else line for line in lines]


def iter_lines(path: str | os.PathLike[str], what: str = "a UTF-8 text file", max_bytes: int = MAX_BYTES,
               max_line_bytes: int = MAX_LINE_BYTES) -> Iterator[tuple[int, str]]:
    """``(line number, text)`` of *path*, streamed, split on ``\\n`` only, decoded strictly as UTF-8."""
    with open_input(path, what, max_bytes) as fh:
        decoder = codecs.getincrementaldecoder("utf-8")()
        number = 0
        offset = 0
        first = True
        while True:
            try:
                raw = fh.readline(max_line_bytes + 1)
            except OSError as exc:
                raise InputError(f"{path}: cannot be read ({exc.strerror}); check the file") from None
            if not raw:
                break
            number += 1
            if len(raw) > max_line_bytes and not raw.endswith(b"\n"):
                raise InputError(f"{path}, line {number}: longer than {_size(max_line_bytes)}; "
                                 "is it the right file?")
            if first and raw.startswith(codecs.BOM_UTF8):
                raw = raw[3:]
                offset += 3
            first = False
            try:
                line = decoder.decode(raw, final=False)
            except UnicodeDecodeError as exc:
                err = decode_error(str(path), raw, exc, "utf-8")
                raise InputError(str(err).replace("line 1, ", f"line {number}, ", 1)
                                 .replace(f"offset {exc.start}", f"offset {offset + exc.start}", 1)) from None
            offset += len(raw)
            if line.endswith("\n"):
                line = line[:-1]
            if line.endswith("\r"):
                line = line[:-1]
            yield number, line
        try:
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            raise InputError(f"{path}: ends inside a UTF-8 character (truncated file?); "
                             "check that the file is complete") from None


def is_enospc(exc: OSError) -> bool:
    """True when *exc* says the disk (or quota) is full."""
    return exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", -1))
