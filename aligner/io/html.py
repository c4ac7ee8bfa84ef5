"""The article of a web page: main text by trafilatura, placed back in the original file.

trafilatura (the reference main-text extractor of web-corpus work) decides what is
the article; this module keeps its structure (headings, paragraphs, ``<br>`` lines,
list items) and compares its output with every text node of the page, so that each
piece of text left out is reported with its line in the file and the element it sat in
(``<div class="cookie-banner">``, ``<nav>``…). Scripts, styles and the ``<head>`` hold
no visible text and are not reported.
"""

from __future__ import annotations

import bisect
import difflib
import html as htmllib
import re
import unicodedata
from dataclasses import dataclass

from .blocks import Block, Extracted, Removed

_RAW_TEXT = ("script", "style", "template", "svg", "math", "textarea", "title", "head")
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
         "source", "track", "wbr", "amp-img", "amp-pixel"}
_BLOCK = {"p", "div", "li", "ul", "ol", "dl", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6", "br",
          "tr", "td", "th", "table", "thead", "tbody", "section", "article", "header", "footer", "nav",
          "aside", "blockquote", "pre", "figure", "figcaption", "form", "button", "main", "hr",
          "address", "option", "select", "body", "caption", "details", "summary", "dialog", "menu",
          "noscript", "iframe", "center", "fieldset", "legend"}
_LANDMARK = {"nav", "header", "footer", "aside", "form", "menu", "dialog", "noscript", "figure", "button"}
_TOKEN = re.compile(r"<!--.*?(?:-->|$)|<!\[CDATA\[.*?(?:\]\]>|$)|<[!?][^>]*>|<(/?)([a-zA-Z][\w:.-]*)([^>]*)>|[^<]+|<",
                    re.DOTALL)
_ATTR = re.compile(r"""\b(id|class|role)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.IGNORECASE)
LINK_ONLY = "link-only line (a menu or a related-article link)"
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
#: A page title (<h1>) left out by trafilatura is put back when the article starts at
#: most this many words after it (a byline, a date or a photo caption in between).
TITLE_GAP_WORDS = 40
_STRUCT = {"head", "p", "item", "list", "quote", "table", "row", "cell", "main", "doc", "code"}


@dataclass
class _Run:
    """A text node of the page: its words, first line in the file, the element it sits in,
    and whether a block element began before it."""

    words: list[str]
    line: int
    where: str
    new_block: bool
    heading: int = -1  # the number of the <h1>…<h6> element it is in (-1: none)
    level: int = 0  # that heading's level
    link: bool = False  # inside an <a href>


def extract_html(markup: str, link_rule: bool = True) -> Extracted:
    """The main text of *markup* as blocks placed at their file lines, and what was left out.

    *link_rule*: also leave out kept lines made only of links (see :data:`LINK_ONLY`).
    """
    runs = _scan(markup)
    lines = _main_text(markup)
    if not lines:
        # trafilatura found no article (a very short page): keep every visible block.
        lines = _all_text(runs)
        how = "all visible text (no main text found by trafilatura)"
    else:
        how = f"trafilatura {_version()}"
    return _place(runs, lines, how, link_rule)


def _version() -> str:
    from importlib.metadata import version

    return version("trafilatura")


def _main_text(markup: str) -> list[tuple[str, str, int]]:
    """trafilatura's main text as (line, kind, paragraph number)."""
    import trafilatura
    from lxml import etree

    xml = trafilatura.extract(markup, output_format="xml", include_comments=False, include_tables=True,
                              include_images=False, include_links=False, include_formatting=False,
                              deduplicate=False, with_metadata=False)
    if not xml:
        return []
    root = etree.fromstring(xml.encode("utf-8"))
    main = root.find("main")
    out: list[tuple[str, str, int]] = []
    state = {"buf": [], "kind": "paragraph", "para": 0}

    def flush(new_para: bool) -> None:
        text = " ".join(" ".join(state["buf"]).split())  # type: ignore[arg-type]
        if text:
            out.append((text, str(state["kind"]), int(state["para"])))  # type: ignore[call-overload]
        state["buf"] = []
        if new_para:
            state["para"] = int(state["para"]) + 1  # type: ignore[call-overload]

    def walk(el: etree._Element, kind: str) -> None:
        tag = el.tag if isinstance(el.tag, str) else ""
        own = {"head": "heading", "item": "item"}.get(tag, kind)
        block = tag in _STRUCT
        if block:
            flush(True)
        state["kind"] = own
        if el.text:
            state["buf"].append(el.text)  # type: ignore[attr-defined]
        for child in el:
            if child.tag == "lb":
                flush(False)
            else:
                walk(child, own)
                state["kind"] = own
            if child.tail:
                state["buf"].append(child.tail)  # type: ignore[attr-defined]
        if block:
            flush(True)

    if main is not None:
        walk(main, "paragraph")
    return out


def _all_text(runs: list[_Run]) -> list[tuple[str, str, int]]:
    out: list[tuple[str, str, int]] = []
    buf: list[str] = []
    for run in runs + [_Run([], 0, "", True)]:
        if run.new_block and buf:
            out.append((" ".join(buf), "paragraph", len(out)))
            buf = []
        buf.extend(run.words)
    return out


def _place(runs: list[_Run], lines: list[tuple[str, str, int]], how: str, link_rule: bool) -> Extracted:
    """Match the kept lines' words to the page's words in order: each kept line gets the
    file line of its first word; each run of unmatched page words is a removal."""
    page = [(w, i) for i, run in enumerate(runs) for w in run.words]
    kept = [(w, k) for k, (text, _, _) in enumerate(lines) for w in text.split()]
    matcher = difflib.SequenceMatcher(None, [w for w, _ in page], [w for w, _ in kept], autojunk=False)
    matched = [False] * len(page)
    first_page_word = [len(page)] * len(lines)
    for a, b, size in matcher.get_matching_blocks():
        for off in range(size):
            matched[a + off] = True
            k = kept[b + off][1]
            if first_page_word[k] == len(page) or a + off < first_page_word[k]:
                first_page_word[k] = a + off
    lines, first_page_word = _restore_headings(runs, page, matched, kept, lines, first_page_word, matcher)
    line_of = [runs[page[w][1]].line if w < len(page) else 0 for w in first_page_word]
    links = _link_only(runs, page, kept, matcher, lines) if link_rule else set()
    blocks: list[Block] = []
    removed: list[Removed] = []
    for k, (text, kind, para) in enumerate(lines):
        if k in links:
            removed.append(Removed(line_of[k], text, LINK_ONLY, len(blocks)))
        else:
            blocks.append(Block(text, line_of[k], kind, para))
    # The block index each page word comes before (for where a removal sits among the kept text).
    starts = sorted((first_page_word[k], k) for k in range(len(lines)))
    start_words = [s for s, _ in starts]
    piece: list[str] = []
    piece_run = -1
    piece_word = 0

    def close() -> None:
        text = " ".join(piece).strip()
        if text and any(ch.isalnum() for ch in text):
            run = runs[piece_run]
            at = bisect.bisect_left(start_words, piece_word)
            nxt = starts[at][1] if at < len(starts) else len(lines)
            removed.append(Removed(run.line, text, f"outside the main text ({run.where})",
                                   nxt - sum(1 for k in links if k < nxt)))

    for idx, (word, r) in enumerate(page):
        if matched[idx]:
            if piece:
                close()
                piece = []
            continue
        if piece and (r != piece_run and runs[r].new_block):
            close()
            piece = []
        if not piece:
            piece_run, piece_word = r, idx
        piece.append(word)
    if piece:
        close()
    return Extracted(blocks, removed, how)


def _link_only(runs: list[_Run], page: list[tuple[str, int]], kept: list[tuple[str, int]],
               matcher: difflib.SequenceMatcher, lines: list[tuple[str, str, int]]) -> set[int]:
    """Kept lines (not headings) whose every word is inside a link, separators aside: a menu
    or a list of related articles that trafilatura took for text (``<a>…</a><br>`` or
    ``<a>…</a> | <a>…</a>`` in a table cell)."""
    in_link: dict[int, list[bool]] = {}
    for a, b, size in matcher.get_matching_blocks():
        for off in range(size):
            word, r = page[a + off]
            if any(ch.isalnum() for ch in word):  # separators ("|", "-", "•") do not count
                in_link.setdefault(kept[b + off][1], []).append(runs[r].link)
    offset = {}  # kept-line numbers of matcher's *kept* list -> lines (headings were inserted)
    k = 0
    for n, (_, kind, para) in enumerate(lines):
        if para <= -1 and kind == "heading":
            continue
        offset[k] = n
        k += 1
    return {offset[k] for k, flags in in_link.items()
            if flags and all(flags) and k in offset and lines[offset[k]][1] != "heading"}


def _restore_headings(runs: list[_Run], page: list[tuple[str, int]], matched: list[bool],
                      kept: list[tuple[str, int]], lines: list[tuple[str, str, int]], first_page_word: list[int],
                      matcher: difflib.SequenceMatcher) -> tuple[list[tuple[str, str, int]], list[int]]:
    """Put back the headings trafilatura left out that open the article's text: a heading
    directly followed by kept text, or the page's <h1> title a few words (byline, date)
    before the article starts. Headings followed by text that was left out (a related-links
    box, a share bar) stay out."""
    line_at = {}  # page word -> kept line
    for a, b, size in matcher.get_matching_blocks():
        for off in range(size):
            line_at[a + off] = kept[b + off][1]
    groups: dict[int, list[int]] = {}
    for idx, (_, r) in enumerate(page):
        if runs[r].heading >= 0:
            groups.setdefault(runs[r].heading, []).append(idx)
    inserts: dict[int, list[tuple[str, int]]] = {}
    for words in groups.values():
        if any(matched[w] for w in words):
            continue
        nxt = next((w for w in range(words[-1] + 1, len(page)) if matched[w]), None)
        if nxt is None:
            continue
        gap = sum(1 for w in range(words[-1] + 1, nxt) if runs[page[w][1]].heading < 0)
        headings_between = any(runs[page[w][1]].heading >= 0 for w in range(words[-1] + 1, nxt))
        level = runs[page[words[0]][1]].level
        if gap == 0 or (level == 1 and gap <= TITLE_GAP_WORDS and not headings_between):
            inserts.setdefault(line_at[nxt], []).append((" ".join(page[w][0] for w in words), words[0]))
            for w in words:
                matched[w] = True
    if not inserts:
        return lines, first_page_word
    out_lines: list[tuple[str, str, int]] = []
    out_first: list[int] = []
    for k, line in enumerate(lines):
        for n, (text, word) in enumerate(inserts.get(k, [])):
            out_lines.append((text, "heading", -1 - 1000 * k - n))
            out_first.append(word)
        out_lines.append(line)
        out_first.append(first_page_word[k])
    return out_lines, out_first


def _scan(markup: str) -> list[_Run]:
    """Every visible text node of the page, in order, with its line and container."""
    newlines = [m.start() for m in re.finditer("\n", markup)]
    runs: list[_Run] = []
    stack: list[tuple[str, str]] = []
    new_block = True
    headings = 0
    pos = 0
    while pos < len(markup):
        m = _TOKEN.match(markup, pos)
        if m is None:  # pragma: no cover - the pattern matches any character
            break
        pos = m.end()
        token = m.group(0)
        if m.group(2):
            tag = m.group(2).lower()
            closing = m.group(1) == "/"
            if tag in _BLOCK or "-" in tag:
                new_block = True
            if closing:
                for depth in range(len(stack) - 1, -1, -1):
                    if stack[depth][0].split("#")[0] == tag:
                        del stack[depth:]
                        break
            elif tag in _RAW_TEXT and not m.group(3).rstrip().endswith("/"):
                end = re.compile(rf"</{tag}\s*>", re.IGNORECASE).search(markup, pos)
                pos = end.end() if end else len(markup)
            elif tag not in _VOID and not m.group(3).rstrip().endswith("/"):
                if tag in _HEADINGS:
                    headings += 1
                    tag = f"{tag}#{headings}"
                stack.append((tag, _describe(tag.split("#")[0], m.group(3))))
            continue
        if token.startswith("<") and len(token) > 1:
            continue  # comment, doctype, processing instruction
        words = unicodedata.normalize("NFC", htmllib.unescape(token)).split()  # as trafilatura gives it
        if words:
            line = bisect.bisect_right(newlines, m.start() + len(token) - len(token.lstrip())) + 1
            head = next((t for t, _ in reversed(stack) if t.split("#")[0] in _HEADINGS), "")
            runs.append(_Run(words, line, _where(stack), new_block,
                             int(head.split("#")[1]) if head else -1, int(head[1]) if head else 0,
                             any(t == "a" for t, _ in stack)))
            new_block = False
    return runs


def _describe(tag: str, attrs: str) -> str:
    parts = []
    for am in _ATTR.finditer(attrs):
        value = next(v for v in am.groups()[1:] if v is not None)
        if value.strip():
            parts.append(f'{am.group(1).lower()}="{" ".join(value.split())[:40]}"')
    return f"<{tag}{' ' if parts else ''}{' '.join(parts)}>"


def _where(stack: list[tuple[str, str]]) -> str:
    """The element that best names a text's place: the innermost landmark (``<nav>``,
    ``<footer>``…) or else the innermost element with an id, class or role."""
    for tag, desc in reversed(stack):
        if tag in _LANDMARK:
            return desc
    for _tag, desc in reversed(stack):
        if "=" in desc:
            return desc
    return stack[-1][1] if stack else "page"
