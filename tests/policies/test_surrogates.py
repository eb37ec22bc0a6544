"""Surrogates: same shape, keyed, deterministic, valid-looking where formats carry checksums."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from stdnum import luhn
from stdnum.us import ssn

from redactphi.policies.keys import KeyMaterial
from redactphi.policies.surrogates import Surrogates
from redactphi.recognizers._checksums import dea_valid, npi_valid

from .conftest import OTHER_KEY, TEST_KEY


@pytest.fixture(scope="module")
def gen() -> Surrogates:
    return Surrogates(KeyMaterial(TEST_KEY), "patient:00123456")


@pytest.mark.parametrize(
    ("entity_type", "value", "shape"),
    [
        ("NAME", "John Smith", r"[A-Z][a-z]+ [A-Z][a-z'-]+"),
        ("NAME", "SMITH, JOHN A", r"[A-Z'-]+, [A-Z]+ [A-Z]"),
        ("NAME", "Dr. Smith", r"Dr\. [A-Z][a-z'-]+"),
        ("NAME", "J. Smith, MD", r"[A-Z]\. [A-Z][a-z'-]+, MD"),
        ("MRN", "00123456", r"\d{8}"),
        ("MRN", "MR-0012-3456", r"[A-Z]{2}-\d{4}-\d{4}"),
        ("ACCOUNT", "FIN 123456789", r"[A-Z]{3} \d{9}"),
        ("HEALTH_PLAN", "1EG4-TE5-MK73", r"\d[A-Z]{2}\d-[A-Z]{2}\d-[A-Z]{2}\d\d"),
        ("DEVICE_ID", "SN: A1B2-c3d4", r"[A-Z]{2}: [A-Z]\d[A-Z]\d-[a-z]\d[a-z]\d"),
        ("PHONE", "(617) 555-0199", r"\([2-9]\d\d\) [2-9]\d\d-\d{4}"),
        ("PHONE", "617.555.0199 x123", r"[2-9]\d\d\.[2-9]\d\d\.\d{4} x\d{3}"),
        ("FAX", "+1 617-555-0199", r"\+1 [2-9]\d\d-[2-9]\d\d-\d{4}"),
        ("EMAIL", "jsmith@gmail.com", r"[\w.+-]+@example\.(com|org|net)"),
        ("URL", "https://www.smithfamily.org/", r"https?://\S+/"),
        ("URL", "www.smithfamily.org", r"[^/:]+(/\S*)?"),
        ("IP_ADDRESS", "192.168.1.20", r"\d{1,3}(\.\d{1,3}){3}"),
        ("ADDRESS", "1 Main St", r"\d+ .+"),
        ("ADDRESS", "1 Main St, Boston, MA 02118", r"\d+ [^,]+, [^,]+, [A-Z]{2} \d{5}"),
        ("CITY", "Boston", r"[A-Z][\w ]+"),
        ("STATE", "MA", r"[A-Z]{2}"),
        ("STATE", "Massachusetts", r"[A-Z][a-z]+( [A-Z][a-z]+)*"),
        ("ZIP", "02118", r"\d{5}"),
        ("ZIP", "02118-1234", r"\d{5}-\d{4}"),
        ("COUNTY", "Suffolk County", r"[A-Z][\w'-]+ County"),
        ("FACILITY", "St. Mary's Medical Center", r"[A-Z][\w'-]+ Medical Center"),
        ("FACILITY", "MASS GENERAL HOSPITAL", r"[A-Z'-]+ GENERAL HOSPITAL"),
    ],
)
def test_same_shape_and_different_value(
    gen: Surrogates, entity_type: str, value: str, shape: str
) -> None:
    new = gen.replace(entity_type, value)
    assert re.fullmatch(shape, new), new
    assert new != value
    assert gen.replace(entity_type, value) == new  # deterministic


def test_checksummed_identifiers_stay_valid(gen: Surrogates) -> None:
    npi = gen.replace("LICENSE", "1234567893")
    assert luhn.is_valid("80840" + npi) and npi != "1234567893"
    dea = gen.replace("LICENSE", "AB1234563")
    d = [int(c) for c in dea[2:]]
    assert re.fullmatch(r"A[A-Z]\d{7}", dea)
    assert (d[0] + d[2] + d[4] + 2 * (d[1] + d[3] + d[5])) % 10 == d[6]
    new_ssn = gen.replace("SSN", "123-45-6789")
    assert re.fullmatch(r"\d{3}-\d{2}-\d{4}", new_ssn) and ssn.is_valid(new_ssn)


@pytest.mark.parametrize(
    ("value", "valid", "shape"),
    [
        ("1234567893", npi_valid, r"1\d{9}"),
        ("2000000010", npi_valid, r"2\d{9}"),
        ("AB1234563", dea_valid, r"A[A-Z]\d{7}"),
        ("fb3614713", dea_valid, r"f[a-z]\d{7}"),
        ("1234567890", None, r"\d{10}"),  # bad Luhn: not an NPI, reshaped only
    ],
)
def test_license_surrogates_follow_the_shared_checksum_rules(
    gen: Surrogates, value: str, valid: Callable[[str], bool] | None, shape: str
) -> None:
    new = gen.replace("LICENSE", value)
    assert re.fullmatch(shape, new) and new != value
    if valid is not None:
        assert valid(value) and valid(new)


def test_surnames_keep_their_surrogate_in_every_form(gen: Surrogates) -> None:
    full = gen.replace("NAME", "Robert Chen")
    surname = full.split()[-1]
    assert gen.replace("NAME", "Dr. Chen") == f"Dr. {surname}"
    assert gen.replace("NAME", "CHEN, ROBERT") == f"{surname.upper()}, {full.split()[0].upper()}"


def test_another_patient_or_key_gets_other_surrogates() -> None:
    values = [("NAME", "Robert Chen"), ("MRN", "00123456"), ("PHONE", "(617) 555-0199")]
    base = Surrogates(KeyMaterial(TEST_KEY), "patient:A")
    same = Surrogates(KeyMaterial(TEST_KEY), "patient:A")
    other_patient = Surrogates(KeyMaterial(TEST_KEY), "patient:B")
    other_key = Surrogates(KeyMaterial(OTHER_KEY), "patient:A")
    for entity_type, value in values:
        new = base.replace(entity_type, value)
        assert same.replace(entity_type, value) == new
        assert other_patient.replace(entity_type, value) != new
        assert other_key.replace(entity_type, value) != new


def test_female_first_names_get_female_surrogates(gen: Surrogates) -> None:
    from faker.providers.person.en_US import Provider

    female = set(Provider.first_names_female)
    for name in ("Mary", "Jennifer", "Patricia", "Linda", "Barbara"):
        assert gen.replace("NAME", f"{name} Quill").split()[0] in female
