"""``make eval`` end to end: tables, JSON, skipped corpora, no PHI in reports.

The scored runs call its ``main`` in this process, on the model already loaded here; the
skipped-corpus run goes through ``python -m benchmarks.eval``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from benchmarks.corpus import generate_corpus
from benchmarks.eval import load_physionet
from benchmarks.folds import FROZEN_FOLD, fold_map

# A physionet-format file with invented notes (the real corpus is never copied into tests).
FAKE_NOTES = [
    (
        "Pt seen by Dr. Oakhurst at GH on 3/14. Wife Ellen called 555-201-4477.",
        [
            ("Oakhurst", "HCPName", "NAME"),
            ("GH", "Location", "LOCATION"),
            ("3/14", "Date", "DATE"),
            ("Ellen", "RelativeProxyName", "NAME"),
            ("555-201-4477", "Phone", "PHONE"),
        ],
    ),
    ("Admitted 2099 to the unit. Stable overnight.", [("2099", "DateYear", "DATE")]),
    ("No events. Plan unchanged.", []),
]
# Five patients, so that every fold holds one; the note with PHI goes to a development fold.
PATIENTS = [str(p) for p in range(1, 6)]
_FOLDS = fold_map(PATIENTS)
DEV_PATIENT = next(p for p in PATIENTS if _FOLDS[p] != FROZEN_FOLD)
FROZEN_PATIENT = next(p for p in PATIENTS if _FOLDS[p] == FROZEN_FOLD)
DEV = "physionet-dev development folds 1-4, tuned on"
FROZEN = "physionet-dev frozen validation fold 0, not tuned on"


def write_fake_physionet(folder: Path) -> Path:
    lines = []
    for i, (text, marks) in enumerate(FAKE_NOTES, 1):
        spans = []
        for phrase, type_, category in marks:
            start = text.index(phrase)
            spans.append(
                {"start": start, "end": start + len(phrase), "type": type_, "category": category}
            )
        patient = DEV_PATIENT if i < len(FAKE_NOTES) else FROZEN_PATIENT
        lines.append(
            json.dumps({"id": f"{patient}-{i}", "patient": patient, "text": text, "spans": spans})
        )
    path = folder / "physionet-dev.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    (folder / "site-terms.txt").write_text("# test site\nGH\n", encoding="utf-8")
    return path


def test_eval_prints_tables_for_every_corpus_and_never_the_text(
    tmp_path: Path, run_benchmark_main: Any
) -> None:
    physionet = write_fake_physionet(tmp_path)
    out_json = tmp_path / "results.json"
    proc = run_benchmark_main(
        "eval",
        "--corpus",
        "all",
        "--n",
        "24",
        "--heldout-n",
        "12",
        "--high-recall",
        "--leaks",
        "1000",
        "--json",
        str(out_json),
        env={"REDACTPHI_PHYSIONET": str(physionet)},
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    out = proc.stdout
    assert "## generated (seed 7), tuned on: 24 notes" in out
    assert "## evaluation-only generator: 12 notes" in out
    assert f"## {DEV} (defaults): 2 notes" in out
    assert f"## {DEV} (site terms): 2 notes" in out
    assert f"## {FROZEN} (defaults): 1 notes" in out
    assert f"## {FROZEN} (site terms): 1 notes" in out
    assert "leaks of a held-out corpus are not listed" in out
    assert "## learned tagger, cross-validated" in out
    assert "| category | n | strict R rp | strict R hr | strict R vp | partial R rp |" in out
    assert "keep rp | keep hr | keep vp |" in out
    assert "| **overall w/o DateYear** | 5 |" in out
    assert "| keep type | n | kept rp | kept hr | kept vp |" in out
    assert "Wall time: redactphi" in out and "vanilla" in out

    results = json.loads(out_json.read_text(encoding="utf-8"))
    corpora = results["corpora"]
    generated = corpora["generated (seed 7), tuned on"]
    assert "missed" not in corpora["evaluation-only generator"]["systems"]["redactphi"]
    notes = generate_corpus(24)
    gold = sum(len(n["spans"]) for n in notes)
    for system in ("redactphi", "vanilla"):
        rows = generated["systems"][system]["rows"]
        assert rows["overall"]["n"] == gold
        assert 0.0 <= rows["overall"]["strict_recall"] <= rows["overall"]["partial_recall"] <= 1.0
    phys = corpora[f"{DEV} (defaults)"]["systems"]["redactphi"]["rows"]
    assert phys["overall"]["n"] == 6 and phys["overall w/o DateYear"]["n"] == 5
    assert "missed" not in corpora[f"{FROZEN} (defaults)"]["systems"]["redactphi"]
    assert phys["CONTACT"]["n"] == 1  # physionet's PHONE category counts as CONTACT
    assert all("text" not in leak for leak in generated["systems"]["redactphi"]["missed"])

    # Leaks are listed by offsets and type only: no gold PHI string reaches the report.
    missed = generated["systems"]["redactphi"]["missed"]
    assert f"missed PHI (not strictly caught): {len(missed)}" in out
    by_id = {n["id"]: n["text"] for n in notes}
    for note in notes:
        for s in note["spans"]:
            value = by_id[note["id"]][s["start"] : s["end"]]
            if len(value) >= 6:
                assert value not in out, s
    for _text, marks in FAKE_NOTES:
        for phrase, _, _ in marks:
            if len(phrase) >= 4:
                assert phrase not in out


def test_show_text_lists_leaked_text_for_developers(
    tmp_path: Path, run_benchmark_main: Any
) -> None:
    out_json = tmp_path / "r.json"
    proc = run_benchmark_main(
        "eval",
        "--corpus",
        "generated",
        "--n",
        "8",
        "--no-vanilla",
        "--leaks",
        "3",
        "--show-text",
        "--json",
        str(out_json),
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "vp" not in proc.stdout.split("## generated")[1].split("\n\n")[1]  # no vanilla columns
    systems = json.loads(out_json.read_text(encoding="utf-8"))["corpora"][
        "generated (seed 7), tuned on"
    ]["systems"]
    assert list(systems) == ["redactphi"]
    listed = systems["redactphi"]["missed"][:3] + systems["redactphi"]["false_positives"][:3]
    for leak in listed:
        assert leak["text"] and repr(leak["text"]) in proc.stdout


def test_missing_physionet_is_skipped_clearly(tmp_path: Path, run_benchmark: Any) -> None:
    missing = tmp_path / "nowhere" / "physionet-dev.jsonl"
    proc = run_benchmark("eval", "--corpus", "physionet", env={"REDACTPHI_PHYSIONET": str(missing)})
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "physionet-dev: SKIPPED" in proc.stdout
    assert str(missing) in proc.stdout
    assert "REDACTPHI_PHYSIONET" in proc.stdout


def test_load_physionet_maps_phone_to_contact(tmp_path: Path) -> None:
    docs = load_physionet(write_fake_physionet(tmp_path))
    categories = [s["category"] for d in docs for s in d["spans"]]
    assert "PHONE" not in categories and categories.count("CONTACT") == 1
