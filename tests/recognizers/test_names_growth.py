"""Name rules next to long blank runs, long words and hyphen chains (issues 10 and 12).

These inputs once made a rule's regex backtrack over the run at every character, or start a
match at every piece of a hyphen chain (quadratic or cubic time). Each row checks that the rule
still finds what it found before beside such a run; the cost is measured by
``benchmarks/bench_growth.py``, never timed here. Names are invented.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from redactphi.recognizers._casing import LineStyles
from redactphi.recognizers.names import (
    census,
    contacts,
    credentials,
    family,
    headers,
    nickname,
    phone_owner,
)
from redactphi.recognizers.names._context import Context, Hit
from redactphi.recognizers.names._words import WordTests

Rule = Callable[[Context], list[Hit]]
SPACES = " " * 300
TABS = "\t" * 300
CHAIN = "-".join("abcdefghij" * 30)

# fmt: off
ROWS = [
    # rule, text, names it must find
    pytest.param(headers.find, "Findings stable." + SPACES + "Surgeon: Lena Okafor, MD",
                 ["Lena Okafor"], id="header-after-space-run"),
    pytest.param(headers.find, "Findings stable." + TABS + "Surgeon: Lena Okafor",
                 ["Lena Okafor"], id="header-after-tab-run"),
    pytest.param(headers.find, "Procedure: 0489T" + " \t" + "Surgeon: Lena Okafor",
                 ["Lena Okafor"], id="header-after-space-tab"),
    pytest.param(headers.find, "Procedure: 0489T" + SPACES + "|" + TABS + "Patient: OKAFOR, ADA",
                 ["OKAFOR, ADA"], id="header-after-bar-in-runs"),
    pytest.param(headers.find, "Patient: Brevik ,  Solveig" + SPACES + "MRN: 30417726",
                 ["Brevik ,  Solveig"], id="header-padded-value-before-run"),
    pytest.param(headers.find, "Patient: Adaeze Okafor" + SPACES + "MRN 30417726",
                 ["Adaeze Okafor"], id="header-value-ends-at-run"),
    pytest.param(headers.find, "Findings stable. Surgeon: Lena Okafor", [],
                 id="header-not-after-one-space"),
    pytest.param(credentials.find, "Counts correct." + SPACES + "W. Quist CRNA", ["W. Quist"],
                 id="credential-after-space-run"),
    pytest.param(credentials.find, "Lena Okafor" + TABS + "MD", ["Lena Okafor"],
                 id="credential-after-long-tab-run"),
    pytest.param(credentials.find, "Lena Okafor,\t\tMD and Tom Ray" + SPACES + "\tRN",
                 ["Lena Okafor", "Tom Ray"], id="credential-after-comma-and-blanks"),
    pytest.param(phone_owner.find, "Lopie Certusi" + SPACES + "cell# 410-555-0101",
                 ["Lopie Certusi"], id="phone-owner-across-space-run"),
    pytest.param(phone_owner.find, "A" + "b" * 300 + " Lopie Certusi cell 410-555-0101",
                 ["Lopie Certusi"], id="phone-owner-after-long-word"),
    pytest.param(phone_owner.find, "-".join("abcdefghij" * 30) + ". Certusi cell 410-555-0101",
                 ["Certusi"], id="phone-owner-after-hyphen-chain"),
    pytest.param(phone_owner.find, "'Certusi' home 410-555-0101", ["Certusi'"],
                 id="phone-owner-after-quote"),
    pytest.param(phone_owner.find, "Lee’cell 410-555-0101", ["Lee’"],
                 id="phone-owner-ends-at-apostrophe"),
    pytest.param(family.find, CHAIN + " the Romero family’Garcia family came.",
                 ["Romero", "Garcia"], id="family-after-chain-and-apostrophe"),
    pytest.param(census.full_name, CHAIN + " Edward Baker saw her.", ["Edward Baker"],
                 id="full-name-after-hyphen-chain"),
    pytest.param(census.full_name, "Seen with Mary-Jane Baker today.",
                 ["Jane Baker", "Mary-Jane Baker"], id="full-name-from-each-piece"),
    pytest.param(census.first_rare, CHAIN + " Leona Labowich came in.", ["Leona Labowich"],
                 id="first-rare-after-hyphen-chain"),
    pytest.param(contacts.find, CHAIN + " Quellmatz aware of plan.", ["j Quellmatz"],
                 id="contact-after-hyphen-chain"),
    pytest.param(nickname.find, CHAIN + ' John "Jack" Smith', ["Jack"],
                 id="nickname-after-hyphen-chain"),
    pytest.param(nickname.find, 'Robert "Bobby" Quellmatz, ' + CHAIN + ' Okafor, Robert ("Bobby")',
                 ["Bobby", "Bobby"], id="nickname-twice-around-hyphen-chain"),
]
# fmt: on


@pytest.mark.parametrize(("rule", "text", "names"), ROWS)
def test_rule_finds_names_beside_long_runs(rule: Rule, text: str, names: list[str]) -> None:
    hits = rule(Context(text, LineStyles(text), WordTests()))
    found = sorted(text[h.start : h.end] for h in hits)
    assert found == sorted(names)


def test_a_hyphen_chain_no_name_follows_is_not_cut_into_first_words() -> None:
    # Cutting out every piece's first word costs the square of the chain's length; it is done
    # only when a surname could follow the chain.
    from redactphi.recognizers.names import census

    asked: list[str] = []

    def first_ok(word: str) -> bool:
        asked.append(word)
        return True

    chain = "-".join(["Ann"] * 5000)
    assert list(census._pairs(chain + ".", census._FULL_REST, first_ok)) == []
    assert asked == []
    found = list(census._pairs("Mary-Jane Smith", census._FULL_REST, first_ok))
    assert [first for _, first, _ in found] == ["Mary-Jane", "Jane"]
