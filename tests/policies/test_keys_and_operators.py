"""Key handling and the pure operators: mask, age90, hash, encrypt/reidentify."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from redactphi import ConfigurationError, Finding, KeyRequiredError, Settings
from redactphi.policies import apply_policy, reidentify
from redactphi.policies import operators as ops
from redactphi.policies.keys import KeyMaterial, load_key, normalize_patient_key

from .conftest import OTHER_KEY, TEST_KEY

NOTE = "Pt: Jane Roe. Seen 3/14/2025."
FINDINGS = [Finding(4, 12, "NAME", 0.9), Finding(19, 28, "DATE", 0.9)]


@pytest.mark.parametrize("policy", ["coding", "surrogate", "hash", "encrypt"])
@pytest.mark.usefixtures("no_key_env")
def test_missing_key_fails_clearly(policy: str) -> None:
    with pytest.raises(KeyRequiredError) as info:
        apply_policy(NOTE, FINDINGS, policy, settings=Settings(key=None, key_file=None))
    message = str(info.value)
    assert f"policy '{policy}'" in message
    assert "REDACTPHI_KEY" in message and "key_file" in message and "--key-file" in message
    assert "Jane" not in message


@pytest.mark.parametrize("policy", ["safe-harbor", "mask", None])
@pytest.mark.usefixtures("no_key_env")
def test_keyless_policies_need_no_key(policy: str | None) -> None:
    result = apply_policy(NOTE, FINDINGS, policy, settings=Settings(key=None, key_file=None))
    assert "Jane" not in result.text and "3/14" not in result.text


@pytest.mark.usefixtures("no_key_env")
def test_key_sources(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert load_key(Settings(key=None, key_file=None)) is None
    key_file = tmp_path / "redactphi.key"
    key_file.write_text(TEST_KEY + "\n")
    from_file = load_key(Settings(key_file=key_file))
    from_setting = load_key(Settings(key=TEST_KEY))
    assert from_file is not None and from_setting is not None
    # the trailing newline of a key file is not part of the key
    assert from_file.mac("t", "x") == from_setting.mac("t", "x")
    monkeypatch.setenv("REDACTPHI_KEY", OTHER_KEY)
    from_env = load_key(Settings(key=None, key_file=None))
    assert from_env is not None and from_env.mac("t", "x") != from_setting.mac("t", "x")
    # a key file wins over a key (the --key-file flag over an ambient variable)
    both = load_key(Settings(key=OTHER_KEY, key_file=key_file))
    assert both is not None and both.mac("t", "x") == from_file.mac("t", "x")
    # an explicit key wins over everything
    explicit = load_key(Settings(key=TEST_KEY), OTHER_KEY)
    assert explicit is not None and explicit.mac("t", "x") == from_env.mac("t", "x")


def test_bad_keys_are_refused_without_echo(tmp_path: Path) -> None:
    with pytest.raises(ConfigurationError, match="shorter than 16") as info:
        KeyMaterial("short-secret")
    assert "short-secret" not in str(info.value)
    with pytest.raises(ConfigurationError, match="cannot read key file"):
        load_key(Settings(key=None, key_file=tmp_path / "missing.key"))
    empty = tmp_path / "empty.key"
    empty.write_text("\n")
    with pytest.raises(KeyRequiredError, match="is empty"):
        load_key(Settings(key=None, key_file=empty))


def test_key_material_repr_hides_the_key() -> None:
    material = KeyMaterial(TEST_KEY)
    assert TEST_KEY not in repr(material) and "hidden" in repr(material)
    assert TEST_KEY not in repr(Settings(key=TEST_KEY))


def test_subkeys_are_independent_per_purpose() -> None:
    material = KeyMaterial(TEST_KEY)
    assert material.subkey("hash") != material.subkey("encrypt")
    assert len(material.subkey("encrypt", 64)) == 64
    # length-prefixed parts: ("ab", "c") and ("a", "bc") differ
    assert material.mac("p", "ab", "c") != material.mac("p", "a", "bc")


def test_patient_keys_normalise() -> None:
    assert normalize_patient_key(" mrn 00-123 ") == normalize_patient_key("MRN00123")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("John Smith", "**** *****"),
        ("123 Main St\nBoston", "*** **** **\n******"),
        ("", ""),
    ],
)
def test_mask_keeps_length_and_layout(value: str, expected: str) -> None:
    assert ops.mask(value) == expected
    assert len(ops.mask(value, "#", keep_whitespace=False)) == len(value)


def test_mask_can_hide_spaces_but_never_line_breaks() -> None:
    assert ops.mask("Ann Lee\nX", "#", keep_whitespace=False) == "#######\n#"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("92", "90+"),
        ("104", "90+"),
        ("92-year-old", "90+-year-old"),
        ("92 y/o", "90+ y/o"),
        ("ninety-two", "90+"),
    ],
)
def test_age90(value: str, expected: str) -> None:
    assert ops.age90(value) == expected


def test_age90_text_is_configurable() -> None:
    assert ops.age90("95", ">89") == ">89"


def test_hash_is_keyed_typed_and_stable() -> None:
    key, other = KeyMaterial(TEST_KEY), KeyMaterial(OTHER_KEY)
    token = ops.hash_token("John Smith", "NAME", key, "patient:1")
    assert token.startswith("[NAME:") and len(token) == len("[NAME:]") + 8
    int(token[6:-1], 16)  # hex digits
    # case and spacing do not matter, the key, the scope and the type do
    assert ops.hash_token(" john  SMITH", "NAME", key, "patient:1") == token
    assert ops.hash_token("John Smith", "NAME", other, "patient:1") != token
    assert ops.hash_token("John Smith", "NAME", key, "patient:2") != token
    assert ops.hash_token("John Smith", "FACILITY", key, "patient:1")[-9:] != token[-9:]


@pytest.mark.parametrize(
    "value", ["John Smith", "O'Brien-Núñez", "00123456", "1 Main St\nApt 4", "a" * 500, "é"]
)
def test_encrypt_round_trip(value: str) -> None:
    key = KeyMaterial(TEST_KEY)
    token = ops.encrypt_token(value, "NAME", key)
    assert ops.TOKEN_RE.fullmatch(token)
    assert not any(c.isspace() for c in token)
    assert token == ops.encrypt_token(value, "NAME", key)  # deterministic (AES-SIV)
    assert reidentify(f"see {token}.", key) == f"see {value}."


def test_reidentify_with_the_wrong_key_fails_without_content() -> None:
    token = ops.encrypt_token("John Smith", "NAME", KeyMaterial(TEST_KEY))
    with pytest.raises(ConfigurationError, match="offset 4 cannot be decrypted") as info:
        reidentify(f"Pt: {token}", KeyMaterial(OTHER_KEY))
    assert "John" not in str(info.value)


def test_token_type_is_authenticated() -> None:
    key = KeyMaterial(TEST_KEY)
    token = ops.encrypt_token("John Smith", "NAME", key)
    relabelled = token.replace("[[PHI:NAME:", "[[PHI:CITY:")
    with pytest.raises(ConfigurationError):
        reidentify(relabelled, key)


def test_text_without_tokens_is_unchanged() -> None:
    text = "Right hand, CPT 0489T, [NAME] and [[not a token]]"
    assert reidentify(text, KeyMaterial(TEST_KEY)) == text


def test_environment_is_untouched_by_loading() -> None:
    before = dict(os.environ)
    load_key(Settings(key=TEST_KEY))
    assert dict(os.environ) == before
