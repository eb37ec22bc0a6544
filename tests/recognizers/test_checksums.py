"""Check-digit rules (redactphi/recognizers/_checksums.py) on hand-checked numbers.

Worked examples (every valid number below was computed by hand and again by a separate script):

- NPI 1748392051: double every other digit of 174839205 from the right (5, 2, 3, 4, 1 ->
  10, 4, 6, 8, 2), sum the digits 1+0+4+9+6+8+8+7+2 = 45, add 24 (the 80840 prefix) = 69,
  check digit 10 - 9 = 1.
- DEA BK4829137: (4+2+1) + 2*(8+9+3) = 47, check digit 7.
- VIN 3FAHP0HA5AR123456: weighted sum 324, 324 mod 11 = 5 = position 9.
- VIN 1M8GDM9AXKP042788: remainder 10, written X.
- MBI 1EG4-TE5-MK73: the CMS example; positions 1 digit 1-9, 2/5/8/9 letters without
  S, L, O, I, B, Z, 4/7/10/11 digits, 3/6 either.
"""

from __future__ import annotations

import pytest

from redactphi.recognizers._checksums import (
    dea_valid,
    digits,
    mbi_valid,
    npi_valid,
    ssn_valid,
    vin_valid,
)

# fmt: off
NPI_CASES = [
    ("1234567893", True),     # the CMS example
    ("1748392051", True),
    ("2987654326", True),     # type 2 (organisation)
    ("1618033983", True),
    ("1335577999", True),
    ("1234567890", False),    # bad check digit
    ("1748392052", False),    # one off
    ("2987654327", False),
    ("3234567893", False),    # NPIs start with 1 or 2
    ("123456789", False),     # nine digits
    ("12345678933", False),   # eleven digits
    ("", False),
    ("abcdefghij", False),
]

DEA_CASES = [
    ("AB1234563", True),
    ("BK4829137", True),
    ("FQ7302158", True),
    ("MR9051246", True),
    ("ab1234563", True),      # case does not matter
    (" AB1234563 ", True),    # surrounding spaces are trimmed
    ("AB1234567", False),     # bad check digit
    ("FQ7302159", False),
    ("A11234563", False),     # second character must be a letter
    ("ABC234563", False),     # only two letters
    ("AB123456", False),      # too short
    ("AB12345630", False),    # too long
    ("", False),
]

SSN_CASES = [
    ("301-27-4598", True),
    ("301274598", True),
    ("412-68-3391", True),
    ("000-12-3456", False),   # area 000
    ("666-12-3456", False),   # area 666
    ("912-34-5678", False),   # area 9xx
    ("123-00-4567", False),   # group 00
    ("123-45-0000", False),   # serial 0000
    ("078-05-1120", False),   # the Woolworth wallet card
    ("219-09-9999", False),   # advertising number
    ("457-55-5462", False),   # advertising number
    ("30127459", False),      # eight digits
    ("3012745981", False),    # ten digits
]

VIN_CASES = [
    ("3FAHP0HA5AR123456", True),
    ("5XYZU3LB3DG004117", True),
    ("1M8GDM9AXKP042788", True),   # check digit X
    ("11111111111111111", True),   # sum 89, 89 mod 11 = 1
    ("3fahp0ha5ar123456", True),   # case does not matter
    ("3FAHP0HA6AR123456", False),  # bad check digit
    ("1M8GDM9A1KP042788", False),  # X expected
    ("1M8GDM9AXKP04278", False),   # sixteen characters
    ("1M8GDM9AXKP0427888", False),  # eighteen characters
    ("IM8GDM9AXKP042788", False),  # I is never used
    ("1M8GDM9AXKO042788", False),  # O is never used
    ("1M8GDM9AXKQ042788", False),  # Q is never used
    ("1M8GDM9AXKP04278-", False),
]

MBI_CASES = [
    ("1EG4-TE5-MK73", True),   # the CMS example
    ("1EG4TE5MK73", True),
    ("1eg4te5mk73", True),
    ("2CX7PD9RT05", True),
    ("0EG4TE5MK73", False),    # position 1 is 1-9
    ("1SG4TE5MK73", False),    # S is never used
    ("1LG4TE5MK73", False),    # L is never used
    ("1EB4TE5MK73", False),    # B is never used
    ("1EGATE5MK73", False),    # position 4 is a digit
    ("1EG4TE5MK7A", False),    # position 11 is a digit
    ("1EG4TE5MK7", False),     # ten characters
    ("1EG4TE5MK733", False),   # twelve characters
]
# fmt: on


@pytest.mark.parametrize(("value", "valid"), NPI_CASES)
def test_npi(value: str, valid: bool) -> None:
    assert npi_valid(value) is valid


@pytest.mark.parametrize(("value", "valid"), DEA_CASES)
def test_dea(value: str, valid: bool) -> None:
    assert dea_valid(value) is valid


@pytest.mark.parametrize(("value", "valid"), SSN_CASES)
def test_ssn(value: str, valid: bool) -> None:
    assert ssn_valid(value) is valid


@pytest.mark.parametrize(("value", "valid"), VIN_CASES)
def test_vin(value: str, valid: bool) -> None:
    assert vin_valid(value) is valid


@pytest.mark.parametrize(("value", "valid"), MBI_CASES)
def test_mbi(value: str, valid: bool) -> None:
    assert mbi_valid(value) is valid


def test_digits_keeps_only_digits() -> None:
    assert digits("(555) 201-3344 x2") == "55520133442"
    assert digits("no digits") == ""
