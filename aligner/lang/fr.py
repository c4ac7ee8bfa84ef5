"""French rules: abbreviations for Punkt, months, days, function words."""

from __future__ import annotations

import functools

from .exonyms import EXONYMS as _MORE_EXONYMS

#: Abbreviations after which a period does not end a sentence (lower case,
#: without their final period, as nltk's Punkt stores them).
ABBREVIATIONS: frozenset[str] = frozenset(
    """
    m mm mme mmes mlle mlles dr drs pr me mgr st ste sts stes
    art arts al av apr j.-c jc cf ex env ca vol vols p pp éd ed coll chap ch fig
    hab bd boul min max n no nos tél tel fax cie ets sté intl dir réf ref ms
    lt col gén gen cdt cne adj sgt capt ltd inc co corp vs ibid op cit
    janv févr fév avr juil sept oct nov déc
    """.split()
) | frozenset("abcdefghijklmnopqrstuvwxyz")

MONTHS: dict[str, int] = {
    "janvier": 1, "février": 2, "fevrier": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6,
    "juillet": 7, "août": 8, "aout": 8, "septembre": 9, "octobre": 10, "novembre": 11,
    "décembre": 12, "decembre": 12,
}

#: Abbreviated months, as agencies and tables write them ("5 déc.", "12 janv. 2024"): a month
#: only with their dot, after a day ("sept." alone is also seven).
MONTH_ABBREVIATIONS: dict[str, int] = {
    "janv": 1, "févr": 2, "fév": 2, "avr": 4, "juil": 7, "sept": 9, "oct": 10, "nov": 11,
    "déc": 12, "dec": 12,
}

DAYS: dict[str, int] = {
    "lundi": 1, "mardi": 2, "mercredi": 3, "jeudi": 4, "vendredi": 5, "samedi": 6,
    "dimanche": 7,
}

#: Very frequent French words, used to tell French from other Latin-script text.
FUNCTION_WORDS: frozenset[str] = frozenset(
    """
    le la les un une des du de et est en que qui dans pour par sur au aux avec ce cette
    ces son sa ses il elle ils elles nous vous ne pas plus a été être ont sont leur leurs
    mais ou où comme entre aussi également lors selon dont
    """.split()
)

#: Marks that a French sentence carries and an Arabic one renders differently.
PUNCTUATION = {"?": "؟", ";": "؛", ",": "،"}

#: Capitalised common words in institutional French ("le Directeur Général de la
#: Sûreté Nationale") that are translated, not transliterated.
COMMON_CAPITALISED: frozenset[str] = frozenset(
    """
    directeur directrice général générale sûreté sécurité nationale national police fédérale
    fédéral services service intérieure intérieur royaume roi reine ministre ministère président
    présidente commissaire direction surveillance territoire état etat gouvernement conseil
    premier première vice secrétaire ambassade ambassadeur parlement assemblée cour tribunal
    justice affaires étrangères république union européenne nations unies organisation
    mondiale santé comité commission agence centre institut université banque fonds
    programme plan rapport groupe armée forces garde nord sud est ouest saint sainte
    ainsi alors après avant cette celui celle cela ceci depuis dans elle ils il les des une
    selon lors mais pour par sur tout tous toutes enfin puis aussi même incarnant
    """.split()
)

#: Place names whose Arabic form is not a transliteration (exonyms).
EXONYMS: dict[str, tuple[str, ...]] = {
    "maroc": ("المغرب",), "pays-bas": ("هولندا",), "moyen-orient": ("الشرق الأوسط",),
    "états-unis": ("الولايات المتحدة", "أمريكا"), "etats-unis": ("الولايات المتحدة", "أمريكا"),
    "royaume-uni": ("المملكة المتحدة", "بريطانيا"), "allemagne": ("ألمانيا",),
    "espagne": ("إسبانيا", "اسبانيا"), "chine": ("الصين",), "grèce": ("اليونان",),
    "japon": ("اليابان",), "inde": ("الهند",), "égypte": ("مصر",), "egypte": ("مصر",),
    "algérie": ("الجزائر",), "tunisie": ("تونس",), "syrie": ("سوريا", "سورية"),
    "liban": ("لبنان",), "jordanie": ("الأردن",), "arabie": ("السعودية",), "danemark": ("الدنمارك",),
    "suède": ("السويد",), "norvège": ("النرويج",), "afrique": ("أفريقيا", "إفريقيا"),
    "europe": ("أوروبا", "اوروبا", "الأوروبي"), "asie": ("آسيا",), "rabat": ("الرباط",),
    "bruxelles": ("بروكسل",), "londres": ("لندن",), "interpol": ("الإنتربول", "الانتربول"),
    "grande-bretagne": ("بريطاني",), "autriche": ("النمسا",), "atlantique": ("الأطلس", "الاطلس"),
    "saoudite": ("السعودي",), "égyptiens": ("مصري", "مصر"), "égyptien": ("مصري", "مصر"),
    "pâques": ("الفصح",), "constantinople": ("القسطنطينية",), "templiers": ("الهيكل",),
    "sagittaire": ("القوس",), "seconde": ("الثاني",),
    "méditerranée": ("المتوسط",), "pacifique": ("الهادئ", "الهادي"),
    "amérique": ("أمريك", "امريك"), "américain": ("أمريك", "امريك"), "turquie": ("تركيا",),
    "paris": ("باريس",), "york": ("نيويورك", "يورك"), "jérusalem": ("القدس", "أورشليم"), "casablanca": ("الدار البيضاء", "كازابلانكا"),
    "édimbourg": ("إدنبرة", "إدنبره", "ادنبرة"), "hébron": ("الخليل",), "chili": ("تشيلي", "شيلي"),
    "antarctique": ("القطبية الجنوبية", "أنتاركتيكا"), "arctique": ("القطبية الشمالية",),
    "malouines": ("فوكلاند",), "laponie": ("لابلاند",), "khéops": ("خوفو",), "perse": ("فارس",),
    "mecque": ("مكة",), "médine": ("المدينة",), "genève": ("جنيف",), "venise": ("البندقية",),
    "athènes": ("أثينا",), "pékin": ("بكين",), "moscou": ("موسكو",), "vienne": ("فيينا",),
}
for _key, _forms in list(EXONYMS.items()):
    if _key in ("états-unis", "etats-unis"):
        EXONYMS[_key] = _forms + ("أمريك", "امريك")
for _key, _forms in _MORE_EXONYMS.items():
    EXONYMS[_key] = EXONYMS.get(_key, ()) + tuple(f for f in _forms if f not in EXONYMS.get(_key, ()))

#: English words common in names of organisations that French texts keep in
#: English and Arabic translates (World Health Organization…).
ENGLISH_WORDS: frozenset[str] = frozenset(
    """
    health hospital center centre college general company research clinical solidarity great
    princess diamond basketball corporation gymnastics hurricane engineers commons deeds swedish
    national international university institute association society foundation trust group
    service services news press times world new united states kingdom royal school science
    medical medicine public department council union federation league club team party
    practitioners england radio television network airlines airways bank fund agency
    award awards sustainable month game show revolution electric power stadium survey patrol
    highway kings blacks magistrates court sporting shooters women women's men's dutch east west
    north south atlantic independence african park drive number wilds systematized read collegiate
    emergencies emergency act examinations infectious diseases disease systems engineering
    broadsides museum gallery festival championship cup open tour series prize house
    """.split()
)


#: Numbers written in words (matched softly against digits on the other side).
NUMBER_WORDS: dict[str, int] = {
    "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6, "sept": 7, "huit": 8, "neuf": 9,
    "dix": 10, "onze": 11, "douze": 12, "treize": 13, "quatorze": 14, "quinze": 15, "seize": 16,
    "dix-sept": 17, "dix-huit": 18, "dix-neuf": 19, "vingt": 20, "trente": 30, "quarante": 40,
    "cinquante": 50, "soixante": 60, "cent": 100, "mille": 1000, "centième": 100, "millième": 1000, "premier": 1, "première": 1,
    "deuxième": 2, "troisième": 3, "quatrième": 4, "cinquième": 5, "dixième": 10,
}


#: A French word seen this often (per the OpenSubtitles counts that pyspellchecker
#: ships; 50 is the floor it gives to words of its word list that were never seen,
#: country names among them) is a common word, not a name, even when capitalised
#: (Fédération, Sénat, Chambre, Mémorandum); EXONYMS (Paris, Maroc…) stay names.
COMMON_MIN_COUNT = 51


@functools.cache
def _frequencies() -> dict[str, int]:
    try:
        from spellchecker import SpellChecker
    except ImportError:  # pragma: no cover - a core dependency
        return {}
    return dict(SpellChecker(language="fr", distance=1).word_frequency.dictionary)


def is_common_word(low: str) -> bool:
    """Whether the lower-case *low* is a frequent French word (so, capitalised, not a name)."""
    return low not in EXONYMS and _frequencies().get(low, 0) >= COMMON_MIN_COUNT


#: Endings of Latin taxon names (Coronaviridae, Nidovirales, Betacoronavirus): translated.
TAXON_ENDINGS = ("idae", "inae", "ales", "viria", "virus", "aceae")

#: Endings of nationality and inhabitant nouns (Babyloniens, Autrichienne, Taïwanais,
#: Marocaine): Arabic renders them as nisba adjectives, not as transliterated names.
DEMONYM_ENDINGS = ("ien", "iens", "ienne", "iennes", "ais", "aise", "aises", "ois", "oise", "oises",
                   "ain", "ains", "aine", "aines", "éen", "éens", "éenne", "éennes")

#: Elided articles and pronouns glued to a capitalised word (L'agence, D'Arabie).
ELISIONS = ("l'", "l’", "d'", "d’", "qu'", "qu’", "j'", "j’", "n'", "n’", "s'", "s’", "c'", "c’",
            "m'", "m’", "t'", "t’", "jusqu'", "jusqu’", "lorsqu'", "lorsqu’", "puisqu'", "puisqu’")
