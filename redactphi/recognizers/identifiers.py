"""Labelled identifiers: MRN, account/encounter/claim, health plan, licence, device, vehicle, other.

A label ("MRN:", "Acct #", "Member ID", "Lot", "Plate") followed by a value with at least one
digit. Labels make these reliable; unlabelled values are left to the checksum recognizers, except
for shapes no clinical number has: DICOM UIDs (``1.2.840.113619.2.55...``), ISBT 128 donation
numbers (``W1234 25 123456``) and Windows accounts (``HOSP\\jsmith``).

Classes of labelled evidence: chart and billing numbers; kit, lot and chain-of-identity numbers
of cell products; courier waybills and tracking numbers (after ``waybill``, ``AWB``, ``tracking``
or a carrier's name); prior-authorization and reference numbers; login IDs in audit footers
(``Printed by``, ``Accessed by``, ``User:``, ``Last edited by``). A procedure code after
``Billing:`` is a charge, not an account number.
"""

from __future__ import annotations

import regex

from redactphi.allowlist import CODE
from redactphi.models import EntityType, Evidence
from redactphi.recognizers import lexicons as lx
from redactphi.recognizers._base import GroupPattern, GroupPatternRecognizer, Validator
from redactphi.recognizers._checksums import mbi_valid, vin_valid

# A value: letters, digits, dashes; must hold a digit; 3 to 24 characters.
# A value: letters, digits, dashes, at least three digits, not a date ("visit 11/2024").
VALUE_BODY = (
    r"(?!\d{1,2}/\d{1,4}(?![\d/]))(?=(?:[A-Za-z\-./]*\d){3}|[A-Za-z]+\d\d)[A-Za-z0-9]"
    r"[A-Za-z0-9\-./]{1,22}[A-Za-z0-9]"
)
VALUE = rf"(?P<v>{VALUE_BODY})(?!\+)"
# Possessive blank runs: a long run of spaces after a label must not backtrack.
SEP = r"[^\S\n]*+(?:(?:no|num|number|nbr|id|#)\.?[^\S\n]*+)?(?:[:#=]|is|-)?[^\S\n]*+#?[^\S\n]*+"
# A charge: CPT (Category II/III too), HCPCS or ICD-10-CM, any case, with modifiers chained on.
CHARGE = regex.compile(
    r"(?i)(?:\d{4}[0-9FTU]|[A-V]\d{4}|[A-TV-Z]\d[0-9A-Z](?:\.[0-9A-Z]{1,4})?)"
    r"(?:-(?:\d{2}|[A-Z]{2}))*"
)
# Decimal readings and their ranges: "37.2", "95.8-97.2".
MEASURE = regex.compile(r"\d{1,4}\.\d{1,2}(?:-\d{1,4}(?:\.\d{1,2})?)?")
# Audit-trail cues before a login: "Printed by", "Accessed by", "User:", "Last edited by".
AUDIT_CUE = (
    r"(?:printed|accessed|viewed|opened|edited|modified|created|entered|exported|updated"
    r"|faxed|sent)[ \t]+by|last[ \t]+(?:edited|modified|updated|accessed|saved)[ \t]+by"
    r"|user(?:[ \t]*(?:name|id))?|username|userid|login|logon|logged[ \t]+(?:in|on)[ \t]+as"
)
# A login that no word or name has: DOMAIN\user, letters with digits, dotted or underscored.
LOGIN_STRONG = (
    r"[A-Za-z][\w.\-]{0,30}\\{1,2}[A-Za-z][\w.\-]{1,30}"
    r"|[A-Za-z][A-Za-z_\-]{1,20}\d[A-Za-z\d_]{0,10}"
    r"|[a-z]{1,20}[._][a-z]{2,20}\d{0,4}"
)


def _labelled(
    name: str,
    labels: str,
    score: float = 0.9,
    value: str = VALUE,
    validate: Validator | None = None,
    evidence: Evidence = Evidence.LABEL,
) -> GroupPattern:
    def check(found: str) -> bool | None:
        # "ID= 95.8-97.2" (the infectious-disease line of a note): a reading, not a number.
        if MEASURE.fullmatch(found):
            return False
        return validate(found) if validate else None

    return GroupPattern(
        name,
        rf"(?i)\b(?:{labels})\b{SEP}{value}(?![A-Za-z0-9])",
        score,
        "v",
        validate=check,
        evidence=evidence,
    )


def _not_a_code(value: str) -> bool | None:
    """After "Billing:" a CPT/HCPCS code is the charge itself ("Billing: 99213-25, 0489T")."""
    return False if CODE.fullmatch(value) or CHARGE.fullmatch(value) else None


_LOGIN_MARK = regex.compile(r"[\d\\._]")


def _login(value: str) -> bool | None:
    if _LOGIN_MARK.search(value):
        return True
    # "jsmith": a lower-case token that is neither a word nor a name.
    ok = value.islower() and lx.zipf(value) < 3.0 and not lx.is_name_word(value)
    return (ok and not lx.is_clinical(value)) or False


def _dicom_uid(value: str) -> bool | None:
    return len(value) >= 12 or False


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
                    evidence=Evidence.LABEL,
                ),
                # A number right after "LAST, FIRST M" opening a line (PACU and nursing headers).
                GroupPattern(
                    "after_name",
                    r"(?m)^[ \t]*+\p{L}[\p{L}'’\-]++(?:[ \t]+\p{L}[\p{L}'’\-]++)?,[ \t]*\p{L}[\p{L}'’\-]+"
                    r"(?:[ \t]+\p{L}\.?)?[ \t]{2,}(?P<v>[A-Za-z]{0,3}\d[\d\-]{4,11})\b",
                    0.7,
                    "v",
                    flags=0,
                    evidence=Evidence.HINT,
                ),
                GroupPattern("glued", r"(?i)\bmrn\d{5,12}\b", 0.85, evidence=Evidence.LABEL),
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
                    r"acct|account|encounter|enc|visit|claim|fin|csn|har|case"
                    r"|accession|accn?(?=[ \t]*(?:#|no\b|num))|specimen|invoice|statement"
                    r"|billing(?=[ \t]*(?:no\b|num|nbr|id\b|#))",
                    0.85,
                    evidence=Evidence.LABEL,
                ),
                _labelled(
                    "billing",
                    r"billing|charges?",
                    0.85,
                    validate=_not_a_code,
                    evidence=Evidence.LABEL,
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
                    evidence=Evidence.LABEL,
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


ISBT_DIGITS = r"\d{4}[ ]\d{2}[ ]\d{6}"


class DeviceIdRecognizer(GroupPatternRecognizer):
    """Device serial numbers, lot/batch numbers of patient-specific products, UDIs."""

    def __init__(self) -> None:
        super().__init__(
            EntityType.DEVICE_ID.value,
            [
                _labelled(
                    "device",
                    r"serial|s/n|sn|lot|batch|udi|device[ \t]*id|cartridge|unit[ \t]*id"
                    r"|product[ \t]*id|din|isbt(?:[ \t]*128)?|donor|chain[ \t]+of[ \t]+custody"
                    r"|coi|chain[ \t]+of[ \t]+identity|kit(?:[ \t]+(?:lot|id|serial))?|apheresis"
                    r"(?:[ \t]+(?:id|lot))?|donation|bag[ \t]+(?:id|label)|cell[ \t]+product[ \t]+id",
                    0.85,
                    evidence=Evidence.LABEL,
                ),
                # ISBT 128 donation identification number: facility, year, sequence.
                GroupPattern(
                    "isbt_din",
                    rf"(?<![\w])[A-Z]{ISBT_DIGITS}(?![\w])",
                    0.85,
                    evidence=Evidence.FORMAT,
                    cue=ISBT_DIGITS,
                ),
                GroupPattern(
                    "udi",
                    r"\(01\)\d{14}(?:\(\d{2}\)[A-Za-z0-9\-]{1,20}){0,4}",
                    0.9,
                    evidence=Evidence.FORMAT,
                ),
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
                    evidence=Evidence.LABEL,
                ),
                GroupPattern(
                    "vin_labelled", rf"(?i)\bvin\b{SEP}{VALUE}", 0.9, "v", evidence=Evidence.LABEL
                ),
                GroupPattern(
                    "vin_labelled_17",
                    r"(?i)\bvin\b[^\S\n]*[:#]?[^\S\n]*(?P<v>[A-HJ-NPR-Z0-9]{17})\b",
                    0.9,
                    "v",
                    evidence=Evidence.LABEL,
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
                    r"id|ref|reference|confirmation|conf|auth|authorization|pre-?auth(?:orization)?"
                    r"|prior[ \t]+auth(?:orization)?|pre-?cert(?:ification)?|(?-i:PA)(?=[ \t]*(?:#|no\b))"
                    r"|ticket|badge|employee|emp|requisition|req|passport|certificate|cert"
                    r"|driver'?s?[ \t]+licen[cs]e|dl|policy|protocol[ \t]+subject|job|dictation"
                    r"|registry[ \t]+(?:study|id|number)|study[ \t]+(?:id|subject|number)|study"
                    r"|subject|participant|barcode|wristband|band|identifier",
                    0.75,
                    evidence=Evidence.HINT,
                ),
                # Courier waybills: spaced digit groups ("7749 1234 5678") and UPS 1Z numbers.
                _labelled(
                    "waybill",
                    r"(?:air[ \t]*)?waybill|awb|tracking|shipment|consignment"
                    r"|(?-i:FedEx|FEDEX|UPS|DHL|USPS|Marken|MARKEN|World[ \t]+Courier|Cryoport)",
                    0.85,
                    value=rf"(?P<v>1Z[0-9A-Z]{{16}}|\d{{3,4}}(?:[ \-]\d{{3,5}}){{2,5}}+|{VALUE_BODY})",
                    evidence=Evidence.LABEL,
                ),
                # DICOM UIDs: dotted OIDs under the 1.2/1.3 roots, or UUID-based 2.25.
                GroupPattern(
                    "dicom_uid",
                    r"(?<![\w.])(?:1\.[23](?:\.\d{1,39}){3,}+|2\.25\.\d{10,39})(?![\w]|\.\d)",
                    0.85,
                    validate=_dicom_uid,
                    evidence=Evidence.FORMAT,
                ),
                _labelled(
                    "uid",
                    r"(?:study|series|sop|image)?[ \t]*(?:instance[ \t]*)?uid|oid",
                    0.85,
                    value=r"(?P<v>\d{1,10}(?:\.\d{1,39}){2,}+)",
                    evidence=Evidence.LABEL,
                ),
                # Login IDs in audit footers; a person's name there is left to the name rules.
                GroupPattern(
                    "login",
                    rf"(?i)\b(?:{AUDIT_CUE})\b[ \t]*+[:=]?[ \t]*+(?P<v>{LOGIN_STRONG}|[a-z]{{4,12}})"
                    r"(?![\w\\@])",
                    0.85,
                    "v",
                    validate=_login,
                    evidence=Evidence.CUE,
                ),
                GroupPattern(
                    "login_in_parens",
                    rf"(?i)\b(?:{AUDIT_CUE})\b[^\n()]{{1,40}}\((?P<v>{LOGIN_STRONG})\)",
                    0.85,
                    "v",
                    evidence=Evidence.CUE,
                ),
                GroupPattern(
                    "domain_user",
                    r"(?<![\w\\])[A-Z][A-Z0-9\-]{1,14}\\{1,2}[A-Za-z][\w.\-]{1,30}",
                    0.8,
                    flags=0,
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
