"""Arabic rules: digits, punctuation, month names (Maghreb and Mashriq forms)."""

from __future__ import annotations

ARABIC_INDIC_DIGITS = "٠١٢٣٤٥٦٧٨٩"
EASTERN_ARABIC_INDIC_DIGITS = "۰۱۲۳۴۵۶۷۸۹"
DECIMAL_SEPARATOR = "٫"
THOUSANDS_SEPARATOR = "٬"
PERCENT_SIGN = "٪"

#: Translate Arabic-Indic and Eastern Arabic-Indic digits (and separators) to ASCII.
DIGITS_TO_ASCII = str.maketrans(
    ARABIC_INDIC_DIGITS + EASTERN_ARABIC_INDIC_DIGITS + DECIMAL_SEPARATOR + THOUSANDS_SEPARATOR
    + PERCENT_SIGN,
    "0123456789" * 2 + ".," + "%",
)

#: Sentence-final marks.
SENTENCE_END = ".؟!؛?…"

#: Month names → month number. Maghreb (Moroccan) forms, Mashriq (Syro-Iraqi)
#: forms, and the Egyptian/Gulf forms; with common spelling variants.
MONTHS: dict[str, int] = {
    # Maghreb / Egyptian (from the French / Latin names)
    "يناير": 1, "فبراير": 2, "مارس": 3, "أبريل": 4, "ابريل": 4, "إبريل": 4, "ماي": 5,
    "مايو": 5, "يونيو": 6, "يونيه": 6, "يوليوز": 7, "يوليو": 7, "يوليه": 7, "غشت": 8,
    "أغسطس": 8, "اغسطس": 8, "شتنبر": 9, "سبتمبر": 9, "سيبتمبر": 9, "سبتامبر": 9, "أكتوبر": 10, "اكتوبر": 10,
    "نونبر": 11, "نوفمبر": 11, "دجنبر": 12, "ديسمبر": 12,
    # Algerian / Tunisian forms
    "جانفي": 1, "فيفري": 2, "أفريل": 4, "افريل": 4, "جوان": 6, "جويلية": 7, "أوت": 8,
    # Mashriq
    "كانون الثاني": 1, "شباط": 2, "آذار": 3, "اذار": 3, "نيسان": 4, "أيار": 5, "ايار": 5,
    "حزيران": 6, "تموز": 7, "آب": 8, "اب": 8, "أيلول": 9, "ايلول": 9,
    "تشرين الأول": 10, "تشرين الاول": 10, "تشرين الثاني": 11, "كانون الأول": 12,
    "كانون الاول": 12,
}

DAYS: dict[str, int] = {
    "الإثنين": 1, "الاثنين": 1, "الثلاثاء": 2, "الأربعاء": 3, "الاربعاء": 3,
    "الخميس": 4, "الجمعة": 5, "السبت": 6, "الأحد": 7, "الاحد": 7,
    # spoken forms (Egypt, Maghreb) with t for th: unambiguous alone
    "الاتنين": 1, "التلات": 2, "التلاتاء": 2, "التلاتا": 2,
}
#: Short spoken weekday names, a weekday only after «يوم» or «نهار» (the day of): «يوم الأربع»,
#: «نهار تنين», «نهار الحد» (alone, «الأربع» is «the four»).
SPOKEN_DAYS: dict[str, int] = {
    "تنين": 1, "اتنين": 1, "اثنين": 1, "تلات": 2, "ثلاث": 2, "اربع": 3, "أربع": 3, "ربع": 3,
    "خميس": 4, "جمعة": 5, "جمعه": 5, "سبت": 6, "حد": 7, "أحد": 7, "احد": 7,
}

#: Arabic punctuation and its Latin counterpart.
PUNCTUATION = {"؟": "?", "؛": ";", "،": ","}

TATWEEL = "\u0640"

#: Numbers written in words (matched softly against digits on the other side).
NUMBER_WORDS: dict[str, int] = {
    "واحد": 1, "واحدة": 1, "اثنان": 2, "اثنين": 2, "اثنتان": 2, "اثنتين": 2, "ثلاثة": 3, "ثلاث": 3,
    "أربعة": 4, "أربع": 4, "خمسة": 5, "خمس": 5, "ستة": 6, "ست": 6, "سبعة": 7, "سبع": 7,
    "ثمانية": 8, "ثماني": 8, "تسعة": 9, "تسع": 9, "عشرة": 10, "عشر": 10, "عشرين": 20, "عشرون": 20,
    "ثلاثين": 30, "ثلاثون": 30, "أربعين": 40, "أربعون": 40, "خمسين": 50, "خمسون": 50,
    "ستين": 60, "ستون": 60, "سبعين": 70, "سبعون": 70, "ثمانين": 80, "ثمانون": 80, "تسعين": 90,
    "تسعون": 90, "مائة": 100, "مئة": 100, "ألف": 1000,
    "الأول": 1, "الأولى": 1, "الثاني": 2, "الثانية": 2, "الثالث": 3, "الثالثة": 3, "العاشر": 10,
    "عاشر": 10,
}


#: Words that cannot end an Arabic sentence: prepositions, conjunctions, relative
#: pronouns, "have" (لديك): a target ending on one was cut.
NON_FINAL: frozenset[str] = frozenset(
    """
    في من إلى الى على عن مع و أو او ثم أن إن لأن لكن حتى منذ بين عند لدى لدي لديك لديه لديها لدينا
    لديهم الذي التي الذين اللذين اللتين اللواتي مثل نحو عبر قد لم لن سوف
    """.split()
)
