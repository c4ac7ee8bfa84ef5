"""French rules: abbreviations for Punkt, months, days, function words."""

from __future__ import annotations

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
    "sagittaire": ("القوس",), "empire": ("إمبراطوري", "امبراطوري"), "seconde": ("الثاني",),
    "méditerranée": ("المتوسط",), "pacifique": ("الهادئ", "الهادي"),
    "amérique": ("أمريك", "امريك"), "américain": ("أمريك", "امريك"), "turquie": ("تركيا",),
}
for _key, _forms in list(EXONYMS.items()):
    if _key in ("états-unis", "etats-unis"):
        EXONYMS[_key] = _forms + ("أمريك", "امريك")

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
    """.split()
)


#: Numbers written in words (matched softly against digits on the other side).
NUMBER_WORDS: dict[str, int] = {
    "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6, "sept": 7, "huit": 8, "neuf": 9,
    "dix": 10, "onze": 11, "douze": 12, "treize": 13, "quatorze": 14, "quinze": 15, "seize": 16,
    "dix-sept": 17, "dix-huit": 18, "dix-neuf": 19, "vingt": 20, "trente": 30, "quarante": 40,
    "cinquante": 50, "soixante": 60, "cent": 100, "mille": 1000, "premier": 1, "première": 1,
    "deuxième": 2, "troisième": 3, "quatrième": 4, "cinquième": 5, "dixième": 10,
}
