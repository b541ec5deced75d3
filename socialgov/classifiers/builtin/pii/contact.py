"""Contact details: e-mail addresses (RFC 5321 shape), phone numbers (NANP, E.164 via ``phonenumbers``),
US postal addresses (USPS Publication 28).
"""

from __future__ import annotations

import re

from ...base import Context
from ...text import longest_number, lower, quote, words
from .common import Hit, near

# --- email (RFC 5321/5322 shape, dot-atom local part) ----------------------------------------------------------
_EMAIL = re.compile(
    r"(?<![\w.+%-])[A-Za-z0-9](?:[A-Za-z0-9._%+-]{0,63})@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+"
    r"[A-Za-z]{2,24}(?![\w-])"
)


def emails(text: str, context: Context) -> list[Hit]:
    if "@" not in text:
        return []
    hits = []
    for m in _EMAIL.finditer(text):
        domain = m.group(0).rpartition("@")[2]
        hits.append(("pii.email", 0.95, m.start(), m.end(), f"Email address at {domain}."))
    return hits


# --- phone numbers -----------------------------------------------------------------------------------------------
_EXT = r"(?:\s*(?:x|ext\.?|extension|#)\s*\d{1,6})?"
_NANP = re.compile(
    r"(?=[\d+(])(?<![\w+(])(?:(?:\+|00|011)[\s.-]?1[\s.-]?|\b1[\s.-])?"  # (?=…): a quick scan to candidates
    r"(?:\(\s*(\d{3})\s*\)[\s.-]?|(\d{3})([\s.-]?))(\d{3})([\s.-]?)(\d{4})" + _EXT + r"(?![\w-]|\.\d)"
)
_INTERNATIONAL = re.compile(
    r"(?<![\w+])(?:\+|00)[1-9]\d{0,2}(?:[\s.-]?(?:\(\d{1,4}\)|\d{1,5})){1,6}" + _EXT + r"(?!\w)"
)
# Any grouped digit sequence: a phone number in some national plan if phonenumbers says so (context required).
_NATIONAL = re.compile(r"(?<![\w+/.,-])\(?\d{1,5}\)?(?:[\s.-]\(?\d{1,5}\)?){1,5}" + _EXT + r"(?![\w/-]|[.,]\d)")
_LOCAL = re.compile(r"[2-9](?<![\w+/.,-][2-9])\d{2}[\s.-]\d{4}(?![\w/-]|[.,]\d)")  # NANP 7-digit local number
_PHONE_CONTEXT = re.compile(
    r"\b(?:phone|telephone|tel|call|calling|text|txt|mobile|cell|cellphone|fax|contact|reach|number|whatsapp|dial)\b"
)
_PHONE_TRIGGERS = frozenset({"phone", "telephone", "tel", "call", "calling", "text", "txt", "mobile", "cell",
                             "cellphone", "fax", "contact", "reach", "number", "whatsapp", "dial"})
_NATIONAL_REGIONS = ("GB", "DE", "FR", "IT", "ES", "NL", "BE", "CH", "AT", "AU", "NZ", "IE", "IN", "BR", "MX")


def phones(text: str, context: Context) -> list[Hit]:
    low = lower(text)
    digits = longest_number(text)  # a NANP number has ten digits, an international or national one eight, a local 7
    context_words = not _PHONE_TRIGGERS.isdisjoint(words(text))
    hits = [h for m in _NANP.finditer(text) if (h := _nanp_hit(text, low, m, context_words))] if digits >= 10 else []
    if digits >= 8 and ("+" in text or "00" in text):
        hits += [h for m in _INTERNATIONAL.finditer(text) if (h := _international_hit(text, m))]
    if context_words:
        taken = [(h[2], h[3]) for h in hits]
        for m in _NATIONAL.finditer(text) if digits >= 8 else ():
            if not any(s < m.end() and m.start() < e for s, e in taken) and (h := _national_hit(text, low, m, context)):
                hits.append(h)
        hits += [h for m in _LOCAL.finditer(text) if (h := _local_hit(text, low, m))]
    return hits


def _local_hit(text: str, low: str, m: re.Match[str]) -> Hit | None:
    cue = near(low, m.start(), m.end(), _PHONE_CONTEXT, before=40, after=25)
    if not cue:
        return None
    return ("pii.phone", 0.7, m.start(), m.end(), f"Local phone number (NANP, seven digits), near “{cue}”.")


def _nanp_hit(text: str, low: str, m: re.Match[str], context_words: bool) -> Hit | None:
    area, exchange = m.group(1) or m.group(2), m.group(4)
    separated = bool(m.group(1) or m.group(3) or m.group(5))
    valid = area[0] in "23456789" and exchange[0] in "23456789" and area[1:] != "11"
    cue = near(low, m.start(), m.end(), _PHONE_CONTEXT) if context_words else None
    score = (0.85 if valid else 0.7) if separated else (0.6 if valid else 0.35)
    score += 0.1 if cue else 0.0
    shape = "North American (NANP) format" if valid else "a 3-3-4 phone format"
    why = f"Phone number in {shape}" + (f", near “{cue}”" if cue else "")
    return ("pii.phone", score, m.start(), m.end(), why + ".")


def _international_hit(text: str, m: re.Match[str]) -> Hit | None:
    import phonenumbers  # imported on first international candidate only

    candidate = m.group(0)
    if sum(c.isdigit() for c in candidate) < 8:
        return None
    try:
        number = phonenumbers.parse("+" + candidate.lstrip("+").removeprefix("00"), None)
    except phonenumbers.NumberParseException:
        return None
    if phonenumbers.is_valid_number(number):
        score = 0.9
    elif phonenumbers.is_possible_number(number):
        score = 0.7
    else:
        return None
    region = phonenumbers.region_code_for_number(number) or "international"
    return ("pii.phone", score, m.start(), m.end(),
            f"Phone number in international format (country code +{number.country_code}, {region}).")


def _national_hit(text: str, low: str, m: re.Match[str], context: Context) -> Hit | None:
    import phonenumbers

    cue = near(low, m.start(), m.end(), _PHONE_CONTEXT, before=60, after=30)
    digits = sum(c.isdigit() for c in m.group(0))
    if not cue or not 8 <= digits <= 13:
        return None
    for region in (*context.phone_regions, *_NATIONAL_REGIONS):
        try:
            number = phonenumbers.parse(m.group(0), region)
        except phonenumbers.NumberParseException:
            continue
        if phonenumbers.is_valid_number(number):
            return ("pii.phone", 0.75, m.start(), m.end(),
                    f"Phone number in {region} national format, near “{cue}”.")
    return None


# --- US postal addresses (USPS Publication 28 street suffixes, unit designators, state + ZIP) -----------------------
_SUFFIXES = (
    "Street|St|Avenue|Ave|Av|Road|Rd|Boulevard|Blvd|Drive|Dr|Lane|Ln|Court|Ct|Way|Place|Pl|Terrace|Ter|Circle|Cir"
    "|Highway|Hwy|Parkway|Pkwy|Square|Sq|Trail|Trl|Alley|Aly|Crescent|Cres|Plaza|Plz|Loop|Row|Run|Path|Pike"
    "|Expressway|Expy|Freeway|Fwy|Point|Pt|Ridge|Rdg|Heights|Hts|Crossing|Xing|Walk|Commons|Cove|Cv|Bend|Creek"
    "|Estates|Glen|Grove|Harbor|Hollow|Landing|Manor|Meadows|Mews|Orchard|Pass|Pines|Ranch|Shores|Springs"
    "|Station|Summit|Turnpike|Tpke|Valley|Village|Vista|Junction|Jct|Mall|Oval|Route|Rte"
)
_STATES = (
    "AL|AK|AZ|AR|CA|CO|CT|DE|DC|FL|GA|HI|ID|IL|IN|IA|KS|KY|LA|ME|MD|MA|MI|MN|MS|MO|MT|NE|NV|NH|NJ|NM|NY|NC|ND|OH|OK"
    "|OR|PA|RI|SC|SD|TN|TX|UT|VT|VA|WA|WV|WI|WY|PR|GU|VI|AS|MP|Alabama|Alaska|Arizona|Arkansas|California|Colorado"
    "|Connecticut|Delaware|Florida|Georgia|Hawaii|Idaho|Illinois|Indiana|Iowa|Kansas|Kentucky|Louisiana|Maine"
    "|Maryland|Massachusetts|Michigan|Minnesota|Mississippi|Missouri|Montana|Nebraska|Nevada|New Hampshire"
    "|New Jersey|New Mexico|New York|North Carolina|North Dakota|Ohio|Oklahoma|Oregon|Pennsylvania|Rhode Island"
    "|South Carolina|South Dakota|Tennessee|Texas|Utah|Vermont|Virginia|Washington|West Virginia|Wisconsin|Wyoming"
)
_DIRECTION = r"(?:[NSEW]|North|South|East|West|NE|NW|SE|SW)\.?"
_STREET_WORD = r"(?:[A-Z][A-Za-z'’.-]*|\d{1,3}(?:st|nd|rd|th))"
_TAIL = (rf"(?:,?[ \t]*(?:Apt|Apartment|Suite|Ste|Unit|Fl|Floor|Rm|Room|Bldg|Lot|#)\.?[ \t]*#?[A-Za-z0-9-]+)?"
         rf"(?:,?\s+(?:[A-Z][A-Za-z.'-]*[ \t]?){{1,3}},?[ \t]+(?:{_STATES})\b\.?(?:[ \t]+\d{{5}}(?:-\d{{4}})?)?)?")
_ADDRESS = re.compile(
    rf"\b\d{{1,6}}[A-Z]?(?:-\d{{1,5}})?[ \t]+(?:{_DIRECTION}[ \t]+)?(?:{_STREET_WORD}[ \t]+){{1,4}}?"
    rf"(?:{_SUFFIXES})\b\.?(?:[ \t]+{_DIRECTION}(?![a-z]))?" + _TAIL
    + r"|\bP\.?[ \t]?O\.?[ \t]*Box[ \t]+\d{1,6}" + _TAIL
)
_ADDRESS_TRIGGERS = frozenset(s.lower() for s in _SUFFIXES.split("|")) | {"box"}


def addresses(text: str, context: Context) -> list[Hit]:
    if _ADDRESS_TRIGGERS.isdisjoint(words(text)):
        return []
    hits = []
    for m in _ADDRESS.finditer(text):
        end = m.end()
        while end > m.start() and text[end - 1] in " ,.\t":
            end -= 1
        has_tail = bool(re.search(r"\b\d{5}(?:-\d{4})?$", text[m.start():end]))
        score = 0.9 if has_tail else 0.75
        what = "a post office box" if "box" in lower(m.group(0)) else "a house number and a street suffix"
        hits.append(("pii.address", score, m.start(), end,
                     f"Postal address {quote(text, m.start(), end)}: {what}"
                     + (" with state and ZIP code." if has_tail else ".")))
    return hits
