"""Normalisation for analysis (redactphi/normalize.py) and its hook in the Redactor.

The map is checked on its own (folds, offsets, widening over invisibles); then three notes as
clinical systems write them (NFD from macOS, text pasted from a PDF, an EHR export with NBSP)
must be redacted exactly as their plain forms: same findings at the mapped offsets, same types,
same output once both are normalised.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from importlib import resources

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from redactphi import Finding, RedactionResult, Redactor
from redactphi.errors import InputTooLargeError
from redactphi.normalize import Normalized, normalize, redact_mapped

# -- the analysed text ---------------------------------------------------------------------------

FOLDS = [
    pytest.param("Jose\u0301 Rami\u0301rez", "Jose Ramirez", id="combining-acute"),
    pytest.param("José Ramírez", "Jose Ramirez", id="precomposed-accents"),
    pytest.param("Zoe\u0308\u0301\u0301 Brontë", "Zoe Bronte", id="stacked-marks"),
    pytest.param("Łukasz Søren Straße Æsa", "Lukasz Soren Strasse AEsa", id="latin-letters"),
    pytest.param("Jo\u00adse Ram\u200birez", "Jose Ramirez", id="soft-hyphen-zwsp"),
    pytest.param("\ufeffMRN\u200d:\u200c 48\u2060291\u200e03\u202e", "MRN: 4829103", id="format"),
    pytest.param("SSN\u00a0301\u202f27\u2009459\u20078", "SSN 301 27 459 8", id="odd-spaces"),
    pytest.param("line\u2028next\u2029para\x85end", "line\nnext\npara\nend", id="line-breaks"),
    pytest.param("555\u2011201\u20133344 \u2212 5 \u2014 x", "555-201-3344 - 5 — x", id="dashes"),
    pytest.param("O\u2018Brien O\u2019Brien", "O'Brien O\u2019Brien", id="quotes"),
    pytest.param("ＭＲＮ：３０１ ٣٠١ ۴", "MRN:301 301 4", id="wide-and-eastern-digits"),
    pytest.param("ﬁbula ﬂap ½", "fibula flap 1\u20442", id="ligatures"),
    pytest.param("\u0301\u200b lone", " lone", id="marks-without-a-base"),
    pytest.param("a\udcffb", "a\ufffdb", id="lone-surrogate"),
    pytest.param("Tab\tand\x00NUL\x07kept", "Tab\tand\x00NUL\x07kept", id="ascii-untouched"),
]


@pytest.mark.parametrize(("text", "analysed"), FOLDS)
def test_analysed_text(text: str, analysed: str) -> None:
    assert normalize(text).text == analysed


@given(st.text(st.characters(max_codepoint=0x7F), max_size=200))
@settings(max_examples=60, deadline=None)
def test_ascii_is_used_as_it_is(text: str) -> None:
    norm = normalize(text)
    assert norm.identity and norm.text is text
    assert norm.span(0, len(text)) == (0, len(text))


# Weighted toward what the normaliser treats: marks, invisibles, spaces, wide forms, surrogates.
ODD = st.sampled_from(
    "\u0301\u0308\u0327\u20dd\u0903\u00ad\u200b\u200c\u200d\u2060\ufeff\u200e\u202e\u2066"
    "\u00a0\u202f\u2009\u3000\u2028\u2011\u2013ﬁ½éÅßłＡ１٣\u3164\ud800\udfff\x85"
)
TEXT = st.lists(st.one_of(ODD, st.characters(max_codepoint=0x7F), st.characters()), max_size=60)


@given(TEXT)
@settings(max_examples=100, deadline=None)
def test_the_map_is_monotonic_and_covers_the_text(chars: list[str]) -> None:
    text = "".join(chars)
    norm = normalize(text)
    if norm.identity:
        assert norm.text == text
        return
    assert norm.starts is not None and norm.ends is not None
    assert len(norm.starts) == len(norm.ends) == len(norm.text)
    covered: set[int] = set()
    for i, (start, end) in enumerate(zip(norm.starts, norm.ends, strict=True)):
        assert 0 <= start < end <= len(text)
        if i:
            assert norm.starts[i - 1] <= start and norm.ends[i - 1] <= end
        covered.update(range(start, end))
    # Every original character is behind some analysed character or was dropped as invisible.
    assert covered | norm.dropped == set(range(len(text)))
    assert not covered & norm.dropped
    for at in norm.dropped:
        category = unicodedata.category(text[at])
        assert category[0] == "M" or category == "Cf" or text[at] in "\u3164"


@given(TEXT)
@settings(max_examples=100, deadline=None)
def test_the_analysed_text_is_plain_and_stable(chars: list[str]) -> None:
    analysed = normalize("".join(chars)).text
    for char in analysed:
        category = unicodedata.category(char)
        assert category[0] != "M" and category not in ("Cf", "Cs"), hex(ord(char))
        assert category != "Zs" or char == " "
        assert category != "Nd" or char.isascii()
    assert normalize(analysed).text == analysed  # normalising twice changes nothing


# -- mapping back --------------------------------------------------------------------------------


def _span_of(norm: Normalized, word: str) -> tuple[int, int]:
    at = norm.text.index(word)
    return norm.span(at, at + len(word))


def test_a_span_covers_marks_and_invisibles_inside_and_at_its_edges() -> None:
    text = "Pt \u200bJo\u00adse\u0301\u200b Rami\u0301\u0301rez\u00ad, seen"
    norm = normalize(text)
    start, end = _span_of(norm, "Jose")
    assert text[start:end] == "\u200bJo\u00adse\u0301\u200b"
    start, end = _span_of(norm, "Ramirez")
    assert text[start:end] == "Rami\u0301\u0301rez\u00ad"
    start, end = _span_of(norm, "seen")
    assert text[start:end] == "seen"


def test_an_expanded_character_maps_back_whole() -> None:
    text = "Dr. Aﬁf Sahli"  # the ligature expands to two analysed letters
    norm = normalize(text)
    assert norm.text == "Dr. Afif Sahli"
    assert norm.span(5, 6) == (5, 6)  # the "i" of "fi" is the whole ligature
    start, end = _span_of(norm, "Afif")
    assert text[start:end] == "Aﬁf"


def test_a_long_run_of_marks_is_one_cluster() -> None:
    # Alternating combining classes: NFKD over this run would reorder it in quadratic time
    # (about a minute here); the base is folded alone, so it stays linear.
    text = "Jose" + "\u0301\u0327" * 50_000 + " Ramirez"
    norm = normalize(text)
    assert norm.text == "Jose Ramirez"
    assert norm.span(0, 4) == (0, 100_004)


def test_widened_findings_never_overlap() -> None:
    text = "Jose\u200b\u200bSmith"
    norm = normalize(text)
    found = [Finding(0, 4, "NAME", 0.9), Finding(4, 9, "NAME", 0.9)]
    first, second = norm.findings(found)
    assert (first.start, first.end) == (0, 6)  # both invisibles go to the first finding
    assert (second.start, second.end) == (6, 11)
    assert norm.findings([]) == []


def test_redact_mapped_writes_the_plain_replacements_over_the_original() -> None:
    from redactphi.policies import apply_policy

    text = "Age 9\u03012, MRN 48\u200b29103 \u200b\u200d seen"
    norm = normalize(text)
    age = Finding(4, 7, "AGE", 0.9)
    mrn = Finding(13, 21, "MRN", 0.9)
    blank = Finding(22, 24, "OTHER_ID", 0.9)  # only invisibles: replaced where it stands

    def apply(note: str, found: list[Finding]) -> RedactionResult:
        return apply_policy(note, found, "safe-harbor", include_original=True)

    done = redact_mapped(norm, text, [age, mrn, blank], apply, lambda t: t == "MRN", True)
    assert done.text == "Age 90+, MRN [MRN] [OTHER_ID] seen"
    assert done.findings == [age, mrn, blank]
    assert [(r.start, r.end, r.original) for r in done.replacements] == [
        (4, 7, "9\u03012"),
        (13, 21, "48\u200b29103"),
        (22, 24, "\u200b\u200d"),
    ]
    for rep in done.replacements:
        assert done.text[rep.new_start : rep.new_end] in ("90+", "[MRN]", "[OTHER_ID]")


def test_repr_shows_no_text() -> None:
    assert "Jos" not in repr(normalize("Jos\u00e9 Ramirez"))


# -- the Redactor --------------------------------------------------------------------------------


def test_engine_findings_cover_the_original_run(redactor: Redactor) -> None:
    text = "Patient: Jo\u00adse\u0301 Ram\u200birez\nMRN: 482\u200b9103\nSSN: 301\u00a027\u00a04598"
    result = redactor.redact(text)
    spans = {text[f.start : f.end]: f.entity_type for f in result.findings}
    assert spans == {
        "Jo\u00adse\u0301 Ram\u200birez": "NAME",
        "482\u200b9103": "MRN",
        "301\u00a027\u00a04598": "SSN",
    }
    assert result.text == "Patient: [NAME]\nMRN: [MRN]\nSSN: [SSN]"


def test_the_analysed_copy_keeps_to_the_size_limit(
    redactor: Redactor, monkeypatch: pytest.MonkeyPatch
) -> None:
    small = redactor.settings.model_copy(update={"max_chars": 100})
    monkeypatch.setattr(redactor, "settings", small)
    text = "Okafor \ufdfa" * 10  # 80 characters; each ligature is 18 analysed ones
    for call in (redactor.analyze, redactor.redact, lambda t: list(redactor.analyze_many([t]))):
        with pytest.raises(InputTooLargeError) as info:
            call(text)
        assert info.value.limit == 100 and "Okafor" not in str(info.value)
    redactor.analyze("Okafor \u00e9" * 10)  # 80 -> 80 characters: within the limit, no error


def test_only_invisible_text_has_no_findings(redactor: Redactor) -> None:
    assert redactor.analyze("\u200b\ufeff\u00ad\u00a0") == []
    assert list(redactor.analyze_many(["\u200b\u200d", "MRN: 4829103"])) == [
        [],
        redactor.analyze("MRN: 4829103"),
    ]


SAMPLE = resources.files("redactphi").joinpath("samples/op_note_0489T.txt").read_text("utf-8")
ACCENTED = (
    "Patient: Núñez, José      MRN: 50318842     DOB: 04/09/1961\n"
    "Surgeon: Zoë Ångström, MD     Assistant: Renée Côté, RN\n"
    "Mr. Núñez is a 63-year-old man from Pittsburgh, PA 15213, seen at Mercy Hospital.\n"
    "His daughter Inés Peña (412-555-0199, ines.pena@example.com) was present.\n"
    "Electronically signed by Zoë Ångström, MD on 05/02/2025.\n"
)
# Some notes as the plain form is written, with the mapping back measured by char position.
Transform = Callable[[int, str, str], str]


def _nfd(_: int, char: str, __: str) -> str:
    return unicodedata.normalize("NFD", char)


def _pdf(i: int, char: str, text: str) -> str:
    """Ligatures for fi/fl and a soft hyphen inside long words, as PDF text extraction gives."""
    if char == "f" and text[i + 1 : i + 2] in ("i", "l"):
        return "ﬁ" if text[i + 1] == "i" else "ﬂ"
    if char in "il" and text[i - 1 : i] == "f":
        return ""
    word_start = i
    while word_start > 0 and text[word_start - 1].isalpha():
        word_start -= 1
    inside = i - word_start
    if char.isalpha() and inside == 4 and text[i + 1 : i + 3].isalpha():
        return char + "\u00ad"
    return char


def _ehr(i: int, char: str, text: str) -> str:
    """NBSP for every other space in a run, NNBSP after a colon, as EHR exports write them."""
    if char != " ":
        return char
    if text[i - 1 : i] == ":":
        return "\u202f"
    return "\u00a0" if i % 2 else " "


def _apply(text: str, transform: Transform) -> tuple[str, list[int], list[int]]:
    """The transformed text and, per plain character, where its output starts and ends."""
    out: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    length = 0
    for i, char in enumerate(text):
        piece = transform(i, char, text)
        starts.append(length)
        out.append(piece)
        length += len(piece)
        ends.append(length)
    # A character merged into the ligature before it maps to that ligature.
    for i in range(len(text)):
        if starts[i] == ends[i] and i:
            starts[i], ends[i] = starts[i - 1], ends[i - 1]
    return "".join(out), starts, ends


AS_WRITTEN = [
    pytest.param(ACCENTED, _nfd, id="nfd-macos"),  # the sample is ASCII: NFD leaves it alone
    pytest.param(SAMPLE, _pdf, id="pdf-paste-sample"),
    pytest.param(ACCENTED, _pdf, id="pdf-paste-accented"),
    pytest.param(SAMPLE, _ehr, id="ehr-nbsp-sample"),
    pytest.param(ACCENTED, _ehr, id="ehr-nbsp-accented"),
]


@pytest.mark.parametrize(("plain", "transform"), AS_WRITTEN)
def test_a_note_is_redacted_as_its_plain_form(
    redactor: Redactor, plain: str, transform: Transform
) -> None:
    odd, starts, ends = _apply(plain, transform)
    assert odd != plain and not odd.isascii()
    want = redactor.redact(plain)
    got = redactor.redact(odd)
    assert len(want.findings) >= 10
    mapped = [
        (starts[f.start], ends[f.end - 1], f.entity_type, f.score, f.role) for f in want.findings
    ]
    assert [(f.start, f.end, f.entity_type, f.score, f.role) for f in got.findings] == mapped
    assert normalize(got.text).text == normalize(want.text).text
    assert list(redactor.analyze_many([odd, plain])) == [got.findings, want.findings]


# -- policies read the plain form and write over the original ------------------------------------

POLICY_NOTE = (
    "Patient: Okafor, Lena     MRN: 40718263     DOB: 02/11/1958\n"
    "Ms. Okafor is a 92-year-old woman. Call 319-555-0147. SSN 301-27-4598.\n"
    "Seen 03/14/2025 by Dr. Walter Ostrowski at Mercy Hospital, Erie, PA 16501.\n"
)


def _sprinkle(text: str) -> str:
    """A ZWSP after every second letter or digit and an acute accent after every third."""
    out: list[str] = []
    count = 0
    for char in text:
        out.append(char)
        if char.isalnum():
            count += 1
            out.append("\u200b" if count % 2 == 0 else "")
            out.append("\u0301" if count % 3 == 0 else "")
    return "".join(out)


@pytest.fixture
def test_key(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("REDACTPHI_KEY_FILE", raising=False)
    monkeypatch.setenv("REDACTPHI_KEY", "unicode-test-key-0123456789-abcdef")


@pytest.mark.parametrize("policy", ["safe-harbor", "coding", "mask", "hash", "surrogate"])
def test_value_derived_operators_read_the_plain_form(
    redactor: Redactor, test_key: None, policy: str
) -> None:
    odd = _sprinkle(POLICY_NOTE)
    plain = redactor.redact(POLICY_NOTE, policy)
    got = redactor.redact(odd, policy)
    # Ages, shifted dates, role placeholders, surrogates and hashes are those of the plain form.
    assert normalize(got.text).text == normalize(plain.text).text
    assert "90+-year-old" in normalize(got.text).text
    assert [r.operator for r in got.replacements] == [r.operator for r in plain.replacements]
    for rep in got.replacements:  # offsets point into the original and into the output
        assert got.text[rep.new_start : rep.new_end] not in ("", odd[rep.start : rep.end])


def test_encrypt_and_keep_use_the_original_characters(redactor: Redactor, test_key: None) -> None:
    odd = _sprinkle(POLICY_NOTE)
    encrypted = redactor.redact(odd, "encrypt", include_original=True)
    assert "Oka" not in normalize(encrypted.text).text
    (age,) = [r for r in encrypted.replacements if r.operator == "age90"]
    assert encrypted.text[age.new_start : age.new_end] == "90+"
    # Exactly what was there, marks and all (the age is 90+, not encrypted).
    want = odd[: age.start] + "90+" + odd[age.end :]
    assert redactor.reidentify(encrypted.text) == want
    kept = redactor.redact(odd, {"default": {"operator": "keep"}}, include_original=True)
    assert kept.text == want  # ages over 89 never stay
    assert [r.original for r in kept.replacements] == [odd[f.start : f.end] for f in kept.findings]
