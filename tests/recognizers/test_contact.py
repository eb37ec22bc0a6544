"""Contact recognizers (redactphi/recognizers/contact.py) through the real Redactor.

Phones and faxes (phonenumbers plus pagers and extensions), emails, URLs, IPv4/IPv6. Numbers
too short to dial are the phone rule's "bad checksum"; addresses outside the IP ranges
(octet over 255) are the IP rule's; vitals, doses, ratios, lab runs and version strings stay.
"""

from __future__ import annotations

import phonenumbers
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from redactphi import Redactor
from redactphi.recognizers.contact import PHONE_SHAPE, phone_numbers

from .conftest import Keep, Phi, check_row

P, F = "PHONE", "FAX"

# fmt: off
PHONE_CASES = [
    pytest.param(
        "Call (555) 201-3344 or 555-201-3344.", [("(555) 201-3344", P), ("555-201-3344", P)],
        [], id="us-formats",
    ),
    pytest.param(
        "Dots 555.201.3344, spaces 555 201 3344.", [("555.201.3344", P), ("555 201 3344", P)],
        [], id="dots-spaces",
    ),
    pytest.param(
        "Daughter at +1 555 201 3344; clinic 1-800-555-0199.",
        [("+1 555 201 3344", P), ("1-800-555-0199", P)], [], id="country-code",
    ),
    pytest.param(
        "Office 555-201-3344 x204; cell: 5552013344.",
        [("555-201-3344 x204", P), ("5552013344", P)], [], id="extension-bare-digits",
    ),
    pytest.param("pager 4471; ext. 2290", [("4471", P), ("2290", P)], [], id="pager-ext"),
    pytest.param("ph 555 201 3344", [("555 201 3344", P)], [], id="lowercase-label"),
    # faxes are typed FAX
    pytest.param(
        "Fax: (555) 201-3399. Phone: (555) 201-3344.",
        [("(555) 201-3399", F), ("(555) 201-3344", P)], [], id="fax-and-phone",
    ),
    pytest.param("fax 555.201.3399", [("555.201.3399", F)], [], id="fax-lowercase"),
    pytest.param("FAX #: 555-201-3399", [("555-201-3399", F)], [], id="fax-caps"),
    # slashes and spaced hyphens from EHR and fax-cover templates
    pytest.param(
        "Daughter 555/201-4477; son (555)/201-4478; home 555 - 201 - 4479.",
        [("555/201-4477", P), ("(555)/201-4478", P), ("555 - 201 - 4479", P)], [],
        id="slash-and-spaced-hyphens",
    ),
    pytest.param(
        "cell 555 / 201 - 4477, FAX: 555 /201-4478",
        [("555 / 201 - 4477", P), ("555 /201-4478", F)], [], id="padded-slash",
    ),
    pytest.param(
        "BP 120/80-130/90; plt 150 - 400 - 1000; dose 300 - 450 - 1200 mg; Na 135 - 145.", [],
        ["120/80-130/90", "150 - 400 - 1000", "300 - 450 - 1200 mg", "135 - 145"],
        id="spaced-look-alikes",
    ),
    # too few digits to dial
    pytest.param("Code 555-201-334 on the tray.", [], [("555-201-334", P)], id="nine-digits"),
    pytest.param(
        "BP 120/80, HR 72, RR 16, T 36.8, SpO2 98% on 2 L; vitals 7 50 60 100.",
        [], ["120/80", "72", "36.8", "98%", "7 50 60 100"], id="vitals",
    ),
    pytest.param(
        "Lidocaine 1% with epinephrine 1:100,000; CPT 15877-50 and 38230; I70.25.",
        [], ["1:100,000", "15877-50", "38230", "I70.25"], id="doses-codes",
    ),
]

EMAIL_CASES = [
    pytest.param(
        "Email lena.okafor@wexcombe-health.org with photos.",
        [("lena.okafor@wexcombe-health.org", "EMAIL")], ["photos"], id="email",
    ),
    pytest.param("LENA@EXAMPLE.COM", [("LENA@EXAMPLE.COM", "EMAIL")], [], id="caps"),
    pytest.param(
        "or email lokafor+wound@clinic.example.", [("lokafor+wound@clinic.example", "EMAIL")],
        [], id="plus-tag",
    ),
    pytest.param(
        "Infuse @ 2 mL/h; 5 cells @ 40x; lidocaine 1%.", [], ["@ 2 mL/h", "@ 40x", "1%"],
        id="at-sign-look-alikes",
    ),
]

URL_CASES = [
    pytest.param(
        "See https://portal.wexcombe-health.org/pt/4471 for images.",
        [("https://portal.wexcombe-health.org/pt/4471", "URL")], ["images"], id="https",
    ),
    pytest.param("Blog at www.okaforfamily.net", [("www.okaforfamily.net", "URL")], [], id="www"),
    pytest.param(
        "Forms on wexcombe-health.org/forms today.",
        [("wexcombe-health.org/forms", "URL")], ["today"], id="bare-domain",
    ),
    pytest.param(
        "Email lokafor@clinic.org only.", [("lokafor@clinic.org", "EMAIL")],
        [("clinic.org", "URL")], id="email-domain-not-url",
    ),
    pytest.param(
        "Pt. tolerated. Dx. L94.0 and K50.913; 0.5 mL.", [], ["Pt.", "Dx.", "L94.0", "0.5 mL"],
        id="dotted-look-alikes",
    ),
]

IP_CASES = [
    pytest.param(
        "Logged in from 10.12.4.201 and 192.168.1.20.",
        [("10.12.4.201", "IP_ADDRESS"), ("192.168.1.20", "IP_ADDRESS")], [], id="ipv4",
    ),
    pytest.param(
        "Device at 2001:0db8:85a3:0000:0000:8a2e:0370:7334 online.",
        [("2001:0db8:85a3:0000:0000:8a2e:0370:7334", "IP_ADDRESS")], [], id="ipv6-full",
    ),
    pytest.param(
        "Device at 2001:db8:85a3::8a2e:370:7334 and fe80::1 online.",
        [("2001:db8:85a3::8a2e:370:7334", "IP_ADDRESS"), ("fe80::1", "IP_ADDRESS")], [],
        id="ipv6-compressed",
    ),
    pytest.param("Octets 300.12.4.201 invalid.", [], ["300.12.4.201"], id="octet-over-255"),
    pytest.param("ABG 80/48/7.45.34.7 on 2 L.", [], ["7.45.34.7"], id="abg-run"),
    pytest.param(
        "Times 14:30:15 and 12:30; ratio 1:1:1; pH 7.45; Epic version 2023.1.2.3.", [],
        ["14:30:15", "12:30", "1:1:1", "7.45", "2023.1.2.3"], id="times-ratios-versions",
    ),
    pytest.param(
        "Pump firmware v4.2.1.0 updated.", [], ["4.2.1.0"], id="version-string",
    ),
]
# fmt: on


@pytest.mark.parametrize(("text", "phi", "keep"), PHONE_CASES)
def test_phone_and_fax(redactor: Redactor, text: str, phi: list[Phi], keep: list[Keep]) -> None:
    check_row(redactor, text, phi, keep)


@pytest.mark.parametrize(("text", "phi", "keep"), EMAIL_CASES)
def test_email(redactor: Redactor, text: str, phi: list[Phi], keep: list[Keep]) -> None:
    check_row(redactor, text, phi, keep)


@pytest.mark.parametrize(("text", "phi", "keep"), URL_CASES)
def test_url(redactor: Redactor, text: str, phi: list[Phi], keep: list[Keep]) -> None:
    check_row(redactor, text, phi, keep)


@pytest.mark.parametrize(("text", "phi", "keep"), IP_CASES)
def test_ip_address(redactor: Redactor, text: str, phi: list[Phi], keep: list[Keep]) -> None:
    check_row(redactor, text, phi, keep)


# The phone matcher reads only the lines holding a phone shape (contact.phone_numbers); these
# notes put numbers where that could part from reading the whole note: at a line's edges, two
# on a line, after a digit that ends the line above, broken over a line break, beside vitals.
LINE_ROWS = [
    "Call 555-201-3344\n(555) 201-3344 or 555.201.3344",
    "BP 120/80 HR 72\n5\n555-201-3344 x204\tthen 7 50 60 100",
    "cell 555-201-\n3344; home 555 201 3344\n",
    "1-800-555-0199, +1 555 201 3344; 4471 2290 555-201-3344 555-201-3345",
    "seen 03/04/2025 12:30 and 555-201-3344:45\n\n\n(301 273 4516)",
]


def whole_note_phone_numbers(text: str) -> list[tuple[int, int]]:
    """The matcher over the whole note, with the same phone-shape checks."""
    out = []
    for match in phonenumbers.PhoneNumberMatcher(text, "US", phonenumbers.Leniency.POSSIBLE):
        national = str(match.number.national_number)
        if (
            not PHONE_SHAPE.fullmatch(match.raw_string)
            or (match.start > 0 and text[match.start - 1].isdigit())
            or (match.number.country_code == 1 and (national[0] in "01" or national[3] in "01"))
        ):
            continue
        out.append((match.start, match.end))
    return out


@pytest.mark.parametrize("text", LINE_ROWS)
def test_phone_lines_find_what_the_whole_note_finds(text: str) -> None:
    expected = whole_note_phone_numbers(text)
    assert expected, "test row error: no phone number"
    assert phone_numbers(text) == expected


_PHONE_PIECES = [
    "555-201-3344", "(555) 201-3344", "555.201.3344", "+1 555 201 3344", "x204", "ext. 12",
    "120/80", "7 50 60 100", "03/04/2025", "12:30", "5", "Call", "fax", "1748392051", "-", "(",
    ")", "#",
]  # fmt: skip


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.tuples(st.sampled_from(_PHONE_PIECES), st.sampled_from([" ", "\n", "\t", "", ", "])),
        max_size=25,
    )
)
def test_phone_lines_match_the_whole_note_on_generated_notes(pieces) -> None:
    text = "".join(piece + gap for piece, gap in pieces)
    assert phone_numbers(text) == whole_note_phone_numbers(text)
