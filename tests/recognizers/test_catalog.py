"""The recognizer catalog (redactphi/recognizers/catalog.py): a fixed set in a fixed order.

Site terms (inline or from a file) and deny terms add one recognizer each, only when given.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from redactphi import Settings
from redactphi.recognizers import build_registry
from redactphi.recognizers.catalog import default_recognizers
from redactphi.recognizers.facilities import site_terms_recognizer

DEFAULT_ORDER = [
    "NameRecognizer",
    "ClinicalDateRecognizer",
    "AgeRecognizer",
    "MedicalRecordNumberRecognizer",
    "AccountNumberRecognizer",
    "HealthPlanRecognizer",
    "SsnRecognizer",
    "ProviderIdRecognizer",
    "DeviceIdRecognizer",
    "VehicleIdRecognizer",
    "OtherIdRecognizer",
    "ClinicalPhoneRecognizer",
    "ClinicalEmailRecognizer",
    "ClinicalUrlRecognizer",
    "IpAddressRecognizer",
    "AddressRecognizer",
    "CityStateZipRecognizer",
    "CountyRecognizer",
    "GazetteerCityRecognizer",
    "RegionRecognizer",
    "FacilityRecognizer",
]


def _names(settings: Settings) -> list[str]:
    return [r.name for r in default_recognizers(settings)]


def test_default_set_in_a_fixed_order() -> None:
    assert _names(Settings()) == DEFAULT_ORDER
    assert _names(Settings()) == _names(Settings())


def test_registry_holds_the_catalog() -> None:
    registry = build_registry(Settings())
    assert [r.name for r in registry.recognizers] == DEFAULT_ORDER


@pytest.mark.parametrize(
    ("overrides", "extra"),
    [
        ({"site_terms": ["Wexcombe"]}, ["SiteTermsRecognizer"]),
        ({"deny_terms": ["Ravenhill"]}, ["DenyTermsRecognizer"]),
        (
            {"site_terms": ["Wexcombe"], "deny_terms": ["Ravenhill"]},
            ["SiteTermsRecognizer", "DenyTermsRecognizer"],
        ),
        ({"site_terms": ["  ", ""]}, []),  # blank terms add nothing
        ({"allow_terms": ["Angel"]}, []),  # the allow side is applied after recognition
    ],
)
def test_optional_recognizers(overrides: dict[str, list[str]], extra: list[str]) -> None:
    assert _names(Settings(**overrides)) == DEFAULT_ORDER + extra


def test_site_terms_from_a_file(tmp_path: Path) -> None:
    path = tmp_path / "site.txt"
    path.write_text("# local names\nBramblecote Ward\n\nWexcombe\n", encoding="utf-8")
    recognizers = default_recognizers(Settings(site_terms_file=path, site_terms=["Harrowgate"]))
    site = recognizers[-1]
    assert site.name == "SiteTermsRecognizer"
    text = "Moved from Bramblecote Ward at Wexcombe to harrowgate; # local names"
    found = sorted(text[r.start : r.end] for r in site.analyze(text, ["FACILITY"]))
    assert found == ["Bramblecote Ward", "Wexcombe", "harrowgate"]


def test_no_site_terms_no_recognizer() -> None:
    assert site_terms_recognizer([]) is None
    assert site_terms_recognizer([" ", "\t"]) is None


def test_the_registry_serves_what_presidio_would_and_follows_its_contents() -> None:
    from presidio_analyzer import RecognizerRegistry

    registry = build_registry(Settings())

    def served(entities: list[str] | None, all_fields: bool = False) -> set[str]:
        return {r.name for r in registry.get_recognizers("en", entities, all_fields)}

    def presidio(entities: list[str] | None, all_fields: bool = False) -> set[str]:
        recs = RecognizerRegistry.get_recognizers(registry, "en", entities, all_fields)
        return {r.name for r in recs}

    for entities, all_fields in ((["PHONE"], False), (["NAME", "DATE"], False), (None, True)):
        assert served(entities, all_fields) == presidio(entities, all_fields)
        assert served(entities, all_fields) == presidio(entities, all_fields)  # remembered
    registry.remove_recognizer("ClinicalPhoneRecognizer")
    assert "ClinicalPhoneRecognizer" not in served(None, True)
    assert served(None, True) == presidio(None, True)
    registry.add_recognizer(site_terms_recognizer(["Maplewood Ward"]))
    assert served(None, True) == presidio(None, True)
