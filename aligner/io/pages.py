"""The one place our HTML pages get their Content-Security-Policy and their escaping.

Every page the toolkit writes (the review page, the QA report, the editor)
is built with :func:`page_head` and :func:`script_tag`:

* ``default-src 'none'``: nothing is fetched (no image, font, frame, request);
* scripts only by SHA-256 hash of the exact ``<script>`` text we wrote, so a
  ``<script>`` or an inline handler (``onerror=…``) smuggled into the page
  through a field does not run;
* styles only by hash as well (no ``style=`` attributes in our pages), so
  injected CSS cannot either;
* ``form-action 'none'`` and ``base-uri 'none'``: no form posts the page
  anywhere and no ``<base>`` redirects its links; ``connect-src`` is
  ``'none'`` unless a page names the local server it talks to (the editor).

``navigate-to`` was dropped from CSP Level 3 and no browser enforces it; with
no script but ours and every field escaped, nothing can navigate the page.
``frame-ancestors`` and ``sandbox`` are ignored in a ``<meta>`` policy, so
they are not written.
"""

from __future__ import annotations

import base64
import hashlib
import html
from collections.abc import Sequence


def escape(value: object) -> str:
    """Any value as HTML text or attribute content (quotes escaped too)."""
    return html.escape(str(value), quote=True)


def source_hash(text: str) -> str:
    """The CSP source expression ``'sha256-…'`` of an inline script or style."""
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def csp(scripts: Sequence[str] = (), styles: Sequence[str] = (), connect: Sequence[str] = (),
        images: str = "data:") -> str:
    """The policy for a page whose only scripts and styles are *scripts* and *styles* (their texts).

    *connect*: origins the page's own script may call (e.g. ``http://127.0.0.1:8765``).
    """
    script_src = " ".join(source_hash(s) for s in scripts) or "'none'"
    style_src = " ".join(source_hash(s) for s in styles) or "'none'"
    connect_src = " ".join(connect) or "'none'"
    return (f"default-src 'none'; script-src {script_src}; style-src {style_src}; "
            f"img-src {images}; connect-src {connect_src}; form-action 'none'; base-uri 'none'")


def page_head(title: str, css: str = "", scripts: Sequence[str] = (), connect: Sequence[str] = (),
              lang: str = "en") -> str:
    """``<!DOCTYPE html>`` up to ``<body>``: charset, CSP (hashes of *css* and *scripts*), title, style."""
    policy = csp(scripts, [css] if css else [], connect)
    return (
        f'<!DOCTYPE html>\n<html lang="{escape(lang)}" dir="ltr"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{html.escape(policy, quote=False)}">'
        '<meta name="referrer" content="no-referrer">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(title)}</title>" + (f"<style>{css}</style>" if css else "") + "</head><body>"
    )


def script_tag(js: str) -> str:
    """An inline ``<script>`` whose text is exactly *js* (what :func:`csp` hashed)."""
    if "</script" in js.lower():
        raise ValueError("a page script may not contain '</script'")
    return f"<script>{js}</script>"
