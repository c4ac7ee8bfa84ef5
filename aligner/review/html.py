"""The review as one self-contained HTML page: inline CSS, JS and SVG, nothing fetched.

A strict Content-Security-Policy (see :mod:`aligner.io.pages`) makes the browser refuse
any request the page might make, so the file opens from disk anywhere and
leaks nothing about the documents it shows.
"""

from __future__ import annotations

import math

from ..io.pages import escape as _e
from ..io.pages import page_head, script_tag
from ..qa.registry import explanations as check_explanations
from .model import Review, ReviewRow

#: Fonts that are already on the reader's machine; none is downloaded.
ARABIC_FONTS = ('"Noto Naskh Arabic", "Noto Sans Arabic", "Amiri", "Scheherazade New", "Geeza Pro", '
                '"Traditional Arabic", "Segoe UI", Tahoma, "DejaVu Sans", sans-serif')
LATIN_FONTS = 'system-ui, "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans", Arial, sans-serif'

BAND_COLOURS = {"high": "#2e7d32", "medium": "#e0a100", "low": "#c62828", "none": "#9e9e9e"}

_CSS = """
:root{--high:#e8f5e9;--medium:#fff8e1;--low:#ffebee;--grey:#8a8a8a}
*{box-sizing:border-box}
body{font-family:@LATIN@;margin:0;color:#1b1b1b;background:#fafafa}
header{background:#fff;border-bottom:1px solid #ddd;padding:12px 20px;display:grid;grid-template-columns:minmax(0,1fr) auto;gap:24px;align-items:start}
header figure{margin:0}
header h1{font-size:1.25rem;margin:0 0 6px}
.docs{font-size:.95rem}
.figures{display:grid;grid-template-columns:max-content max-content;gap:2px 12px;font-size:.9rem;margin-top:6px}
.figures dt{color:#555}.figures dd{margin:0;font-weight:600}
.verdict{display:inline-block;padding:2px 10px;border-radius:12px;color:#fff;font-weight:700}
.verdict.parallel{background:#2e7d32}.verdict.comparable{background:#e0a100}.verdict.unrelated{background:#c62828}
code.sig{font-size:.75rem;word-break:break-all;color:#444}
.plot{background:#fff;border:1px solid #ddd;border-radius:4px}
.plot text{font-size:10px;fill:#555;font-family:@LATIN@}
.controls{position:sticky;top:0;background:#fafafa;padding:8px 20px;border-bottom:1px solid #ddd;z-index:2;font-size:.9rem;display:flex;gap:18px;flex-wrap:wrap;align-items:center}
.legend span{display:inline-block;padding:0 8px;border-radius:3px;margin-right:4px}
kbd{border:1px solid #bbb;border-radius:3px;padding:0 4px;background:#fff;font-size:.8rem}
table{border-collapse:collapse;width:100%;table-layout:fixed;background:#fff}
th{position:sticky;top:41px;background:#eee;text-align:left;padding:6px;font-size:.85rem;z-index:1}
td{border-top:1px solid #e3e3e3;padding:6px 8px;vertical-align:top}
col.n{width:4.5em}col.conf{width:5.5em}col.find{width:22%}
td.n,td.conf{font-size:.8rem;color:#555;text-align:right;font-variant-numeric:tabular-nums}
td.fr{font-size:1rem;line-height:1.45}
td.ar{font-family:@ARABIC@;font-size:1.15rem;line-height:1.7;text-align:right}
tr.high td{background:var(--high)}tr.medium td{background:var(--medium)}tr.low td{background:var(--low)}
tr.unaligned td.fr,tr.unaligned td.ar,tr.dropped td.fr,tr.dropped td.ar{color:var(--grey)}
tr.dropped td{background:#f4f4f4;font-size:.9rem}
.why{display:block;font-size:.78rem;font-style:italic;color:var(--grey);font-family:@LATIN@;direction:ltr;text-align:left}
tr.selected td{outline:2px solid #1565c0;outline-offset:-2px}
ul.findings{margin:0;padding-left:1.1em;font-size:.82rem}
.sev{font-weight:700;text-transform:uppercase;font-size:.7rem;padding:0 4px;border-radius:3px;color:#fff}
.sev.error{background:#c62828}.sev.warning{background:#e0a100}.sev.info{background:#1565c0}
.explain{display:block;color:#666;font-size:.75rem}
.hidden{display:none}
figcaption{font-size:.8rem;color:#555;max-width:320px}
.legend .hi{background:var(--high)}.legend .me{background:var(--medium)}.legend .lo{background:var(--low)}
th.ar{text-align:right}
.kind{font-size:.7rem;color:#666;border:1px solid #ccc;border-radius:3px;padding:0 3px;margin:0 6px;font-family:@LATIN@;display:inline-block;vertical-align:middle}
""".replace("@LATIN@", LATIN_FONTS).replace("@ARABIC@", ARABIC_FONTS)

_JS = """
(function(){
  var rows=Array.prototype.slice.call(document.querySelectorAll('tbody tr'));
  var low=document.getElementById('only-low'),flag=document.getElementById('only-flagged'),
      drop=document.getElementById('show-dropped'),count=document.getElementById('shown');
  var sel=-1;
  function apply(){
    var n=0;
    rows.forEach(function(r){
      var hide=(low.checked&&r.dataset.band!=='low'&&r.dataset.band!=='medium'&&r.dataset.kind!=='unaligned')||
               (flag.checked&&r.dataset.flagged!=='1')||(!drop.checked&&r.dataset.kind==='dropped');
      r.classList.toggle('hidden',hide); if(!hide) n++;
    });
    count.textContent=n+' of '+rows.length+' rows shown';
  }
  function visible(){return rows.filter(function(r){return !r.classList.contains('hidden');});}
  function select(r){
    if(!r) return;
    rows.forEach(function(x){x.classList.remove('selected');});
    r.classList.add('selected'); r.focus({preventScroll:true});
    r.scrollIntoView({block:'center'}); sel=rows.indexOf(r);
  }
  function step(d,pred){
    var v=visible(); if(!v.length) return;
    var cur=sel<0?-1:v.indexOf(rows[sel]);
    for(var i=cur+d;i>=0&&i<v.length;i+=d){ if(!pred||pred(v[i])){select(v[i]);return;} }
  }
  [low,flag,drop].forEach(function(c){c.addEventListener('change',apply);});
  document.addEventListener('keydown',function(ev){
    if(ev.target&&ev.target.tagName==='INPUT') return;
    var k=ev.key;
    if(k==='j'||k==='ArrowDown'){step(1);ev.preventDefault();}
    else if(k==='k'||k==='ArrowUp'){step(-1);ev.preventDefault();}
    else if(k==='n'){step(1,function(r){return r.dataset.flagged==='1';});}
    else if(k==='p'){step(-1,function(r){return r.dataset.flagged==='1';});}
    else if(k==='l'){low.checked=!low.checked;apply();}
    else if(k==='f'){flag.checked=!flag.checked;apply();}
    else if(k==='d'){drop.checked=!drop.checked;apply();}
  });
  rows.forEach(function(r){r.addEventListener('click',function(){select(r);});});
  document.querySelectorAll('svg a').forEach(function(a){
    a.addEventListener('click',function(ev){
      var r=document.getElementById(a.getAttribute('href').slice(1));
      if(r){ev.preventDefault(); if(r.classList.contains('hidden')){low.checked=false;flag.checked=false;apply();} select(r);}
    });
  });
  apply();
})();
"""


def _explanations() -> dict[str, str]:
    return check_explanations()


def dot_plot(review: Review, size: int = 320) -> str:
    """An inline SVG: one mark per bead at (source index, target index).

    A mark's area grows with the bead's size (sentences on both sides); its
    colour is its confidence band; a sentence with no counterpart is a grey
    ring on its own side's axis position. Each mark links to its row.
    """
    pad = 34
    inner = size - pad - 8
    n_src, n_tgt = max(review.src_count, 1), max(review.tgt_count, 1)

    def sx(i: float) -> float:
        return pad + (i + 0.5) / n_src * inner

    def sy(j: float) -> float:
        return 8 + (j + 0.5) / n_tgt * inner

    parts = [
        f'<svg class="plot" id="dotplot" role="img" xmlns="http://www.w3.org/2000/svg" '
        f'width="{size}" height="{size}" viewBox="0 0 {size} {size}">',
        "<title>Alignment dot plot: French sentence index across, Arabic sentence index down</title>",
        f'<line x1="{pad}" y1="8" x2="{pad + inner}" y2="{8 + inner}" stroke="#ccc" stroke-dasharray="3 3"/>',
        f'<rect x="{pad}" y="8" width="{inner}" height="{inner}" fill="none" stroke="#999"/>',
        f'<text x="{pad + inner / 2}" y="{size - 4}" text-anchor="middle">French sentence (0–{n_src - 1})</text>',
        f'<text transform="translate(11 {8 + inner / 2}) rotate(-90)" text-anchor="middle">'
        f"Arabic sentence (0–{n_tgt - 1})</text>",
    ]
    last_i, last_j = -1.0, -1.0
    unit_rows = {r.unit: (k, r) for k, r in enumerate(review.rows) if r.unit is not None}
    for n, bead in enumerate(review.beads):
        k, row = unit_rows[n]
        if bead.src:
            last_i = sum(bead.src) / len(bead.src)
        if bead.tgt:
            last_j = sum(bead.tgt) / len(bead.tgt)
        x, y = sx(max(last_i, 0)), sy(max(last_j, 0))
        size_s = len(bead.src) + len(bead.tgt)
        r = 2.2 * math.sqrt(size_s)
        if row.kind == "unit":
            colour = BAND_COLOURS[row.band]
            mark = (f'<circle class="bead {row.band}" cx="{x:.1f}" cy="{y:.1f}" r="{r:.1f}" '
                    f'fill="{colour}" fill-opacity="0.8"')
        else:
            mark = (f'<circle class="bead null" cx="{x:.1f}" cy="{y:.1f}" r="{r:.1f}" '
                    f'fill="none" stroke="{BAND_COLOURS["none"]}"')
        conf = "" if row.confidence is None else f", confidence {row.confidence:.2f}"
        label = (f"row {k}: French {list(bead.src)} ↔ Arabic {list(bead.tgt)} "
                 f"({len(bead.src)}-{len(bead.tgt)}{conf})")
        parts.append(f'<a href="#r{k}">{mark}><title>{_e(label)}</title></circle></a>')
    parts.append("</svg>")
    return "".join(parts)


def _findings_cell(row: ReviewRow, explanations: dict[str, str]) -> str:
    if not row.findings:
        return ""
    items = []
    for f in row.findings:
        items.append(f'<li><span class="sev {f.severity}">{f.severity}</span> <b>{_e(f.check)}</b>: '
                     f'{_e(f.message)}<span class="explain">{_e(explanations.get(f.check, ""))}</span></li>')
    return f'<ul class="findings">{"".join(items)}</ul>'


def _side(text: str, kinds: tuple[str, ...], why: str) -> str:
    tags = "".join(f'<span class="kind" dir="ltr">{_e(k)}</span>' for k in dict.fromkeys(kinds) if k != "sentence")
    return tags + _e(text) + (f'<span class="why">{_e(why)}</span>' if why and text else "")


def _row(k: int, row: ReviewRow, explanations: dict[str, str]) -> str:
    conf = "" if row.confidence is None or row.kind != "unit" else f"{row.confidence:.2f}"
    label = "" if row.number is None else str(row.number)  # the number `aligner qa` gives this unit
    ids = (f'French {",".join(map(str, row.src_ids)) or "–"} / Arabic {",".join(map(str, row.tgt_ids)) or "–"}'
           if row.kind != "dropped" else "dropped")
    if row.kind == "unaligned":
        ids += f" (unaligned: `aligner qa` numbers it as the pair after it, unit {row.number})"
    return (
        f'<tr id="r{k}" class="{row.kind} {row.band}" data-kind="{row.kind}" data-band="{row.band}" '
        f'data-flagged="{int(row.flagged)}" tabindex="-1">'
        f'<td class="n" title="{_e(ids)}">{label}</td>'
        f'<td class="fr" lang="fr" dir="ltr">{_side(row.source, row.src_kinds, row.reason)}</td>'
        f'<td class="ar" lang="ar" dir="rtl">{_side(row.target, row.tgt_kinds, row.reason)}</td>'
        f'<td class="conf">{conf}</td>'
        f'<td class="find">{_findings_cell(row, explanations)}</td></tr>'
    )


def render_review(review: Review) -> str:
    """The whole page, as one string."""
    s = review.scores
    severities = {sev: sum(1 for f in review.qa.findings if f.severity == sev) for sev in ("error", "warning", "info")}
    unaligned = sum(1 for r in review.rows if r.kind == "unaligned")
    explanations = _explanations()
    title = f"Alignment review: {review.source_name} ↔ {review.target_name}"
    head = page_head(title, _CSS, [_JS])
    header = (
        f'<header><div><h1>{_e(title)}</h1>'
        f'<div class="docs">French: <b lang="fr">{_e(review.source_name)}</b> · '
        f'Arabic: <b>{_e(review.target_name)}</b></div>'
        f'<dl class="figures">'
        f'<dt>verdict</dt><dd><span class="verdict {s.verdict}" id="verdict">{s.verdict}</span></dd>'
        f'<dt>coverage French</dt><dd id="cov-src">{s.src_coverage:.0%}</dd>'
        f'<dt>coverage Arabic</dt><dd id="cov-tgt">{s.tgt_coverage:.0%}</dd>'
        f'<dt>mean confidence</dt><dd id="mean-conf">{s.mean_confidence:.2f}</dd>'
        f"<dt>units</dt><dd>{s.units} ({review.src_count} French and {review.tgt_count} Arabic sentences)</dd>"
        f"<dt>unaligned sentences</dt><dd>{unaligned}</dd>"
        f"<dt>dropped as boilerplate</dt><dd>{review.dropped}</dd>"
        f"<dt>QA findings</dt><dd>{severities['error']} errors, {severities['warning']} warnings, "
        f"{severities['info']} notes</dd>"
        f'</dl><p>Settings: <code class="sig" id="signature">{_e(review.signature)}</code></p></div>'
        f"<figure>{dot_plot(review)}<figcaption>"
        "One mark per unit, sized by its number of sentences, coloured by confidence; "
        "grey rings are sentences with no counterpart. Marks off the diagonal show where the texts "
        "were rewritten. Click a mark to go to its row.</figcaption></figure></header>"
    )
    controls = (
        '<div class="controls">'
        f'<label><input type="checkbox" id="only-low"> low confidence only (&lt; {review.high_confidence:g}, or unaligned)</label>'
        '<label><input type="checkbox" id="only-flagged"> flagged only</label>'
        '<label><input type="checkbox" id="show-dropped" checked> show dropped lines</label>'
        '<span id="shown"></span>'
        '<span class="legend">'
        f'<span class="hi">≥ {review.high_confidence:g}</span>'
        f'<span class="me">{review.low_confidence:g}–{review.high_confidence:g}</span>'
        f'<span class="lo">&lt; {review.low_confidence:g}</span></span>'
        "<span><kbd>j</kbd>/<kbd>k</kbd> next/previous row · <kbd>n</kbd>/<kbd>p</kbd> next/previous flagged · "
        "<kbd>l</kbd> low · <kbd>f</kbd> flagged · <kbd>d</kbd> dropped</span></div>"
    )
    table = [
        '<table id="units"><colgroup><col class="n"><col><col><col class="conf"><col class="find"></colgroup>'
        '<thead><tr><th>unit</th><th>French</th><th class="ar">العربية · Arabic</th>'
        "<th>confidence</th><th>QA findings</th></tr></thead><tbody>"
    ]
    table.extend(_row(k, row, explanations) for k, row in enumerate(review.rows))
    table.append("</tbody></table>")
    return head + header + controls + "".join(table) + script_tag(_JS) + "</body></html>\n"


def write_review(review: Review, path: str) -> None:
    """Write the page to *path* atomically (a temporary file, then a rename)."""
    from ..io.atomic import write_text_atomic

    write_text_atomic(path, render_review(review))
