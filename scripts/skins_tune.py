"""Tune family of page shapes (settings were chosen looking at these only)."""

from __future__ import annotations

import json

from page_shapes import CHROME, Article, Page, esc, gold, head, junk_of, paras, ul


def nav_list(lang: str, art: Article) -> Page:
    """Menu as a plain <ul><li> list in a div, cookie banner as a <p>, article in divs."""
    c = CHROME[lang]
    markup = head(lang, art.title) + f"""<body>
<div id="top"><div class="logo"><a href="/">{esc(c['site'])}</a></div>
<div class="menu">{ul(c['menu'])}</div></div>
<div class="cookie-notice"><p>{esc(c['cookie'][0])}</p>
<a class="btn" href="#">{esc(c['cookie'][1])}</a> <a class="btn" href="#">{esc(c['cookie'][2])}</a> <a href="/cookies">{esc(c['cookie'][3])}</a></div>
<div class="wrapper"><div class="content">
<h1>{esc(art.title)}</h1>
<div class="meta">{esc(c['byline'])} | {esc(c['date'])}</div>
{paras(art)}
<div class="share">{ul(c['share'])}</div>
</div>
<div class="sidebar"><h3>{esc(c['related_head'][2])}</h3>{ul(art.related)}</div></div>
<div class="footer">{ul(c['footer'][1:])}<p>{esc(c['footer'][0])}</p></div>
</body></html>"""
    return Page("nav_list", lang, markup, kept=gold(art, lang),
                junk=junk_of(lang, art, "menu", "cookie", "share", "footer") | {
                    "related": art.related + [c["related_head"][2]]})


def br_article(lang: str, art: Article) -> Page:
    """The article in one <div> with <br> line breaks, no <p>."""
    c = CHROME[lang]
    body = "<br><br>\n".join(esc(" ".join(p)) for p in art.paragraphs)
    markup = head(lang, art.title) + f"""<body>
<table width="100%"><tr><td>{ul(c['menu'], 'nav')}</td></tr></table>
<div id="main">
<div class="titre"><b>{esc(art.title)}</b></div>
<div class="texte">
{body}
</div>
<div class="related"><b>{esc(c['related_head'][0])}</b><br>
{'<br>'.join(f'<a href="/a{i}">{esc(t)}</a>' for i, t in enumerate(art.related))}
</div>
</div>
<div id="bas">{esc(c['footer'][0])} - <a href="/ml">{esc(c['footer'][1])}</a> - <a href="/pc">{esc(c['footer'][2])}</a></div>
</body></html>"""
    return Page("br_article", lang, markup, kept=gold(art, lang, with_subhead=False),
                junk=junk_of(lang, art, "menu", "related") | {"footer": c["footer"][:3]})


def semantic(lang: str, art: Article) -> Page:
    """HTML5 landmarks: <header><nav>, <article>, <aside>, <footer>."""
    c = CHROME[lang]
    markup = head(lang, art.title) + f"""<body>
<header class="site-header"><a class="brand" href="/">{esc(c['site'])}</a>
<nav aria-label="principal">{ul(c['menu'])}</nav></header>
<main>
<nav class="breadcrumb">{' › '.join(esc(x) for x in c['crumb'])}</nav>
<article>
<header><h1>{esc(art.title)}</h1><p class="byline">{esc(c['byline'])} — <time datetime="2024-03-12">{esc(c['date'])}</time></p></header>
{paras(art)}
<footer class="article-tools">{ul(c['share'], 'share')}</footer>
</article>
<aside><h2>{esc(c['related_head'][1])}</h2>{ul(art.related)}</aside>
</main>
<footer class="site-footer"><p>{esc(c['footer'][0])}</p>{ul(c['footer'][1:])}</footer>
</body></html>"""
    return Page("semantic", lang, markup, kept=gold(art, lang),
                junk=junk_of(lang, art, "menu", "share", "footer") | {
                    "related": art.related + [c["related_head"][1]]})


def ads_inside(lang: str, art: Article) -> Page:
    """Ads, an inline 'read also' link and a newsletter box between the paragraphs."""
    c = CHROME[lang]
    p = art.paragraphs
    markup = head(lang, art.title) + f"""<body>
<div class="nav-bar">{ul(c['menu'])}</div>
<div class="article-page"><h1 class="headline">{esc(art.title)}</h1>
<figure><img src="/img/1.jpg" alt=""><figcaption>{esc(c['caption'])}</figcaption></figure>
<div class="article-body">
<p>{esc(' '.join(p[0]))}</p>
<div class="ad-slot"><span class="ad-label">{esc(c['ad'][0])}</span><div class="ad-content"><a href="https://ads.example/x">{esc(c['ad'][1])}</a></div></div>
<p class="read-also"><strong>{esc(c['related_head'][0])} :</strong> <a href="/r1">{esc(art.related[0])}</a></p>
<h2>{esc(art.subhead)}</h2>
<p>{esc(' '.join(p[1]))}</p>
<div class="newsletter-box"><p>{esc(c['newsletter'][0])}</p><form><input type="email"><button>{esc(c['newsletter'][1])}</button></form></div>
{''.join(f'<p>{esc(" ".join(x))}</p>' for x in p[2:])}
</div>
<div class="social">{ul(c['share'])}</div>
</div>
<div class="page-footer"><p>{esc(c['footer'][0])}</p></div>
</body></html>"""
    return Page("ads_inside", lang, markup, kept=gold(art, lang),
                junk=junk_of(lang, art, "menu", "ad", "newsletter", "share") | {
                    "related": art.related[:1], "footer": c["footer"][:1]})


def jsonld(lang: str, art: Article) -> Page:
    """JSON-LD with the article body in <head>, scripts and a <noscript> in <body>."""
    c = CHROME[lang]
    ld = json.dumps({"@context": "https://schema.org", "@type": "NewsArticle", "headline": art.title,
                     "articleBody": " ".join(s for p in art.paragraphs for s in p),
                     "author": {"@type": "Person", "name": c["byline"]}}, ensure_ascii=False)
    extra = (f'<script type="application/ld+json">{ld}</script>\n'
             "<script>window.dataLayer=window.dataLayer||[];function gtag(){dataLayer.push(arguments)}</script>\n")
    markup = head(lang, art.title, extra=extra) + f"""<body>
<noscript><p>{esc(c['noscript'])}</p></noscript>
<div class="header">{ul(c['menu'], 'menu')}</div>
<div class="container"><div class="row"><div class="col-md-8">
<h1>{esc(art.title)}</h1>
<script>var ads = {{slot: "top", sizes: [[728, 90]]}}; loadAds(ads);</script>
{paras(art)}
<script async src="https://platform.example/widgets.js"></script>
</div><div class="col-md-4"><h4>{esc(c['related_head'][2])}</h4>{ul(art.related)}</div></div></div>
<div class="footer"><p>{esc(c['footer'][0])}</p></div>
</body></html>"""
    return Page("jsonld", lang, markup, kept=gold(art, lang),
                junk=junk_of(lang, art, "menu") | {"related": art.related + [c["related_head"][2]],
                                                   "footer": c["footer"][:1], "noscript": [c["noscript"]]})


def legacy(lang: str, art: Article) -> Page:
    """An old table-layout site in a legacy code page declared with http-equiv."""
    c = CHROME[lang]
    enc = "windows-1256" if lang == "ar" else "iso-8859-1"
    d = ' dir="rtl"' if lang == "ar" else ""
    rows = "".join(f"<tr><td class=\"txt\">{esc(' '.join(p))}</td></tr>\n" for p in art.paragraphs)
    markup = f"""<html{d}><head><meta http-equiv="Content-Type" content="text/html; charset={enc}">
<title>{esc(art.title)}</title></head>
<body bgcolor="#ffffff">
<table width="780" border="0"><tr><td width="160" valign="top">
{''.join(f'<a href="/r{i}.htm">{esc(m)}</a><br>' for i, m in enumerate(c['menu']))}
</td><td valign="top">
<table><tr><td><font size="4"><b>{esc(art.title)}</b></font></td></tr>
{rows}</table>
</td></tr></table>
<center><font size="1">{esc(c['footer'][0])}</font></center>
</body></html>"""
    page = Page("legacy", lang, markup, encoding="cp1256" if lang == "ar" else "cp1252",
                kept=gold(art, lang, with_subhead=False), junk=junk_of(lang, art, "menu") | {"footer": c["footer"][:1]})
    return page


def amp(lang: str, art: Article) -> Page:
    """An AMP page: amp-sidebar menu, amp-ad, amp-img, amp-social-share."""
    c = CHROME[lang]
    d = ' dir="rtl"' if lang == "ar" else ""
    markup = f"""<!doctype html>
<html amp lang="{lang}"{d}><head><meta charset="utf-8"><title>{esc(art.title)}</title>
<link rel="canonical" href="https://example.org/a.html">
<style amp-custom>body{{font-family:sans-serif}}</style>
<script async src="https://cdn.ampproject.org/v0.js"></script></head>
<body>
<amp-sidebar id="sidebar" layout="nodisplay" side="left"><ul>{''.join(f'<li><a href="/{i}">{esc(m)}</a></li>' for i, m in enumerate(c['menu']))}</ul></amp-sidebar>
<header class="amp-header"><button on="tap:sidebar.toggle">☰</button></header>
<article class="amp-article">
<h1>{esc(art.title)}</h1>
<amp-img src="/i.jpg" width="600" height="400" layout="responsive"></amp-img>
<div class="amp-body">
{paras(art)}
<amp-ad width="300" height="250" type="doubleclick" data-slot="/1/x"><div fallback>{esc(c['ad'][1])}</div></amp-ad>
</div>
<div class="amp-share"><amp-social-share type="facebook" aria-label="{esc(c['share'][0])}"></amp-social-share> <span>{esc(c['share'][3])}</span></div>
</article>
<footer><p>{esc(c['footer'][0])}</p></footer>
</body></html>"""
    return Page("amp", lang, markup, kept=gold(art, lang),
                junk=junk_of(lang, art, "menu") | {"ad": c["ad"][1:], "share": c["share"][3:],
                                                   "footer": c["footer"][:1]})


def blog(lang: str, art: Article) -> Page:
    """A WordPress post: share box, related posts, comments and the comment form."""
    c = CHROME[lang]
    cm = c["comments"]
    markup = head(lang, art.title) + f"""<body class="single single-post">
<div id="page" class="site"><div class="site-branding"><p class="site-title">{esc(c['site'])}</p></div>
<div class="main-navigation"><div class="menu-main-container">{ul(c['menu'], 'menu')}</div></div>
<div id="content"><div id="primary"><div class="post type-post">
<h1 class="entry-title">{esc(art.title)}</h1>
<div class="entry-meta"><span class="posted-on">{esc(c['date'])}</span> <span class="byline">{esc(c['byline'])}</span></div>
<div class="entry-content">
{paras(art)}
<div class="sharedaddy"><h3 class="sd-title">{esc(c['share'][0].split()[0])} :</h3>{ul(c['share'])}</div>
<div id="jp-relatedposts"><h3>{esc(c['related_head'][1])}</h3>{ul(art.related)}</div>
</div></div>
<div id="comments" class="comments-area"><h2 class="comments-title">{esc(cm[0])}</h2>
<ol class="comment-list"><li class="comment"><div class="comment-content"><p>{esc(cm[2])}</p></div><a class="comment-reply-link">{esc(cm[3])}</a></li></ol>
<div id="respond"><h3 id="reply-title">{esc(cm[1])}</h3><form><textarea></textarea><input type="submit"></form></div></div>
</div></div>
<div class="site-info"><p>{esc(c['footer'][0])}</p></div></div>
</body></html>"""
    return Page("blog", lang, markup, kept=gold(art, lang),
                junk=junk_of(lang, art, "menu", "share", "comments") | {
                    "related": art.related + [c["related_head"][1]], "footer": c["footer"][:1]})


SKINS = [nav_list, br_article, semantic, ads_inside, jsonld, legacy, amp, blog]
