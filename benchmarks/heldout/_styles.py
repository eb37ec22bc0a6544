"""Note styles of the held-out family: three op-note voices and five ward/ICU voices.

Each style writes one note through a :class:`Pen`. Wordings are chosen per note, so a class of
phenomenon (an initial + surname, a glued date...) shows up in many surroundings.
"""

from __future__ import annotations

from collections.abc import Callable

from benchmarks.heldout._clinic import (
    CRITICAL_CARE_DEPTS,
    DRAINS,
    DRIPS,
    ICU_DEVICES,
    ICU_DRUGS,
    ICU_SCORES,
    MODIFIERS,
    OR_DRUGS,
    ORGANISMS,
    PAIN_DRUGS,
)
from benchmarks.heldout._pen import Pen
from benchmarks.heldout._people import Person


def _pronoun(p: Person) -> str:
    return "she" if p.sex == "F" else "he"


def _cap(s: str) -> str:
    """Upper-case the first letter only (``str.capitalize`` would lower ``CR(E)ST``)."""
    return s[:1].upper() + s[1:]


def _drug(p: Pen, pool: tuple[tuple[str, str], ...]) -> Pen:
    name, dose = p.r.choice(pool)
    return p.keep(name, "DRUG", "drug_dose").w(" ").keep(dose, "DOSE", "drug_dose")


def _billing(p: Pen) -> Pen:
    """``Billing: 0263T, 0264T-RT, J1644 x2`` - CPT codes a system must not call accounts."""
    pr = p.c.proc
    p.w(p.r.choice(("Billing: ", "BILLING: ", "Billing:  ", "Billing - ")))
    p.keep(pr.code, "CPT", "cpt_billing")
    for code in p.r.sample(pr.addon, p.r.randrange(1, len(pr.addon) + 1)):
        p.w(", ").keep(code, "CPT", "cpt_billing")
        if p.chance(0.5):
            p.w("-").keep(p.r.choice(MODIFIERS), "MODIFIER")
    p.w("; ").keep(p.r.choice(pr.hcpcs), "HCPCS")
    icd, _ = p.r.choice(pr.icd)
    return p.w("; dx ").keep(icd, "ICD10")


def _footer(p: Pen) -> Pen:
    """Audit trail lines: user names, DOMAIN\\user, Printed by, Accessed by."""
    c = p.c
    who = p.r.choice((c.clerk, c.nurses[2], c.house))
    user = who.username(p.r)
    kind = p.r.randrange(4)
    if kind == 0:
        p.w("Printed by ").phi(user, "NAME", "audit_footer").w(" on ")
        p.date(p.day(p.r.randrange(1, 30))).w(" ").time(p.r.randrange(0, 24), p.r.randrange(60))
    elif kind == 1:
        p.w("Accessed by ").phi(f"{c.domain}\\{user}", "NAME", "audit_footer").w(" from ")
        p.phi(c.ip, "IP_ADDRESS").w(" at ").time(p.r.randrange(0, 24), p.r.randrange(60))
    elif kind == 2:
        p.w("Last edited by: ").phi(user, "NAME", "audit_footer").w(" (")
        p.phi(who.full, "NAME").w(") ").date(p.day(p.r.randrange(0, 4)))
    else:
        p.w("User: ").phi(f"{c.domain.lower()}\\{user}", "NAME", "audit_footer")
        p.w(" | Workstation ").phi(c.ip, "IP_ADDRESS").w(" | Printed by ")
        p.phi(user, "NAME", "audit_footer")
    return p.w("\n")


# ----------------------------------------------------------------------------------------------
# Op notes
# ----------------------------------------------------------------------------------------------


def transcribed(p: Pen) -> None:
    """A third-party transcription service's layout: job numbers, D:/T: stamps, cc list."""
    c, pr = p.c, p.c.proc
    p.any(
        "MEDQUILL TRANSCRIPTION SERVICES", "ScribeLine Dictation Co.", "VERBATIM MEDICAL TYPING LLC"
    )
    p.w("  -  Job # ").ident("job", "OTHER_ID").w("\n")
    p.w("Client facility: ").phi(c.facility, "FACILITY").w("\n")
    p.w("PATIENT: ").name(c.patient, "ehr").w("     ")
    p.dob_spaced().w("\n")
    p.w("MR#: ").ident("mrn", "MRN").w("   ACCT#: ").ident("account", "ACCOUNT").w("\n")
    p.w("DATE OF OPERATION: ").date(c.day0).w("\n")
    p.w("SURGEON: ").name(c.surgeon, "full_mid").w(", MD   Lic. ").ident("license", "LICENSE")
    p.w("  DEA ").ident("dea", "LICENSE").w("\n")
    p.w("ASSISTANT: ").name(c.cosurgeon, "initial").w(", ").any("MD", "DO", "PA-C").w("\n\n")
    icd, wording = p.r.choice(pr.icd)
    p.w("PREOPERATIVE DIAGNOSIS:  ").w(_cap(wording), " (").keep(icd, "ICD10").w(").\n")
    p.w("OPERATION PERFORMED:  ").w(_cap(pr.title), ", CPT ").keep(pr.code, "CPT")
    p.w(".\n\nINDICATIONS:  The patient is a ").age("{}-year-old").w(" ")
    p.any("woman" if c.patient.sex == "F" else "man", "patient")
    p.w(" referred from ").phi(c.referring_facility, "FACILITY")
    p.w(" and assessed by the ").keep(p.r.choice(pr.department[:2]), "DEPARTMENT", "department")
    p.w(". Disease was staged by the ").keep(
        p.r.choice(pr.place_named), "CLASSIFICATION", "place_classification"
    )
    p.w(" and the ").keep(p.r.choice(pr.classification), "CLASSIFICATION").w(". Symptoms since ")
    p.year(c.day0.year - p.r.randrange(2, 15)).w(".\n\n")
    p.w("DESCRIPTION:  After consent, the patient was brought to the suite at ")
    p.time(p.r.randrange(7, 11), p.r.randrange(60)).w(". ")
    _drug(p, OR_DRUGS).w(" was given. The ").keep(p.r.choice(pr.sites), "SITE").w(" was prepared. ")
    p.w("The ").keep(p.r.choice(pr.product), "PRODUCT", "product_name").w(
        " was used per protocol; "
    )
    p.w("kit ").ident("kit", "DEVICE_ID", "cell_product_id").w(", lot ").ident(
        "lot", "DEVICE_ID", "cell_product_id"
    )
    p.w(". A ").keep(p.r.choice(pr.devices), "EPONYM", "device_eponym").w(" was placed. ")
    p.w("Total volume ").keep(f"{p.r.randrange(4, 40)} mL", "VOLUME").w(". Blood loss minimal. ")
    p.w("Dr. ").name(c.anesth, "last").w(" provided anesthesia.\n\n")
    p.w("DISPOSITION: To recovery; follow-up ").md(p.day(p.r.randrange(7, 21))).w(".\n\n")
    p.w("D: ").date(c.day0, "mm/dd/yy").w(" ").time(p.r.randrange(12, 20), p.r.randrange(60))
    p.w("   T: ").date(p.day(1), "mm/dd/yy").w(" ").time(p.r.randrange(6, 12), p.r.randrange(60))
    p.w("\nTranscriptionist: ").name(c.clerk, "initial").w("\ncc: ")
    p.w("Drs' ").phi(c.cosurgeon.last, "NAME", "role_title").w(" and ")
    p.phi(c.anesth.last, "NAME", "role_title").w("; ")
    p.phi(c.referring_facility, "FACILITY").w(" fax ").phone(
        c.phones["fax"], "FAX", odd=p.chance(0.5)
    ).w("\n")
    _billing(p).w("\n")
    _footer(p)


def numbered(p: Pen) -> None:
    """Numbered sections, terse, with a procedure log."""
    c, pr = p.c, p.c.proc
    p.w(p.r.choice(("OPERATIVE REPORT", "Procedure Record", "PROCEDURE NOTE")), " - ")
    p.phi(c.facility, "FACILITY").w("\n")
    p.w("Name: ").name(c.patient, p.r.choice(("last_first", "upper", "full_mid")))
    if c.patient.nick:
        p.w(' ("').phi(c.patient.nick, "NAME", "nickname").w('")')
    p.w("   Age: ").age("{}").w("   MRN ").ident("mrn", "MRN").w("\n")
    p.w("Date: ").date(c.day0).w("   Member ID ").ident("plan", "HEALTH_PLAN").w("\n\n")
    icd, wording = p.r.choice(pr.icd)
    p.w("1. Diagnosis. ").w(wording, ", ").keep(icd, "ICD10").w(".\n")
    p.w("2. Procedure. ").w(pr.title, " (").keep(pr.code, "CPT").w(")")
    if p.chance(0.6):
        p.w(", modifier ").keep(p.r.choice(MODIFIERS), "MODIFIER")
    p.w(".\n3. Team. Surgeon ").name(c.surgeon, "full").w("; ")
    p.titled(c.pa, "PA").w("; ").titled(c.nurses[0], p.r.choice(("RN", "circulating RN"))).w("; ")
    p.w("anesthesia ").name(c.anesth, "initial").w(".\n")
    p.w("4. Consent. Signed ").md(p.day(-p.r.randrange(1, 9))).w(" with ")
    rel, kin = c.relatives[0]
    p.name(rel, "full", "relation_paren").w(f" ({kin})").w(" present.\n")
    p.w("5. Prior authorization ").ident("prior_auth", "OTHER_ID", "prior_auth").w(" valid ")
    p.md_list([-p.r.randrange(10, 20), p.r.randrange(20, 60)]).w(".\n")
    p.w("6. Product. ").keep(p.r.choice(pr.product), "PRODUCT", "product_name").w(
        ", chain of identity "
    )
    p.ident("coi", "OTHER_ID", "cell_product_id").w(", received via courier waybill ")
    p.ident("waybill", "OTHER_ID", "waybill").w(" at ").time(
        p.r.randrange(5, 9), p.r.randrange(60)
    ).w(".\n")
    p.w("7. Steps. ").keep(_cap(p.r.choice(pr.sites)), "SITE").w(" prepped. ")
    _drug(p, OR_DRUGS[:2]).w(" local. ").keep(str(p.r.randrange(6, 30)), "MEASURE").w(" passes. ")
    p.keep(p.r.choice(pr.devices), "EPONYM", "device_eponym").w(" used. ")
    p.w("Duration ").keep(f"{p.r.randrange(25, 95)} min", "DURATION").w(".\n")
    p.w("8. Scores. ").keep(p.r.choice(pr.score), "SCORE", "score").w(" recorded; ")
    p.keep(p.r.choice(pr.place_named), "CLASSIFICATION", "place_classification").w(".\n")
    p.w("9. Plan. Wound check ").glued(p.r.randrange(7, 15), ("on", "@", "due")).w("; call ")
    p.phone(c.phones["office"], odd=p.chance(0.6)).w(" with concerns.\n")
    p.w("10. Signed ").name(c.surgeon, "initial").w(" ").date(c.day0).w(" NPI ").ident(
        "npi", "LICENSE"
    ).w("\n")
    _billing(p).w("\n")


def soap(p: Pen) -> None:
    """A SOAP post-procedure visit note in the surgeon's clinic."""
    c, pr = p.c, p.c.proc
    p.w("Post-procedure visit  ").date(p.day(p.r.randrange(7, 40))).w("\n")
    p.any("Pt: ", "Patient: ").name(c.patient, "full").w(", ")
    p.age(p.r.choice(("{} y", "{}yo", "age {}"))).w("  (MRN ").ident("mrn", "MRN").w(")\n")
    p.w("Procedure: ").keep(pr.code, "CPT").w(" on ").apostrophe(c.day0).w(" by ")
    p.titled(c.surgeon, "Dr.").w("\n\n")
    rel, kin = c.relatives[-1]
    p.w('S: "').any(
        "Hands feel less tight", "The drainage is less", "I can walk to the mailbox now"
    )
    p.w(", and ").name(rel, "first", "quoted_speech").w(' says I sleep better," ')
    p.w(_pronoun(c.patient), " reports. Came with ").w(
        "her " if c.patient.sex == "F" else "his ", kin, " "
    )
    p.name(rel, "first").w(". ").w("Pain ").keep(f"{p.r.randrange(0, 6)}/10", "SCORE", "score").w(
        ".\n"
    )
    p.w("O: ").keep(f"BP {p.r.randrange(100, 160)}/{p.r.randrange(55, 95)}", "MEASURE")
    p.w(", ").keep(p.r.choice(pr.sites), "SITE").w(" healing. ")
    p.keep(p.r.choice(pr.score), "SCORE", "score").w(" ").keep(
        str(p.r.randrange(2, 40)), "MEASURE"
    ).w(". ")
    p.w("Culture ").md(p.day(p.r.randrange(1, 6))).w(" grew ").keep(
        p.r.choice(ORGANISMS), "ORGANISM", "organism"
    )
    p.w(".\n")
    p.w("A: ").keep(p.r.choice(pr.icd)[0], "ICD10").w(", improving")
    if p.chance(0.7):
        p.w("; per the ").keep(p.r.choice(pr.place_named), "CLASSIFICATION", "place_classification")
        p.w(", ").any("unchanged", "better", "one grade lower", "stable")
    p.w(".\n")
    p.w("P: ")
    _drug(p, OR_DRUGS).w(". Labs on ").md_list(sorted(p.r.sample(range(40, 70), 3))).w(". ")
    p.w("Return ").date(p.day(p.r.randrange(60, 120))).w(". Questions to ")
    p.titled(c.np, "NP").w(" at ").phone(c.phones["office"], odd=p.chance(0.5)).w(".\n")
    _footer(p)


# ----------------------------------------------------------------------------------------------
# Ward and ICU notes
# ----------------------------------------------------------------------------------------------


def shift(p: Pen) -> None:
    """A lower-case telegraphic nursing shift note; header-like cues without colons."""
    c, pr = p.c, p.c.proc
    d = p.r.randrange(1, 4)
    p.any("nsg note ", "rn shift note ", "nursing 7a-7p ", "night shift ", "shift summary ")
    p.md(p.day(d)).w("\n")
    sex = "f" if c.patient.sex == "F" else "m"
    form = p.r.choice(("{} yo " + sex, "{}yo " + sex, "{} y/o", "{}" + sex))
    p.w("pt ").age(form).w(f" s/p {pr.short} ").md(c.day0).w(f", pod#{d}\n")
    p.w("neuro a&ox", p.r.choice(("3", "4", "2")), ", ")
    p.keep(p.r.choice(ICU_SCORES), "SCORE", "score").w(", c/o pain ")
    p.keep(f"{p.r.randrange(2, 8)}/10", "SCORE", "score").w(" ")
    p.keep(p.r.choice(("l", "r", "bilat")), "LATERALITY").w(" ", p.r.choice(pr.sites), ", ")
    _drug(p, PAIN_DRUGS).w(p.r.choice((" x1 w/ relief", " given, effective", " w/ some relief")))
    p.w("\ncv hr ").keep(str(p.r.randrange(60, 115)), "MEASURE").w(" bp ")
    p.keep(f"{p.r.randrange(95, 165)}/{p.r.randrange(50, 95)}", "MEASURE")
    p.w(" sat ").keep(f"{p.r.randrange(90, 100)}%", "MEASURE").w("\n")
    p.w("lda ").keep(p.r.choice(ICU_DEVICES), "EPONYM", "device_eponym")
    p.w(p.r.choice((" in place", " intact", " d/c'd this am")), "\n")
    p.w("id ucx ").md_list(sorted(p.r.sample(range(-3, d + 1), 2))).w(" + ")
    p.keep(p.r.choice(ORGANISMS), "ORGANISM", "organism").w(", on ")
    _drug(p, ICU_DRUGS).w("\n")
    # Header-like cues with no colon, then a lower-case name.
    p.any("rn ", "primary rn ", "charge rn ", "covering ").name(
        c.nurses[1], p.r.choice(("full", "first", "full_mid")), "lowercase_cue"
    )
    p.w(" / ").titled(c.rrt, p.r.choice(("rrt", "rt"))).w(" in for neb\n")
    p.any("md aware ", "np aware ", "per ", "discussed w/ ").name(c.house, "initial").w("\n")
    # A contact named once after a weak cue, then alone again and again: the first mention decides.
    friend, _kin = c.friend
    p.any("here w/ ", "visitor ", "at bedside ", "visited by ")
    p.name(friend, "first", "relative_repeat").w(p.r.choice(("", " most of day", " this pm")), "\n")
    doings = (
        "asking re d/c plan",
        "brought cpap from home",
        "stepped out",
        "wants call if changes",
        "updated re plan",
        "helped w/ meal",
        "at bedside",
        "left for night",
        "calm, supportive",
    )
    for _ in range(p.r.randrange(3, 6)):
        p.name(friend, "first", "relative_repeat").w(" ", p.r.choice(doings), "; ")
    rel, kin = c.relatives[0]
    p.w(f"\nnok {kin} ").name(rel, p.r.choice(("full", "first")), "lowercase_cue").w(" ")
    p.phone(c.phones["kin"], odd=p.chance(0.8)).w("\n")
    p.w("f/u ").any("vasc", "colorectal", "plastics", "wound clinic", "rheum")
    p.glued(d + p.r.randrange(2, 9), ("", "@", " on")).w(", labs am\n")
    p.w(p.r.choice(("signed ", "", "- ")), "").name(c.nurses[1], "initial").w(" rn\n")


def icu_progress(p: Pen) -> None:
    """An ICU day note by a house officer: events, lines, micro, plan, attestation."""
    c, pr = p.c, p.c.proc
    hd = p.r.randrange(2, 9)
    p.any("ICU Progress Note", "Critical Care Daily Note", "ICU DAY NOTE")
    p.w(" - HD#", str(hd), " - ").date(p.day(hd)).w("\n")
    p.name(c.patient, "ehr").w("   ").dob_spaced().w("   ").ident("mrn", "MRN").w("\n")
    p.any("Written by house officer ", "Author: house officer ", "Note by house officer ")
    p.name(c.house, p.r.choice(("last", "full")), "role_title").w("; seen with ")
    p.titled(c.np, "NP").w(" and ").titled(c.rrt, "RRT").w(".\n\n")
    p.w("24h events: ").any("Pressor weaned", "Febrile once", "Extubated", "Agitation overnight")
    p.w(" ").glued(hd - 1).w(". ")
    p.any("Admitted ", "Transferred in ").w("from ").phi(c.referring_facility, "FACILITY")
    p.w(" on ").apostrophe(p.day(0)).w(". OSH records list a prior angiogram ").impossible()
    p.w(".\n")
    p.w("Lines: ").keep(p.r.choice(ICU_DEVICES), "EPONYM", "device_eponym").w(" placed ")
    p.md(p.day(p.r.randrange(0, hd))).w("; ").keep(
        p.r.choice(ICU_DEVICES), "EPONYM", "device_eponym"
    )
    p.w(" ").md_list([p.r.randrange(0, 2), hd]).w(".\n")
    p.w("Micro: BCx ").md_list(sorted(p.r.sample(range(0, hd + 1), p.r.choice((2, 3)))))
    p.w(" NGTD; sputum ").keep(p.r.choice(ORGANISMS), "ORGANISM", "organism").w(".\n")
    p.w("Drips: ")
    first, second = p.r.sample(DRIPS, 2)
    p.keep(first[0], "DRUG", "drug_dose").w(" ").keep(first[1], "DOSE", "drug_dose").w(", ")
    p.keep(second[0], "DRUG", "drug_dose").w(" ").keep(second[1], "DOSE", "drug_dose").w(".\n")
    p.w("Vitals: T ").keep(f"{p.r.randrange(365, 392) / 10:.1f}", "MEASURE").w(" HR ")
    p.keep(str(p.r.randrange(55, 125)), "MEASURE").w(" MAP ").keep(
        str(p.r.randrange(58, 95)), "MEASURE"
    )
    p.w(". Neuro: ").keep(p.r.choice(ICU_SCORES), "SCORE", "score").w(".\n")
    p.w("A/P: ").age(p.r.choice(("{}yo", "{} y.o.", "{}-year-old"))).w(" s/p ").keep(pr.code, "CPT")
    p.w(" (").keep(p.r.choice(pr.icd)[0], "ICD10")
    if p.chance(0.5):
        p.w("; ").keep(p.r.choice(pr.place_named), "CLASSIFICATION", "place_classification")
    p.w("). Co-managed with ")
    p.keep(p.r.choice(CRITICAL_CARE_DEPTS), "DEPARTMENT", "department").w(" and ")
    p.keep(p.r.choice(pr.department), "DEPARTMENT", "department").w(".\n")
    rel, kin = c.relatives[0]
    p.w("Family: ").name(rel, "full_mid", "relation_paren").w(f" ({kin}, HCP) updated by phone ")
    p.phone(c.phones["kin"], odd=p.chance(0.7)).w(". ")
    if len(c.relatives) > 1:
        rel2, kin2 = c.relatives[1]
        p.name(rel2, "first", "relation_paren").w(f" ({kin2}) ")
        p.any("is driving in ", "is flying in ", "called ").city_alone("from ").w(".")
    p.w("\nAttending: seen and examined with Drs' ").phi(c.surgeon.last, "NAME", "role_title")
    p.w(" and ").phi(c.cosurgeon.last, "NAME", "role_title").w(". ")
    p.w("Plan per ").name(c.surgeon, "initial").w(".\n")
    _footer(p)


def family_meeting(p: Pen) -> None:
    """Social work / spiritual care note: relatives, quoted speech, preferred names, home town."""
    c = p.c
    role, sp = c.spiritual
    k = p.r.randrange(1, 10)
    p.any("Social Work Note", "SPIRITUAL CARE / SOCIAL WORK", "Family Meeting Note").w("  ")
    p.date(p.day(k)).w("\n")
    p.w("Patient ").name(c.patient, p.r.choice(("full", "full_mid")))
    nick = c.patient.nick or p.r.choice(("Sunny", "Gigi", "Tavo", "Mags", "Duke"))
    opener, closer = p.r.choice(((', who prefers "', '",'), (' (goes by "', '")'), (' "', '"')))
    p.w(opener).phi(nick, "NAME", "nickname").w(closer).w(" is a ")
    p.age(p.r.choice(("{}-year-old", "{} year old", "{} y/o"))).w(". ")
    p.any("Pt ", "Patient ", "").city_alone().w(". ")
    rel, kin = c.relatives[0]
    p.any("Home is ", "Address on file: ").address().w(f", shared with {kin}.\n")
    p.w("Present: ").name(rel, "full", "relation_paren").w(f" ({kin})")
    for rel2, kin2 in c.relatives[1:]:
        p.w(", ").name(rel2, p.r.choice(("full", "first")), "relation_paren").w(f" ({kin2})")
    p.w(", ").w(role, " ").name(sp, "last", "role_title").w(", and ")
    p.titled(c.nurses[0], "RN").w(".\n\n")
    # Weak cue first ("accompanied by"), then the first name alone many times.
    friend, fkin = c.friend
    p.any("Pt was accompanied by ", "Pt came in with ", "Also here today: ", "Visiting with ")
    p.name(friend, "first", "relative_repeat").w(". ")
    doings = (
        "asked about rehab options.",
        "will handle the mail.",
        "feels overwhelmed.",
        "has the spare key.",
        "agrees with comfort-focused goals.",
        "will call tonight.",
        "can stay through the weekend.",
        "is not the decision maker.",
    )
    for _ in range(p.r.randrange(3, 6)):
        p.name(friend, "first", "relative_repeat").w(" ", p.r.choice(doings), " ")
    p.w(f"(Pt describes them as a {fkin}.)\n")
    p.w('Pt said: "').any("Ask ", "Call ", "Tell ").name(friend, "first", "quoted_speech")
    p.w(p.r.choice((', they know my pills."', ' first."', ', I trust them."')), " ")
    p.any("Later: ", "And: ", "To the team: ").w('"').name(rel, "first", "quoted_speech")
    p.w(p.r.choice((" can decide if I can't.\"", ' has my papers."', ' is my person."')), "\n")
    p.w(role.capitalize(), " ").name(sp, "last", "role_title").w(" will return ")
    p.md(p.day(k + p.r.randrange(1, 7))).w(". Contact ").name(rel, "first").w(" at ")
    p.phone(c.phones["kin"], odd=p.chance(0.6)).w(" or ").phi(c.email, "EMAIL").w(".\n")
    p.w("Transport: ").any("family drives", "medical van", "county transit").w("; vehicle plate ")
    p.ident("plate", "VEHICLE_ID").w(" on file. Referral to ")
    p.phi(f"{c.home.county} County", "COUNTY").w(" aging services.\n")
    p.w("SW ").name(c.clerk, "initial").w(", ").keep(
        "Department of Social Work", "DEPARTMENT", "department"
    )
    p.w("\n")


def coi_record(p: Pen) -> None:
    """A cell-therapy lab's chain-of-identity record, pasted from a registration screen."""
    c, pr = p.c, p.c.proc
    p.keep(
        p.r.choice(("Cell Therapy Lab", "Cellular Therapy Laboratory", "Stem Cell Processing")),
        "DEPARTMENT",
        "department",
    )
    p.w(" - Chain of Identity / Custody\n")
    p.w("Recipient :  ").name(c.patient, "ehr").w("\n")
    p.dob_spaced().w("   Age :  ").age("{}").w("   SSN :  ").ident("ssn", "SSN").w("\n")
    p.w("Home :  ").address(one_line=p.chance(0.5)).w("\n")
    p.w("Phone :  ").phone(c.phones["home"], odd=p.chance(0.5)).w("   Cell :  ")
    p.phone(c.phones["cell"], odd=p.chance(0.5)).w("\n")
    p.w("Encounter :  ").ident("account", "ACCOUNT").w("   Member :  ").ident("plan", "HEALTH_PLAN")
    p.w("\nPayer prior auth # ").ident("prior_auth", "OTHER_ID", "prior_auth").w(" (")
    p.md_list([-p.r.randrange(5, 30), p.r.randrange(30, 90)]).w(")\n")
    p.w("Product :  ").keep(p.r.choice(pr.product), "PRODUCT", "product_name").w("\n")
    p.w("COI :  ").ident("coi", "OTHER_ID", "cell_product_id").w("   DIN :  ").ident(
        "din", "OTHER_ID", "cell_product_id"
    )
    p.w("\nKit :  ").ident("kit", "DEVICE_ID", "cell_product_id").w("   Lot :  ").ident(
        "lot", "DEVICE_ID", "cell_product_id"
    )
    p.w("   Device :  ").ident("serial", "DEVICE_ID").w("\n")
    p.w("Shipped ").md(p.day(-1)).w(" via courier, waybill ").ident(
        "waybill", "OTHER_ID", "waybill"
    )
    p.w(", received ").time(p.r.randrange(5, 10), p.r.randrange(60)).w(" by ").titled(
        c.nurses[2], "RN"
    ).w("\n")
    p.w("Viability ").keep(f"{p.r.randrange(70, 99)}%", "MEASURE").w(", dose ")
    p.keep(f"{p.r.randrange(10, 120)} x 10^6 cells", "DOSE", "drug_dose").w(" in ")
    p.keep(f"{p.r.randrange(4, 24)} mL", "VOLUME").w("\n")
    p.w("Verified at bedside by ").titled(c.pa, "PA").w(" and ").titled(c.nurses[0], "RN").w(" ")
    p.date(c.day0).w("\n")
    p.w("Release report faxed to ").phone(c.phones["fax"], "FAX", odd=p.chance(0.4)).w(" (")
    p.phi(c.referring_facility, "FACILITY").w(")\n")
    _billing(p).w("\n")
    _footer(p)


def imaging(p: Pen) -> None:
    """A radiology report with DICOM identifiers and a study accession."""
    c, pr = p.c, p.c.proc
    exam = {
        "0489T": "XR BILATERAL HANDS 3+ VIEWS",
        "0748T": "MRI PELVIS FISTULA PROTOCOL",
        "0263T": "CTA RUNOFF BILATERAL LOWER EXTREMITIES",
    }[pr.code]
    p.w(exam, "\n")
    p.w("Patient: ").name(c.patient, p.r.choice(("ehr", "last_first"))).w("   MRN: ").ident(
        "mrn", "MRN"
    ).w("\n")
    p.w("Accession: ").ident("accession", "OTHER_ID").w("\n")
    p.w("Study Instance UID: ").ident("dicom", "OTHER_ID", "dicom_uid").w("\n")
    p.w("Exam date: ").date(p.day(-p.r.randrange(3, 40))).w("   Ordering: ")
    p.titled(c.surgeon, "Dr.", "full").w("\n")
    p.w("Performed at ").phi(c.facility, "FACILITY").w(", ")
    p.keep(
        p.r.choice(("Department of Radiology", "Interventional Radiology", "Imaging Services")),
        "DEPARTMENT",
        "department",
    )
    p.w("\n\nCOMPARISON: ").apostrophe(p.day(-p.r.randrange(200, 700))).w(".\n")
    p.w("FINDINGS: ")
    if pr.code == "0748T":
        p.keep(p.r.choice(pr.classification), "CLASSIFICATION").w(" tract, ")
        p.keep(f"{p.r.randrange(10, 45)} mm", "MEASURE").w(", no abscess. ")
        p.keep(p.r.choice(pr.place_named), "CLASSIFICATION", "place_classification").w(" grade ")
        p.keep(str(p.r.randrange(1, 5)), "MEASURE").w(". ").keep(
            p.r.choice(pr.devices), "EPONYM", "device_eponym"
        )
        p.w(" in situ.\n")
    elif pr.code == "0263T":
        p.keep(p.r.choice(("left", "right")), "LATERALITY").w(" SFA occlusion, ")
        p.keep(f"{p.r.randrange(5, 25)} cm", "MEASURE").w(". ")
        stage, grade = p.r.choice(
            (("TASC II class", "D"), ("Rutherford category", "5"), ("Fontaine stage", "IV"))
        )
        p.keep(stage, "CLASSIFICATION").w(" ").keep(grade, "MEASURE").w(". ")
        p.keep(p.r.choice(pr.place_named), "CLASSIFICATION", "place_classification")
        p.w(" reviewed.\n")
    else:
        p.w("Acro-osteolysis of the ").keep(p.r.choice(("left", "right")), "LATERALITY")
        p.w(" 2nd distal phalanx; calcinosis ").keep(f"{p.r.randrange(2, 9)} mm", "MEASURE")
        p.w(". ").keep(p.r.choice(pr.place_named), "CLASSIFICATION", "place_classification").w(
            " pending.\n"
        )
    p.w("IMPRESSION: Correlate with ").keep(p.r.choice(pr.score), "SCORE", "score").w(".\n")
    p.w("Dictated by ").name(c.anesth if p.chance(0.2) else c.clerk, "initial").w(", MD  ")
    p.w("\nSeries UID ").phi(f"{c.ids['dicom']}.{p.r.randrange(1, 9)}", "OTHER_ID", "dicom_uid")
    p.w("\n")
    p.w("Report URL ").phi(
        f"https://pacs.{c.domain.lower()}-imaging.org/r/{c.ids['accession']}", "URL"
    ).w("\n")
    _footer(p)


def sbar(p: Pen) -> None:
    """A nurse-to-nurse SBAR handoff: terse lines, contacts after cues without colons."""
    c, pr = p.c, p.c.proc
    d = p.r.randrange(0, 5)
    p.any("RN handoff (SBAR) ", "SBAR report ", "Bedside handoff ").md(p.day(d)).w(" ")
    p.time(p.r.choice((7, 19)), 0).w("\n")
    cue = "lowercase_cue" if p.d.lower else None  # the class is about lower-case names
    p.w("report given to ").name(c.nurses[2], p.r.choice(("first", "full")), cue)
    p.w(" by ").name(c.nurses[1], "initial").w("\n")
    p.w("S pt ").name(c.patient, p.r.choice(("full", "last")))
    if c.patient.nick and p.chance(0.6):
        p.w(' "').phi(c.patient.nick, "NAME", "nickname").w('"')
    p.w(", ").age(p.r.choice(("{}y", "{} yo", "{}yo"))).w(f", pod {d} {pr.short}\n")
    p.w("B hx ").keep(p.r.choice(pr.icd)[0], "ICD10").w(" dx in ").year(
        c.day0.year - p.r.randrange(2, 20), True
    )
    p.w(", ").city_alone(p.r.choice(("from ", "lives in "))).w(", ")
    p.keep(p.r.choice(pr.department), "DEPARTMENT", "department").w(" following\n")
    p.w("A t ").keep(f"{p.r.randrange(362, 390) / 10:.1f}", "MEASURE").w(" hr ")
    p.keep(str(p.r.randrange(58, 118)), "MEASURE").w(" rr ").keep(
        str(p.r.randrange(12, 28)), "MEASURE"
    )
    p.w(" spo2 ").keep(f"{p.r.randrange(90, 100)}%", "MEASURE").w(", ")
    p.keep(p.r.choice(DRAINS), "EPONYM", "device_eponym").w(" draining, ")
    p.keep(p.r.choice(ICU_SCORES), "SCORE", "score").w(", prn ")
    _drug(p, PAIN_DRUGS).w(" last ").time(p.r.randrange(0, 24), p.r.choice((0, 15, 30, 45))).w("\n")
    p.w("wound cx ").md_list(sorted(p.r.sample(range(-4, d + 1), 2))).w(" ")
    p.keep(p.r.choice(ORGANISMS), "ORGANISM", "organism").w(" sensitive\n")
    p.w("R labs ").md_list(sorted(p.r.sample(range(d + 1, d + 6), p.r.choice((2, 3))))).w(", ")
    p.any("pt ed re", "f/u", "dressing chg").glued(d + p.r.randrange(1, 6), ("", "@", " on", " q"))
    p.w("\n")
    rel, kin = c.relatives[-1]
    p.any("primary contact ", "contact ", "call first ").name(rel, "first", cue)
    p.w(f" ({kin}) ").phone(c.phones["kin"], odd=p.chance(0.75))
    if len(c.relatives) > 1:
        other, okin = c.relatives[0]
        p.w("; also ").name(other, "full", "relation_paren").w(f" ({okin})")
    p.w("\n").any("pa ", "covering pa ", "on call pa ").name(c.pa, "last", "role_title")
    p.w(", ").w(c.spiritual[0], " ").name(c.spiritual[1], "last", "role_title").w(" visited\n")


OP_STYLES: dict[str, Callable[[Pen], None]] = {
    "transcribed": transcribed,
    "numbered": numbered,
    "soap": soap,
}
WARD_STYLES: dict[str, Callable[[Pen], None]] = {
    "shift": shift,
    "icu_progress": icu_progress,
    "family_meeting": family_meeting,
    "coi_record": coi_record,
    "imaging": imaging,
    "sbar": sbar,
}
STYLES: dict[str, Callable[[Pen], None]] = {**OP_STYLES, **WARD_STYLES}
LOWER_CASE_STYLES = frozenset({"shift"})
# Styles some units type entirely in lower case; the note's style gets a ``+lower`` suffix.
MAYBE_LOWER_STYLES = frozenset({"sbar", "icu_progress", "family_meeting"})
# Styles often pasted from an EHR screen; the note's style gets a ``+spacing`` suffix.
PASTED_STYLES = frozenset({"coi_record", "icu_progress", "imaging", "transcribed"})
