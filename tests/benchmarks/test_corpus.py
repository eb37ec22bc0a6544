"""The generated corpus: size, coverage of Safe Harbor identifiers, gold integrity, determinism."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from benchmarks.corpus import PROCEDURE_CODES, generate_corpus, summarize
from benchmarks.corpus.styles import STYLES
from redactphi.models import EntityType, category_of

REPO_ROOT = Path(__file__).resolve().parents[2]
REQUIRED_KEEP = (
    "CPT",
    "HCPCS",
    "ICD10",
    "MODIFIER",
    "TAXONOMY",
    "EPONYM",
    "DRUG",
    "PRODUCT",
    "DOSE",
    "VOLUME",
    "LATERALITY",
    "TIME",
    "DURATION",
    "YEAR",
    "AGE_UNDER_90",
)
REQUIRED_MODIFIERS = ("22", "50", "51", "52", "59", "62", "78", "80", "82", "LT", "RT")


@pytest.fixture(scope="module")
def corpus() -> list[dict]:
    return generate_corpus()


def texts_of(notes: list[dict], kind: str, type_: str) -> list[str]:
    return [n["text"][s["start"] : s["end"]] for n in notes for s in n[kind] if s["type"] == type_]


def test_acceptance_sizes(corpus: list[dict]) -> None:
    counts = summarize(corpus)
    assert len(corpus) >= 300
    assert sum(counts["category"].values()) >= 5000
    assert sum(counts["keep"].values()) >= 3000
    for code in PROCEDURE_CODES:
        assert counts["procedure"][code] >= 90, code


def test_every_safe_harbor_type_and_category_is_present(corpus: list[dict]) -> None:
    counts = summarize(corpus)
    for entity in EntityType:
        assert counts["type"][entity.value] > 0, entity
    for category in ("NAME", "DATE", "AGE", "ID", "CONTACT", "LOCATION"):
        assert counts["category"][category] > 0, category
    for keep in REQUIRED_KEEP:
        assert counts["keep"][keep] > 0, keep


def test_every_style_and_both_case_variants_occur(corpus: list[dict]) -> None:
    styles = Counter(n["style"] for n in corpus)
    assert {s.split("+")[0] for s in styles} == set(STYLES)
    assert any(s.endswith("+upper") for s in styles)
    assert any(s.endswith("+lower") for s in styles)
    assert any("+spacing" in s for s in styles)


def test_gold_spans_are_sound(corpus: list[dict]) -> None:
    ids = set()
    for note in corpus:
        assert note["id"] not in ids
        ids.add(note["id"])
        assert note["procedure"] in PROCEDURE_CODES
        text = note["text"]
        spans = sorted(note["spans"] + note["keep"], key=lambda s: s["start"])
        last_end = 0
        for s in spans:
            value = text[s["start"] : s["end"]]
            assert value and value == value.strip(), (note["id"], s)
            assert s["start"] >= last_end, (note["id"], s)  # no overlaps, PHI or keep
            last_end = s["end"]
        for s in note["spans"]:
            assert s["category"] == category_of(s["type"])
            assert EntityType(s["type"])


def test_hard_name_cases_are_present(corpus: list[dict]) -> None:
    names = texts_of(corpus, "spans", "NAME")
    words = {w for n in names for w in re.split(r"[\s,]+", n)}
    for hard in ("Hunter", "Rose", "Grant", "Faith", "April", "Young", "King", "Price"):
        assert hard in words or hard.upper() in words, hard
    assert any(re.search(r"\w-\w", n) for n in names)  # hyphenated
    assert any("O'" in n or "D'" in n or "o'" in n for n in names)  # apostrophe
    assert any(re.fullmatch(r"[A-Z'\- .]+, [A-Z'\- .]+", n) for n in names)  # LAST, FIRST M
    assert any(re.fullmatch(r"([A-Za-z]\.){2}", n) for n in names)  # initials J.K.
    assert any(n.islower() for n in names)
    assert any(w in words for w in ("McDonald", "van der Berg", "MacKenzie") for _ in [0]) or any(
        "Mc" in n or "van " in n for n in names
    )


def test_required_modifiers_and_ages(corpus: list[dict]) -> None:
    modifiers = {m.upper() for m in texts_of(corpus, "keep", "MODIFIER")}
    assert set(REQUIRED_MODIFIERS) <= modifiers
    assert all(int(a) > 89 for a in texts_of(corpus, "spans", "AGE"))
    assert all(int(a) < 90 for a in texts_of(corpus, "keep", "AGE_UNDER_90"))


def test_seeded_and_deterministic() -> None:
    first = generate_corpus(40, seed=11)
    assert generate_corpus(40, seed=11) == first
    assert generate_corpus(40, seed=12) != first
    # A longer corpus starts with the same notes: patients are generated independently.
    assert generate_corpus(60, seed=11)[:40] == first


def test_generator_does_not_read_the_detector() -> None:
    sources = (REPO_ROOT / "benchmarks" / "corpus").glob("*.py")
    for path in sources:
        text = path.read_text(encoding="utf-8")
        assert "redactphi.recognizers" not in text, path
        assert "physionet" not in text.lower(), path


def test_generator_holds_no_physionet_site_term() -> None:
    """The generator must not borrow physionet-dev's strings (here: its site's place names)."""
    from benchmarks.eval import physionet_path

    site_terms = physionet_path().parent / "site-terms.txt"
    if not site_terms.is_file():
        pytest.skip(f"{site_terms} not present")
    terms = [
        line.strip().lower()
        for line in site_terms.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.lstrip().startswith("#")
    ]
    sources = " ".join(
        p.read_text(encoding="utf-8").lower()
        for p in (REPO_ROOT / "benchmarks" / "corpus").glob("*.py")
    )
    shared = [t for t in terms if len(t) > 3 and re.search(rf"\b{re.escape(t)}\b", sources)]
    assert shared == []


def test_cli_writes_jsonl(tmp_path: Path, run_benchmark: Any) -> None:
    out = tmp_path / "sub" / "corpus.jsonl"
    proc = run_benchmark(
        "corpus.generate", "--out", str(out), "--n", "12", "--seed", "3", timeout=120
    )
    assert proc.returncode == 0, proc.stderr
    lines = out.read_text(encoding="utf-8").splitlines()
    notes = [json.loads(line) for line in lines]
    assert notes == generate_corpus(12, seed=3)
    assert set(notes[0]) == {"id", "patient", "procedure", "style", "text", "spans", "keep"}
    assert "12 notes" in proc.stderr
