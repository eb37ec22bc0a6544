"""Realistic, keyed and deterministic surrogates of the same shape as the original.

Each surrogate is drawn from Faker (en_US) seeded with HMAC(key, scope, type, value), so one value
gets one surrogate for one patient in every note and every process (with the same Faker version),
and a different key or patient gets different ones. Names are replaced word by word (a surname
keeps its surrogate whether written ``John Smith``, ``SMITH, JOHN`` or ``Dr. Smith``), titles and
credentials stay. Identifiers keep their layout character by character, and checksummed formats
(SSN rules, NPI Luhn, DEA check digit) stay valid by the rules of
:mod:`redactphi.recognizers._checksums`.
"""

from __future__ import annotations

import random
import re
import string
import threading
from collections.abc import Callable

from faker import Faker
from faker.providers.person.en_US import Provider as PersonProvider

from redactphi.policies.keys import KeyMaterial
from redactphi.recognizers._checksums import dea_valid, npi_valid
from redactphi.vocabulary import people

_FEMALE = {name.casefold() for name in PersonProvider.first_names_female}
_MALE = {name.casefold() for name in PersonProvider.first_names_male}
# letters that cannot be confused with digits, as in Medicare MBIs
_ID_LETTERS = "ACDEFGHJKMNPQRTUVWXY"
# Titles, suffixes and credentials stay as written (vocabulary).
_AFFIXES = people.name_affixes()
_FACILITY_WORDS = {
    "hospital", "hospitals", "medical", "center", "centre", "clinic", "clinics", "health",
    "healthcare", "system", "regional", "memorial", "general", "university", "surgery",
    "surgical", "ambulatory", "institute", "community", "children's", "childrens", "county",
    "of", "and", "the", "&", "care", "campus", "pavilion", "infirmary", "outpatient",
    "specialty", "rehabilitation", "rehab", "cancer", "heart", "orthopedic", "women's", "va",
}  # fmt: skip
_FACILITY_TAILS = ("Medical Center", "Hospital", "Regional Hospital", "Surgery Center", "Clinic")
_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*\.?")

_local = threading.local()


def _faker() -> Faker:
    # Faker instances are not thread-safe once seeded; one per thread.
    fake: Faker | None = getattr(_local, "faker", None)
    if fake is None:
        fake = Faker("en_US")
        _local.faker = fake
    return fake


class Surrogates:
    """Surrogate generator for one key and one scope (a patient, or ``""`` for global)."""

    def __init__(self, key: KeyMaterial, scope: str) -> None:
        self._key = key
        self._scope = scope

    def _seed(self, *parts: str) -> int:
        return int.from_bytes(self._key.mac("surrogate", self._scope, *parts)[:8], "big")

    def _draw(self, parts: tuple[str, ...], make: Callable[[Faker], str], avoid: str = "") -> str:
        fake = _faker()
        for attempt in range(8):
            fake.seed_instance(self._seed(*parts, str(attempt)))
            value = make(fake)
            if value.casefold() != avoid.casefold():
                return value
        return value

    def _rng(self, *parts: str) -> random.Random:
        return random.Random(self._seed(*parts))

    # -- dispatch -------------------------------------------------------------------------

    def replace(self, entity_type: str, value: str) -> str:
        handler = _HANDLERS.get(entity_type)
        if handler is None:
            return self.shaped(entity_type, value)
        return handler(self, value)

    # -- names ----------------------------------------------------------------------------

    def name(self, value: str) -> str:
        surname_words = _surname_word_spans(value)
        out: list[str] = []
        cursor = 0
        for match in _WORD.finditer(value):
            word = match.group(0)
            bare = word.rstrip(".")
            key = bare.casefold()
            out.append(value[cursor : match.start()])
            cursor = match.end()
            if key in _AFFIXES or key.replace(".", "") in _AFFIXES:
                out.append(word)
                continue
            if len(bare) == 1:  # an initial
                letter = self._rng("initial", key).choice(string.ascii_uppercase)
                out.append(_case_like(letter, bare) + word[len(bare) :])
                continue
            if match.start() in surname_words:
                new = self._draw(("surname", key), lambda f: f.last_name(), avoid=bare)
            else:
                new = self._draw(("given", key), _given_maker(key), avoid=bare)
            out.append(_case_like(new, bare) + word[len(bare) :])
        out.append(value[cursor:])
        return "".join(out)

    # -- identifiers ----------------------------------------------------------------------

    def shaped(self, entity_type: str, value: str) -> str:
        """Same layout: digits become digits, letters letters (same case), the rest stays."""
        rng = self._rng("id", entity_type, _normalize(value))
        new = _reshape(value, rng)
        for attempt in range(8):
            if new != value:
                break
            rng = self._rng("id", entity_type, _normalize(value), str(attempt))
            new = _reshape(value, rng)
        return new

    def ssn(self, value: str) -> str:
        digits = re.sub(r"\D", "", value)
        if len(digits) != 9:
            return self.shaped("SSN", value)
        rng = self._rng("id", "SSN", digits)
        area = rng.choice([n for n in range(1, 900) if n != 666])
        new = f"{area:03d}{rng.randint(1, 99):02d}{rng.randint(1, 9999):04d}"
        return _fill_digits(value, new)

    def license(self, value: str) -> str:
        digits = re.sub(r"\D", "", value)
        compact = re.sub(r"[\s-]", "", value)
        rng = self._rng("id", "LICENSE", _normalize(value))
        if digits == compact and npi_valid(digits):
            body = digits[0] + "".join(rng.choice(string.digits) for _ in range(8))
            return _fill_digits(value, _check_digit(body, npi_valid))
        if re.fullmatch(r"[A-Za-z]{2}\d{7}", compact) and dea_valid(compact):
            body = "".join(rng.choice(string.digits) for _ in range(6))
            letters = compact[0] + rng.choice(string.ascii_uppercase)
            new = _check_digit(letters.upper() + body, dea_valid)
            return _case_like(letters, compact[:2]) + new[2:]
        return self.shaped("LICENSE", value)

    def phone(self, value: str) -> str:
        digits = re.sub(r"\D", "", value)
        rng = self._rng("id", "PHONE", digits)
        if len(digits) < 10:
            return self.shaped("PHONE", value)
        country = "1" if len(digits) >= 11 and digits[0] == "1" else ""
        npa = f"{rng.randint(2, 9)}{rng.randint(0, 8)}{rng.randint(0, 9)}"
        nxx = f"{rng.randint(2, 9)}{rng.randint(0, 9)}{rng.randint(0, 9)}"
        if npa[1:] == "11":
            npa = npa[0] + "20"
        if nxx[1:] == "11":
            nxx = nxx[0] + "20"
        rest_len = len(digits) - len(country) - 6
        rest = "".join(rng.choice(string.digits) for _ in range(rest_len))
        return _fill_digits(value, country + npa + nxx + rest)

    # -- contacts and places --------------------------------------------------------------

    def email(self, value: str) -> str:
        new = self._draw(("EMAIL", value.casefold()), lambda f: f.safe_email(), avoid=value)
        return new.upper() if value.isupper() else new

    def url(self, value: str) -> str:
        new = self._draw(("URL", value.casefold()), lambda f: f.url(), avoid=value)
        if not re.match(r"(?i)https?://", value):
            new = re.sub(r"^https?://", "", new)
        if not value.endswith("/"):
            new = new.rstrip("/")
        return new

    def ip_address(self, value: str) -> str:
        if ":" in value:
            return self._draw(("IP", value.casefold()), lambda f: f.ipv6(), avoid=value)
        return self._draw(("IP", value), lambda f: f.ipv4_private(), avoid=value)

    def address(self, value: str) -> str:
        """Part by part: ``1 Main St, Apt 4, Boston, MA 02118`` keeps its five parts."""
        pieces = re.split(r"(\s*,\s*)", value)
        out = []
        for i, piece in enumerate(pieces):
            if i % 2 == 1 or not piece.strip():
                out.append(piece)  # separators between parts stay
                continue
            key = ("ADDRESS", str(i), _normalize(piece))
            out.append(_case_like(self._draw(key, _address_part(piece), avoid=piece), piece))
        return "".join(out)

    def city(self, value: str) -> str:
        return _case_like(self._draw(("CITY", value.casefold()), lambda f: f.city(), value), value)

    def state(self, value: str) -> str:
        bare = value.strip().rstrip(".")
        if len(bare) == 2:
            new = self._draw(
                ("STATE", bare.casefold()),
                lambda f: f.state_abbr(include_territories=False),
                avoid=bare,
            )
        else:
            new = self._draw(("STATE", bare.casefold()), lambda f: f.state(), avoid=bare)
        return _case_like(new, value)

    def zip_code(self, value: str) -> str:
        digits = re.sub(r"\D", "", value)
        rng_parts = ("ZIP", digits)
        if len(digits) in (5, 9):
            maker = (lambda f: f.zipcode_plus4()) if len(digits) == 9 else (lambda f: f.zipcode())
            new = re.sub(r"\D", "", self._draw(rng_parts, maker, avoid=digits))
            return _fill_digits(value, new)
        return self.shaped("ZIP", value)

    def county(self, value: str) -> str:
        tail = re.search(r"(?i)\s+(county|parish|borough)\.?$", value)
        base = self._draw(("COUNTY", value.casefold()), lambda f: f.last_name(), avoid=value)
        return _case_like(base + (tail.group(0) if tail else ""), value if not tail else base)

    def facility(self, value: str) -> str:
        words = value.split()
        keep = 0
        while keep < len(words) and words[len(words) - 1 - keep].casefold() in _FACILITY_WORDS:
            keep += 1
        tail = " ".join(words[len(words) - keep :]) if keep else ""
        rng = self._rng("FACILITY", value.casefold())
        if not tail:
            tail = rng.choice(_FACILITY_TAILS)
        base = self._draw(("FACILITY", value.casefold()), lambda f: f.last_name(), avoid="")
        new = f"{base} {tail}"
        return new.upper() if value.isupper() else new


def _address_part(piece: str) -> Callable[[Faker], str]:
    bare = piece.strip()
    if re.fullmatch(r"[A-Za-z]{2}\.?\s+\d{5}(?:-\d{4})?", bare):
        plus4 = "-" in bare
        return lambda f: (
            f"{f.state_abbr(include_territories=False)} "
            + (f.zipcode_plus4() if plus4 else f.zipcode())
        )
    if re.fullmatch(r"\d{5}(?:-\d{4})?", bare):
        return lambda f: f.zipcode_plus4() if "-" in bare else f.zipcode()
    if re.fullmatch(r"[A-Za-z]{2}\.?", bare):
        return lambda f: f.state_abbr(include_territories=False)
    if re.match(r"(?i)(?:apt|apartment|suite|ste|unit|room|rm|floor|fl|#)\b", bare):
        return lambda f: f.secondary_address()
    if bare[:1].isdigit() or re.search(r"(?i)\b(?:p\.?o\.?\s+box|box)\b", bare):
        if re.search(r"(?i)\b(?:apt|apartment|suite|ste|unit|#)", bare):
            return lambda f: f"{_street(f)} {f.secondary_address()}"
        return _street
    return lambda f: f.city()


def _street(fake: Faker) -> str:
    return f"{fake.random_int(1, 9999)} {fake.street_name()}"


def _given_maker(key: str) -> Callable[[Faker], str]:
    if key in _FEMALE and key not in _MALE:
        return lambda f: f.first_name_female()
    if key in _MALE and key not in _FEMALE:
        return lambda f: f.first_name_male()
    return lambda f: f.first_name()


def _surname_word_spans(value: str) -> set[int]:
    """Start offsets of the words that form the surname (before a comma, else the last word)."""
    words = [
        m
        for m in _WORD.finditer(value)
        if m.group(0).rstrip(".").casefold() not in _AFFIXES and len(m.group(0).rstrip(".")) > 1
    ]
    if not words:
        return set()
    comma = value.find(",")
    if comma > 0:
        before = [m for m in words if m.end() <= comma]
        after = [m for m in words if m.start() > comma]
        if before and after:
            return {m.start() for m in before}
    return {words[-1].start()}


def _case_like(new: str, like: str) -> str:
    letters = "".join(c for c in like if c.isalpha())
    if len(letters) > 1 and letters.isupper():
        return new.upper()
    if letters and letters.islower():
        return new.lower()
    return new


def _normalize(value: str) -> str:
    return re.sub(r"[\W_]+", "", value).upper()


def _reshape(value: str, rng: random.Random) -> str:
    out = []
    for char in value:
        if char.isdigit():
            out.append(rng.choice(string.digits))
        elif char.isalpha() and char.isascii():
            letter = rng.choice(_ID_LETTERS)
            out.append(letter if char.isupper() else letter.lower())
        else:
            out.append(char)
    return "".join(out)


def _fill_digits(shape: str, digits: str) -> str:
    """Put ``digits`` into the digit positions of ``shape`` (its separators stay)."""
    it = iter(digits)
    return "".join(next(it, "0") if c.isdigit() else c for c in shape)


def _check_digit(body: str, valid: Callable[[str], bool]) -> str:
    """``body`` and the check digit that makes it ``valid`` (the rule lives in _checksums)."""
    for digit in string.digits:
        if valid(body + digit):
            return body + digit
    raise ValueError("no check digit completes this identifier")


_HANDLERS: dict[str, Callable[[Surrogates, str], str]] = {
    "NAME": Surrogates.name,
    "SSN": Surrogates.ssn,
    "LICENSE": Surrogates.license,
    "PHONE": Surrogates.phone,
    "FAX": Surrogates.phone,
    "EMAIL": Surrogates.email,
    "URL": Surrogates.url,
    "IP_ADDRESS": Surrogates.ip_address,
    "ADDRESS": Surrogates.address,
    "CITY": Surrogates.city,
    "STATE": Surrogates.state,
    "ZIP": Surrogates.zip_code,
    "COUNTY": Surrogates.county,
    "FACILITY": Surrogates.facility,
}
