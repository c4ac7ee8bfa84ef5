"""Report family of page shapes: other skins, written apart from the tune family and
never looked at while choosing settings."""

from __future__ import annotations

import json

from page_shapes import CHROME, Article, Page, esc, gold, head, junk_of, ul


def portal(lang: str, art: Article) -> Page:
    """A portal: mega-menu of nested lists with role=navigation, cookie banner at the end of
    the body, article in <section>s, 'most read' list with counters."""
    c = CHROME[lang]
    sub = "".join(f'<li class="has-sub"><span>{esc(m)}</span><ul class="sub"><li><a href="/x">{esc(c["menu"][(i + 3) % 10])}</a></li></ul></li>'
                  for i, m in enumerate(c["menu"][:5]))
    body = "".join(f'<section class="para"><p>{esc(" ".join(p))}</p></section>' for p in art.paragraphs)
    markup = head(lang, art.title) + f"""<body>
<div role="navigation" class="mega"><ul class="lvl1">{sub}</ul>{ul(c['menu'][5:], 'lvl1b')}</div>
<div class="page"><div class="story">
<span class="kicker">{esc(c['crumb'][1])}</span>
<h1 class="story-title">{esc(art.title)}</h1>
<div class="story-text">{body}</div></div>
<div class="most-read"><div class="title">{esc(c['related_head'][2])}</div>
<ol>{''.join(f'<li><span class="n">{i + 1}</span><a href="/m{i}">{esc(t)}</a></li>' for i, t in enumerate(art.related))}</ol></div></div>
<div class="legal"><span>{esc(c['footer'][0])}</span> <a href="/l">{esc(c['footer'][1])}</a> <a href="/p">{esc(c['footer'][2])}</a></div>
<div id="consent" class="consent-banner"><div class="consent-text">{esc(c['cookie'][0])}</div><div class="consent-actions"><span class="ok">{esc(c['cookie'][1])}</span><span class="no">{esc(c['cookie'][2])}</span></div></div>
</body></html>"""
    return Page("portal", lang, markup, kept=gold(art, lang, with_subhead=False),
                junk=junk_of(lang, art, "menu") | {"cookie": c["cookie"][:3], "footer": c["footer"][:3],
                                                   "related": art.related + [c["related_head"][2]]})


def br_single(lang: str, art: Article) -> Page:
    """Sentences separated by single <br>, paragraphs by <br><br>, text in <span>/<font>
    inside a <td>; the title a <span class=title>."""
    c = CHROME[lang]
    body = "<br>\n<br>\n".join("<br>\n".join(esc(s) for s in p) for p in art.paragraphs)
    markup = head(lang, art.title) + f"""<body>
<div id="hdr"><span class="links">{' | '.join(f'<a href="/{i}">{esc(m)}</a>' for i, m in enumerate(c['menu']))}</span></div>
<table class="layout"><tr><td class="main-col">
<span class="title">{esc(art.title)}</span><br><span class="date">{esc(c['date'])}</span><br><br>
<span class="body"><font face="Arial">{body}</font></span>
<br><br><a href="/share/fb">{esc(c['share'][0])}</a> <a href="/share/x">{esc(c['share'][1])}</a>
</td><td class="side-col"><b>{esc(c['related_head'][1])}</b><br>{'<br>'.join(f'<a href="/r{i}">{esc(t)}</a>' for i, t in enumerate(art.related))}</td></tr></table>
<div class="copy">{esc(c['footer'][0])}</div>
</body></html>"""
    return Page("br_single", lang, markup, kept=gold(art, lang, with_subhead=False),
                junk=junk_of(lang, art, "menu") | {"share": c["share"][:2], "footer": c["footer"][:1],
                                                   "related": art.related + [c["related_head"][1]]})


def html5_nested(lang: str, art: Article) -> Page:
    """<main> with an <article> holding <section>s with <h2>, an <aside> pull-out inside
    the article, and a cookie <dialog>."""
    c = CHROME[lang]
    p = art.paragraphs
    markup = head(lang, art.title) + f"""<body>
<dialog open class="cmp"><p>{esc(c['cookie'][0])}</p><button>{esc(c['cookie'][1])}</button><button>{esc(c['cookie'][3])}</button></dialog>
<header><nav><ol>{''.join(f'<li><a href="/{i}">{esc(m)}</a></li>' for i, m in enumerate(c['menu']))}</ol></nav></header>
<main id="content"><article class="post">
<h1>{esc(art.title)}</h1>
<section><p>{esc(' '.join(p[0]))}</p><p>{esc(' '.join(p[1]))}</p></section>
<aside class="pullout"><h3>{esc(c['related_head'][0])}</h3><a href="/z">{esc(art.related[0])}</a></aside>
<section><h2>{esc(art.subhead)}</h2>{''.join(f'<p>{esc(" ".join(x))}</p>' for x in p[2:])}</section>
</article>
<section class="more"><h2>{esc(c['related_head'][1])}</h2>{ul(art.related[1:])}</section></main>
<footer><nav>{ul(c['footer'][1:])}</nav><small>{esc(c['footer'][0])}</small></footer>
</body></html>"""
    return Page("html5_nested", lang, markup, kept=gold(art, lang),
                junk=junk_of(lang, art, "menu", "footer") | {"cookie": [c["cookie"][0], c["cookie"][1], c["cookie"][3]],
                                                             "related": art.related + c["related_head"][:2]})


def sponsored(lang: str, art: Article) -> Page:
    """Sponsored blocks and a 'read more' teaser strip between paragraphs, social bar on top."""
    c = CHROME[lang]
    p = art.paragraphs
    teaser = f'<div class="teaser-strip"><h4>{esc(c["related_head"][1])}</h4>{ul(art.related[1:])}</div>'
    markup = head(lang, art.title) + f"""<body>
<div class="topbar">{ul(c['menu'])}</div>
<div class="socialbar">{''.join(f'<a class="s" href="#">{esc(s)}</a>' for s in c['share'])}</div>
<div class="art"><h1>{esc(art.title)}</h1>
<div class="txt">
<p>{esc(' '.join(p[0]))}</p>
<div class="sponsored"><small>{esc(c['ad'][0])}</small><p><a href="https://ad.example">{esc(c['ad'][1])}</a></p></div>
<p>{esc(' '.join(p[1]))}</p>
{teaser}
<h3>{esc(art.subhead)}</h3>
{''.join(f'<p>{esc(" ".join(x))}</p>' for x in p[2:])}
<div class="nl"><b>{esc(c['newsletter'][0])}</b> <a href="/nl">{esc(c['newsletter'][1])}</a></div>
</div></div>
<div class="ftr">{esc(c['footer'][0])}</div>
</body></html>"""
    return Page("sponsored", lang, markup, kept=gold(art, lang),
                junk=junk_of(lang, art, "menu", "share", "ad", "newsletter") | {
                    "related": art.related[1:] + [c["related_head"][1]], "footer": c["footer"][:1]})


def microdata(lang: str, art: Article) -> Page:
    """itemprop=articleBody microdata, JSON-LD in the body, tracking pixels, inline scripts
    between paragraphs, a <noscript> iframe."""
    c = CHROME[lang]
    p = art.paragraphs
    ld = json.dumps({"@type": "Article", "headline": art.title, "description": " ".join(p[0])}, ensure_ascii=False)
    markup = head(lang, art.title) + f"""<body>
<noscript><iframe src="https://tag.example/ns.html" height="0" width="0"></iframe></noscript>
<script type="application/ld+json">{ld}</script>
<div class="menu-wrap"><div class="menu-item"><a href="/">{esc(c['menu'][0])}</a></div>{''.join(f'<div class="menu-item"><a href="/{i}">{esc(m)}</a></div>' for i, m in enumerate(c['menu'][1:]))}</div>
<div itemscope itemtype="https://schema.org/NewsArticle">
<h1 itemprop="headline">{esc(art.title)}</h1>
<div itemprop="articleBody">
<p>{esc(' '.join(p[0]))}</p>
<script>googletag.cmd.push(function(){{googletag.display("div-gpt-ad-1")}});</script>
{''.join(f'<p>{esc(" ".join(x))}</p>' for x in p[1:])}
<img src="https://px.example/p.gif" width="1" height="1" alt="">
</div></div>
<div class="bottom-links">{ul(c['footer'][1:])}</div>
</body></html>"""
    return Page("microdata", lang, markup, kept=gold(art, lang, with_subhead=False),
                junk=junk_of(lang, art, "menu") | {"footer": c["footer"][1:]})


def legacy_frames(lang: str, art: Article) -> Page:
    """An old site with <font> headings, unclosed <p>, a <marquee> ticker, legacy code page
    declared with <meta charset>."""
    c = CHROME[lang]
    enc = "windows-1256" if lang == "ar" else "windows-1252"
    align = "right" if lang == "ar" else "left"
    body = "\n".join(f"<p align={align}>{esc(' '.join(p))}" for p in art.paragraphs)
    markup = f"""<HTML><HEAD><META charset="{enc}"><TITLE>{esc(c['site'])}</TITLE></HEAD>
<BODY>
<MARQUEE>{esc(art.related[0])} *** {esc(art.related[1])}</MARQUEE>
<TABLE><TR><TD class=menu>{' - '.join(f'<A HREF="/{i}.asp">{esc(m)}</A>' for i, m in enumerate(c['menu']))}</TD></TR></TABLE>
<FONT SIZE=5 COLOR=navy><B>{esc(art.title)}</B></FONT>
{body}
<HR><FONT SIZE=1>{esc(c['footer'][0])}</FONT>
</BODY></HTML>"""
    return Page("legacy_frames", lang, markup, encoding="cp1256" if lang == "ar" else "cp1252",
                kept=gold(art, lang, with_subhead=False),
                junk=junk_of(lang, art, "menu") | {"related": art.related[:2], "footer": c["footer"][:1]})


def amp_story(lang: str, art: Article) -> Page:
    """AMP with amp-accordion related block, amp-consent banner, amp-sticky-ad."""
    c = CHROME[lang]
    d = ' dir="rtl"' if lang == "ar" else ""
    body = "".join(f"<p>{esc(' '.join(p))}</p>\n" for p in art.paragraphs)
    markup = f"""<!doctype html><html ⚡ lang="{lang}"{d}><head><meta charset="utf-8">
<title>{esc(art.title)}</title><style amp-boilerplate>body{{visibility:hidden}}</style></head>
<body>
<amp-consent id="consent" layout="nodisplay"><div class="popup"><p>{esc(c['cookie'][0])}</p><button on="tap:consent.accept">{esc(c['cookie'][1])}</button></div></amp-consent>
<div class="top">{' '.join(f'<a href="/{i}">{esc(m)}</a>' for i, m in enumerate(c['menu']))}</div>
<main><h1 class="t">{esc(art.title)}</h1>
<div class="c">{body}</div>
<amp-accordion><section><h4>{esc(c['related_head'][0])}</h4><div>{ul(art.related)}</div></section></amp-accordion>
</main>
<amp-sticky-ad layout="nodisplay"><amp-ad type="x"><span>{esc(c['ad'][1])}</span></amp-ad></amp-sticky-ad>
<div class="f">{esc(c['footer'][0])}</div>
</body></html>"""
    return Page("amp_story", lang, markup, kept=gold(art, lang, with_subhead=False),
                junk=junk_of(lang, art, "menu") | {"cookie": c["cookie"][:2], "ad": c["ad"][1:],
                                                   "related": art.related + c["related_head"][:1],
                                                   "footer": c["footer"][:1]})


def forum_like(lang: str, art: Article) -> Page:
    """A news page with a comment thread and a 'load more' button, byline box, tags list."""
    c = CHROME[lang]
    cm = c["comments"]
    markup = head(lang, art.title) + f"""<body>
<div class="site-nav">{ul(c['menu'])}</div>
<div class="news-item"><h1>{esc(art.title)}</h1>
<div class="author-box"><span>{esc(c['byline'])}</span><span>{esc(c['date'])}</span></div>
<div class="news-text">{''.join(f'<p>{esc(" ".join(p))}</p>' for p in art.paragraphs)}</div>
<div class="tags">{ul(c['crumb'][1:])}</div></div>
<div class="comment-section"><div class="count">{esc(cm[0])}</div>
<div class="c-item"><div class="c-body">{esc(cm[2])}</div><a href="#">{esc(cm[3])}</a></div>
<button class="more">{esc(c['more'])}</button><div class="c-form"><label>{esc(cm[1])}</label><textarea></textarea></div></div>
<div class="footer-area"><div class="copyright">{esc(c['footer'][0])}</div></div>
</body></html>"""
    return Page("forum_like", lang, markup, kept=gold(art, lang, with_subhead=False),
                junk=junk_of(lang, art, "menu", "comments") | {"footer": c["footer"][:1]})


SKINS = [portal, br_single, html5_nested, sponsored, microdata, legacy_frames, amp_story, forum_like]
