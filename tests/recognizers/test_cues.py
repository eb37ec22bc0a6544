"""Pattern prefilters (GroupPattern.cue, cue_words and anchor) never drop a match the pattern
would find.

Each row is a note for one prefiltered pattern: ``match`` rows are found by the full pattern
(and the prefilter must let them through, whatever their case or a letter that matches an ASCII
one only without case); ``skip`` rows are not, and the prefilter spares the scan; ``near`` rows
are look-alikes the pattern rejects, where the prefilter may go either way. Anchored patterns
must find exactly what a search of the whole note finds, on the rows and on generated notes.
"""

from __future__ import annotations

import sys

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from redactphi.recognizers import locations
from redactphi.recognizers._base import (
    FOLDS_TO_ASCII,
    GroupPattern,
    GroupPatternRecognizer,
    anchor_lines,
    anchored_finditer,
    note_words,
    spelled_words,
)
from redactphi.recognizers.ages import AgeRecognizer
from redactphi.recognizers.contact import ClinicalPhoneRecognizer, ClinicalUrlRecognizer
from redactphi.recognizers.dates import ClinicalDateRecognizer
from redactphi.recognizers.facilities import FacilityRecognizer
from redactphi.recognizers.identifiers import DeviceIdRecognizer
from redactphi.recognizers.locations import (
    CityStateZipRecognizer,
    CountyRecognizer,
    RegionRecognizer,
)

RECOGNIZERS: dict[str, GroupPatternRecognizer] = {
    r.name: r
    for r in (
        AgeRecognizer(),
        ClinicalPhoneRecognizer(),
        ClinicalUrlRecognizer(),
        ClinicalDateRecognizer(),
        FacilityRecognizer(),
        DeviceIdRecognizer(),
        CityStateZipRecognizer(),
        CountyRecognizer(),
        RegionRecognizer(),
    )
}

# fmt: off
ROWS = [
    ("ClinicalPhoneRecognizer", "labelled_loose", "cell: 555-201-3344", "match"),
    ("ClinicalPhoneRecognizer", "labelled_loose", "Home (555)2013344.", "match"),
    ("ClinicalPhoneRecognizer", "labelled_loose", "call the family at home", "skip"),
    ("ClinicalUrlRecognizer", "bare_domain", "see mercyhealth.org/portal", "match"),
    ("ClinicalUrlRecognizer", "bare_domain", "MERCY.ORG", "match"),
    ("ClinicalUrlRecognizer", "bare_domain", "no web address here", "skip"),
    ("CountyRecognizer", "county", "lives in Anne Arundel County", "match"),
    ("CountyRecognizer", "county", "Howard CO. jail", "match"),
    ("CountyRecognizer", "county", "Subcounty: howard", "match"),
    ("CountyRecognizer", "county", "Orleans PARISH", "match"),
    ("CountyRecognizer", "county", "CO2 retention, county not given", "near"),
    ("CountyRecognizer", "county", "CO2 retention", "skip"),
    ("CountyRecognizer", "county_caps", "HOWARD COUNTY", "match"),
    ("CountyRecognizer", "county_caps", "Howard County", "skip"),
    ("CityStateZipRecognizer", "city_state_lower", "lives at towson, md 21204", "match"),
    ("CityStateZipRecognizer", "city_state_lower", "lives at towson, md", "skip"),
    ("RegionRecognizer", "region", "from the Eastern Shore", "match"),
    ("RegionRecognizer", "region", "EASTERN \t SHORE", "match"),
    ("RegionRecognizer", "region", "drove in from the Tri-State Area.", "match"),
    ("RegionRecognizer", "region", "from the eaſtern shore", "match"),
    ("RegionRecognizer", "region", "from the Eastern Shoreline", "near"),
    ("RegionRecognizer", "region", "remained at the shore", "skip"),
    ("ClinicalDateRecognizer", "month_day", "seen March 3rd", "match"),
    ("ClinicalDateRecognizer", "month_day", "MAR. 14, 2025", "match"),
    ("ClinicalDateRecognizer", "month_day", "Café visit Sept 9", "match"),
    ("ClinicalDateRecognizer", "day_month", "on 14-mar-2025", "match"),
    ("ClinicalDateRecognizer", "day_month", "3rd of June", "match"),
    ("ClinicalDateRecognizer", "month_year", "Mar 2025 and Jan '19", "match"),
    ("ClinicalDateRecognizer", "month_alone", "since June", "match"),
    ("ClinicalDateRecognizer", "month_alone", "in ſept", "match"),
    ("ClinicalDateRecognizer", "month_alone", "in marching order", "skip"),
    ("AgeRecognizer", "age_lead", "\n92 s/p fall", "match"),
    ("AgeRecognizer", "age_lead", "Seen. 95 WF with cough", "match"),
    ("AgeRecognizer", "age_lead", "HR 95 bpm", "skip"),
    ("DeviceIdRecognizer", "isbt_din", "DIN W1234 25 123456", "match"),
    ("DeviceIdRecognizer", "isbt_din", "DIN W1234 25 12345", "skip"),
    ("FacilityRecognizer", "ward", "Transferred to Bigelow MICU", "match"),
    ("FacilityRecognizer", "ward", "Transferred to the micu", "skip"),
    ("FacilityRecognizer", "named_before", "Mercy General Hospital", "match"),
    ("FacilityRecognizer", "named_before", "LAKESIDE SURGERY CENTER", "match"),
    ("FacilityRecognizer", "named_before", "St. Luke's Children's Hospital", "match"),
    ("FacilityRecognizer", "named_before", "to Bowen Day Unit.", "match"),
    ("FacilityRecognizer", "named_before", "Sent to Ridge Medical\ncenter", "match"),
    ("FacilityRecognizer", "named_before", "Mercy Hoſpital", "match"),
    ("FacilityRecognizer", "named_before", "Hospitalization at home", "near"),
    ("FacilityRecognizer", "named_before", "Mercy Hospitalization", "skip"),
    ("FacilityRecognizer", "lower_before", "transferred to mercy general hospital", "match"),
    ("FacilityRecognizer", "lower_before", "seen at the house staff meeting", "near"),
    ("FacilityRecognizer", "lower_before", "went to a day  unit", "match"),
]
# fmt: on


# Notes for the anchored patterns: where the line-by-line search could part from a search of
# the whole note (a facility word broken over lines, several on a line, a match running on
# into the next anchor line, a look-ahead at a line's end, a line without an anchor between).
ANCHOR_ROWS = [
    "Sent to Ridge Medical\ncenter today",
    "Sent to Ridge Medical\n\n   Center today\nthen Bay Day Unit",
    "seen at bay health\n care center, then oak house\nstaff meeting",
    "Ridge Medical Center and Lake Surgery Center and the Mercy Hospital",
    "transferred to a b c d e f g hospital\nno words here\nmercy   general\thospital.",
    "went to the house\tstaff room; Oak House\nOfficer",
    "Ridge medical\ncenter Hospital\nHospital",
    "\thospital\n hospital\nA hospital",
    "lives at towson, md 21204 and at bel air, maryland\n21014, or dover,\tde 19901-1234",
    "towson, new\nyork 10001\nx, NY 10001",
    "Mercy Hoſpital and St. Luke's Children's Hospital, St. Anne's Medical Center",
]


def anchored_patterns() -> list[tuple[str, regex.Pattern, regex.Pattern]]:
    """(name, pattern, anchor) of every anchored search, the recognizers' own included."""
    found = [
        (f"{r.name}.{p.name}", c, r._anchors[p.anchor])
        for r in RECOGNIZERS.values()
        for p, c in r._compiled
        if p.anchor
    ]
    places = RECOGNIZERS["CityStateZipRecognizer"]
    assert isinstance(places, CityStateZipRecognizer)
    found.append(
        ("state_in_place", places._state_in_place, places._anchors[locations.STATE_AND_ZIP])
    )
    return found


def test_anchored_patterns_exist() -> None:
    assert {name for name, _, _ in anchored_patterns()} >= {
        "FacilityRecognizer.lower_before",
        "FacilityRecognizer.named_before",
        "CityStateZipRecognizer.city_state_lower",
        "state_in_place",
    }


def whole_note_spans(pattern: regex.Pattern, text: str) -> list[tuple[int, int]]:
    return [m.span() for m in pattern.finditer(text)]


def anchored_spans(pattern: regex.Pattern, anchor: regex.Pattern, text: str):
    return [m.span() for m in anchored_finditer(pattern, anchor_lines(anchor, text), text)]


@pytest.mark.parametrize("text", ANCHOR_ROWS)
def test_anchored_search_finds_what_the_whole_note_search_finds(text: str) -> None:
    found = 0
    for name, pattern, anchor in anchored_patterns():
        expected = whole_note_spans(pattern, text)
        assert anchored_spans(pattern, anchor, text) == expected, name
        found += len(expected)
    assert found, "test row error: no anchored pattern matches"


_PIECES = [
    "Mercy", "mercy", "St.", "&", "of", "Oak", "bay", "a", "the", "house", "staff", "Medical",
    "center", "Hospital", "HOSPITAL", "hoſpital", "health", "care", "day", "unit", "Surgery",
    "towson", "Towson", "md", "MD", "new", "york", "21204", "21204-1234", "123", ",", ".", "'s",
    "-", "Unit", "clinic", "Institute",
]  # fmt: skip
_GAPS = [" ", " ", " ", "  ", "\t", "\n", "\n ", ", ", "", "\n\n"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(_PIECES), st.sampled_from(_GAPS)), max_size=40))
def test_anchored_search_matches_whole_note_search_on_generated_notes(pieces) -> None:
    text = "".join(word + gap for word, gap in pieces)
    for name, pattern, anchor in anchored_patterns():
        assert anchored_spans(pattern, anchor, text) == whole_note_spans(pattern, text), name


def test_anchor_narrows_the_search_to_anchor_lines() -> None:
    """A pattern that breaks the anchor's rule shows which lines are read: only the anchor's."""
    text = "foo here\nfoo and bar\nfoo"
    lines = anchor_lines(regex.compile("bar"), text)
    assert lines == ((9, 20, 20),)
    assert [m.start() for m in anchored_finditer(regex.compile("foo"), lines, text)] == [9]


def test_anchor_refuses_overlapping_matches() -> None:
    with pytest.raises(ValueError, match="anchor"):
        GroupPattern("p", "a+", 0.5, overlapped=True, anchor="a")


def prefiltered(
    recognizer: GroupPatternRecognizer, name: str
) -> tuple[GroupPattern, regex.Pattern]:
    found = [(p, c) for p, c in recognizer._compiled if p.name == name and (p.cue or p.cue_words)]
    assert len(found) == 1, f"test row error: no single prefiltered pattern {name!r}"
    return found[0]


@pytest.mark.parametrize(("recognizer", "name", "text", "kind"), ROWS)
def test_prefilter_keeps_every_match(recognizer: str, name: str, text: str, kind: str) -> None:
    rec = RECOGNIZERS[recognizer]
    pattern, compiled = prefiltered(rec, name)
    matches = compiled.findall(text, overlapped=pattern.overlapped)
    passes = GroupPatternRecognizer._may_match(rec, pattern, text, {})
    if kind == "match":
        assert matches, "test row error: the pattern finds nothing"
        assert passes, "the prefilter drops a note the pattern matches"
    else:
        assert not matches, "test row error: the pattern matches"
        if kind == "skip":
            assert not passes, "the prefilter lets through a note without its cue"


@pytest.mark.parametrize("rec", RECOGNIZERS.values(), ids=RECOGNIZERS)
def test_prefilters_change_no_result(rec: GroupPatternRecognizer, monkeypatch) -> None:
    """All rows through each recognizer: the same results with every prefilter switched off."""
    texts = [text for *_, text, _ in ROWS] + ["\n".join(text for *_, text, _ in ROWS)]

    def spans(r: GroupPatternRecognizer) -> list[list[tuple]]:
        return [
            sorted((x.start, x.end, x.entity_type, x.score) for x in r.analyze(t, []))
            for t in texts
        ]

    with_prefilters = spans(rec)
    monkeypatch.setattr(rec, "_may_match", lambda *_: True)
    monkeypatch.setattr(
        rec, "_finditer", lambda p, c, text: c.finditer(text, overlapped=p.overlapped)
    )
    assert spans(rec) == with_prefilters


@pytest.mark.parametrize(
    ("pattern", "words"),
    [
        ("hospital|hosp", [{"hospital"}, {"hosp"}]),
        (r"medical\s+center|care[ \t]+center", [{"medical", "center"}, {"care", "center"}]),
        ("rehab(?:ilitation)?", [{"rehab"}, {"rehabilitation"}]),
        ("children'?s", [{"children", "s"}, {"childrens"}]),
        (r"nursing\s+(?:and|&)\s+home", [{"nursing", "and", "home"}, {"nursing", "home"}]),
        (r"house(?![ \t]+(?:staff|md))", [{"house"}]),
        (r"(?:short[ \t]+stay|day)[ \t]+unit", [{"short", "stay", "unit"}, {"day", "unit"}]),
        (r"New\s+York", [{"new", "york"}]),
    ],
)
def test_spelled_words(pattern: str, words: list[set[str]]) -> None:
    assert sorted(map(sorted, spelled_words(pattern))) == sorted(map(sorted, words))


@pytest.mark.parametrize("pattern", [r"hosp\w*", "clinics*", "[a-z]+", r"st\.", "(?:a|b", "a)"])
def test_spelled_words_refuses_what_it_cannot_read(pattern: str) -> None:
    with pytest.raises(ValueError):
        spelled_words(pattern)


def test_folds_to_ascii_lists_every_letter_that_matches_ascii_without_case() -> None:
    beyond = "".join(chr(c) for c in range(0x80, sys.maxunicode + 1) if not 0xD800 <= c < 0xE000)
    folding = set(regex.findall(r"(?i)[a-z]", beyond))
    for letter in "abcdefghijklmnopqrstuvwxyz":
        folding |= set(regex.findall(f"(?i){letter}", beyond))
    assert folding == set(FOLDS_TO_ASCII.pattern.strip("[]"))


def test_note_words() -> None:
    assert note_words("Seen at MERCY-General, 3x") == {"seen", "at", "mercy", "general", "x"}
    assert note_words("Café Hospital") == {"caf", "hospital"}
    assert note_words("Hoſpital") is None
