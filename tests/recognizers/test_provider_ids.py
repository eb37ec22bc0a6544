"""ProviderIdRecognizer (redactphi/recognizers/provider_ids.py) through the real Redactor.

NPIs (Luhn with the 80840 prefix; a labelled NPI counts even when mistyped), DEA numbers (check
digit) and licence numbers; NUCC taxonomy codes and CPT codes stay. Check digits of the valid
numbers are computed in tests/recognizers/test_checksums.py.
"""

from __future__ import annotations

import pytest

from redactphi import Redactor

from .conftest import Keep, Phi, check_row

L = "LICENSE"

# fmt: off
CASES = [
    # -- NPI -------------------------------------------------------------------------------------
    pytest.param("NPI: 1234567893", [("1234567893", L)], [], id="npi-labelled-valid"),
    pytest.param("NPI 1234567890", [("1234567890", L)], [], id="npi-labelled-bad-luhn"),
    pytest.param(
        "Rendering provider 1748392051 billed 0489T.", [("1748392051", L)], ["0489T"],
        id="npi-bare-valid",
    ),
    pytest.param(
        "Number 1748392052 on the form.", [], [("1748392052", L)], id="npi-bare-bad-luhn",
    ),
    pytest.param(
        "Taxonomy 208600000X, NPI # 2987654326", [("2987654326", L)], ["208600000X"],
        id="npi-type-2-and-taxonomy",
    ),
    pytest.param("npi 1618033983", [("1618033983", L)], [], id="npi-lowercase"),
    # -- DEA -------------------------------------------------------------------------------------
    pytest.param("DEA: AB1234563", [("AB1234563", L)], [], id="dea-labelled"),
    pytest.param("DEA # BK4829137", [("BK4829137", L)], [], id="dea-hash"),
    pytest.param(
        "Prescriber FQ7302158 signed; FQ7302159 is a typo.", [("FQ7302158", L)],
        [("FQ7302159", L)], id="dea-bare-check-digit",
    ),
    pytest.param("dea mr9051246", [("mr9051246", L)], [], id="dea-lowercase"),
    # -- licences --------------------------------------------------------------------------------
    pytest.param("State license: MD-771203", [("MD-771203", L)], [], id="state-license"),
    pytest.param("Medical licence no. 4471203", [("4471203", L)], [], id="licence-no"),
    pytest.param("RN license #RN771203", [("RN771203", L)], [], id="rn-license"),
    pytest.param("Lic 88120", [("88120", L)], [], id="lic"),
    # -- look-alikes -----------------------------------------------------------------------------
    pytest.param(
        "Licensed practical nurse at bedside; license verified.", [],
        ["Licensed practical nurse", "license verified"], id="licence-words",
    ),
    pytest.param(
        "CPT 0489T x2, 0748T, 0263T-RT; cefazolin 2 g; pain 3/10.", [],
        ["0489T", "0748T", "0263T-RT", "cefazolin 2 g", "3/10"], id="codes-doses",
    ),
]
# fmt: on


@pytest.mark.parametrize(("text", "phi", "keep"), CASES)
def test_provider_ids(redactor: Redactor, text: str, phi: list[Phi], keep: list[Keep]) -> None:
    check_row(redactor, text, phi, keep)
