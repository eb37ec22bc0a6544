"""Labelled identifiers (redactphi/recognizers/identifiers.py) through the real Redactor.

One table per recognizer: MRN, account, health plan (with the MBI format check), device,
vehicle (with the VIN check digit) and other labelled identifiers. Each table holds a value
that fails a checksum and look-alikes that stay: codes with modifiers, doses, scores.
"""

from __future__ import annotations

import pytest

from redactphi import Redactor

from .conftest import Keep, Phi, check_row

# fmt: off
MRN_CASES = [
    pytest.param(
        "MRN: 30417726  Procedure: CPT 0489T, right hand", [("30417726", "MRN")],
        ["0489T", "right hand"], id="mrn-colon",
    ),
    pytest.param("MR# 4471093", [("4471093", "MRN")], [], id="mr-hash"),
    pytest.param("Med Rec No. A7731904", [("A7731904", "MRN")], [], id="med-rec-no-alnum"),
    pytest.param("Unit No: 4471093", [("4471093", "MRN")], [], id="unit-no"),
    pytest.param("Hospital number H-2291047", [("H-2291047", "MRN")], [], id="hospital-number"),
    pytest.param("chart #88241 reviewed", [("88241", "MRN")], ["reviewed"], id="chart"),
    pytest.param("mrn 30417726, pain 3/10", [("30417726", "MRN")], ["3/10"], id="lowercase"),
    # a label beats the code look-alike, and a failed Luhn does not make it an NPI
    pytest.param("MRN: 0489T", [("0489T", "MRN")], [], id="labelled-code-shape"),
    pytest.param(
        "MRN: 1234567890", [("1234567890", "MRN")], [("1234567890", "LICENSE")],
        id="bad-luhn-still-mrn",
    ),
    pytest.param(
        "Echo: moderate MR 2-3+, TR 1+.", [], ["2-3+", "1+"], id="mitral-regurgitation-grade",
    ),
]

ACCOUNT_CASES = [
    pytest.param("Acct #: 99120034", [("99120034", "ACCOUNT")], [], id="acct"),
    pytest.param("Encounter: E4471209", [("E4471209", "ACCOUNT")], [], id="encounter"),
    pytest.param("Visit ID 7781230", [("7781230", "ACCOUNT")], [], id="visit-id"),
    pytest.param("Claim no. 2025031400117", [("2025031400117", "ACCOUNT")], [], id="claim"),
    pytest.param("FIN 88120034  CSN: 1029384756",
                 [("88120034", "ACCOUNT"), ("1029384756", "ACCOUNT")], [], id="fin-csn"),
    pytest.param(
        "mrn 30417726, acct 99120034; cefazolin 2 g",
        [("30417726", "MRN"), ("99120034", "ACCOUNT")], ["cefazolin 2 g"], id="mrn-and-acct",
    ),
    pytest.param(
        "Account 1234567893 billed 0748T.", [("1234567893", "ACCOUNT")], ["0748T"],
        id="npi-shaped-account",
    ),
    pytest.param(
        "Account 1234567890 billed 0748T.", [("1234567890", "ACCOUNT")], ["0748T"],
        id="bad-luhn-account",
    ),
    pytest.param(
        "Acc #: RAD2025-00017  accn no 88120034; ACC/AHA 2025 guideline.",
        [("RAD2025-00017", "ACCOUNT"), ("88120034", "ACCOUNT")], ["ACC/AHA 2025"],
        id="accession-abbreviated",
    ),
    pytest.param(
        "Billing #: 4471209. billing no 88120034",
        [("4471209", "ACCOUNT"), ("88120034", "ACCOUNT")], [], id="billing-number",
    ),
    # a procedure code after "Billing:" or "Charges:" is the charge, not an account
    pytest.param(
        "Billing: 99213-25, 0489T. CHARGES: J1885; billing - 15877",
        [], ["99213-25", "0489T", "J1885", "15877"], id="billing-codes-kept",
    ),
    pytest.param(
        "Charges: 0489T-RT-59. charges: 0748t mod 22; CHARGES:  15877-LT; billing: L94.0",
        [], ["0489T-RT-59", "0748t", "15877-LT", "L94.0"], id="billing-codes-with-modifiers",
    ),
]

HEALTH_PLAN_CASES = [
    pytest.param("Member ID: XJH448812001", [("XJH448812001", "HEALTH_PLAN")], [], id="member"),
    pytest.param("Subscriber #: 88120034-01", [("88120034-01", "HEALTH_PLAN")], [],
                 id="subscriber"),
    pytest.param("Group: 00471", [("00471", "HEALTH_PLAN")], [], id="group"),
    pytest.param("Medicaid ID: NY44712099", [("NY44712099", "HEALTH_PLAN")], [], id="medicaid"),
    pytest.param("MBI: 1EG4-TE5-MK73", [("1EG4-TE5-MK73", "HEALTH_PLAN")], [], id="mbi-label"),
    pytest.param(
        "Medicare number on file 1EG4TE5MK73 per registration.",
        [("1EG4TE5MK73", "HEALTH_PLAN")], ["registration"], id="mbi-unlabelled",
    ),
    # S is never used in an MBI; 0 never starts one
    pytest.param(
        "Typed 1SG4-TE5-MK73 and 0EG4TE5MK73 on the form.", [],
        [("1SG4-TE5-MK73", "HEALTH_PLAN"), ("0EG4TE5MK73", "HEALTH_PLAN")], id="mbi-bad-format",
    ),
    pytest.param(
        "Group B strep negative. Group 2 PH. Pain 3/10.", [], ["Group B", "Group 2", "3/10"],
        id="group-look-alikes",
    ),
]

DEVICE_CASES = [
    pytest.param("Serial: SN-44810923", [("SN-44810923", "DEVICE_ID")], [], id="serial"),
    pytest.param("S/N 7712-AB-009", [("7712-AB-009", "DEVICE_ID")], [], id="s-slash-n"),
    pytest.param(
        "Darvadstrocel lot 24K118 thawed; 120 million cells in 24 mL.",
        [("24K118", "DEVICE_ID")], ["Darvadstrocel", "120 million cells", "24 mL"],
        id="lot-darvadstrocel",
    ),
    pytest.param("Lot # AB7731", [("AB7731", "DEVICE_ID")], [], id="lot-hash"),
    pytest.param(
        "UDI (01)00884521041297(17)260301(10)24K118",
        [("(01)00884521041297(17)260301(10)24K118", "DEVICE_ID")], [], id="udi",
    ),
    pytest.param(
        "Serial 1M8GDM9A1KP042788 on the pump.", [("1M8GDM9A1KP042788", "DEVICE_ID")], [],
        id="bad-vin-serial",
    ),
    pytest.param(
        "She does this a lot 2-3 times a day.", [], ["2-3 times"], id="a-lot-of-times",
    ),
    # cell products: kit, lot, chain of identity, ISBT 128 donation numbers
    pytest.param(
        "Kit lot 24K118; chain of identity: 25KYM-0041-77; COI # AB1207731.",
        [("24K118", "DEVICE_ID"), ("25KYM-0041-77", "DEVICE_ID"), ("AB1207731", "DEVICE_ID")],
        [], id="kit-coi",
    ),
    pytest.param(
        "ISBT 128: W1234 25 123456; DIN w1234 25 123457 on the bag; apheresis id A7731904",
        [("W1234 25 123456", "DEVICE_ID"), ("w1234 25 123457", "DEVICE_ID"),
         ("A7731904", "DEVICE_ID")], [], id="isbt-din",
    ),
    pytest.param(
        "Kit used: standard dressing kit x2; lot of drainage; CD34 5.2 x10^6/kg.", [],
        ["dressing kit x2", "lot of drainage", "CD34 5.2"], id="kit-look-alikes",
    ),
]

VEHICLE_CASES = [
    pytest.param("License plate: 7XKL291", [("7XKL291", "VEHICLE_ID")], [], id="plate"),
    pytest.param("Plate # NY ABC 1234", [("ABC 1234", "VEHICLE_ID")], [], id="plate-state"),
    pytest.param("VIN: 3FAHP0HA5AR123456", [("3FAHP0HA5AR123456", "VEHICLE_ID")], [],
                 id="vin-labelled"),
    # check digit X (mod 11 = 10) passes; the same VIN with check digit 1 fails
    pytest.param(
        "Car 1M8GDM9AXKP042788 towed; also 1M8GDM9A1KP042788.",
        [("1M8GDM9AXKP042788", "VEHICLE_ID")], [("1M8GDM9A1KP042788", "VEHICLE_ID")],
        id="vin-check-digit",
    ),
    pytest.param(
        "Bill 0263T, 38230-59 and 15877-50.", [], ["0263T", "38230-59", "15877-50"],
        id="codes",
    ),
]

OTHER_ID_CASES = [
    pytest.param("Confirmation # QX77120", [("QX77120", "OTHER_ID")], [], id="confirmation"),
    pytest.param("Authorization: PA-2025-00471", [("PA-2025-00471", "OTHER_ID")], [],
                 id="authorization"),
    pytest.param("Study ID: SCL-0489-017", [("SCL-0489-017", "OTHER_ID")], [], id="study-id"),
    pytest.param("Employee badge 447120", [("447120", "OTHER_ID")], [], id="badge"),
    pytest.param("Prior auth PA2025-0471 approved", [("PA2025-0471", "OTHER_ID")], [],
                 id="prior-auth"),
    pytest.param(
        "Number 771209933415 was written on the bag.", [("771209933415", "OTHER_ID")], [],
        id="long-digit-run",
    ),
    pytest.param("Ref 29-858-584 on the slip.", [("29-858-584", "OTHER_ID")], [],
                 id="grouped-number"),
    # a DEA number with a bad check digit is no licence, but still an identifier
    pytest.param(
        "Card AB1234567 found.", [("AB1234567", "OTHER_ID")], [("AB1234567", "LICENSE")],
        id="bad-dea-is-other-id",
    ),
    pytest.param(
        "Lidocaine 1% with epinephrine 1:100,000, 10 mL; 0.25% bupivacaine 20 mL.", [],
        ["1:100,000", "10 mL", "0.25%", "20 mL"], id="doses",
    ),
    pytest.param(
        "ID= 95.8-97.2 on warming blanket; ID: Tmax 38.4; Ref 12.5 mL.", [],
        ["95.8-97.2", "38.4", "12.5"], id="id-section-readings",
    ),
    # prior authorization and reference numbers
    pytest.param(
        "Prior authorization #: 88122231. PA # 4471209; precert: 77AB1203; ref no. RX-2291",
        [("88122231", "OTHER_ID"), ("4471209", "OTHER_ID"), ("77AB1203", "OTHER_ID"),
         ("RX-2291", "OTHER_ID")], [], id="prior-auth",
    ),
    pytest.param(
        "prior auth number pa2025-0471; PRE-AUTH: 2025A00471",
        [("pa2025-0471", "OTHER_ID"), ("2025A00471", "OTHER_ID")], [], id="prior-auth-case",
    ),
    pytest.param(
        "PA-C at bedside; PA 45 mmHg; PA pressure 38/12; prior auth pending.", [],
        ["PA-C", "PA 45 mmHg", "38/12", "pending"], id="pa-look-alikes",
    ),
    # courier waybills and tracking numbers
    pytest.param(
        "Shipped FedEx 7749 1234 5678; AWB 176-12345675; tracking #: 1Z999AA10123456784.",
        [("7749 1234 5678", "OTHER_ID"), ("176-12345675", "OTHER_ID"),
         ("1Z999AA10123456784", "OTHER_ID")], [], id="waybills",
    ),
    pytest.param(
        "air waybill no. 020-44712093, World Courier waybill 4471 2093 8812",
        [("020-44712093", "OTHER_ID"), ("4471 2093 8812", "OTHER_ID")], [],
        id="waybills-spelled",
    ),
    pytest.param(
        "follow ups 2-3 per week; tracking 24 h urine; ups and downs; DHL negative.", [],
        ["2-3 per week", "24 h", "DHL negative"], id="waybill-look-alikes",
    ),
    # imaging UIDs
    pytest.param(
        "Study UID: 1.2.840.113619.2.55.3.604688119.868.1234567890.123; series "
        "1.3.12.2.1107.5.1.4.1001.30000025031412; SOP 2.25.329800735698586629295641978511506172918",
        [("1.2.840.113619.2.55.3.604688119.868.1234567890.123", "OTHER_ID"),
         ("1.3.12.2.1107.5.1.4.1001.30000025031412", "OTHER_ID"),
         ("2.25.329800735698586629295641978511506172918", "OTHER_ID")], [], id="dicom-uids",
    ),
    pytest.param(
        "Server 10.2.3.4, v3.10.118, ABG 7.35/45/80, grade 1.2.3 lesion; sections 1.2.1.", [],
        ["3.10.118", "7.35/45/80", "1.2.3", "1.2.1"], id="dotted-look-alikes",
    ),
    # login IDs in audit footers
    pytest.param(
        "Printed by: HOSP\\jsmith2 on 3/14/2025. Accessed by mjones7. user: kpatel",
        [("HOSP\\jsmith2", "OTHER_ID"), ("mjones7", "OTHER_ID"), ("kpatel", "OTHER_ID")], [],
        id="audit-logins",
    ),
    pytest.param(
        "LAST EDITED BY: CORP\\KPATEL3  USER ID = a.okafor  printed by Lena Okafor (lokafor1)",
        [("CORP\\KPATEL3", "OTHER_ID"), ("a.okafor", "OTHER_ID"), ("lokafor1", "OTHER_ID")],
        [], id="audit-logins-case",
    ),
    pytest.param(
        "User: pharmacy. Accessed by nursing staff; printed by request; login issues.", [],
        ["pharmacy", "nursing staff", "request", "issues"], id="audit-look-alikes",
    ),
]
# fmt: on


@pytest.mark.parametrize(("text", "phi", "keep"), MRN_CASES)
def test_mrn(redactor: Redactor, text: str, phi: list[Phi], keep: list[Keep]) -> None:
    check_row(redactor, text, phi, keep)


@pytest.mark.parametrize(("text", "phi", "keep"), ACCOUNT_CASES)
def test_account(redactor: Redactor, text: str, phi: list[Phi], keep: list[Keep]) -> None:
    check_row(redactor, text, phi, keep)


@pytest.mark.parametrize(("text", "phi", "keep"), HEALTH_PLAN_CASES)
def test_health_plan(redactor: Redactor, text: str, phi: list[Phi], keep: list[Keep]) -> None:
    check_row(redactor, text, phi, keep)


@pytest.mark.parametrize(("text", "phi", "keep"), DEVICE_CASES)
def test_device_id(redactor: Redactor, text: str, phi: list[Phi], keep: list[Keep]) -> None:
    check_row(redactor, text, phi, keep)


@pytest.mark.parametrize(("text", "phi", "keep"), VEHICLE_CASES)
def test_vehicle_id(redactor: Redactor, text: str, phi: list[Phi], keep: list[Keep]) -> None:
    check_row(redactor, text, phi, keep)


@pytest.mark.parametrize(("text", "phi", "keep"), OTHER_ID_CASES)
def test_other_id(redactor: Redactor, text: str, phi: list[Phi], keep: list[Keep]) -> None:
    check_row(redactor, text, phi, keep)
