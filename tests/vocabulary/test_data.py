"""The vocabulary's data files: each fact spelled once, read alike by detection and policies."""

from __future__ import annotations

import json
import re
import tomllib
from collections import Counter
from pathlib import Path

import pytest

from redactphi.policies import roles as role_policy
from redactphi.policies.dates import _full_year
from redactphi.recognizers.dates import _year
from redactphi.recognizers.names import _tokens
from redactphi.vocabulary import Role, dates, people
from redactphi.vocabulary._data import DATA, table
from redactphi.vocabulary.roles import UNKNOWN, header_roles, prose_labels

PACKAGE = Path(__file__).resolve().parents[2] / "redactphi"


def _words_by_file() -> dict[str, list[str]]:
    """Every word each data file spells, lower case."""
    months = table("months")
    titles = table("titles")
    return {
        "months": [*months, *(form for forms in months.values() for form in forms)],
        "titles": [*titles["title"], *titles["suffix"]["words"]],
        "credentials": [key.lower() for key in table("credentials")["credential"]],
        "kin": list(table("kin")["kin"]),
        "roles": [
            label
            for entry in table("roles").values()
            if isinstance(entry, dict)
            for label in entry.get("header", [])
        ],
    }


def test_every_file_loads() -> None:
    for path in DATA.iterdir():
        if path.name.endswith(".toml"):
            assert tomllib.loads(path.read_text(encoding="utf-8"))


def test_each_word_is_spelled_in_one_place_only() -> None:
    counts = Counter(word for words in _words_by_file().values() for word in words)
    assert [word for word, n in counts.items() if n > 1] == []


@pytest.mark.parametrize(
    "word", ["february", "september", "mrs", "professor", "crna", "lcsw", "husband", "nephew"]
)
def test_no_module_spells_a_vocabulary_word_as_a_string(word: str) -> None:
    quoted = re.compile(rf"""["']{word}["']|\|{word}\||\b{word}\|""", re.IGNORECASE)
    spelled = [
        str(path.relative_to(PACKAGE))
        for path in PACKAGE.rglob("*.py")
        if quoted.search(path.read_text(encoding="utf-8"))
    ]
    assert spelled == []


def test_months_number_every_form() -> None:
    numbers = dates.month_numbers()
    assert sorted(set(numbers.values())) == list(range(1, 13))
    assert numbers["sept"] == numbers["sep"] == numbers["september"] == 9
    assert dates.month_names() == {m for m in numbers if len(m) > 4} | {"may", "june", "july"}
    assert re.fullmatch(dates.month_pattern(), "Sept.", re.IGNORECASE)


@pytest.mark.parametrize(("two", "year"), [("00", 2000), ("68", 2068), ("69", 1969), ("99", 1999)])
def test_one_two_digit_year_pivot(two: str, year: int) -> None:
    assert dates.full_year(int(two)) == year
    assert _year(two) == _full_year(two) == year  # the date recognizer and the date shift


def test_role_is_a_string_both_ways() -> None:
    for role in Role:
        assert Role(role.value) is role
        assert role == role.value and f"{role}" == role.value
        assert json.loads(json.dumps({"role": role})) == {"role": role.value}


def test_every_roles_section_is_a_role() -> None:
    assert all(
        section == UNKNOWN or Role(section)
        for section, entry in table("roles").items()
        if isinstance(entry, dict)
    )
    assert set(header_roles().values()) <= set(Role) | {None}
    assert header_roles()["primary surgeon"] is Role.SURGEON
    assert {role for role, _ in prose_labels()} <= set(Role)


def test_flags_give_each_reader_its_subset() -> None:
    # Detection reads "PA" as pulmonary artery; the coding policy reads ", PA" after a name.
    assert not re.fullmatch(_tokens.CREDENTIALS, "PA")
    assert role_policy._CREDENTIAL.match(", PA")
    assert "mister" not in people.titles(cue=True) and "mister" in people.titles(courtesy=True)
    assert people.credential_roles() == {"crna": Role.ANESTHESIA}
    # Every credential and title is kept by the policies.
    assert {"dr", "md", "pa-c", "pac", "lcsw", "jr"} <= people.name_affixes()
