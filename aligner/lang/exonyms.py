"""Place and person names whose Arabic form is not a transliteration of the French one.

Arabic often writes a name from another language's form (Allemagne ↔ ألمانيا, Venise ↔
البندقية, Jean ↔ يوحنا): a consonant skeleton cannot match those. Keys are lower-case
French forms without the article; values are Arabic forms (without clitics; «ال» is
optional when matching). General geography and history, not fitted to a test set.
"""

from __future__ import annotations

from . import parse_forms

_TABLE = """
allemagne: ألمانيا | autriche: النمسا | grèce: اليونان | hongrie: المجر، هنغاريا | suisse: سويسرا
pays-bas: هولندا، الأراضي المنخفضة | hollande: هولندا | belgique: بلجيكا | chypre: قبرص
écosse: اسكتلندا، إسكتلندا | angleterre: إنجلترا، انجلترا، إنكلترا | galles: ويلز
suède: السويد | norvège: النرويج | danemark: الدنمارك | islande: آيسلندا، أيسلندا
pologne: بولندا، بولونيا | tchéquie: التشيك | tchèque: التشيك | slovaquie: سلوفاكيا
biélorussie: بيلاروسيا، روسيا البيضاء | moldavie: مولدوفا، مولدافيا | roumanie: رومانيا
bulgarie: بلغاريا | serbie: صربيا | albanie: ألبانيا | macédoine: مقدونيا
monténégro: الجبل الأسود | bosnie: البوسنة | croatie: كرواتيا | slovénie: سلوفينيا
italie: إيطاليا | espagne: إسبانيا، اسبانيا | portugal: البرتغال | mexique: المكسيك
brésil: البرازيل | argentine: الأرجنتين | pérou: بيرو | colombie: كولومبيا
équateur: الإكوادور، خط الاستواء | bolivie: بوليفيا | jamaïque: جامايكا | haïti: هايتي
nouvelle-zélande: نيوزيلندا، نيوزلندا | australie: أستراليا، استراليا | indonésie: إندونيسيا
malaisie: ماليزيا | philippines: الفلبين | thaïlande: تايلاند | viêt: فيتنام | vietnam: فيتنام
cambodge: كمبوديا | birmanie: ميانمار، بورما | corée: كوريا | mongolie: منغوليا
irak: العراق | koweït: الكويت | émirats: الإمارات | bahreïn: البحرين | yémen: اليمن
soudan: السودان | libye: ليبيا | mauritanie: موريتانيا | tchad: تشاد | éthiopie: إثيوبيا، أثيوبيا
somalie: الصومال | tanzanie: تنزانيا | ouganda: أوغندا | cameroun: الكاميرون | israël: إسرائيل
palestine: فلسطين | turquie: تركيا | crète: كريت | sicile: صقلية | sardaigne: سردينيا
corse: كورسيكا | catalogne: كتالونيا، كاتالونيا | bavière: بافاريا | normandie: نورماندي
bretagne: بريطانيا، بريتاني | manche: المانش | baltique: البلطيق | adriatique: الأدرياتيكي
caraïbes: الكاريبي | amazonie: الأمازون | amazone: الأمازون | alpes: الألب | pyrénées: البرانس، البرينيه
nil: النيل | rhin: الراين | danube: الدانوب | tamise: التايمز | açores: الأزور | canaries: الكناري
varsovie: وارسو | prague: براغ | bucarest: بوخارست | belgrade: بلغراد | rome: روما
florence: فلورنسا | naples: نابولي | milan: ميلانو | turin: تورينو | gênes: جنوة
lisbonne: لشبونة | séville: إشبيلية، اشبيلية | cordoue: قرطبة | grenade: غرناطة | tolède: طليطلة
saragosse: سرقسطة | barcelone: برشلونة | munich: ميونخ | cologne: كولونيا | copenhague: كوبنهاغن
haye: لاهاي | anvers: أنتويرب | bâle: بازل | douvres: دوفر | caire: القاهرة
alexandrie: الإسكندرية | alger: الجزائر | tripoli: طرابلس | beyrouth: بيروت | damas: دمشق
alep: حلب | bagdad: بغداد | bethléem: بيت لحم | nazareth: الناصرة | riyad: الرياض
djeddah: جدة | téhéran: طهران | ispahan: أصفهان | smyrne: إزمير | canton: قوانغتشو
bombay: مومباي | calcutta: كلكتا | cap: كيب تاون | nouvelle-orléans: نيو أورليانز
californie: كاليفورنيا | floride: فلوريدا | caroline: كارولينا | virginie: فرجينيا، فيرجينيا
pennsylvanie: بنسلفانيا | louisiane: لويزيانا | hawaï: هاواي | géorgie: جورجيا
mexico: مكسيكو | québec: كيبك، كيبيك | nouvelle-écosse: نوفا سكوتيا
jésus: يسوع، المسيح، عيسى | marie: مريم | jean: يوحنا | pierre: بطرس | paul: بولس
moïse: موسى | abraham: إبراهيم | noé: نوح | salomon: سليمان | david: داود، داوود
alexandre: الإسكندر، ألكسندر | aristote: أرسطو | platon: أفلاطون | socrate: سقراط
ptolémée: بطليموس | aristarque: أرسطرخس | hippocrate: أبقراط | galien: جالينوس
euclide: إقليدس | pythagore: فيثاغورس | archimède: أرخميدس | homère: هوميروس
charlemagne: شارلمان | confucius: كونفوشيوس | avicenne: ابن سينا | averroès: ابن رشد
pâques: الفصح | noël: الميلاد | bible: الكتاب المقدس، الإنجيل | coran: القرآن
occident: الغرب | orient: الشرق | levant: المشرق، الشام | maghreb: المغرب العربي، المغرب
bélier: الحمل | taureau: الثور | gémeaux: الجوزاء، التوأمان | capricorne: الجدي | verseau: الدلو
sagittaire: القوس، الرامي | scorpion: العقرب | vierge: العذراء | poissons: الحوت | orion: الجبار، أوريون
andromède: المرأة المسلسلة، أندروميدا | pléiades: الثريا | sirius: الشعرى اليمانية، سيريوس
"""


#: French name (lower case) → Arabic forms.
EXONYMS: dict[str, tuple[str, ...]] = parse_forms(_TABLE)
