"""Acronyms of organisations and terms that French news uses, and their Arabic renderings.

Arabic usually writes the expansion (ONU ↔ «الأمم المتحدة») or a transliteration
(UNESCO ↔ «اليونسكو»), so an acronym cannot be checked by its letters; with this
table one organisation's acronym rendered as another organisation's name is seen.
"""

from __future__ import annotations

from . import parse_forms

_TABLE = """
ONU: الأمم المتحدة | OMS: منظمة الصحة العالمية، الصحة العالمية | UE: الاتحاد الأوروبي، الاتحاد الاوروبي
OTAN: الناتو، حلف شمال الأطلسي، حلف الأطلسي، شمال الأطلسي | FMI: صندوق النقد الدولي، صندوق النقد
UNESCO: اليونسكو، يونسكو | UNICEF: اليونيسف، يونيسف | HCR: مفوضية الأمم المتحدة لشؤون اللاجئين، مفوضية اللاجئين
UNHCR: مفوضية الأمم المتحدة لشؤون اللاجئين، مفوضية اللاجئين | CICR: الصليب الأحمر | OMC: منظمة التجارة العالمية
OCDE: منظمة التعاون الاقتصادي والتنمية | OPEP: أوبك، الدول المصدرة للنفط | FAO: الفاو، منظمة الأغذية والزراعة
PAM: برنامج الأغذية العالمي | PNUD: برنامج الأمم المتحدة الإنمائي | UA: الاتحاد الأفريقي، الاتحاد الإفريقي
CEDEAO: إيكواس، الجماعة الاقتصادية لدول غرب أفريقيا | BCE: البنك المركزي الأوروبي | BM: البنك الدولي
FBI: مكتب التحقيقات الفيدرالي، مكتب التحقيقات الفدرالي، إف بي آي | CIA: وكالة المخابرات المركزية، سي آي إيه
NASA: ناسا، وكالة الفضاء | AIEA: الوكالة الدولية للطاقة الذرية | OIT: منظمة العمل الدولية
CPI: المحكمة الجنائية الدولية | CIJ: محكمة العدل الدولية | UNRWA: الأونروا، أونروا | OLP: منظمة التحرير
PIB: الناتج المحلي الإجمالي، الناتج الداخلي الخام، الناتج المحلي | ONG: منظمة غير حكومية، منظمات غير حكومية، المنظمات غير الحكومية
VIH: فيروس نقص المناعة، إتش آي في | HIV: فيروس نقص المناعة، إتش آي في | SIDA: الإيدز، الايدز، نقص المناعة المكتسب
ADN: الحمض النووي | ARN: الحمض النووي الريبي، الحمض النووي الريبوزي، الحمض الريبوزي النووي، الرنا | CDC: مراكز مكافحة الأمراض، مراكز السيطرة على الأمراض
NHS: هيئة الخدمات الصحية الوطنية، الخدمات الصحية الوطنية | AFP: وكالة الصحافة الفرنسية، فرانس برس
MAP: وكالة المغرب العربي للأنباء | DGSN: المديرية العامة للأمن الوطني، الأمن الوطني
DGST: المديرية العامة لمراقبة التراب الوطني، مراقبة التراب الوطني | BBC: بي بي سي | CNN: سي إن إن
SNCF: السكك الحديدية الفرنسية | OUA: منظمة الوحدة الأفريقية | UMA: اتحاد المغرب العربي
CCG: مجلس التعاون الخليجي، مجلس التعاون | OCI: منظمة التعاون الإسلامي | USGS: هيئة المسح الجيولوجي
"""


#: Acronym → Arabic renderings (an expansion, a transliteration or the letters spelt).
ACRONYMS: dict[str, tuple[str, ...]] = parse_forms(_TABLE)
#: Acronyms of common terms, not of one organisation: never "another organisation".
TERMS = frozenset({"PIB", "ONG", "VIH", "HIV", "SIDA", "ADN", "ARN"})
