"""Page shapes for the extraction benchmark: French and Arabic news pages built the way
real sites are, around professional translations (FLORES-200 devtest).

Two families written apart: ``tune`` (the skins used while choosing settings) and
``report`` (other skins, other texts; only measured). Each page has a gold list of
the article's sentences (must be kept) and of its chrome (must not be kept: menu,
cookie banner, share, related, footer, advertisement, newsletter, comments), by
category. Run ``python scripts/build_page_shapes.py`` to write them to tests/data/pages.
"""

from __future__ import annotations

import html
import json
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

FLORES = Path(__file__).resolve().parents[1].parent / "shared" / "benchmarks" / "frar" / "flores200_devtest"

CHROME = {
    "fr": {
        "menu": ["Accueil", "Actualités", "Politique", "Économie", "Monde", "Sport", "Culture", "Santé",
                 "Sciences", "Contact"],
        "cookie": ["Ce site utilise des cookies pour améliorer votre expérience de navigation et réaliser "
                   "des statistiques de visites. En poursuivant votre navigation, vous acceptez leur utilisation.",
                   "Accepter", "Refuser", "En savoir plus"],
        "share": ["Partager sur Facebook", "Partager sur X", "Envoyer par e-mail", "Imprimer l'article"],
        "newsletter": ["Recevez chaque matin l'essentiel de l'actualité dans votre boîte mail.",
                       "Je m'inscris"],
        "related_head": ["À lire aussi", "Sur le même sujet", "Les plus lus"],
        "footer": ["© 2024 Le Quotidien. Tous droits réservés.", "Mentions légales",
                   "Politique de confidentialité", "Nous contacter", "Plan du site"],
        "ad": ["Publicité", "Profitez de -50 % sur votre abonnement numérique jusqu'à dimanche."],
        "comments": ["3 commentaires", "Laisser un commentaire",
                     "Très bon article, merci pour ces informations claires.", "Répondre"],
        "crumb": ["Accueil", "Sciences", "Santé"],
        "byline": "Par Claire Martin", "date": "Publié le 12 mars 2024 à 10h32",
        "caption": "Photo : AFP", "noscript": "Veuillez activer JavaScript pour afficher ce contenu.",
        "site": "Le Quotidien", "more": "Lire la suite",
    },
    "ar": {
        "menu": ["الرئيسية", "أخبار", "سياسة", "اقتصاد", "العالم", "رياضة", "ثقافة", "صحة", "علوم", "اتصل بنا"],
        "cookie": ["يستخدم هذا الموقع ملفات تعريف الارتباط لتحسين تجربة التصفح وإعداد إحصاءات الزيارات. "
                   "بمواصلة التصفح، فإنك توافق على استخدامها.", "موافق", "رفض", "اعرف المزيد"],
        "share": ["شارك على فيسبوك", "شارك على إكس", "أرسل بالبريد الإلكتروني", "طباعة المقال"],
        "newsletter": ["احصل كل صباح على أهم الأخبار في بريدك الإلكتروني.", "اشترك الآن"],
        "related_head": ["اقرأ أيضا", "مواضيع ذات صلة", "الأكثر قراءة"],
        "footer": ["© 2024 اليومية. جميع الحقوق محفوظة.", "شروط الاستخدام", "سياسة الخصوصية",
                   "راسلونا", "خريطة الموقع"],
        "ad": ["إعلان", "استفد من تخفيض 50 في المائة على اشتراكك الرقمي حتى يوم الأحد."],
        "comments": ["3 تعليقات", "أضف تعليقا", "مقال رائع، شكرا على هذه المعلومات الواضحة.", "رد"],
        "crumb": ["الرئيسية", "علوم", "صحة"],
        "byline": "بقلم سارة العلوي", "date": "نشر في 12 مارس 2024 - 10:32",
        "caption": "صورة: أ ف ب", "noscript": "يرجى تفعيل جافاسكريبت لعرض هذا المحتوى.",
        "site": "اليومية", "more": "اقرأ المزيد",
    },
}


@dataclass
class Article:
    """One article: a title, an optional subheading, paragraphs of sentences, and the
    titles of other articles shown as related links."""

    title: str
    paragraphs: list[list[str]]
    subhead: str
    related: list[str]


@dataclass
class Page:
    name: str
    lang: str
    markup: str
    encoding: str = "utf-8"
    kept: list[str] = field(default_factory=list)
    junk: dict[str, list[str]] = field(default_factory=dict)


def load_docs() -> list[dict]:
    with open(FLORES / "documents.jsonl", encoding="utf-8") as f:
        return [json.loads(line) for line in f]


def articles(docs: list[dict], count: int, rng: random.Random) -> list[tuple[Article, Article]]:
    """*count* (French, Arabic) articles, each made of 4–5 documents (title + paragraphs)
    and related titles from 3 other documents."""
    docs = [d for d in docs if d["n"] >= 2]
    rng.shuffle(docs)
    out = []
    pos = 0
    for _ in range(count):
        n_par = rng.choice((3, 4))
        parts = docs[pos:pos + n_par + 1]
        others = docs[pos + n_par + 1:pos + n_par + 4]
        pos += n_par + 4
        pair = []
        for lang in ("fr", "ar"):
            head = min(parts[0][lang], key=len)
            sub = min(parts[2][lang], key=len)
            paragraphs = [list(d[lang]) for d in parts[1:]]
            paragraphs[1] = [s for s in paragraphs[1] if s != sub] or paragraphs[1]
            related = [d[lang][0] for d in others]
            pair.append(Article(head, paragraphs, sub, related))
        out.append((pair[0], pair[1]))
    return out


def esc(text: str) -> str:
    return html.escape(text, quote=False)


def gold(art: Article, lang: str, with_subhead: bool = True) -> list[str]:
    return [art.title] + ([art.subhead] if with_subhead else []) + [s for p in art.paragraphs for s in p]


def junk_of(lang: str, art: Article, *cats: str) -> dict[str, list[str]]:
    c = CHROME[lang]
    out: dict[str, list[str]] = {}
    for cat in cats:
        if cat == "related":
            out[cat] = list(art.related) + c["related_head"][:1]
        else:
            out[cat] = list(c[cat])
    return out


def head(lang: str, title: str, charset: str = "utf-8", extra: str = "") -> str:
    d = ' dir="rtl"' if lang == "ar" else ""
    return (f'<!DOCTYPE html>\n<html lang="{lang}"{d}>\n<head>\n<meta charset="{charset}">\n'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>{esc(title)} | {esc(CHROME[lang]['site'])}</title>\n"
            f'<link rel="stylesheet" href="/static/css/main.css?v=3">\n{extra}</head>\n')


def paras(art: Article, subhead_tag: str | None = "h2", at: int = 1) -> str:
    out = []
    for i, p in enumerate(art.paragraphs):
        if subhead_tag and i == at:
            out.append(f"<{subhead_tag}>{esc(art.subhead)}</{subhead_tag}>")
        out.append(f"<p>{esc(' '.join(p))}</p>")
    return "\n".join(out)


def ul(items: list[str], cls: str = "", link: bool = True) -> str:
    c = f' class="{cls}"' if cls else ""
    lis = "".join(f'<li><a href="/{i}">{esc(t)}</a></li>' if link else f"<li>{esc(t)}</li>"
                  for i, t in enumerate(items))
    return f"<ul{c}>{lis}</ul>"


Template = Callable[[str, Article], Page]
