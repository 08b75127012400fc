"""The regular expressions and word lists that find claims and read their context.

Every pattern uses bounded repetition only (``{m,n}``, never ``*`` or ``+``), so each
match attempt is constant work and extraction is linear in the length of the text (a
test checks every pattern here)."""

from __future__ import annotations

import re

# A number not glued to other digits, a decimal point or a comma (1,000 is skipped,
# never misread); letters before it are allowed, since flattened tables glue cells.
# The first digit comes first and the look behind after it ('(?<![\d.,]\d)': the character
# before that digit), so a pattern opens with a digit and the regular expression engine
# skips to the next digit in C (three times faster than trying the look-behind everywhere).
NUM = r"(\d(?<![\d.,]\d)\d{0,5}(?:\.\d{1,6})?)(?![\d,]\d)"
NUM_GROUPED = (
    r"(\d(?<![\d.,]\d)(?:\d{0,5}(?:\.\d{1,6})?(?![\d,]\d)|\d{0,2}(?:,\d{3}){1,2}"
    r"(?![\d,]\d|\.\d)))"
)
"""For masses only: '2,700 mcg' is 2700 (a comma before exactly three digits groups
thousands); '1,5 mg' stays unread (a decimal comma or a typo: ambiguous)."""
SEP = r"\s{0,3}(?:-|–|—|to|bis|до)\s{0,3}"  # German and Russian: '200 bis 600'
MASS = r"(micrograms?|milligrams?|[Mm]ikrogramm|[Mm]illigramm|mcg|µg|μg|ug|mg|ng|g|MCG|MG|мкг|мг)"
MASS_END = r"(?![a-zа-я/·⋅])"  # not '751.9 g·mol−1' (a molar mass)
WORD_NUMBERS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "twelve": 12,
    "fourteen": 14,
    "thirty": 30,
}
WORD_NUM = r"(?<![\w])(" + "|".join(WORD_NUMBERS) + r")(?!\w)"
FIRSTS = "".join(sorted({w[0] + w[0].upper() for w in WORD_NUMBERS}))
NUM_OR_WORD = (
    r"[\d"
    + FIRSTS
    + r"](?:(?<=\d)(?<![\d.,]\d)\d{0,5}(?:\.\d{1,6})?(?![\d,]\d)|(?<![\w]["
    + FIRSTS
    + r"])(?i:"
    + "|".join(f"(?<=[{w[0]}{w[0].upper()}]){w[1:]}" for w in WORD_NUMBERS)
    + r")(?!\w))"
)
"""A number, or a number word ('fourteen days', 'Two weeks'), opening with one
case-sensitive character class (so the engine skips to the next candidate in C, as it
cannot once the class ignores case): which it is is told by look-behinds."""
FRACTIONS = {"½": 0.5, "¼": 0.25, "¾": 0.75}
IS_A = re.compile(r"\b(?:is|as|was)\s{1,2}an?\s{1,2}(?:[\w-]{1,20}\s{1,2}){0,2}$", re.I)
TIME_UNIT = (
    r"(seconds|second|secs|sec|s|minutes|minute|mins|min|hours|hour|hrs|hr|h|days|day|d|"
    r"weeks|week|wks|wk|months|month|"
    r"Tagen|Tage|Tag|Wochen|Woche|Monaten|Monate|Monat|Stunden|Stunde|Minuten|Minute|Sekunden|"
    r"дней|дня|день|суток|сутки|недел[ьиюя]|месяц(?:ев|а)?|час(?:ов|а)?|минут[аы]?|секунд[аы]?)"
    r"(?!\w)"
)
TIME_WORDS = (
    ("tag", "days"), ("woche", "weeks"), ("monat", "months"), ("stunde", "hours"),
    ("minute", "minutes"), ("sekunde", "seconds"), ("дн", "days"), ("день", "days"),
    ("сут", "days"), ("недел", "weeks"), ("месяц", "months"), ("час", "hours"),
    ("минут", "minutes"), ("секунд", "seconds"),
)  # fmt: skip
"""German and Russian time words, by how they start, as the unit registry's English."""
RESIDUE_3 = "Ala|Arg|Asn|Asp|Cys|Glu|Gln|Gly|His|Ile|Leu|Lys|Met|Phe|Pro|Ser|Thr|Trp|Tyr|Val"

RESIDUE_NAMES = [
    ("alanyl", "alanine", "Ala"), ("arginyl", "arginine", "Arg"),
    ("asparaginyl", "asparagine", "Asn"), ("aspartyl", "aspartic acid", "Asp"),
    ("cysteinyl", "cysteine", "Cys"), ("glutaminyl", "glutamine", "Gln"),
    ("glutamyl", "glutamic acid", "Glu"), ("glycyl", "glycine", "Gly"),
    ("histidyl", "histidine", "His"), ("isoleucyl", "isoleucine", "Ile"),
    ("leucyl", "leucine", "Leu"), ("lysyl", "lysine", "Lys"),
    ("methionyl", "methionine", "Met"), ("phenylalanyl", "phenylalanine", "Phe"),
    ("prolyl", "proline", "Pro"), ("seryl", "serine", "Ser"), ("threonyl", "threonine", "Thr"),
    ("tryptophyl", "tryptophan", "Trp"), ("tyrosyl", "tyrosine", "Tyr"), ("valyl", "valine", "Val"),
]  # fmt: skip
ACYL = {acyl: three for acyl, _, three in RESIDUE_NAMES}
AMINO_ACID = {name: three for _, name, three in RESIDUE_NAMES}
"""Chemical names ('threonyl-lysyl-...-proline'): each residue's acyl name, then the last
amino acid's name."""
AMINO_WORD = "|".join(
    re.escape(name[:-1]) + "e?" if name.endswith("e") else re.escape(name)
    for name in sorted(AMINO_ACID, key=len, reverse=True)
)
"""An amino acid's name, in English or German ('proline', 'Prolin')."""
ACYL_WORD = "|".join(sorted(ACYL, key=len, reverse=True))
RESIDUE_WORD = ACYL_WORD + "|" + AMINO_WORD
"""A residue in a chemical name: its acyl name, or its amino acid's name as some pages
write it ('...-prolyl-glycine-Proline', never glued to the next: 'prolinMethionyl' is
where a name ends and its repetition begins)."""
RESIDUE_TOKEN = re.compile(r"(?:L-)?(" + RESIDUE_WORD + ")", re.I)

PER_KG_OR_DAY = (
    r"(?:\s{0,2}(?:/|per|pro|je|на|в)\s{0,2}(kg|kilograms?|day|d|Tag|кг|день|сутки|сут)"
    r"(?![a-zа-я]))?"
)
PER_KG = ("kg", "kilogram", "kilograms", "кг")
PER_DAY = ("day", "d", "tag", "день", "сутки", "сут")
STRENGTH_UNIT = (
    r"\s{0,2}(mcg|µg|μg|ug|mg|g|micrograms?|milligrams?|mikrogramm|milligramm|мкг|мг)"
    r"\s{0,2}(?:/|per|pro|je|in\s{1,2}1|в\s{1,2}1|на\s{1,2}1|в|на)"
    r"\s{0,2}(ml|l|millilit(?:er|re)s?|мл|л)(?!\w)"
)
PERCENT = r"(?:%|percent\b|per\s?cent\b|prozent\b|процент[а-я]{0,2})"
NUM_DECIMAL_COMMA = (
    r"(\d(?<![\d.,]\d)(?:\d{0,5}(?:,\d{1,2}(?!\d)|\.\d{1,6})?(?![\d,]\d)|\d{0,2}(?:\.\d{3}){1,2}"
    r"(?![\d.]\d|,\d)))"
)
"""A number on a page written with decimal commas (German, Russian): '0,25' is a quarter;
'2.700' groups thousands; '2,700' stays unread (which was meant is not guessed)."""


def dose_pattern(number: str) -> re.Pattern[str]:
    """A mass or a range of masses, perhaps per kg or per day, with numbers as ``number``."""
    return re.compile(
        number + r"\s{0,2}(?:" + MASS + r")?(?:" + SEP + number + r")?\s{0,2}" + MASS
        + PER_KG_OR_DAY + MASS_END
    )  # fmt: skip


PATTERNS: dict[str, re.Pattern[str]] = {
    "dose": dose_pattern(NUM_GROUPED),
    "drops": re.compile(
        NUM + r"(?:" + SEP + NUM + r")?\s{0,2}(drops?|sprays?|Tropfen|Sprühstöß?en?|Sprühstoß|"
        r"капл[ьияею]|капель|впрыскивани[йяе]|впрыскивания)(?!\w)",
        re.I,
    ),
    "dose_fraction": re.compile(r"(?<![\d.,])([½¼¾])\s{0,2}" + MASS + MASS_END),
    "strength_percent": re.compile(NUM + r"\s{0,2}" + PERCENT, re.I),
    "conversion": re.compile(
        NUM_GROUPED
        + r"\s{0,2}"
        + MASS
        + r"\s{0,2}(?:=|equals|is the same as)\s{0,2}"
        + NUM_GROUPED
        + r"\s{0,2}"
        + MASS
        + MASS_END
    ),
    "strength_mass_volume": re.compile(NUM_GROUPED + STRENGTH_UNIT, re.I),
    "duration": re.compile(  # case-sensitive at its first character (see NUM_OR_WORD)
        r"(" + NUM_OR_WORD + r")(?i:(?:" + SEP + NUM + r")?(?:\s{0,2}|-)" + TIME_UNIT + ")"
    ),
    "strength_decimal_comma": re.compile(r"(\d(?<![\d.,]\d)\d?),(\d{1,3})\s{0,2}" + PERCENT, re.I),
    "residues": re.compile(
        r"(?<![\w-])(di|tri|tetra|penta|hexa|hepta|octa|nona|deca)peptide(?!\w)", re.I
    ),
    "temperature": re.compile(
        r"(?<![\w.])(-?\d{1,3})(?:" + SEP + r"(-?\d{1,3}))?\s{0,2}°\s{0,2}C(?!\w)"
    ),
    "sequence3": re.compile(
        r"(?<![\w-])((?:Ac-|H-)?(?:" + RESIDUE_3 + r")(?:-(?:" + RESIDUE_3 + r")){3,60}"
        r"(?:-NH2|-OH)?)(?![\w-])"
    ),
    "sequence_names": re.compile(
        r"(?:(?<![\w-])|(?-i:(?<=[a-z])(?=[A-Z])))((?:(?:L-)?(?:(?:"
        + ACYL_WORD
        + r")[-\s]?|(?:"
        + AMINO_WORD
        + r")[-\s])){3,40}(?:L-)?(?:"
        + AMINO_WORD
        + r"))(?-i:(?![a-z]))",
        re.I,
    ),
    "sequence1": re.compile(
        r"([ACDEFGHIKLMNPQRSTVWY](?<![\w-][A-Z])[ACDEFGHIKLMNPQRSTVWY]{4,39})(?![\w-])"
    ),
    "formula": re.compile(r"(C(?<!\wC)\d{1,3}H\d{1,3}(?:(?:Br|Cl|N|O|S|P|F)\d{0,3}){1,6})(?!\w)"),
    "weight": re.compile(
        NUM + r"\s{0,2}(g/mol|g\s?[·⋅]\s?mol(?:−1|-1|⁻¹)?|kDa|Da|daltons?|Dalton)(?!\w)"
    ),
    "pmid": re.compile(r"PMID:?\s{0,2}(\d{5,9})(?!\d)"),
    "pmc": re.compile(r"(P(?<!\wP)MC\d{5,9})(?!\d)"),
    "doi": re.compile(r"(1(?<!\w1)0\.\d{4,9}/[^\s,;)\]]{1,120})"),
}

DECIMAL_COMMA_PATTERNS = {
    "dose": dose_pattern(NUM_DECIMAL_COMMA),
    "strength_mass_volume": re.compile(NUM_DECIMAL_COMMA + STRENGTH_UNIT, re.I),
}
"""The patterns whose numbers read decimal commas, for pages written with them."""

PER_DAY_AFTER = re.compile(
    r"\s{0,2}(?:total\s{1,2})?(?:a day|per day|daily|/day|pro Tag|täglich|am Tag|/Tag|в день|"
    r"в сутки|/сут|ежедневно)",
    re.I,
)
"""Right after a figure: it is a day's amount ('750 mcg total daily', '900 мкг в сутки')."""
STRENGTH_CONTEXT = re.compile(
    r"solution|spray|drops?|nasal|formulation|concentration|strength|w/v|Lösung|Tropfen|"
    r"Konzentration|Nasen|раствор|капл|спрей|концентрац|назальн",
    re.I,
)
"""Beside a percentage: it is a product's strength (a solution's, a spray's)."""
SPRAYS = ("spray", "sprüh", "впрыск")
"""How the words for a spray start (else a count is of drops)."""
DAY_WORDS = r"(?:täglich|am Tag|pro Tag|в день|в сутки|ежедневно)"
FREQUENCY = [
    (
        re.compile(
            NUM + SEP + NUM + r"\s{0,2}(?:times|x|×)\s{0,3}(?:a|per|/)?\s{0,2}(?:day|daily)", re.I
        ),
        None,
    ),
    (re.compile(NUM + r"\s{0,2}(?:times|x|×)\s{0,3}(?:a|per|/)?\s{0,2}(?:day|daily)", re.I), None),
    (re.compile(r"once or twice (?:a day|daily|per day)", re.I), (1, 2)),
    (re.compile(r"(?:two|2) (?:to|or) (?:three|3) times (?:a day|daily|per day)", re.I), (2, 3)),
    (re.compile(r"once (?:a day|daily|per day)", re.I), (1, 1)),
    (re.compile(r"twice (?:a day|daily|per day)", re.I), (2, 2)),
    (re.compile(r"three times (?:a day|daily|per day)", re.I), (3, 3)),
    (re.compile(r"four times (?:a day|daily|per day)", re.I), (4, 4)),
]
FREQUENCY_OTHER = [
    (  # German and Russian: '2-3 mal täglich', '2–3 раза в день'
        re.compile(NUM + SEP + NUM + r"\s{0,2}(?:-?\s{0,2}mal|x|×|раза?)\s{0,3}" + DAY_WORDS, re.I),
        None,
    ),
    (re.compile(NUM + r"\s{0,2}(?:-?\s{0,2}mal|раза?)\s{0,3}" + DAY_WORDS, re.I), None),
    (re.compile(r"\b(?:einmal|один раз|1 раз)\s{0,3}" + DAY_WORDS, re.I), (1, 1)),
    (re.compile(r"\b(?:zweimal|дважды)\s{0,3}" + DAY_WORDS, re.I), (2, 2)),
    (re.compile(r"\b(?:dreimal|трижды)\s{0,3}" + DAY_WORDS, re.I), (3, 3)),
]
"""Frequencies in German and Russian ('2-3 mal täglich', '3 раза в день'): their day words
hold no 'da', so they are never skipped by ``context.frequency_in``'s first look."""
ROUTE_WORDS = [
    (
        "intranasal",
        re.compile(
            r"intranasal|nasal|nostril|spray|drops?\b|Nase|Tropfen|назальн|интраназальн|"
            r"ноздр|носов|капл|спрей",
            re.I,
        ),
    ),
    (
        "subcutaneous",
        re.compile(
            r"subcutaneous|sub-?q\b|\bsc\b|\bsq\b|s\.c\.|inject|syringe|insulin|\bU-?100\b|"
            r"subkutan|Injektion|Spritze|подкожн|инъекц|шприц",
            re.I,
        ),
    ),
    ("intramuscular", re.compile(r"intramuscular|\bim\b|i\.m\.", re.I)),
    ("intraperitoneal", re.compile(r"intraperitoneal|\bi\.p\.", re.I)),
    ("oral", re.compile(r"\boral(?:ly)?\b|by mouth|перорально|внутрь", re.I)),
]
ROUTE_ANY = re.compile("|".join(f"(?:{p.pattern})" for _, p in ROUTE_WORDS), re.I)
"""One pass for 'does any route word stand here?': a window with none is answered
without trying each pattern in turn."""
ROUTE_WIDTH = 15
"""The longest route word ('intraperitoneal'): a test checks it against ROUTE_ANY."""
EACH_NOSTRIL = (
    r"per nostril|(?:in(?:to)? )?each (?:nostril|nasal passage|(?:half|side) of the nose)|"
    r"/\s{0,2}nostril|(?:pro|je|in jedes) Nasenloch|в каждую ноздрю|в каждый носовой ход|"
    r"на (?:одну )?ноздрю"
)
PER_NOSTRIL = re.compile(EACH_NOSTRIL, re.I)
PER_NOSTRIL_NEXT = re.compile(r"\s{0,3}(?:,\s{0,2})?(?:" + EACH_NOSTRIL + ")", re.I)
"""Right after a figure: a '(6 sprays per nostril)' further on is about the sprays."""
EXCIPIENT_WORDS = (
    "excipient", "inactive", "parahydroxybenzoate", "paraben", "nipagin", "benzyl alcohol",
    "preservative", "sodium chloride", "mannitol",
)  # fmt: skip
"""Beside a mass: it is an excipient's amount, not a dose or a strength."""
CONTAINERS = (
    r"vials?|bottles?|kits?|ampoules?|pens?|Fläschchen|Flaschen?|Ampullen?|Durchstechflaschen?|"
    r"Packung|флакон(?:а|е|ы)?|ампул(?:а|ы|е)?|бутылоч?к[аи]"
)
"""Containers, in English, German and Russian: a mass beside one is its content."""
NOT_A_DOSE_AFTER = re.compile(
    r"\s{0,2}(?:/|÷|divided by)\s{0,2}\d{1,3}(?:\.\d{1,3})?\s{0,2}ml\b|"  # '10,000 mcg / 2 mL'
    r"\s{0,2}(?:\)\s{0,2})?(?:(?:(?:per|a|each|/|pro|je|в)\s{0,2})?(?:" + CONTAINERS + r")\b|"
    r"(?:per|a|each|/|pro|je|в|на)\s{0,2}(?:drop|spray|actuation|Tropfen|Sprühstoß|капл[юеия]|"
    r"доз[уае])s?\b)|\s{0,2}(?:of\s{0,2})?"
    r"(?:methyl ?)?(?:" + "|".join(EXCIPIENT_WORDS[2:]) + ")",
    re.I,
)
"""After a mass: a container's content or a per-drop figure, not a dose."""
NOT_A_DOSE_BEFORE = re.compile(
    r"(?:" + CONTAINERS + r")(?:\s{0,2}(?:of|contains?|holds?|with|contents?|enthält|mit|"
    r"содержит))?\s{0,2}:?"
    r"\s{0,3}$",
    re.I,
)
CONTAINER_ROW = re.compile(
    r"^[ \t]{0,3}\|?[^|\n]{0,30}\b(?:vials?|bottles?|kits?|ampoules?)\b[^|\n]{0,20}(?:\||:)",
    re.I | re.M,
)
"""A table row or label whose first cell is about the container ('| Vial sizes | 2 mg, 5
mg, 10 mg |'): its masses are contents."""
CONTAINER_LIST_AFTER = re.compile(
    r"\s{0,2}(?:,|or|and|/|oder|und|или|и)\s{0,2}\d{1,6}(?:[.,]\d{1,6})?\s{0,2}(?:mcg|mg|g|мг)"
    r"\s{0,2}(?:" + CONTAINERS + r")\b",
    re.I,
)
"""'5 mg or 10 mg vials': the first size is a container's content too."""


COMPOSITION = re.compile(
    r"active (?:ingredient|substance)|composition|ingredients?\s{0,2}:|per\s{1,2}1\s{0,2}ml|"
    r"Zusammensetzung|Wirkstoff|Inhaltsstoffe|[Сс]остав|действующее вещество|"
    r"активное вещество|"
    r"in\s{1,2}1\s{0,2}ml|\bml\s{1,2}(?:of\s{1,2}\w{1,12}\s{1,2})?contains",
    re.I,
)
"""A composition list (its amounts are contents, not doses), or a per-mL header."""
PER_ML_HEADER = re.compile(
    r"per\s{1,2}1\s{0,2}ml|in\s{1,2}1\s{0,2}ml|1\s{0,2}ml\s{1,2}(?:of\s{1,2}\w{1,12}\s{1,2})?"
    r"contains|each\s{1,2}ml\s{1,2}contains",
    re.I,
)
"""A composition given for each mL: its active amount is a strength."""
EXCIPIENT = re.compile(
    "|".join((*EXCIPIENT_WORDS[2:], "bacteriostatic", "saline", "acetic acid")),
    re.I,
)
"""Beside a percentage: an excipient, or the diluent ('bacteriostatic water, 0.9% benzyl
alcohol'), not the product's strength."""
DAILY_BEFORE = re.compile(
    r"(?:a day|per day|daily|/day|a day's|daily (?:total|maximum|dose|range|amount|intake)|"
    r"maximum daily(?: dose)?|total daily(?: dose)?|pro Tag|täglich|Tagesdosis|в день|в сутки|"
    r"суточная доза)"
    r"\s{0,3}(?:=|:|of|is|up to)?\s{0,3}$",
    re.I,
)
"""Before a figure: it is a day's total ('36 drops a day = 2700 mcg')."""

RANGE_BEFORE = re.compile(r"\d(?:[.,]\d{1,3})?\s{0,2}%?\s{0,2}(?:-|–|—|to|bis|до)\s{0,2}$")
"""Before a figure: the low end of a range it closes ('0.1–0.3%')."""

SECOND_END = re.compile(
    r"\s{0,2}(?:to|and|or|versus|vs\.?)\s{1,3}(?:about|approximately|around|roughly|nearly)?"
    r"\s{0,2}",
    re.I,
)
"""Between two durations: the second is the other end of a change or a comparison."""

ABBREVIATIONS = frozenset({"approx", "ca", "e.g", "i.e", "vs", "no", "fig"})
"""A full stop after these does not end a sentence ('approx. 300 mcg')."""

LIST_KEYS = (":", "ml", "mL", "ML", "omposition", "OMPOSITION", "ngredient", "NGREDIENT")

DURATION_CONTEXT = [
    (
        "storage",
        re.compile(
            r"stable|stored?|storage|keeps?|shelf|refrigerat|fridge|room temperature|frozen|"
            r"freezer|use within|discard|expir|after opening|once opened|haltbar|Lagerung|lagern|"
            r"Kühlschrank|aufbewahr|хран|холодильник|срок годности",
            re.I,
        ),
    ),
    ("half_life", re.compile(r"half[- ]?life|t½|t1/2|Halbwertszeit|полувыведени|полураспад", re.I)),
    (
        "break",
        re.compile(r"(?<!without a )(?<!no )\bbreaks?\b|\boff\b|pause|rest period|перерыв", re.I),
    ),
    (
        "course",
        re.compile(
            r"courses?|cycles?|protocol|\bduration\b|\bon\b|\bfor up to\b|\bKur\b|Kurs|Zyklus|"
            r"Behandlungsdauer|\bкурс|цикл|продолжительност|в течение",
            re.I,
        ),
    ),
    ("onset", re.compile(r"(?<!use )within|onset|notice|begin", re.I)),
    ("effect_duration", re.compile(r"peak|lasts?|lasting|persist|effects? (?:for|of)", re.I)),
]
"""Duration kinds by the words around them: the nearest keyword wins, ties in this order."""
DURATION_ANY = re.compile(
    "|".join(
        f"(?P<k{rank}>{pattern.pattern})" for rank, (_, pattern) in enumerate(DURATION_CONTEXT)
    ),
    re.I,
)
"""Every duration keyword in one pattern, each kind its group ('k0' the first kind)."""
JUST_BEFORE_COURSE = re.compile(r"(?:\bfor|\bx|×)\s{0,2}$", re.I)
COURSE_LASTS = re.compile(
    r"\b(?:courses?|cycles?)\b(?:\s{1,3}of\s{1,3}\w{1,20})?\s{1,3}(?:\w{1,20}ly\s{1,3})?"
    r"(?:lasts?|runs?|takes?)\s{1,3}(?:for\s{1,3})?(?:(?:about|around|roughly|up to)\s{1,3})?$",
    re.I,
)
"""'a course lasts 14 days': what lasts is the course, not an effect."""
CONVERSION_ANCHOR = re.compile(r"=|equals|same as")
NAME_ANCHOR = re.compile(r"[yY][lL](?:-|\s|[a-zA-Z]{4})")
"""Where a conversion or a chemical name can be: their patterns run only near these."""
