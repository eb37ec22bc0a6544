"""Entity types, their coarse category and the Safe Harbor identifiers each one covers."""

from __future__ import annotations

from enum import StrEnum


class Category(StrEnum):
    NAME = "NAME"
    DATE = "DATE"
    AGE = "AGE"
    ID = "ID"
    CONTACT = "CONTACT"
    LOCATION = "LOCATION"
    OTHER = "OTHER"


class EntityType(StrEnum):
    NAME = "NAME"
    DATE = "DATE"
    AGE = "AGE"
    MRN = "MRN"
    ACCOUNT = "ACCOUNT"
    HEALTH_PLAN = "HEALTH_PLAN"
    SSN = "SSN"
    LICENSE = "LICENSE"
    DEVICE_ID = "DEVICE_ID"
    VEHICLE_ID = "VEHICLE_ID"
    OTHER_ID = "OTHER_ID"
    PHONE = "PHONE"
    FAX = "FAX"
    EMAIL = "EMAIL"
    URL = "URL"
    IP_ADDRESS = "IP_ADDRESS"
    ADDRESS = "ADDRESS"
    CITY = "CITY"
    STATE = "STATE"
    ZIP = "ZIP"
    COUNTY = "COUNTY"
    FACILITY = "FACILITY"


CATEGORY: dict[EntityType, Category] = {
    EntityType.NAME: Category.NAME,
    EntityType.DATE: Category.DATE,
    EntityType.AGE: Category.AGE,
    EntityType.MRN: Category.ID,
    EntityType.ACCOUNT: Category.ID,
    EntityType.HEALTH_PLAN: Category.ID,
    EntityType.SSN: Category.ID,
    EntityType.LICENSE: Category.ID,
    EntityType.DEVICE_ID: Category.ID,
    EntityType.VEHICLE_ID: Category.ID,
    EntityType.OTHER_ID: Category.ID,
    EntityType.PHONE: Category.CONTACT,
    EntityType.FAX: Category.CONTACT,
    EntityType.EMAIL: Category.CONTACT,
    EntityType.URL: Category.CONTACT,
    EntityType.IP_ADDRESS: Category.CONTACT,
    EntityType.ADDRESS: Category.LOCATION,
    EntityType.CITY: Category.LOCATION,
    EntityType.STATE: Category.LOCATION,
    EntityType.ZIP: Category.LOCATION,
    EntityType.COUNTY: Category.LOCATION,
    EntityType.FACILITY: Category.LOCATION,
}

# Safe Harbor, 45 CFR 164.514(b)(2)(i), letters (A)-(R), for the README taxonomy table.
SAFE_HARBOR: dict[EntityType, str] = {
    EntityType.NAME: "(A) names of the patient, relatives, household members and providers",
    EntityType.ADDRESS: "(B) street address",
    EntityType.CITY: "(B) city",
    EntityType.STATE: "(B) state, kept by Safe Harbor; redacted only inside an address",
    EntityType.ZIP: "(B) ZIP code",
    EntityType.COUNTY: "(B) county",
    EntityType.FACILITY: "(B) geographic subdivision: facility and ward names",
    EntityType.DATE: "(C) all elements of dates (except year) related to the individual",
    EntityType.AGE: "(C) ages over 89",
    EntityType.PHONE: "(D) telephone numbers, pagers",
    EntityType.FAX: "(E) fax numbers",
    EntityType.EMAIL: "(F) email addresses",
    EntityType.SSN: "(G) social security numbers",
    EntityType.MRN: "(H) medical record numbers",
    EntityType.HEALTH_PLAN: "(I) health plan beneficiary numbers, Medicare MBI",
    EntityType.ACCOUNT: "(J) account, encounter, visit, claim and FIN numbers",
    EntityType.LICENSE: "(K) certificate/licence numbers, NPI, DEA",
    EntityType.VEHICLE_ID: "(L) vehicle identifiers: plates, VINs",
    EntityType.DEVICE_ID: "(M) device identifiers, serial and lot numbers",
    EntityType.URL: "(N) web URLs",
    EntityType.IP_ADDRESS: "(O) IP addresses",
    EntityType.OTHER_ID: "(R) any other unique identifying number, characteristic or code",
}

ALL_ENTITIES: tuple[str, ...] = tuple(e.value for e in EntityType)


def category_of(entity_type: str) -> Category:
    """Coarse category of an entity type; unknown types count as OTHER."""
    try:
        return CATEGORY[EntityType(entity_type)]
    except ValueError:
        return Category.OTHER
