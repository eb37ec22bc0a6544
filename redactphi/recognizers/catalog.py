"""The default recognizer set, in a fixed order."""

from __future__ import annotations

from typing import Any

from presidio_analyzer import EntityRecognizer, PatternRecognizer, RecognizerResult

from redactphi.config import Settings, read_term_file
from redactphi.models import EVIDENCE_KEY, EntityType, Evidence
from redactphi.recognizers.ages import AgeRecognizer
from redactphi.recognizers.contact import (
    ClinicalEmailRecognizer,
    ClinicalPhoneRecognizer,
    ClinicalUrlRecognizer,
    IpAddressRecognizer,
)
from redactphi.recognizers.dates import ClinicalDateRecognizer
from redactphi.recognizers.facilities import FacilityRecognizer, site_terms_recognizer
from redactphi.recognizers.identifiers import (
    AccountNumberRecognizer,
    DeviceIdRecognizer,
    HealthPlanRecognizer,
    MedicalRecordNumberRecognizer,
    OtherIdRecognizer,
    VehicleIdRecognizer,
)
from redactphi.recognizers.locations import (
    AddressRecognizer,
    CityStateZipRecognizer,
    CountyRecognizer,
    GazetteerCityRecognizer,
    RegionRecognizer,
)
from redactphi.recognizers.names import NameRecognizer
from redactphi.recognizers.names.high_recall import HighRecallNameRecognizer
from redactphi.recognizers.names.spacy_persons import PersonEntities
from redactphi.recognizers.provider_ids import ProviderIdRecognizer
from redactphi.recognizers.ssn import SsnRecognizer


def default_recognizers(
    settings: Settings,
    ambiguous_words: frozenset[str] = frozenset(),
    persons: PersonEntities | None = None,
) -> list[EntityRecognizer]:
    recognizers: list[EntityRecognizer] = [
        NameRecognizer(ambiguous_words, persons),
        ClinicalDateRecognizer(),
        AgeRecognizer(),
        MedicalRecordNumberRecognizer(),
        AccountNumberRecognizer(),
        HealthPlanRecognizer(),
        SsnRecognizer(),
        ProviderIdRecognizer(),
        DeviceIdRecognizer(),
        VehicleIdRecognizer(),
        OtherIdRecognizer(),
        ClinicalPhoneRecognizer(),
        ClinicalEmailRecognizer(),
        ClinicalUrlRecognizer(),
        IpAddressRecognizer(),
        AddressRecognizer(),
        CityStateZipRecognizer(),
        CountyRecognizer(),
        GazetteerCityRecognizer(),
        RegionRecognizer(),
        FacilityRecognizer(),
    ]
    if settings.profile == "high-recall":
        recognizers.append(HighRecallNameRecognizer(ambiguous_words))
    site_terms = list(settings.site_terms)
    if settings.site_terms_file is not None:
        site_terms += read_term_file(settings.site_terms_file)
    site = site_terms_recognizer(site_terms)
    if site is not None:
        recognizers.append(site)
    if settings.deny_terms:
        recognizers.append(
            _DenyTerms(
                supported_entity=EntityType.OTHER_ID.value,
                name="DenyTermsRecognizer",
                deny_list=sorted(set(settings.deny_terms), key=len, reverse=True),
                deny_list_score=0.95,
            )
        )
    return recognizers


class _DenyTerms(PatternRecognizer):
    """Presidio's deny list; its results rest on the user's own list."""

    def analyze(self, *args: Any, **kwargs: Any) -> list[RecognizerResult]:
        results: list[RecognizerResult] = super().analyze(*args, **kwargs)
        for r in results:
            r.recognition_metadata = {**(r.recognition_metadata or {}), EVIDENCE_KEY: Evidence.LIST}
        return results
