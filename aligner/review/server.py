"""The editor's local web server: a thin layer over :class:`~aligner.review.session.EditSession`.

Standard library only (:mod:`http.server`): one translator, one browser tab,
requests of a few kilobytes; an ASGI stack would add two dependencies and an
event loop for nothing (the reasons are in docs/editor.md).

Nothing is reachable from another machine or another site:

* it listens on 127.0.0.1 only, on a port the system picks;
* every request needs the session's token (a random 256-bit string): the page
  in its URL (``/?token=…``), the API calls in an ``X-Aligner-Token`` header,
  which a page of another site cannot send without a CORS preflight that this
  server never grants; a request without it gets 403 and nothing else;
* the ``Host`` header must name this server (no DNS rebinding), and a request
  carrying another ``Origin`` is refused;
* the page is served with a strict Content-Security-Policy (scripts and styles
  by hash, ``connect-src 'self'``), ``no-referrer`` and ``nosniff``.
"""

from __future__ import annotations

import hmac
import json
import secrets
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

from ..errors import AlignerError
from .edit import edit_from_dict
from .editor_page import page_csp, render_editor, state_json, unit_json
from .session import EditSession

MAX_BODY = 1 << 20
TOKEN_HEADER = "X-Aligner-Token"


@dataclass
class EditorServer:
    """A running editor: its URL (with the token) and how to stop it."""

    httpd: ThreadingHTTPServer
    session: EditSession
    token: str

    @property
    def port(self) -> int:
        return int(self.httpd.server_address[1])

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/?token={self.token}"

    def serve_forever(self) -> None:
        self.httpd.serve_forever(poll_interval=0.2)

    def start_thread(self) -> threading.Thread:
        """Serve in a background thread (tests, ``align --edit``)."""
        thread = threading.Thread(target=self.serve_forever, daemon=True, name="aligner-editor")
        thread.start()
        return thread

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def make_server(session: EditSession, port: int = 0, token: str | None = None) -> EditorServer:
    """An editor server for *session* on 127.0.0.1 (*port* 0: any free port); not started yet."""
    token = token or secrets.token_urlsafe(32)
    class Handler(_Handler):
        pass

    Handler.session, Handler.token, Handler.lock = session, token, session.lock
    httpd = ThreadingHTTPServer(("127.0.0.1", port), Handler)
    httpd.daemon_threads = True
    return EditorServer(httpd, session, token)


class _Handler(BaseHTTPRequestHandler):
    session: EditSession
    token: str
    lock: threading.RLock
    server_version = "aligner-editor"
    sys_version = ""

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the base class's name
        """Quiet: the terminal is the translator's, not a request log."""

    # -- checks -----------------------------------------------------------------------------------

    def _port(self) -> int:
        return int(self.server.server_address[1])  # type: ignore[index]

    def _host_ok(self) -> bool:
        port = self._port()
        return self.headers.get("Host", "") in (f"127.0.0.1:{port}", f"localhost:{port}")

    def _origin_ok(self) -> bool:
        origin = self.headers.get("Origin")
        port = self._port()
        return origin is None or origin in (f"http://127.0.0.1:{port}", f"http://localhost:{port}")

    def _token_ok(self, given: str | None) -> bool:
        return given is not None and hmac.compare_digest(given.encode(), self.token.encode())

    def _refuse(self, status: HTTPStatus, why: str) -> None:
        body = why.encode()
        self.send_response(status)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)

    def _send(self, body: bytes, content_type: str, csp: str | None = None) -> None:
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Referrer-Policy", "no-referrer")
        self.send_header("Cross-Origin-Resource-Policy", "same-origin")
        if csp:
            self.send_header("Content-Security-Policy", csp)
            self.send_header("X-Frame-Options", "DENY")
        self.end_headers()
        self.wfile.write(body)

    def _json(self, data: object) -> None:
        self._send(json.dumps(data, ensure_ascii=False).encode("utf-8"), "application/json; charset=utf-8")

    # -- routes -----------------------------------------------------------------------------------

    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        url = urlsplit(self.path)
        if not self._host_ok():
            return self._refuse(HTTPStatus.FORBIDDEN, "wrong host")
        if url.path == "/":
            given = parse_qs(url.query).get("token", [None])[0]
            if not self._token_ok(given):
                return self._refuse(HTTPStatus.FORBIDDEN, "this editor needs the address printed by `aligner edit`")
            with self.lock:
                page = render_editor(self.session)
            return self._send(page.encode("utf-8"), "text/html; charset=utf-8", page_csp(page))
        if not self._token_ok(self.headers.get(TOKEN_HEADER)):
            return self._refuse(HTTPStatus.FORBIDDEN, "missing or wrong token")
        if url.path == "/api/state":
            with self.lock:
                return self._json(state_json(self.session))
        return self._refuse(HTTPStatus.NOT_FOUND, "not found")

    def do_POST(self) -> None:  # noqa: N802 - http.server's name
        url = urlsplit(self.path)
        if not (self._host_ok() and self._origin_ok()):
            return self._refuse(HTTPStatus.FORBIDDEN, "wrong host or origin")
        if not self._token_ok(self.headers.get(TOKEN_HEADER)):
            return self._refuse(HTTPStatus.FORBIDDEN, "missing or wrong token")
        try:
            length = int(self.headers.get("Content-Length", "0"))
        except ValueError:
            length = -1
        if not 0 <= length <= MAX_BODY:
            return self._refuse(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, "request too large")
        try:
            data = json.loads(self.rfile.read(length) or b"{}")
        except (json.JSONDecodeError, UnicodeDecodeError):
            return self._refuse(HTTPStatus.BAD_REQUEST, "not JSON")
        if not isinstance(data, dict):
            return self._refuse(HTTPStatus.BAD_REQUEST, "not a JSON object")
        with self.lock:
            try:
                result = self._post(url.path, data)
            except AlignerError as exc:
                return self._json({"error": str(exc)})
        if result is None:
            return self._refuse(HTTPStatus.NOT_FOUND, "not found")
        return self._json(result)

    def _post(self, path: str, data: dict[str, Any]) -> dict[str, Any] | None:
        s = self.session
        started = time.perf_counter()
        if path == "/api/edit":
            by, when = s.stamp()
            change = s.apply(edit_from_dict(data, by, when))
        elif path == "/api/undo":
            change = s.undo()
        elif path == "/api/redo":
            change = s.redo()
        elif path == "/api/cursor":
            unit = data.get("unit")
            if isinstance(unit, int) and not isinstance(unit, bool):
                s.set_cursor(unit)
            return {"ok": True}
        elif path == "/api/export":
            fmt, include = str(data.get("format", "tmx")), str(data.get("include", "reviewed"))
            if fmt not in ("tmx", "tsv", "jsonl"):
                return {"error": f"unknown export format {fmt!r}"}
            out = _export_path(s.output, fmt, include)
            count = s.export(out, fmt, include)
            return {"path": str(out), "count": count}
        else:
            return None
        units = s.alignment.units
        return {
            "start": change.start, "removed": change.removed,
            "units": [unit_json(s, k) for k in range(change.start, change.start + change.added)],
            "summary": state_json(s, units=False),
            "cursor": min(change.start, len(units) - 1),
            "ms": round((time.perf_counter() - started) * 1000, 1),
        }


def _export_path(edited: Path, fmt: str, include: str) -> Path:
    """``PAIR.reviewed.tmx`` (accepted and edited units) or ``PAIR.kept.tmx`` (all but rejected)."""
    name = edited.name
    for suffix in (".edited.jsonl", ".jsonl"):
        if name.endswith(suffix):
            name = name[: -len(suffix)]
            break
    return edited.with_name(f"{name}.{'reviewed' if include == 'reviewed' else 'kept'}.{fmt}")


def run_editor(session: EditSession, announce: Callable[[str], None], port: int = 0,
               open_browser: bool = True) -> None:
    """Serve the editor until interrupted (Ctrl+C); *announce* receives the address to open."""
    server = make_server(session, port)
    announce(f"editor: {server.url}")
    announce(f"edits are saved to {session.output} as you make them; Ctrl+C stops the editor")
    if open_browser:
        import webbrowser

        threading.Timer(0.2, webbrowser.open, args=(server.url,)).start()
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.httpd.server_close()  # the loop has ended: nothing to shut down
