"""Policies as data: presets, TOML/YAML files, validation errors that say what is wrong."""

from __future__ import annotations

from pathlib import Path

import pytest

from redactphi import ConfigurationError, Policy, load_policy
from redactphi.policies import PRESET_NAMES, preset
from redactphi.policies.model import DateShiftOperator, HashOperator, RoleOperator, TagOperator


def test_every_preset_loads_from_package_data() -> None:
    for name in PRESET_NAMES:
        policy = preset(name)
        assert policy.name == name
        assert policy.description
        # ages over 89 become 90+ in every preset
        assert policy.operator_for("AGE").name == "age90"


@pytest.mark.parametrize(
    ("name", "needs_key", "name_op", "date_op", "mrn_op"),
    [
        ("safe-harbor", False, "tag", "tag", "tag"),
        ("coding", True, "role", "date_shift", "tag"),
        ("surrogate", True, "surrogate", "date_shift", "surrogate"),
        ("mask", False, "mask", "mask", "mask"),
        ("hash", True, "hash", "hash", "hash"),
        ("encrypt", True, "encrypt", "encrypt", "encrypt"),
    ],
)
def test_preset_operators(
    name: str, needs_key: bool, name_op: str, date_op: str, mrn_op: str
) -> None:
    policy = load_policy(name)
    assert policy.requires_key is needs_key
    assert policy.operator_for("NAME").name == name_op
    assert policy.operator_for("DATE").name == date_op
    assert policy.operator_for("MRN").name == mrn_op
    assert policy.operator_for("SOMETHING_NEW").name == policy.default.name


TOML_POLICY = """
name = "research"
extends = "coding"
description = "coding, but surrogate names and hashed MRNs"

[entities.NAME]
operator = "surrogate"

[entities.MRN]
operator = "hash"
length = 12

[categories.LOCATION]
operator = "mask"
char = "#"

[entities.DATE]
operator = "date_shift"
min_days = -30
max_days = -10
keep_year = true
"""

YAML_POLICY = """
name: research
extends: coding
description: coding, but surrogate names and hashed MRNs
entities:
  NAME: surrogate
  MRN: {operator: hash, length: 12}
  DATE: {operator: date_shift, min_days: -30, max_days: -10, keep_year: true}
categories:
  location: {operator: mask, char: "#"}
"""


@pytest.mark.parametrize(("suffix", "body"), [(".toml", TOML_POLICY), (".yaml", YAML_POLICY)])
def test_policy_file_loads(tmp_path: Path, suffix: str, body: str) -> None:
    path = tmp_path / f"research{suffix}"
    path.write_text(body, encoding="utf-8")
    policy = load_policy(path)
    assert policy.name == "research"
    assert policy.operator_for("NAME").name == "surrogate"
    mrn = policy.operator_for("MRN")
    assert isinstance(mrn, HashOperator) and mrn.length == 12
    assert policy.operator_for("CITY").name == "mask"
    shift = policy.operator_for("DATE")
    assert isinstance(shift, DateShiftOperator)
    assert (shift.min_days, shift.max_days, shift.keep_year) == (-30, -10, True)
    # inherited from the coding preset
    assert isinstance(policy.operator_for("PHONE"), TagOperator)
    # a path given as a string works the same
    assert load_policy(str(path)) == policy


def test_toml_and_yaml_give_the_same_policy(tmp_path: Path) -> None:
    (tmp_path / "a.toml").write_text(TOML_POLICY)
    (tmp_path / "a.yml").write_text(YAML_POLICY)
    assert load_policy(tmp_path / "a.toml") == load_policy(tmp_path / "a.yml")


def test_mapping_and_policy_objects_are_accepted() -> None:
    policy = load_policy({"name": "roles", "entities": {"name": "role"}})
    assert isinstance(policy.operator_for("NAME"), RoleOperator)
    assert load_policy(policy) is policy
    assert Policy().operator_for("NAME").name == "tag"


@pytest.mark.parametrize(
    ("body", "suffix", "message"),
    [
        ("name = 'x'\n[default]\noperator = 'shred'\n", ".toml", "default"),
        ("[entities.MRN]\noperator = 'role'\n", ".toml", "only applies to NAME"),
        ("[entities.AGE]\noperator = 'tag'\n", ".toml", "AGE always uses operator 'age90'"),
        ("[entities.AGE]\noperator = 'age90'\ntext = '93'\n", ".toml", "must not state an age"),
        (
            "[entities.DATE]\noperator = 'date_shift'\nmin_days = 5\nmax_days = 1\n",
            ".toml",
            "min_days",
        ),
        ("[entities.NOT_A_TYPE]\noperator = 'tag'\n", ".toml", "entities.NOT_A_TYPE"),
        ("[default]\noperator = 'mask'\nchar = 'ab'\n", ".toml", "char"),
        ("[default]\noperator = 'mask'\nchar = 'x'\n", ".toml", "visible symbol"),
        ("[default]\noperator = 'hash'\nlength = 2\n", ".toml", "length"),
        ("[default]\noperator = 'tag'\ntemplate = '[{secret}]'\n", ".toml", "template"),
        ("[default]\noperator = 'date_shift'\n", ".toml", "default: operator 'date_shift' only"),
        ("unknown_field = 1\n", ".toml", "unknown_field"),
        ("extends = 'nope'\n", ".toml", "extends must be one of"),
        ("name = [unclosed\n", ".toml", "not valid TOML"),
        ("entities: [a, b\n", ".yaml", "not valid YAML"),
        ("- just\n- a list\n", ".yaml", "expected a table"),
    ],
)
def test_invalid_policy_file_is_a_configuration_error(
    tmp_path: Path, body: str, suffix: str, message: str
) -> None:
    path = tmp_path / f"bad{suffix}"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(ConfigurationError) as info:
        load_policy(path)
    assert message in str(info.value)
    assert "bad" + suffix in str(info.value)


def test_validation_errors_do_not_echo_values() -> None:
    # a value pasted into the wrong field must not come back in the error text
    with pytest.raises(ConfigurationError) as info:
        load_policy({"entities": {"NAME": {"operator": "mask", "char": "John Smith"}}})
    assert "John Smith" not in str(info.value)
    assert "entities.NAME" in str(info.value)


def test_unknown_preset_and_missing_file() -> None:
    with pytest.raises(ConfigurationError, match=r"unknown policy 'strict'.*safe-harbor"):
        load_policy("strict")
    with pytest.raises(ConfigurationError, match="cannot read policy file"):
        load_policy(Path("/nonexistent/policy.toml"))


def test_file_changes_are_picked_up(tmp_path: Path) -> None:
    path = tmp_path / "live.toml"
    path.write_text("[default]\noperator = 'tag'\n")
    assert load_policy(path).default.name == "tag"
    path.write_text("[default]\noperator = 'mask'\nchar = '#'\n")
    assert load_policy(path).default.name == "mask"


def test_an_extended_preset_without_a_name_does_not_pose_as_the_preset() -> None:
    policy = load_policy({"extends": "coding", "entities": {"NAME": "tag"}})
    assert policy.name == "coding-custom"
    assert policy.operator_for("DATE").name == "date_shift"


@pytest.mark.parametrize(
    "data",
    [
        {"categories": {"ID": "date_shift"}},
        {"categories": {"CONTACT": "role"}},
        {"categories": {"AGE": "tag"}},
        {"default": "age90"},
    ],
)
def test_operators_for_one_kind_are_refused_elsewhere(data: dict[str, object]) -> None:
    with pytest.raises(ConfigurationError, match=r"only applies to|AGE always"):
        load_policy(data)


def test_category_level_role_and_age_text() -> None:
    policy = load_policy(
        {"categories": {"NAME": "role", "AGE": {"operator": "age90", "text": ">89"}}}
    )
    assert policy.operator_for("NAME").name == "role"
    assert apply_age(policy) == ">89"


def apply_age(policy: Policy) -> str:
    from redactphi import Finding
    from redactphi.policies import apply_policy

    return apply_policy("93", [Finding(0, 2, "AGE", 1.0)], policy).text
