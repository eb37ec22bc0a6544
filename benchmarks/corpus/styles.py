"""Note styles: each writes one kind of document a coder receives, over one case."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from benchmarks.corpus import clinical as C
from benchmarks.corpus import procs
from benchmarks.corpus.builder import K, P, Piece
from benchmarks.corpus.identity import Person
from benchmarks.corpus.writer import Writer

Field = tuple[tuple[str, ...], list[Piece]]


def header(w: Writer, fields: list[Field], columns: int | None = None) -> None:
    """'LABEL: value' lines, one or two fields a line, labels in one of their usual spellings."""
    columns = columns or w.pick(1, 1, 2)
    upper = w.maybe(0.5)
    sep = w.pick(": ", ": ", ":  ", " ", ":\t")
    for i, (labels, value) in enumerate(fields):
        label = w.pick(*labels)
        label = label.upper() if upper else label
        w.b.add(label, sep, value)
        last = i == len(fields) - 1
        w.b.add("\n" if columns == 1 or i % 2 == 1 or last else w.pick("    ", "\t", "   |   "))


def patient_fields(w: Writer, extra: bool = True) -> list[Field]:
    p = w.p
    fields: list[Field] = [
        (("Patient", "Patient Name", "Name", "PATIENT NAME", "Pt"), [w.R.header_name(w.pp)]),
        (("MRN", "MR#", "Med Rec #", "Medical Record No.", "MRN#", "Hosp #"), [P(p.mrn, "MRN")]),
        (("DOB", "Date of Birth", "D.O.B.", "Birth Date"), [w.date(p.dob)]),
    ]
    if extra:
        if w.maybe(0.6):
            fields.append(
                (("Account #", "Acct", "FIN", "Acct No", "Visit #"), [P(p.account, "ACCOUNT")])
            )
        if w.maybe(0.4):
            fields.append((("Encounter", "CSN", "Enc #"), [P(p.encounter, "ACCOUNT")]))
        if w.maybe(0.5):
            fields.append(
                (
                    ("Age", "AGE/SEX", "Age/Sex"),
                    [
                        *w.age(w.pick("", " yrs", "y")),
                        w.pick("", " F" if w.pp.sex == "F" else " M"),
                    ],
                )
            )
    return fields


def signature(w: Writer, who: Person, d: dt.date | None = None, key: str = "close") -> None:
    d = d or w.c.dos
    w.b.add("\n")
    form = w.rng.randrange(4)
    if form == 0:
        w.b.line(
            "Electronically signed by ", w.R.signed(who), " on ", w.date(d), " at ", w.at(key, 60)
        )
    elif form == 1:
        w.b.line("_______________________________\n", w.R.signed(who))
        w.b.line("Signed: ", w.date(d), " ", w.at(key, 45))
    elif form == 2:
        w.b.line(
            "E-signed: ",
            w.name(who, "caps_last_first"),
            f" {who.credential}".rstrip(),
            "  ",
            w.date(d),
            " ",
            w.at(key, 90),
        )
    else:
        w.b.line("Attested by ", w.R.signed(who), ", ", w.date(d))
    if who.npi and w.maybe(0.55):
        w.b.line("NPI: ", P(who.npi, "LICENSE"), w.pick("", ["  Taxonomy: ", w.tax(who.taxonomy)]))


# -- 1. dictated operative report ------------------------------------------------------------


def dictated_op(w: Writer) -> None:
    c, b = w.c, w.b
    if w.maybe(0.7):
        b.line(P(c.facility.name, "FACILITY"))
        if w.maybe(0.5):
            b.line(w.R.address(c.facility.place, oneline=True))
    b.line(
        w.pick(
            "OPERATIVE REPORT", "OPERATIVE NOTE", "Operative Report", "PROCEDURE NOTE", "OP NOTE"
        ),
        "\n",
    )
    fields = patient_fields(w)
    fields += [
        (
            ("Date of Service", "DOS", "Date of Procedure", "Date of Surgery", "Surgery Date"),
            [w.date(c.dos)],
        ),
        (("Surgeon", "Attending Surgeon", "Primary Surgeon", "Attending"), w.provider(c.surgeon)),
        (("Assistant", "Assistant Surgeon", "First Assistant", "Assist"), w.provider(c.assistant)),
        (
            ("Anesthesiologist", "Anesthesia Provider", "Anesthesia Staff"),
            w.provider(c.anesthesiologist),
        ),
    ]
    if w.maybe(0.7):
        fields.append(
            (("Referring Physician", "Referring", "Referred by", "PCP"), w.dr(c.referring))
        )
    if w.maybe(0.4):
        fields.append((("Location", "Unit", "Facility"), [P(c.facility.ward, "FACILITY")]))
    header(w, fields)
    b.add("\n")
    dx = c.dx
    b.line(
        w.pick(
            "PREOPERATIVE DIAGNOSIS",
            "PRE-OPERATIVE DIAGNOSES",
            "Preoperative Diagnosis",
            "PREOP DX",
        ),
        ":",
    )
    for i, (code, desc) in enumerate(dx, 1):
        b.line(f"{i}. ", w.dx(code, desc))
    b.line(
        w.pick("POSTOPERATIVE DIAGNOSIS", "POST-OPERATIVE DIAGNOSES", "Postoperative Diagnosis"),
        ": ",
        w.pick("Same.", "Same as above.", "Same"),
    )
    b.line(
        "\n",
        w.pick("PROCEDURE(S) PERFORMED", "PROCEDURES", "OPERATION PERFORMED", "Procedure"),
        ":",
    )
    for i, line in enumerate(procs.proc_lines(w), 1):
        b.line(f"{i}. ", line)
    b.add("\n")
    header(
        w,
        [
            (("ANESTHESIA", "Anesthesia"), procs.anesthesia(w)),
            (("ESTIMATED BLOOD LOSS", "EBL"), [w.vol(f"{c.n['ebl']} mL")]),
            (
                ("IV FLUIDS", "Fluids"),
                [
                    w.vol(f"{c.n['fluids']} mL"),
                    " ",
                    w.drug(w.pick("LR", "lactated Ringer's", "crystalloid")),
                ],
            ),
            (("SPECIMENS", "Specimen"), procs.specimens(w)),
            (("COMPLICATIONS", "Complications"), [w.pick("None.", "None apparent.", "None")]),
            (
                ("CONDITION", "Disposition"),
                [w.pick("Stable to PACU.", "Stable.", "To recovery in good condition.")],
            ),
        ],
        columns=1,
    )
    b.line("\n", w.pick("INDICATIONS", "INDICATIONS FOR PROCEDURE", "Indications", "HISTORY"), ":")
    b.line(procs.indication(w))
    b.line(
        "\n",
        w.pick("DESCRIPTION OF PROCEDURE", "PROCEDURE IN DETAIL", "OPERATIVE TECHNIQUE", "Details"),
        ":",
    )
    procs.description(w)
    b.line("\n", w.pick("FINDINGS", "Findings"), ": ", procs.findings(w))
    if w.maybe(0.6):
        b.line(
            "\n",
            w.pick(
                ["I was present and scrubbed for the entire procedure. "],
                [
                    w.dr(c.assistant),
                    " assisted throughout; an assistant was necessary for retraction and "
                    "cell handling (modifier ",
                    w.pick(w.cpt_mod("0263T", "80")[2], w.cpt_mod("0263T", "82")[2]),
                    ").",
                ],
            ),
        )
    if w.maybe(0.5):
        b.line(
            "\nDISPOSITION: Discharge home with ",
            w.c.patient.relatives[0][0],
            " ",
            w.name(w.c.patient.relatives[0][1], w.pick("full", "first")),
            ". Follow up with ",
            w.dr(c.surgeon),
            " in ",
            *_follow_up_in(w),
            ").",
        )
    signature(w, c.surgeon)
    if w.maybe(0.6):
        b.line(
            "D: ",
            w.date(c.dos),
            " ",
            w.at("close", 30),
            "  T: ",
            w.date(w.days(1)),
            " ",
            w.at("in_room", -60),
            w.pick("", ["  Job #: ", P(c.job_number, "OTHER_ID")]),
        )
        b.line(
            w.pick(
                [
                    P((c.surgeon.first[0] + c.surgeon.last[0]).lower(), "NAME"),
                    "/",
                    P((c.transcriptionist.first[0] + c.transcriptionist.last[0]).lower(), "NAME"),
                ],
                ["Transcribed by: ", w.name(c.transcriptionist, w.pick("full", "initials"))],
            )
        )
    if w.maybe(0.55):
        b.line(
            "cc: ",
            w.dr(c.referring),
            w.pick("", [", ", P(c.referring_facility.name, "FACILITY")]),
            w.pick("", ["; fax ", w.R.phone(c.referring_facility.fax, "FAX")]),
        )
        if w.maybe(0.4):
            b.line("    ", w.dr(c.pcp))


def _follow_up_in(w: Writer) -> list[Piece]:
    label, days = w.pick(("1 week", 7), ("2 weeks", 14), ("10 days", 10), ("3 weeks", 21))
    return [w.dur(label), " (", w.date(w.days(days))]


# -- 2. brief op note ------------------------------------------------------------------------


def brief_op(w: Writer) -> None:
    c, b = w.c, w.b
    b.line(
        w.pick(
            "Brief Operative Note",
            "BRIEF OP NOTE",
            "Immediate Post-Procedure Note",
            "Brief Procedure Note",
        )
    )
    header(
        w,
        [
            (("Date", "Date of procedure"), [w.date(c.dos)]),
            (
                ("Patient", "Pt"),
                [
                    w.name(w.pp, w.pick("full", "last_comma_first")),
                    " (MRN ",
                    P(w.p.mrn, "MRN"),
                    ")",
                ],
            ),
            (("Surgeon", "Proceduralist"), w.provider(c.surgeon)),
            (("Assistant(s)", "Asst"), [*w.provider(c.assistant)]),
            (("Pre-op dx", "Preop diagnosis"), w.dx(*c.dx[0])),
            (("Post-op dx", "Postop diagnosis"), ["same"]),
            (
                ("Procedure", "Procedure(s)"),
                [
                    w.cpt_mod(
                        c.proc.code,
                        *(["RT" if c.side == "right" else "LT"] if c.proc.code == "0263T" else []),
                    ),
                    " ",
                    procs.brief(w),
                ],
            ),
            (("Anesthesia",), procs.anesthesia(w)),
            (("EBL",), [w.vol(f"{c.n['ebl']} mL")]),
            (("Specimens",), procs.specimens(w)),
            (("Findings",), procs.findings(w)),
            (("Complications",), ["none"]),
            (("Disposition",), ["PACU, stable, at ", w.at("out_room")]),
            (("Codes", "Charges", "CPT"), charge_codes(w)),
        ],
        columns=1,
    )
    signature(w, c.surgeon, key="out_room")


def charge_codes(w: Writer) -> list[Piece]:
    """The CPT/HCPCS line with the modifiers a coder would expect for this case."""
    c = w.c
    if c.proc.code == "0489T":
        mod = "50" if c.side == "bilateral" and w.maybe(0.5) else w.pick("51", "52", "59")
        return [w.cpt("0489T"), ", ", w.cpt_mod("0490T", mod)]
    if c.proc.code == "0748T":
        mods = w.pick([], ["22"], ["52"])
        return [w.cpt_mod("0748T", *mods), ", ", w.hcpcs(w.pick("J3590", "C9399")), " x1"]
    side = "RT" if c.side == "right" else "LT"
    extra = w.pick([], ["80"], ["82"], ["62"], ["22"])
    return [w.cpt_mod("0263T", side, *extra)]


# -- 3. pre-op nursing -----------------------------------------------------------------------


def preop_nursing(w: Writer) -> None:
    c, b, p = w.c, w.b, w.p
    rel, person = p.relatives[0]
    b.line(
        w.pick("PRE-OPERATIVE NURSING ASSESSMENT", "Preop Nursing Note", "Pre-Procedure Checklist")
    )
    b.line(P(c.facility.name, "FACILITY"), w.pick("", [" - ", P(c.facility.ward, "FACILITY")]))
    header(w, patient_fields(w, extra=False))
    b.add("\n")
    b.line(
        "Arrived at ",
        w.at("arrival"),
        " ",
        w.pick("ambulatory", "via wheelchair"),
        ", accompanied by ",
        rel,
        " ",
        w.name(person, w.pick("full", "first")),
        " (cell ",
        w.R.phone(person.phone),
        "). ID band verified with name and DOB. ",
        "NPO since ",
        w.at("arrival", -600),
        ". ",
    )
    b.line(
        "Allergies: ",
        [w.drug(c.allergy[0]), f" ({c.allergy[1]})"] if c.allergy else "NKDA",
        ". Home meds: ",
        [[w.drug(m), " ", w.dose(d), "; "] for m, d in c.home_meds],
        "last dose ",
        w.drug(c.home_meds[0][0]),
        " ",
        w.pick(
            [w.R.date_no_year(w.days(-1))],
            ["last night"],
            ["this morning at ", w.at("arrival", -120)],
        ),
        ".",
    )
    b.line("VS: ", w.vitals(), ". Pain ", w.pain(), ". Wt ", w.meas(f"{c.n['weight']} kg"), ".")
    b.line(
        "Consent for ",
        w.cpt(c.proc.code),
        " ",
        w.limb(),
        " signed and witnessed by ",
        w.name(c.nurses[0], "full"),
        ", RN. Site marked by ",
        w.dr(c.surgeon),
        ". ",
        w.pick("Pre-op abx: ", "Antibiotic: "),
        w.drug("cefazolin"),
        " ",
        w.dose("2 g"),
        " IV at ",
        w.at("preop_abx"),
        ". IV ",
        w.meas("20g"),
        " ",
        w.side(w.pick("left", "right")),
        " forearm by ",
        w.name(c.nurses[2], w.pick("full", "first_mi_last")),
        ".",
    )
    if w.maybe(0.55):
        b.line(
            "Belongings (glasses, phone, car keys) given to ",
            rel,
            ". ",
            w.pick(
                ["Vehicle in garage, plate ", P(p.plate, "VEHICLE_ID"), "."],
                [
                    "Valet ticket for car, plate ",
                    P(p.plate, "VEHICLE_ID"),
                    w.pick("", [", VIN ", P(p.vin, "VEHICLE_ID")]),
                    ".",
                ],
            ),
        )
    b.line(
        "Ride home: ",
        rel,
        " ",
        w.name(person, w.pick("full", "first")),
        ", ",
        w.R.phone(person.phone),
        ". ",
        "Post-op contact: home ",
        w.R.phone(p.home_phone),
        ".",
    )
    b.line(
        "\n",
        w.name(c.nurses[0], w.pick("full", "first_mi_last", "initial_last")),
        ", RN  ",
        w.date(c.dos),
        " ",
        w.at("arrival", 25),
    )


# -- 4. PACU nursing -------------------------------------------------------------------------


def pacu_nursing(w: Writer) -> None:
    c, b, p = w.c, w.b, w.p
    rel, person = p.relatives[-1]
    b.line(w.pick("PACU NURSING NOTE", "Post-Anesthesia Care Unit Record", "PACU Progress Note"))
    b.line(w.name(w.pp, "caps_last_first"), "  ", P(p.mrn, "MRN"), "  ", w.date(c.dos))
    b.line(
        w.at("pacu_in"),
        " Received from OR ",
        str(c.n["or_room"]),
        " with ",
        w.dr(c.anesthesiologist),
        "; report from ",
        w.name(c.crna, w.pick("full", "first")),
        ", CRNA. ",
        w.pick("Drowsy, arousable.", "Awake, oriented."),
        " VS ",
        w.vitals(),
        ".",
    )
    b.line(
        w.at("pacu_in", 15),
        " Pain ",
        w.pain("pain_post"),
        " at ",
        w.pick("donor site", "injection sites", "operative site"),
        "; ",
        _analgesic(w, C.ANALGESICS_IV),
        " IV given. Dressing to ",
        w.limb(),
        " ",
        w.pick("clean, dry and intact", "CDI", "with scant drainage"),
        ".",
    )
    b.line(
        w.at("pacu_in", 40),
        " Aldrete ",
        w.meas(w.pick("9/10", "10/10")),
        ". Tolerating PO. Voided. ",
        w.pick(
            ["Pulses ", w.ep("Doppler"), " present ", w.limb(short=True), "."],
            ["Capillary refill brisk."],
            "",
        ),
    )
    b.line(
        w.at("pacu_out"),
        " Discharge criteria met. Instructions reviewed with patient and ",
        rel,
        " ",
        w.name(person, w.pick("full", "first", "lower")),
        ", who will drive. ",
        w.pick(
            [
                "Call ",
                w.R.phone(c.facility.phone),
                " with fever over ",
                w.meas("38.5 C"),
                " or bleeding.",
            ],
            ["After-hours line ", w.R.phone(c.facility.phone), "."],
        ),
        " Follow-up with ",
        w.dr(c.surgeon),
        " on ",
        w.date(w.days(int(c.n["pod_visit"]))),
        ".",
    )
    b.line(w.name(c.nurses[2], w.pick("full", "initial_last")), ", RN")


# -- 5. postoperative visit ------------------------------------------------------------------


def postop_visit(w: Writer) -> None:
    c, b = w.c, w.b
    visit = w.days(int(c.n["pod_visit"]))
    b.line(
        P(c.facility.name, "FACILITY"),
        w.pick("", [" | ", c.proc.specialty if c.proc.code != "0489T" else "Plastic Surgery"]),
    )
    b.line(
        w.pick(
            "POSTOPERATIVE VISIT",
            "Post-op Follow-up",
            "Office Visit - Global Period",
            "PROGRESS NOTE",
        )
    )
    fields = patient_fields(w)
    fields.append((("Visit date", "Date of visit", "DOS"), [w.date(visit)]))
    fields.append((("Provider",), w.provider(w.pick(c.surgeon, c.assistant))))
    header(w, fields)
    b.add("\n")
    b.line(
        "S: ",
        w.age(),
        " ",
        w.pick("F", "female") if w.pp.sex == "F" else w.pick("M", "male"),
        " seen ",
        w.pick(["POD ", str(c.n["pod_visit"])], ["on postoperative day ", str(c.n["pod_visit"])]),
        " after ",
        w.cpt(c.proc.code),
        " (",
        procs.brief(w),
        ") on ",
        w.date(c.dos),
        ". ",
        w.pick(
            "Doing well.",
            "Reports improvement.",
            "Mild soreness at the harvest site.",
            "No fevers or chills.",
        ),
        " Accompanied by ",
        p_rel(w),
        ".",
    )
    b.line("O: ", w.vitals(), ". ", procs.followup_exam(w))
    b.line(
        "A: s/p ",
        w.cpt(c.proc.code),
        ", ",
        w.dx(*c.dx[0]),
        ", ",
        w.pick("healing well", "expected course"),
        ".",
    )
    b.line("P: ", procs.plan(w), " Global period visit, CPT ", w.cpt("99024"), ".")
    signature(w, c.surgeon, visit)


def p_rel(w: Writer) -> list[Piece]:
    rel, person = w.rng.choice(w.p.relatives)
    return [w.her, " ", rel, " ", w.name(person, w.pick("full", "first"))]


# -- 6. addendum -----------------------------------------------------------------------------


def addendum(w: Writer) -> None:
    c, b = w.c, w.b
    when = w.days(w.rng.randrange(1, 12))
    b.line(w.pick("ADDENDUM", "Addendum to Operative Report", "LATE ENTRY / ADDENDUM"))
    b.line(
        "Patient: ",
        w.R.header_name(w.pp),
        "   MRN: ",
        P(w.p.mrn, "MRN"),
        "   Procedure date: ",
        w.date(c.dos),
    )
    b.line("Addendum date: ", w.date(when), " ", w.at("in_room", 240), "\n")
    options = [
        [
            "The device and lot identifiers were omitted from the original report: ",
            w.prod("Celution" if c.proc.code == "0489T" else "SmartPReP 2")
            if c.proc.code != "0748T"
            else w.prod("Alofisel"),
            " ",
            w.pick("serial", "S/N"),
            " ",
            P(c.device_serial, "DEVICE_ID"),
            ", UDI ",
            P(c.udi, "DEVICE_ID"),
            ", cell lot ",
            P(c.cell_lot, "DEVICE_ID"),
            ".",
        ],
        [
            "Correction: the procedure was performed on the ",
            w.limb(),
            "; the charge should read ",
            w.cpt_mod(c.proc.code, "RT" if c.side == "right" else "LT"),
            ". ICD-10 ",
            w.icd(c.dx[0][0]),
            " unchanged.",
        ],
        [
            "Assistant ",
            w.dr(c.assistant),
            " (NPI ",
            P(c.assistant.npi, "LICENSE"),
            ") was present for the entire case; please add modifier ",
            w.cpt_mod(c.proc.code, w.pick("80", "82"))[2],
            ".",
        ],
        [
            "Procedure was prolonged by ",
            w.dur(f"{w.rng.randrange(35, 90)} minutes"),
            " because of dense fibrosis; modifier ",
            w.cpt_mod(c.proc.code, "22")[2],
            " requested. Operative time ",
            w.at("incision"),
            " to ",
            w.at("close"),
            ".",
        ],
        [
            "Returned to the OR on ",
            w.date(when),
            " for hematoma evacuation at the harvest site by ",
            w.dr(c.surgeon),
            "; bill with modifier ",
            w.cpt_mod(c.proc.code, "78")[2],
            ".",
        ],
        [
            "Injections were limited to ",
            w.pick("half of the planned sites", "one hand", "the calf"),
            " because of hypotension; modifier ",
            w.cpt_mod(c.proc.code, "52")[2],
            " applies.",
        ],
        [
            "Co-surgeon ",
            w.dr(c.referring),
            " performed the harvest (modifier ",
            w.cpt_mod(c.proc.code, "62")[2],
            ").",
        ],
        [
            "Pathology (accession ",
            P(c.accession, "OTHER_ID"),
            ", read by ",
            w.dr(c.pcp),
            " on ",
            w.date(when),
            "): ",
            w.pick(
                "granulation tissue, no granulomas", "benign fibroadipose tissue", "no malignancy"
            ),
            ".",
        ],
        [
            "Enrolled in registry study ",
            P(c.study_id, "OTHER_ID"),
            "; coordinator ",
            w.name(c.nurses[1], "full"),
            ", ",
            w.R.phone(c.nurses[1].phone or c.facility.phone),
            ", ",
            P(c.nurses[1].email or w.c.surgeon.email, "EMAIL"),
            ".",
        ],
    ]
    for item in w.rng.sample(options, w.rng.randrange(2, 4)):
        b.line(item)
    signature(w, c.surgeon, when)


# -- 7. telegraphic progress note ------------------------------------------------------------


def telegraphic(w: Writer) -> None:
    c, b, p = w.c, w.b, w.p
    rel, person = p.relatives[0]
    b.line(
        w.pick("pod#1 note", "Progress note", "POD 1 call", "f/u note", "Surg progress"),
        " ",
        w.date(w.days(1)),
        " ",
        w.at("in_room", -90),
    )
    b.line(
        "pt ",
        w.name(w.pp, w.pick("lower", "full", "last")),
        " ",
        w.age(w.pick("yo", " yo", "y")),
        w.pick("f", "F") if w.pp.sex == "F" else w.pick("m", "M"),
        " s/p ",
        w.cpt(c.proc.code),
        " ",
        procs.brief(w),
        " ",
        w.R.date_no_year(c.dos),
        " w/ ",
        w.dr(c.surgeon),
        ".",
    )
    b.line(
        "c/o ",
        w.pick("mild pain donor site", "soreness", "no complaints"),
        ", pain ",
        w.pain("pain_post"),
        ". ",
        "VSS, afebrile. ",
        w.pick(
            ["RLE" if c.side == "right" else "LLE", " warm"],
            ["hands warm, cap refill ok"],
            ["perianal dsg dry"],
        ),
        ". ",
        w.pick(
            ["taking ", w.drug("oxycodone"), " ", w.dose("5 mg"), " q6h prn"],
            ["taking ", w.drug("tylenol"), " prn"],
            "",
        ),
    )
    b.line(
        "d/w ",
        rel,
        " ",
        w.name(person, w.pick("lower", "first", "full")),
        " @ ",
        w.R.phone(person.phone),
        ". f/u ",
        w.dr(c.surgeon),
        " ",
        w.dur(w.pick("2 wks", "1 wk", "10d")),
        " (",
        w.R.date_no_year(w.days(14)),
        ")",
        w.pick("", [" @ ", P(c.facility.short, "FACILITY")]),
        ".",
    )
    b.line(
        "-- ", w.name(w.pick(c.assistant, c.nurses[1]), w.pick("initials", "initial_last", "first"))
    )


# -- 8. EHR paste ----------------------------------------------------------------------------


def ehr_paste(w: Writer) -> None:
    c, b, p = w.c, w.b, w.p
    b.line(
        w.pick("Procedure Log", "Surgical Case Record", "OR Record - Intraoperative"),
        "\t",
        P(c.facility.short, "FACILITY"),
    )
    b.line(
        "Patient Name:\t",
        w.name(w.pp, "caps_last_first"),
        "\tMRN:\t",
        P(p.mrn, "MRN"),
        "\tDOB:\t",
        w.date(p.dob),
        "\tAge:\t",
        w.age(" y"),
    )
    b.line(
        "Case #:\t",
        P(c.case_number, "OTHER_ID"),
        "\tEncounter:\t",
        P(p.encounter, "ACCOUNT"),
        "\tRoom:\tOR ",
        str(c.n["or_room"]),
    )
    b.line(
        "Surgeon:\t",
        w.name(c.surgeon, "caps_last_first"),
        "\tAnesthesia:\t",
        w.name(c.anesthesiologist, "caps_last_first"),
    )
    b.line(
        "Circulator:\t",
        w.name(c.nurses[0], w.pick("last_comma_first", "full")),
        "\tScrub:\t",
        w.name(c.tech, w.pick("last_comma_first", "full")),
    )
    b.line("")
    b.line("Event\t\tTime")
    for label, key in (
        ("In Room", "in_room"),
        ("Anesthesia Start", "anes_start"),
        ("Time Out", "timeout"),
        ("Procedure Start", "incision"),
        ("Procedure End", "close"),
        ("Out of Room", "out_room"),
    ):
        b.line(label, "\t\t", w.at(key))
    b.line("")
    b.line("CPT\tMod\tDescription\tDx")
    mods = ["RT" if c.side == "right" else "LT"] if c.proc.code == "0263T" else []
    b.line(
        w.cpt(c.proc.code),
        "\t",
        [K_mod(w, m) for m in mods] or "",
        "\t",
        c.proc.short,
        "\t",
        w.icd(c.dx[0][0]),
    )
    for code, desc in c.proc.companions:
        b.line(
            w.cpt(code),
            "\t",
            K_mod(w, "50") if c.side == "bilateral" else "",
            "\t",
            desc,
            "\t",
            w.icd(c.dx[0][0]),
        )
    for code, desc in w.rng.sample(c.proc.hcpcs, 2):
        b.line(w.hcpcs(code), "\t\t", desc, "\t", w.icd(c.dx[-1][0]))
    b.line("")
    b.line(
        "Implants/Biologics:\t",
        w.prod({"0489T": "Celution ADRC", "0748T": "Alofisel", "0263T": "BMAC"}[c.proc.code]),
        "\tLot:\t",
        P(c.cell_lot if c.proc.code != "0748T" else c.product_lot, "DEVICE_ID"),
        "\tSN:\t",
        P(c.device_serial, "DEVICE_ID"),
    )
    b.line(
        "Wound class:\t",
        w.pick("I", "II"),
        "\tASA:\t",
        w.meas(w.pick("2", "3", "3", "4")),
        "\tEBL:\t",
        w.vol(f"{c.n['ebl']} mL"),
    )
    b.line(
        "Printed by ",
        w.name(c.nurses[1], "last_comma_first"),
        " from ",
        P(c.workstation_ip, "IP_ADDRESS"),
        " on ",
        w.date(w.days(w.rng.randrange(0, 20))),
        " ",
        w.at("pacu_out", 120),
    )


def _analgesic(w: Writer, options: tuple[tuple[str, str], ...]) -> list[Piece]:
    drug, dose = w.rng.choice(options)
    return [w.drug(drug), " ", w.dose(dose)]


def K_mod(w: Writer, m: str) -> Piece:
    return K(m, "MODIFIER")


# -- 9. face sheet / charge summary ----------------------------------------------------------


def face_sheet(w: Writer) -> None:
    c, b, p = w.c, w.b, w.p
    rel, person = p.relatives[0]
    b.line(
        w.pick(
            "PATIENT FACE SHEET", "Registration Face Sheet", "ENCOUNTER SUMMARY / CHARGE CAPTURE"
        )
    )
    b.line(
        P(c.facility.name, "FACILITY"),
        "  ",
        w.R.phone(c.facility.phone),
        "  Fax ",
        w.R.phone(c.facility.fax, "FAX"),
    )
    b.line("")
    header(
        w,
        [
            (("Name",), [w.R.header_name(w.pp)]),
            (("MRN",), [P(p.mrn, "MRN")]),
            (("DOB",), [w.date(p.dob)]),
            (("Sex",), ["F" if w.pp.sex == "F" else "M"]),
            (("SSN", "SS#"), [w.R.ssn(p.ssn)]),
            (("Account",), [P(p.account, "ACCOUNT")]),
            (("Address",), [w.R.address(p.place, oneline=True, state_name=w.maybe(0.2))]),
            (("County",), [w.R.county(p.place)]),
            (("Home", "Home phone"), [w.R.phone(p.home_phone)]),
            (("Cell", "Mobile"), [w.R.phone(p.cell_phone)]),
            (("Email",), [P(p.email, "EMAIL")]),
            (("Driver's License", "DL#"), [P(p.drivers_license, "LICENSE")]),
        ],
        columns=w.pick(1, 2),
    )
    b.line("")
    ins: list[Piece]
    if p.insurer.startswith("Medicare"):
        ins = ["Primary: ", p.insurer, "  MBI: ", w.R.mbi(p.mbi)]
    elif p.insurer == "Medicaid":
        ins = ["Primary: Medicaid  ID: ", P(p.medicaid, "HEALTH_PLAN")]
    else:
        ins = [
            "Primary: ",
            p.insurer,
            "  Member ID: ",
            P(p.member_id, "HEALTH_PLAN"),
            "  Subscriber: ",
            w.pick([w.name(w.pp, "last_comma_first")], ["self"]),
        ]
    b.line(ins)
    if w.maybe(0.5):
        b.line(
            "Secondary: ",
            w.pick("Medicaid", "AARP Supplement", "Tricare for Life"),
            "  ID: ",
            P(p.medicaid, "HEALTH_PLAN"),
        )
    b.line(
        "Guarantor / emergency contact: ",
        w.name(person, "last_comma_first"),
        f" ({rel}) ",
        w.R.phone(person.phone),
    )
    b.line(
        "Claim #: ",
        P(p.claim, "ACCOUNT"),
        "   Encounter: ",
        P(p.encounter, "ACCOUNT"),
        "   DOS: ",
        w.date(c.dos),
    )
    b.line("")
    b.line(
        "Rendering: ",
        w.provider(c.surgeon),
        "  NPI ",
        P(c.surgeon.npi, "LICENSE"),
        "  Taxonomy ",
        w.tax(c.surgeon.taxonomy),
    )
    if w.maybe(0.5):
        b.line(
            "  DEA ", P(c.surgeon.dea, "LICENSE"), "  State lic. ", P(c.surgeon.license, "LICENSE")
        )
    b.line(
        "Referring: ",
        w.provider(c.referring),
        "  NPI ",
        P(c.referring.npi, "LICENSE"),
        "  Taxonomy ",
        w.tax(c.referring.taxonomy),
    )
    b.line("")
    b.line("Charges:")
    mods = ["RT" if c.side == "right" else "LT"] if c.proc.code == "0263T" else []
    if c.proc.code == "0263T" and w.maybe(0.3):
        mods.append("80" if w.maybe(0.5) else "22")
    b.line("  ", w.cpt_mod(c.proc.code, *mods), "  x1  ", [[w.icd(code), " "] for code, _ in c.dx])
    for code, _desc in c.proc.companions:
        b.line(
            "  ",
            w.cpt_mod(code, *(["50"] if c.side == "bilateral" else ["51"] if w.maybe(0.5) else [])),
            "  x1  ",
            w.icd(c.dx[0][0]),
        )
    for code, _desc in w.rng.sample(c.proc.hcpcs, 2):
        b.line("  ", w.hcpcs(code), "  x", str(w.rng.randrange(1, 5)))
    b.line("")
    b.line(
        "Patient portal: ",
        P(c.portal_url, "URL"),
        w.pick("", ["   Last login IP: ", P(p.ip, "IP_ADDRESS")]),
    )


# -- 10. letter to the referring physician ---------------------------------------------------


def referral_letter(w: Writer) -> None:
    c, b, p = w.c, w.b, w.p
    b.line(P(c.facility.name, "FACILITY"))
    b.line(w.R.address(c.facility.place, oneline=False))
    b.line("Tel ", w.R.phone(c.facility.phone), " | Fax ", w.R.phone(c.facility.fax, "FAX"))
    b.line("")
    b.line(w.date(w.days(w.rng.randrange(1, 10))))
    b.line("")
    b.line(w.R.signed(c.referring))
    b.line(P(c.referring_facility.name, "FACILITY"))
    b.line(w.R.address(c.referring_facility.place, oneline=False))
    b.line("")
    b.line(
        "RE: ",
        w.name(w.pp, w.pick("full", "first_mi_last")),
        "   DOB: ",
        w.date(p.dob),
        "   MRN: ",
        P(p.mrn, "MRN"),
    )
    b.line("")
    b.line("Dear Dr. ", P(c.referring.last, "NAME"), ",")
    b.line("")
    b.line(
        "Thank you for referring ",
        w.pt(),
        ", a ",
        w.age(" year old"),
        " ",
        w.woman,
        " from ",
        P(p.place.city, "CITY"),
        w.pick("", [", ", w.R.county(p.place)]),
        ", for cell therapy",
        ". On ",
        w.date(c.dos),
        " I performed ",
        w.cpt(c.proc.code),
        ", ",
        procs.brief(w),
        ", for ",
        w.dx(*c.dx[0]),
        ". ",
        procs.findings(w),
    )
    b.line("")
    b.line(
        "The postoperative course was ",
        w.pick("uneventful", "unremarkable apart from mild bruising"),
        ". I will see ",
        w.him,
        " again on ",
        w.date(w.days(int(c.n["pod_visit"]))),
        ". ",
        w.pick(
            ["Please continue ", w.drug(c.home_meds[0][0]), " ", w.dose(c.home_meds[0][1]), "."],
            ["No change to ", w.her, " medications is needed."],
        ),
        " The patient can be reached at ",
        w.R.phone(p.cell_phone),
        w.pick("", [" or ", P(p.email, "EMAIL")]),
        ".",
    )
    b.line("")
    b.line("Sincerely,\n")
    b.line(w.R.signed(c.surgeon))
    b.line(P(c.surgeon.email, "EMAIL"))
    b.line("cc: ", w.dr(c.pcp), "; patient")


# -- 11. telephone encounter -----------------------------------------------------------------


def phone_call(w: Writer) -> None:
    c, b, p = w.c, w.b, w.p
    rel, person = w.rng.choice(p.relatives)
    when = w.days(w.rng.randrange(1, 4))
    b.line(
        w.pick("Telephone Encounter", "PHONE NOTE", "Post-op call"),
        " - ",
        w.date(when),
        " ",
        w.at("in_room", 180),
    )
    b.line("Pt: ", w.name(w.pp, w.pick("last_comma_first", "full")), "  MRN ", P(p.mrn, "MRN"))
    b.line(
        "Called pt at ",
        w.R.phone(w.pick(p.home_phone, p.cell_phone)),
        ", ",
        w.pick(
            [
                "no answer; left message to call back at ",
                w.R.phone(c.facility.phone),
                ". Reached ",
                rel,
                " ",
                w.name(person, w.pick("first", "full")),
                " at ",
                w.R.phone(person.phone),
                ".",
            ],
            ["spoke with patient and ", rel, " ", w.name(person, "first"), "."],
        ),
    )
    b.line(
        "Reports ",
        w.pick(
            "minimal pain",
            "some bruising at the harvest site",
            "low-grade temperature",
            "scant drainage",
        ),
        ", pain ",
        w.pain("pain_post"),
        ". Taking ",
        _analgesic(w, C.ANALGESICS_PO),
        " every ",
        w.dur(w.pick("6 hours", "8 hours", "4-6 hours")),
        ". ",
        w.pick(
            "Dressing intact.", ["Dressing to ", w.limb(), " changed by ", rel, "."], "No fever."
        ),
    )
    b.line(
        "Reminded of appointment ",
        w.date(w.days(int(c.n["pod_visit"]))),
        " with ",
        w.dr(c.surgeon),
        ". ",
        w.pick("", ["Portal message sent to ", P(p.email, "EMAIL"), "."]),
    )
    b.line(w.name(c.nurses[1], w.pick("full", "first_mi_last")), ", RN")


# -- 12. telehealth visit --------------------------------------------------------------------


def telehealth(w: Writer) -> None:
    c, b, p = w.c, w.b, w.p
    visit = w.days(int(c.n["pod_visit"]))
    b.line(w.pick("TELEHEALTH VISIT", "Video Visit Note", "Virtual Post-op Visit"))
    header(
        w,
        [
            *patient_fields(w),
            (("Visit date", "Date"), [w.date(visit)]),
            (("Provider",), w.provider(c.surgeon)),
        ],
    )
    b.line(
        "\nVisit conducted by secure video (",
        P(c.video_url, "URL"),
        "); patient at home in ",
        P(p.place.city, "CITY"),
        ", ",
        p.place.state,
        ", connecting from IP ",
        P(p.ip, "IP_ADDRESS"),
        ". Identity confirmed with DOB. ",
        w.pick(["Present: ", rel_of(w), "."], ""),
    )
    b.line(
        "Interval: ",
        w.pick("doing well", "improving", "no concerns"),
        " since ",
        w.cpt(c.proc.code),
        " on ",
        w.date(c.dos),
        ". Visual exam: ",
        procs.followup_exam(w),
    )
    b.line(
        "Assessment: ",
        w.dx(*c.dx[0]),
        "; s/p cell therapy, ",
        w.dur(f"{int(c.n['pod_visit']) // 7} weeks"),
        " out.",
    )
    b.line(
        "Plan: ", procs.plan(w), " Total time ", w.dur(f"{w.rng.randrange(12, 35)} minutes"), "."
    )
    signature(w, c.surgeon, visit)


def rel_of(w: Writer) -> list[Piece]:
    rel, person = w.rng.choice(w.p.relatives)
    return [rel, " ", w.name(person, w.pick("full", "first"))]


STYLES: dict[str, Callable[[Writer], None]] = {
    "dictated_op": dictated_op,
    "brief_op": brief_op,
    "preop_nursing": preop_nursing,
    "pacu_nursing": pacu_nursing,
    "postop_visit": postop_visit,
    "addendum": addendum,
    "telegraphic": telegraphic,
    "ehr_paste": ehr_paste,
    "face_sheet": face_sheet,
    "referral_letter": referral_letter,
    "phone_call": phone_call,
    "telehealth": telehealth,
}
OPERATIVE_STYLES = ("dictated_op", "dictated_op", "brief_op", "ehr_paste")
