"""The editor page: the review page's look, with the alignment as data and a script that edits it.

The page is one HTML document with its CSS and JavaScript inline (read from
``aligner/data/editor.css`` and ``editor.js``) and the alignment as a JSON data
block. Its Content-Security-Policy allows exactly that script and that style,
by their SHA-256 hashes, and requests to the server itself; there is no inline
event handler, and every text is put into the page with ``textContent``.
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING, Any

from ..align.scores import scores_of
from ..config import QA_DEFAULTS
from ..io import pages
from ..models import Bead
from ..qa.registry import explanations
from .html import ARABIC_FONTS, LATIN_FONTS

if TYPE_CHECKING:
    from .session import EditSession

_e = pages.escape


@lru_cache(maxsize=1)
def assets() -> tuple[str, str]:
    """The page's script and style sheet."""
    data = resources.files("aligner") / "data"
    js = (data / "editor.js").read_text(encoding="utf-8")
    css = (data / "editor.css").read_text(encoding="utf-8")
    css = css.replace("@LATIN@", LATIN_FONTS).replace("@ARABIC@", ARABIC_FONTS)
    return js, css


def csp(with_frame_ancestors: bool = True) -> str:
    """The page's policy (:func:`aligner.io.pages.csp`): its own script and style by hash, requests
    to its own server only; ``frame-ancestors`` only where it counts, in the HTTP header."""
    js, css = assets()
    policy = pages.csp([js], [css], connect=["'self'"])
    return policy + ("; frame-ancestors 'none'" if with_frame_ancestors else "")


def page_csp(_page: str) -> str:
    """The Content-Security-Policy header sent with the page."""
    return csp()


def unit_json(session: EditSession, k: int) -> dict[str, Any]:
    """One unit as the page draws it (short keys: a 2,000-unit page stays small)."""
    a = session.alignment
    u = a.units[k]
    return {
        "s": list(u.src), "t": list(u.tgt),
        "ss": [a.src[i].text for i in u.src], "ts": [a.tgt[j].text for j in u.tgt],
        "sk": [a.src[i].kind for i in u.src], "tk": [a.tgt[j].kind for j in u.tgt],
        "so": [a.src[i].original for i in u.src], "to": [a.tgt[j].original for j in u.tgt],
        "st": u.state, "c": u.confidence, "by": u.by, "at": u.at,
        "f": [[f.severity, f.check, f.message] for f in session.findings[k]],
    }


def state_json(session: EditSession, units: bool = True) -> dict[str, Any]:
    """The figures of the header (and every unit, for the first paint)."""
    a = session.alignment
    # the translator's word counts: accepted and edited units are right, rejected ones wrong
    sure = {"accepted": 1.0, "edited": 1.0, "rejected": 0.0}
    beads = [Bead(u.src, u.tgt, sure.get(u.state, u.confidence or 0.0)) for u in a.units]
    s = scores_of(*session.kinds, beads)
    states = {name: 0 for name in ("auto", "accepted", "edited", "rejected")}
    for u in a.units:
        if u.aligned:
            states[u.state] = states.get(u.state, 0) + 1
    out: dict[str, Any] = {
        "verdict": s.verdict, "cov_src": s.src_coverage, "cov_tgt": s.tgt_coverage,
        "mean_conf": s.mean_confidence, "units": s.units, "states": states,
        "n_src": len(a.src), "n_tgt": len(a.tgt), "saved": session.output.name,
        "can_undo": bool(session.undo_stack), "can_redo": bool(session.redo_stack),
        "rescore": "" if session.rescorer is None else session.rescorer.error,
        "qa_ready": session.qa_ready.is_set(),
    }
    if units:
        out["all"] = [unit_json(session, k) for k in range(len(a.units))]
        out["cursor"] = session.cursor
        out["explain"] = explanations()
        out["bands"] = [QA_DEFAULTS.high_confidence, QA_DEFAULTS.low_confidence]
    return out


def _data_block(data: dict[str, Any]) -> str:
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    # inside <script>: no "</", and nothing a JavaScript parser would end a line on
    text = text.replace("<", "\\u003c").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return f'<script type="application/json" id="data">{text}</script>'


KEYS = (
    ("j / ↓, k / ↑", "next / previous row"), ("n / p", "next / previous flagged row"),
    ("Tab or s", "switch side (French ⇄ Arabic)"), ("[ / ]", "previous / next sentence of the side"),
    ("m / M", "merge with the next / previous row"), ("x", "split after the chosen sentence"),
    ("u / U", "unalign the first / last sentence of the side"),
    (", / .", "move the first sentence to the previous row / the last to the next row"),
    ("a / r", "accept / reject the unit"), ("e", "edit the chosen sentence (Enter saves, Esc cancels)"),
    ("z / y", "undo / redo (also Ctrl+Z, Ctrl+Y)"), ("l / f", "low confidence only / flagged only"),
    ("?", "this help"),
)


def render_editor(session: EditSession) -> str:
    """The whole editor page for the session's current state."""
    js, css = assets()
    header = session.file.header
    title = f"Alignment editor: {_name(header.source, 'source')} ↔ {_name(header.target, 'target')}"
    keys = "".join(f"<dt><kbd>{_e(k)}</kbd></dt><dd>{_e(v)}</dd>" for k, v in KEYS)
    buttons = "".join(
        f'<button type="button" data-op="{op}" title="{_e(tip)}">{_e(label)}</button>'
        for op, label, tip in (
            ("merge-prev", "⤒ merge ↑", "M"), ("merge-next", "merge ↓ ⤓", "m"), ("split", "✂ split", "x"),
            ("unalign-first", "unalign first", "u"), ("unalign-last", "unalign last", "U"),
            ("move-prev", "first → ↑", ","), ("move-next", "last → ↓", "."),
            ("accept", "✓ accept", "a"), ("reject", "✗ reject", "r"), ("edit", "✎ edit text", "e"),
            ("undo", "↶ undo", "z"), ("redo", "↷ redo", "y"),
        ))
    return (
        pages.page_head(title, css, [js], connect=["'self'"]) +
        f'<header><div><h1>{_e(title)}</h1>'
        '<dl class="figures" id="figures"></dl>'
        f'<p class="status">Saved to <code id="saved">{_e(session.output.name)}</code> '
        '<span id="status" role="status"></span></p></div>'
        '<figure><svg class="plot" id="dotplot" role="img" xmlns="http://www.w3.org/2000/svg" width="300" '
        'height="300" viewBox="0 0 300 300"></svg></figure></header>'
        f'<div class="controls"><span class="tools">{buttons}</span>'
        '<span class="export">Export <select id="include"><option value="reviewed">accepted + edited</option>'
        '<option value="all">all but rejected</option></select>'
        '<button type="button" data-export="tmx">TMX</button><button type="button" data-export="tsv">TSV</button>'
        '<button type="button" data-export="jsonl">JSONL</button></span>'
        '<label><input type="checkbox" id="only-low"> low confidence only</label>'
        '<label><input type="checkbox" id="only-flagged"> flagged only</label>'
        '<span id="shown"></span><button type="button" id="help-button">keys (?)</button></div>'
        f'<aside id="help" class="hidden"><h2>Keys</h2><dl>{keys}</dl></aside>'
        '<div id="units" role="table" aria-label="units of the alignment">'
        '<div class="row head" role="row"><div class="n">unit</div><div class="fr">French</div>'
        '<div class="ar arh">العربية · Arabic</div><div class="conf">confidence</div>'
        '<div class="find">QA findings</div></div><div id="rows" role="rowgroup"></div></div>'
        f"{_data_block(state_json(session))}{pages.script_tag(js)}</body></html>\n"
    )


def _name(value: object, default: str) -> str:
    import os

    return os.path.basename(str(value or "")) or default
