"""Labelled identifiers: MRN, account/encounter/claim, health plan, licence, device, vehicle, other.

A label ("MRN:", "Acct #", "Member ID", "Lot", "Plate") followed by a value with at least one
digit. Labels make these reliable; unlabelled values are left to the checksum recognizers.
"""

from __future__ import annotations

from redactphi.models import EntityType
from redactphi.recognizers._base import GroupPattern, GroupPatternRecognizer
from redactphi.recognizers._checksums import mbi_valid, vin_valid

# A value: letters, digits, dashes; must hold a digit; 3 to 24 characters.
# A value: letters, digits, dashes, at least three digits, not a date ("visit 11/2024").
VALUE = (
    r"(?P<v>(?!\d{1,2}/\d{1,4}(?![\d/]))(?=(?:[A-Za-z\-./]*\d){3}|[A-Za-z]+\d\d)[A-Za-z0-9]"
    r"[A-Za-z0-9\-./]{1,22}[A-Za-z0-9])(?!\+)"
)
SEP = r"[^\S\n]*(?:(?:no|num|number|nbr|id|#)\.?[^\S\n]*)?(?:[:#=]|is|-)?[^\S\n]*#?[^\S\n]*"


def _labelled(name: str, labels: str, score: float = 0.9) -> GroupPattern:
    return GroupPattern(name, rf"(?i)\b(?:{labels})\b{SEP}{VALUE}(?![A-Za-z0-9])", score, "v")


class MedicalRecordNumberRecognizer(GroupPatternRecognizer):
    """MRN, MR#, Med Rec No., chart, unit and hospital numbers, EMPI, patient ID."""

    def __init__(self) -> None:
        super().__init__(
            EntityType.MRN.value,
            [
                _labelled(
                    "mrn",
                    r"mrn|mr|m\.r\.n?\.?|med(?:ical)?\.?[ \t]*rec(?:ord)?s?\.?|chart|unit"
                    r"|hosp(?:ital)?|empi|pt[ \t]*id|patient[ \t]*id|patient[ \t]*number|pid"
                    r"|hn|hospital[ \t]+number|record",
                ),
                # A number right after "LAST, FIRST M" opening a line (PACU and nursing headers).
                GroupPattern(
                    "after_name",
                    r"(?m)^[ \t]*\p{L}[\p{L}'’\-]+(?:[ \t]+\p{L}[\p{L}'’\-]+)?,[ \t]*\p{L}[\p{L}'’\-]+"
                    r"(?:[ \t]+\p{L}\.?)?[ \t]{2,}(?P<v>[A-Za-z]{0,3}\d[\d\-]{4,11})\b",
                    0.7,
                    "v",
                    flags=0,
                ),
                GroupPattern("glued", r"(?i)\bmrn\d{5,12}\b", 0.85),
            ],
            name="MedicalRecordNumberRecognizer",
        )


class AccountNumberRecognizer(GroupPatternRecognizer):
    """Account, encounter, visit, claim, billing, FIN, CSN, HAR, case and accession numbers."""

    def __init__(self) -> None:
        super().__init__(
            EntityType.ACCOUNT.value,
            [
                _labelled(
                    "account",
                    r"acct|account|encounter|enc|visit|claim|billing|fin|csn|har|case"
                    r"|accession|specimen|invoice|statement",
                    0.85,
                ),
            ],
            name="AccountNumberRecognizer",
        )


class HealthPlanRecognizer(GroupPatternRecognizer):
    """Health-plan member, subscriber, policy and group numbers; Medicare MBI (format-checked)."""

    def __init__(self) -> None:
        super().__init__(
            EntityType.HEALTH_PLAN.value,
            [
                _labelled(
                    "member",
                    r"member|subscriber|policy|group|grp|insurance|medicaid|medicare"
                    r"|mbi|hicn|beneficiary|payer[ \t]*id|coverage|cin",
                ),
                GroupPattern(
                    "mbi",
                    r"\b[1-9][A-Za-z][A-Za-z0-9]\d-?[A-Za-z][A-Za-z0-9]\d-?[A-Za-z]{2}\d{2}\b",
                    0.6,
                    validate=lambda v: mbi_valid(v) or False,
                ),
            ],
            name="HealthPlanRecognizer",
        )


class DeviceIdRecognizer(GroupPatternRecognizer):
    """Device serial numbers, lot/batch numbers of patient-specific products, UDIs."""

    def __init__(self) -> None:
        super().__init__(
            EntityType.DEVICE_ID.value,
            [
                _labelled(
                    "device",
                    r"serial|s/n|sn|lot|batch|udi|device[ \t]*id|cartridge|unit[ \t]*id"
                    r"|product[ \t]*id|din|isbt|donor|tracking|chain[ \t]+of[ \t]+custody|coi",
                    0.85,
                ),
                GroupPattern("udi", r"\(01\)\d{14}(?:\(\d{2}\)[A-Za-z0-9\-]{1,20}){0,4}", 0.9),
            ],
            name="DeviceIdRecognizer",
        )


class VehicleIdRecognizer(GroupPatternRecognizer):
    """Licence plates (labelled) and VINs (check digit)."""

    def __init__(self) -> None:
        super().__init__(
            EntityType.VEHICLE_ID.value,
            [
                GroupPattern(
                    "plate",
                    r"(?i)\b(?:licen[cs]e[ \t]+plate|plate|tag|registration)\b[ \t]*(?:no\.?"
                    r"|number|#)?[ \t]*[:#]?[ \t]*(?:[A-Z]{2}[ \t]+)?"
                    r"(?P<v>(?=[A-Z0-9\- ]{0,9}\d)[A-Z0-9][A-Z0-9\- ]{1,8}[A-Z0-9])\b",
                    0.85,
                    "v",
                    flags=0,
                ),
                GroupPattern("vin_labelled", rf"(?i)\bvin\b{SEP}{VALUE}", 0.9, "v"),
                GroupPattern(
                    "vin_labelled_17",
                    r"(?i)\bvin\b[^\S\n]*[:#]?[^\S\n]*(?P<v>[A-HJ-NPR-Z0-9]{17})\b",
                    0.9,
                    "v",
                ),
                GroupPattern(
                    "vin",
                    r"\b[A-HJ-NPR-Z0-9]{17}\b",
                    0.5,
                    flags=0,
                    validate=lambda v: vin_valid(v) or False,
                ),
            ],
            name="VehicleIdRecognizer",
        )


class OtherIdRecognizer(GroupPatternRecognizer):
    """Any other labelled number (reference, confirmation, authorization) and long digit runs."""

    def __init__(self) -> None:
        super().__init__(
            EntityType.OTHER_ID.value,
            [
                _labelled(
                    "labelled",
                    r"id|ref|reference|confirmation|conf|auth|authorization|pre-?auth|prior[ \t]+auth"
                    r"|ticket|badge|employee|emp|requisition|req|passport|certificate|cert"
                    r"|driver'?s?[ \t]+licen[cs]e|dl|policy|protocol[ \t]+subject|job|dictation"
                    r"|registry[ \t]+(?:study|id|number)|study[ \t]+(?:id|subject|number)|study"
                    r"|subject|participant|barcode|wristband|band|identifier",
                    0.75,
                ),
                # Seven or more digits in a row are an identifier in clinical prose.
                GroupPattern("long_number", r"(?<![\d.,/:\-])\d{7,}+(?![\d.,/:]\d|[A-Z])", 0.5),
                # Dash-grouped numbers with seven or more digits: "29-858-584".
                GroupPattern(
                    "grouped_number",
                    r"(?<![\d.,/:\-])\d{2,4}-\d{2,4}-\d{2,5}(?![\d.,/:\-]|-\d)",
                    0.5,
                    validate=lambda v: None if sum(c.isdigit() for c in v) >= 7 else False,
                ),
                # Letters and at least five digits, eight characters or more: "AB12345678".
                GroupPattern(
                    "alphanumeric",
                    r"\b(?:[A-Z]{1,4}-?\d{5,12}[A-Z]?|\d{2,4}-?[A-Z]{1,3}-?\d{4,10})\b",
                    0.45,
                    flags=0,
                ),
            ],
            name="OtherIdRecognizer",
        )
