"""The held-out generator family: gold integrity, determinism, coverage, independence."""

from __future__ import annotations

import ast
import hashlib
import json
import os
import re
import subprocess
import sys
from collections import defaultdict
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest

from benchmarks.heldout import (
    DEFAULT_N,
    KEEP_PHENOMENA,
    PHENOMENA,
    PHI_PHENOMENA,
    PROCEDURE_CODES,
    HeldoutGoldError,
    generate_heldout,
    generate_tagged,
    phenomenon_counts,
    summarize,
)
from benchmarks.heldout.__main__ import main
from benchmarks.heldout._doc import Doc, seal
from benchmarks.heldout._styles import LOWER_CASE_STYLES, OP_STYLES, STYLES, WARD_STYLES
from redactphi.models import EntityType, category_of

REPO_ROOT = Path(__file__).resolve().parents[2]
PACKAGE = REPO_ROOT / "benchmarks" / "heldout"
REQUIRED_KEEP = (
    "CPT",
    "HCPCS",
    "ICD10",
    "MODIFIER",
    "DRUG",
    "DOSE",
    "EPONYM",
    "LATERALITY",
    "TIME",
    "MEASURE",
    "VOLUME",
    "DURATION",
    "SITE",
    "PRODUCT",
    "DEPARTMENT",
    "CLASSIFICATION",
    "ORGANISM",
    "SCORE",
    "YEAR",
    "AGE_UNDER_90",
)

Tagged = list[tuple[dict[str, Any], list[dict[str, Any]]]]


@pytest.fixture(scope="module")
def tagged() -> Tagged:
    return generate_tagged()


@pytest.fixture(scope="module")
def notes(tagged: Tagged) -> list[dict[str, Any]]:
    return [note for note, _ in tagged]


def surfaces(tagged: Tagged) -> dict[str, list[str]]:
    """The text of every tagged span, per phenomenon."""
    out: dict[str, list[str]] = defaultdict(list)
    for note, tags in tagged:
        for t in tags:
            out[t["tag"]].append(note["text"][t["start"] : t["end"]])
    return out


def fold(s: str) -> str:
    return re.sub(r"\s+", " ", s)


def site_terms_file() -> Path:
    env = os.environ.get("REDACTPHI_PHYSIONET")
    if env:
        return Path(env).parent / "site-terms.txt"
    return REPO_ROOT.parent / "shared" / "corpora" / "physionet-dev" / "site-terms.txt"


# -- format and determinism ------------------------------------------------------------------


def test_default_size_and_format(notes: list[dict[str, Any]]) -> None:
    assert len(notes) == DEFAULT_N
    for note in notes:
        assert set(note) == {"id", "patient", "procedure", "style", "text", "spans", "keep"}
        assert note["procedure"] in PROCEDURE_CODES
        assert note["style"].split("+")[0] in STYLES
        for s in note["spans"]:
            assert set(s) == {"start", "end", "type", "category"}
        for k in note["keep"]:
            assert set(k) == {"start", "end", "type"}
    assert len({n["id"] for n in notes}) == len(notes)


def test_deterministic_for_n_and_seed(notes: list[dict[str, Any]]) -> None:
    again = generate_heldout(25, 11)
    assert again == notes[:25]  # one Random per patient: a shorter run is a prefix
    assert generate_heldout(25, 12) != again
    assert generate_heldout(0) == []
    with pytest.raises(ValueError):
        generate_heldout(-1)


def test_same_notes_in_another_process_and_hash_seed() -> None:
    code = (
        "import hashlib, json; from benchmarks.heldout import generate_heldout; "
        "print(hashlib.sha256(json.dumps(generate_heldout(15, 3)).encode()).hexdigest())"
    )
    env = {**os.environ, "PYTHONHASHSEED": "12345", "PYTHONPATH": str(REPO_ROOT)}
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    here = hashlib.sha256(json.dumps(generate_heldout(15, 3)).encode()).hexdigest()
    assert out.stdout.strip() == here


# -- gold integrity --------------------------------------------------------------------------


def test_gold_spans_are_sound(notes: list[dict[str, Any]]) -> None:
    phi_types = {e.value for e in EntityType}
    for note in notes:
        text = note["text"]
        every = [(s["start"], s["end"]) for s in note["spans"] + note["keep"]]
        for s in note["spans"]:
            assert s["type"] in phi_types, s
            assert s["category"] == str(category_of(s["type"])), s
        for start, end in every:
            piece = text[start:end]
            assert 0 <= start < end <= len(text)
            assert piece == piece.strip() and piece, (note["id"], start, end)
        # No PHI span overlaps a keep span (nor any other span).
        ordered = sorted(every)
        for (_, end_a), (start_b, _) in pairwise(ordered):
            assert end_a <= start_b, note["id"]


def test_a_year_alone_is_never_phi(notes: list[dict[str, Any]]) -> None:
    for note in notes:
        for s in note["spans"]:
            if s["type"] != "DATE":
                continue
            piece = note["text"][s["start"] : s["end"]]
            assert not re.fullmatch(r"'?\d{2}|\d{4}", piece), (note["id"], piece)
        for k in note["keep"]:
            if k["type"] == "YEAR":
                assert re.fullmatch(r"'\d{2}|(19|20)\d{2}", note["text"][k["start"] : k["end"]])


def test_tags_point_at_labelled_spans(tagged: Tagged) -> None:
    for note, tags in tagged:
        phi = {(s["start"], s["end"]) for s in note["spans"]}
        keep = {(k["start"], k["end"]) for k in note["keep"]}
        for t in tags:
            assert t["tag"] in PHENOMENA
            pool = phi if t["phi"] else keep
            assert (t["start"], t["end"]) in pool, (note["id"], t)
            assert t["phi"] == (t["tag"] in PHI_PHENOMENA) != (t["tag"] in KEEP_PHENOMENA)


def test_builder_refuses_bad_labels() -> None:
    with pytest.raises(HeldoutGoldError):
        Doc().phi("x", "NOT_A_TYPE")
    doc = Doc()
    doc.phi("Ana", "NAME")
    doc.labels.append(doc.labels[0])  # a duplicate overlaps itself
    with pytest.raises(HeldoutGoldError):
        seal(doc)
    padded = Doc()
    padded.phi(" Ana", "NAME")
    with pytest.raises(HeldoutGoldError):
        seal(padded)


# -- coverage --------------------------------------------------------------------------------


def test_every_type_category_style_and_procedure(notes: list[dict[str, Any]]) -> None:
    counts = summarize(notes)
    for entity in EntityType:
        assert counts["type"][entity.value] > 0, entity
    for category in ("NAME", "DATE", "AGE", "ID", "CONTACT", "LOCATION"):
        assert counts["category"][category] >= 20, category
    for keep in REQUIRED_KEEP:
        assert counts["keep"][keep] >= 10, keep
    assert set(counts["style"]) == set(STYLES)
    variants = {n["style"] for n in notes}
    assert any(v.endswith("+lower") for v in variants)
    assert any(v.endswith("+spacing") for v in variants)
    for code in PROCEDURE_CODES:
        assert counts["procedure"][code] >= 60, code
    assert sum(counts["category"].values()) >= 4000
    assert sum(counts["keep"].values()) >= 2000


def test_op_notes_and_ward_notes_for_every_procedure(notes: list[dict[str, Any]]) -> None:
    for code in PROCEDURE_CODES:
        styles = {n["style"].split("+")[0] for n in notes if n["procedure"] == code}
        assert styles & set(OP_STYLES), code
        assert styles & set(WARD_STYLES), code


def test_every_phenomenon_is_present_with_variety(tagged: Tagged) -> None:
    counts = phenomenon_counts(tagged)
    seen = surfaces(tagged)
    for name in PHENOMENA:
        assert counts[name] >= 20, name
        # A class, not an instance: many different strings (ages 90+ have few values).
        assert len(set(seen[name])) >= (5 if name == "age_90_plus" else 10), name


def test_phenomena_take_their_several_shapes(tagged: Tagged) -> None:
    seen = surfaces(tagged)
    initials = seen["initial_surname"]
    assert all(re.fullmatch(r"[^\W\d_]\.? ?\S.*", s) for s in initials)
    assert any("." in s[:2] for s in initials) and any("." not in s[:2] for s in initials)
    assert any(s.isupper() for s in initials) and any(s.islower() for s in initials)
    assert any(not s.isupper() and not s.islower() for s in initials)
    assert all(s.islower() for s in seen["lowercase_cue"])
    assert all(s.startswith("1.2.840.") for s in seen["dicom_uid"])
    assert all("/" in s or " -" in s or "- " in s for s in seen["phone_odd"])
    assert any("/" in s for s in seen["phone_odd"]) and any(" - " in s for s in seen["phone_odd"])
    assert all(re.search(r" '\d\d$", s) for s in seen["apostrophe_year"])
    assert all(90 <= int(s) < 120 for s in seen["age_90_plus"])
    assert any("\\" in s for s in seen["audit_footer"])
    assert all(re.fullmatch(r"\d{1,2}/\d{1,2}", s) for s in seen["date_list_range"])
    months = {"1", "3", "5", "7", "8", "10", "12"}
    for s in seen["impossible_date"]:
        month, day = (int(x) for x in s.split("/")[:2])
        assert day > 29 or (month == 2 and day == 29), s
        assert str(month) not in months or day > 31 or month == 2


def test_context_of_the_hard_cases(tagged: Tagged) -> None:
    """The cue words the issue names really stand before the spans."""
    before: dict[str, list[str]] = defaultdict(list)
    after: dict[str, list[str]] = defaultdict(list)
    for note, tags in tagged:
        text = note["text"]
        for t in tags:
            # Pasted notes double spaces and add tabs: compare with spacing folded.
            before[t["tag"]].append(fold(text[max(0, t["start"] - 40) : t["start"]]))
            after[t["tag"]].append(fold(text[t["end"] : t["end"] + 20]))
    roles = " ".join(before["role_title"]).lower()
    for title in ("house officer", "np ", "rn ", "rrt ", "pa ", "drs' "):
        assert title in roles, title
    assert "chaplain " in roles or "rabbi " in roles
    assert any(b.rstrip().endswith(("Printed by", "Accessed by")) for b in before["audit_footer"])
    assert all(b.endswith(("lives in ", "from ", "lives alone in ")) for b in before["city_alone"])
    assert all(a.startswith(" (") for a in after["relation_paren"])
    assert all(a.startswith('"') or a.startswith('")') for a in after["nickname"])
    assert any(b.rstrip().endswith("Billing:") for b in before["cpt_billing"])
    assert any(re.search(r"[a-z@]$", b) for b in before["date_glued"])
    assert any(re.match(r"[A-Za-z]", a) for a in after["date_glued"])
    ranges = [a for a in after["date_list_range"] if re.match(r"-\d", a)]
    assert ranges, "no m/d-m/d range"
    place = " ".join(s for s in surfaces(tagged)["place_classification"])
    assert "Montreal" in place or "Vienna" in place  # named after a city
    assert "Hospital" in place or "Clinic" in place or "Cochin" in place  # after a hospital
    eponyms = set(surfaces(tagged)["device_eponym"])
    assert {"Foley", "Swan-Ganz", "Jackson-Pratt drain"} & eponyms
    assert any(s.startswith("E. coli") or s == "e. coli" for s in surfaces(tagged)["organism"])


def test_relatives_named_once_then_alone(tagged: Tagged) -> None:
    for note, tags in tagged:
        names = [note["text"][t["start"] : t["end"]] for t in tags if t["tag"] == "relative_repeat"]
        if names:
            assert len(names) >= 4 and len(set(names)) == 1, note["id"]


def test_lower_case_styles_are_lower_case(notes: list[dict[str, Any]]) -> None:
    lowered = [n for n in notes if n["style"] in LOWER_CASE_STYLES or n["style"].endswith("+lower")]
    assert {n["style"].split("+")[0] for n in lowered} - LOWER_CASE_STYLES  # others, sometimes
    for note in lowered:
        assert note["text"] == note["text"].lower()


# -- independence ----------------------------------------------------------------------------


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return found


def test_imports_nothing_from_the_first_family_or_the_recognizers() -> None:
    files = sorted(PACKAGE.glob("*.py"))
    assert len(files) >= 5
    for path in files:
        for module in imported_modules(path):
            assert not module.startswith("benchmarks.corpus"), (path.name, module)
            assert not module.startswith("redactphi.recognizers"), (path.name, module)
            if module.startswith("redactphi"):
                assert module.startswith("redactphi.models"), (path.name, module)
            assert "importlib" not in module and "__import__" not in module


def test_towns_differ_from_the_first_family() -> None:
    from benchmarks.corpus import words as first
    from benchmarks.heldout import _words as ours

    theirs = {city for city, _state, _county in first.PLACES}
    assert not theirs & {city for city, _state, _county in ours.TOWNS}


def test_no_site_term_appears(notes: list[dict[str, Any]]) -> None:
    path = site_terms_file()
    if not path.is_file():
        pytest.skip(f"{path} not found")
    terms = [
        line.strip()
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.lstrip().startswith("#")
    ]
    assert terms
    # Longer terms anywhere, even inside a word; a very short one (an abbreviation) as a word.
    longer = [re.escape(t) for t in terms if len(t) >= 4]
    short = [r"(?<!\w)" + re.escape(t) + r"(?!\w)" for t in terms if len(t) < 4]
    pattern = re.compile("|".join(longer + short), re.IGNORECASE)
    source = "\n".join(p.read_text(encoding="utf-8") for p in sorted(PACKAGE.glob("*.py")))
    # Report note ids only: the terms themselves stay out of test logs.
    assert [n["id"] for n in notes if pattern.search(n["text"])] == []
    assert pattern.search(source) is None, "a site term is written in the generator's source"


# -- entry point -----------------------------------------------------------------------------


def test_summary_entry_point(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    out = tmp_path / "heldout.jsonl"
    assert main(["--summary", "--n", "12", "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "12 notes" in printed and "phenomenon" in printed and "keep" in printed
    assert len(out.read_text(encoding="utf-8").splitlines()) == 12
    with pytest.raises(SystemExit):
        main([])
