"""Check-digit rules shared by the identifier recognizers (one tested place for each)."""

from __future__ import annotations

from stdnum import luhn
from stdnum.us import ssn as us_ssn

_VIN_VALUES = {
    **{str(d): d for d in range(10)},
    **dict(zip("ABCDEFGH", range(1, 9), strict=True)),
    **dict(zip("JKLMN", range(1, 6), strict=True)),
    "P": 7,
    "R": 9,
    **dict(zip("STUVWXYZ", range(2, 10), strict=True)),
}
_VIN_WEIGHTS = (8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2)
_MBI_LETTER = "ACDEFGHJKMNPQRTUVWXY"  # no S, L, O, I, B, Z


def digits(value: str) -> str:
    return "".join(c for c in value if c.isdigit())


def npi_valid(value: str) -> bool:
    """NPI: 10 digits, Luhn over the digits prefixed with the card issuer code 80840."""
    d = digits(value)
    return len(d) == 10 and d[0] in "12" and luhn.is_valid("80840" + d)


def dea_valid(value: str) -> bool:
    """DEA registration: 2 letters, 7 digits; (d1+d3+d5) + 2*(d2+d4+d6) ends in d7."""
    v = value.strip().upper()
    if len(v) != 9 or not v[:2].isalpha() or not v[2:].isdigit():
        return False
    d = [int(c) for c in v[2:]]
    return (d[0] + d[2] + d[4] + 2 * (d[1] + d[3] + d[5])) % 10 == d[6]


def ssn_valid(value: str) -> bool:
    """SSA rules: no area 000, 666 or 9xx, no group 00, no serial 0000."""
    return bool(us_ssn.is_valid(digits(value))) if len(digits(value)) == 9 else False


def vin_valid(value: str) -> bool:
    """VIN: 17 characters without I, O, Q; position 9 is the check digit (mod 11, X = 10)."""
    v = value.strip().upper()
    if len(v) != 17 or any(c in "IOQ" for c in v) or not v.isalnum():
        return False
    try:
        total = sum(_VIN_VALUES[c] * w for c, w in zip(v, _VIN_WEIGHTS, strict=True))
    except KeyError:
        return False
    check = total % 11
    return v[8] == ("X" if check == 10 else str(check))


def mbi_valid(value: str) -> bool:
    """Medicare Beneficiary Identifier: 11 characters in the CMS position pattern."""
    v = value.replace("-", "").strip().upper()
    if len(v) != 11:
        return False
    alpha = set(_MBI_LETTER)
    alnum = alpha | set("0123456789")
    rules = (
        set("123456789"),
        alpha,
        alnum,
        set("0123456789"),
        alpha,
        alnum,
        set("0123456789"),
        alpha,
        alpha,
        set("0123456789"),
        set("0123456789"),
    )
    return all(c in allowed for c, allowed in zip(v, rules, strict=True))
