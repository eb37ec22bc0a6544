"""Procedure-specific sections: what each of the three procedures' notes say, with marked spans."""

from __future__ import annotations

from benchmarks.corpus.builder import P, Piece
from benchmarks.corpus.writer import Writer

# -- shared ----------------------------------------------------------------------------------


def anesthesia(w: Writer) -> list[Piece]:
    code = w.c.proc.code
    if code == "0748T":
        return w.pick(
            ["General anesthesia with LMA (", w.drug("propofol"), " ", w.dose("200 mg"), ")"],
            ["General endotracheal anesthesia"],
            [
                "MAC with ",
                w.drug("propofol"),
                " infusion and perianal block with ",
                w.dose("20 mL"),
                " ",
                w.drug("bupivacaine"),
                " ",
                w.dose("0.25%"),
            ],
        )
    if code == "0489T":
        return w.pick(
            ["MAC/IV sedation with local (tumescent) anesthesia"],
            ["General anesthesia via LMA plus ", w.limb(), " digital blocks"],
            [
                "Monitored anesthesia care; ",
                w.drug("midazolam"),
                " ",
                w.dose("2 mg"),
                " IV, ",
                w.drug("fentanyl"),
                " ",
                w.dose("50 mcg"),
                " IV",
            ],
            [
                "Local with sedation (",
                w.drug("lidocaine"),
                " ",
                w.dose("0.5%"),
                " with ",
                w.drug("epinephrine"),
                " ",
                w.dose("1:200,000"),
                ")",
            ],
        )
    return w.pick(
        ["General anesthesia with LMA"],
        ["Spinal anesthesia with ", w.drug("bupivacaine"), " ", w.dose("12 mg"), ", plus MAC"],
        ["MAC with local; ", w.side(w.c.side), " femoral and sciatic (popliteal) nerve blocks"],
        ["General endotracheal anesthesia"],
    )


def proc_lines(w: Writer) -> list[list[Piece]]:
    c, code = w.c, w.c.proc.code
    if code == "0489T":
        lines = [
            [
                w.pick(
                    "Autologous adipose-derived regenerative cell (ADRC) therapy for scleroderma, ",
                    "Adipose-derived regenerative cell therapy, ",
                ),
                w.limb(),
                "; small-volume liposuction harvest of abdominal fat with same-day enzymatic "
                "processing (CPT ",
                w.cpt(code),
                ")",
            ],
            ["Multiple injections of ADRCs, ", w.limb(), " (CPT ", w.cpt("0490T"), ")"],
        ]
        if c.side == "bilateral" and w.maybe(0.4):
            lines[1] += [" with modifier ", w.cpt_mod("0490T", "50")[2]]
        return lines
    if code == "0748T":
        lines = [
            ["Examination under anesthesia"],
            [
                "Removal of ",
                str(c.n["setons"]) if c.n["setons"] else "no",
                " seton(s), curettage of fistula tracts, closure of internal opening(s) with ",
                w.meas("2-0"),
                " ",
                w.prod("Vicryl"),
            ],
            [
                "Injection of ",
                w.drug("darvadstrocel"),
                " (",
                w.prod("Alofisel"),
                ") ",
                w.dose("120 million cells"),
                " into perifistular tissue (CPT ",
                w.cpt(code),
                ")",
            ],
        ]
        if w.maybe(0.35):
            lines.append(["Flexible sigmoidoscopy (CPT ", w.cpt_mod("45330", "59"), ")"])
        return lines
    mod = "RT" if c.side == "right" else "LT"
    lines = [
        [
            "Intramuscular autologous bone marrow cell therapy, ",
            w.limb(),
            ", with ultrasound guidance (CPT ",
            w.cpt_mod(code, mod),
            ")",
        ],
        [
            w.pick("Bilateral", "Unilateral " + ("right" if w.maybe(0.5) else "left")),
            " posterior iliac crest bone marrow aspiration (",
            w.vol(f"{c.n['bma_ml']} mL"),
            ")",
        ],
        ["Point-of-care concentration of bone marrow aspirate (", w.prod("SmartPReP 2"), ")"],
    ]
    if w.maybe(0.3):
        lines.append(
            [
                "Arterial duplex mapping, ",
                w.limb(short=True),
                " (CPT ",
                w.cpt_mod("93926", "26"),
                ")",
            ]
        )
    return lines


def indication(w: Writer) -> list[Piece]:
    c, n, code = w.c, w.c.n, w.c.proc.code
    intro: list[Piece] = [
        w.pt(),
        " is a ",
        w.age(w.pick("-year-old", " year old")),
        " ",
        w.woman,
        " ",
    ]
    if code == "0489T":
        body: list[Piece] = [
            "with ",
            w.pick("diffuse cutaneous", "limited cutaneous", "progressive"),
            " systemic sclerosis diagnosed in ",
            w.year(c.dx_year),
            ", complicated by severe ",
            w.ep("Raynaud"),
            " phenomenon and ",
            w.pick(
                "recurrent digital ulcers",
                "sclerodactyly with loss of hand function",
                "painful fingertip pitting",
            ),
            ". Hand function has declined despite ",
            w.drug(c.home_meds[0][0]),
            " ",
            w.dose(c.home_meds[0][1]),
            " and ",
            w.drug(c.home_meds[1][0]),
            ". The modified ",
            w.ep("Rodnan"),
            " skin score is ",
            w.meas(str(n["mrss"])),
            " and the ",
            w.ep("Cochin"),
            " Hand Function Scale score is ",
            w.meas(str(w.rng.randrange(20, 70))),
            ". ",
            w.pick("Referred by ", "Seen in consultation at the request of "),
            w.dr(c.referring),
            " (",
            c.proc.specialty,
            ") on ",
            w.date(c.consult),
            ". ",
        ]
    elif code == "0748T":
        body = [
            "with ",
            w.pick("ileocolonic", "colonic", "fistulizing"),
            " ",
            w.ep("Crohn's"),
            " disease since ",
            w.year(c.dx_year),
            " and a complex perianal fistula (",
            w.ep("Parks"),
            " ",
            w.pick("transsphincteric", "suprasphincteric", "intersphincteric"),
            ") with ",
            str(n["external"]),
            " external opening(s), refractory to ",
            w.drug(c.home_meds[0][0]),
            " and antibiotics. Setons were placed ",
            w.dur(f"{n['weeks_seton']} weeks"),
            " ago",
            w.pick(
                [" by ", w.dr(c.surgeon)], [" at ", P(c.referring_facility.name, "FACILITY")], ""
            ),
            ". Pelvic MRI on ",
            w.date(w.days(-w.rng.randrange(20, 60))),
            " showed no abscess (",
            w.ep("Van Assche"),
            " index ",
            w.meas(str(w.rng.randrange(6, 20))),
            "). Referred by ",
            w.dr(c.referring),
            " for ",
            w.drug("darvadstrocel"),
            ". ",
        ]
    else:
        body = [
            "with ",
            w.pick(
                "critical limb-threatening ischemia",
                "chronic limb ischemia with rest pain",
                "no-option critical limb ischemia",
            ),
            " of the ",
            w.limb(),
            " (",
            w.ep("Rutherford"),
            " category ",
            w.meas(str(n["rutherford"])),
            ", ",
            w.ep("Fontaine"),
            " stage ",
            w.meas(w.pick("III", "IV")),
            "), not a candidate for revascularization after ",
            w.pick("failed femoropopliteal bypass in ", "endovascular attempts in "),
            w.year(c.dx_year),
            ". ABI ",
            w.meas(str(n["abi"])),
            ", TcPO2 ",
            w.meas(f"{n['tcpo2']} mmHg"),
            " at the forefoot. ",
            "Referred by ",
            w.dr(c.referring),
            " on ",
            w.date(c.consult),
            ". ",
        ]
    consent: list[Piece] = w.pick(
        ["Risks, benefits and alternatives were discussed and informed consent was obtained."],
        [
            "The risks including bleeding, infection and lack of benefit were reviewed with "
            "the patient and ",
            w.her,
            " ",
            w.c.patient.relatives[0][0],
            ", ",
            w.name(w.c.patient.relatives[0][1], "first"),
            ", and consent was signed.",
        ],
        [
            "Consent signed ",
            w.date(w.days(-w.rng.randrange(1, 20))),
            ", witnessed by ",
            w.name(w.c.nurses[0], "full"),
            ", RN.",
        ],
    )
    return [*intro, *body, *consent]


def description(w: Writer) -> None:
    {"0489T": _describe_0489t, "0748T": _describe_0748t, "0263T": _describe_0263t}[w.c.proc.code](w)


def _prep(w: Writer) -> list[Piece]:
    c = w.c
    return [
        w.pt(),
        " was identified in the preoperative area, the ",
        w.pick("site", "operative site"),
        " was marked and consent verified. ",
        "Brought to OR ",
        str(c.n["or_room"]),
        " at ",
        w.at("in_room"),
        " and placed ",
        w.pick(["in the prone jackknife (", w.ep("Kraske"), ") position"], "in lithotomy")
        if c.proc.code == "0748T"
        else "supine",
        ". Anesthesia was induced by ",
        w.dr(c.anesthesiologist),
        w.pick("", [" with ", w.name(c.crna, "full"), ", CRNA"]),
        ". ",
        w.drug(w.pick("Cefazolin", "cefazolin")),
        " ",
        w.dose("2 g"),
        " IV was given at ",
        w.at("preop_abx"),
        ". A time-out was performed at ",
        w.at("timeout"),
        " confirming patient, procedure, site and laterality.\n\n",
    ]


def _describe_0489t(w: Writer) -> None:
    c, n = w.c, w.c.n
    per_hand = int(n["inj_per_finger"]) * 10 // (1 if c.side == "bilateral" else 2)
    w.b.add(_prep(w))
    w.b.add(
        "The abdomen was prepped with chlorhexidine and draped. Two ",
        w.meas("3 mm"),
        " stab incisions were made ",
        w.pick("in the umbilicus", "at the suprapubic crease", "periumbilically"),
        ". ",
        w.ep("Klein"),
        " tumescent solution (",
        w.vol(f"{n['tumescent']} mL"),
        " ",
        w.drug("lactated Ringer's"),
        " with ",
        w.drug("lidocaine"),
        " ",
        w.dose("0.1%"),
        " and ",
        w.drug("epinephrine"),
        " ",
        w.dose("1:1,000,000"),
        ") was infiltrated. After ",
        w.dur("10 minutes"),
        ", small-volume liposuction was performed with a ",
        w.meas("3 mm"),
        " ",
        w.ep("Coleman"),
        " harvesting cannula, yielding ",
        w.vol(f"{n['lipo']} mL"),
        " of lipoaspirate. ",
        "Incisions were closed with ",
        w.meas("5-0"),
        " nylon",
        w.pick(
            "",
            [" using ", w.ep("Adson"), " forceps"],
            [" after trimming with ", w.ep("Mayo"), " scissors"],
        ),
        ".\n\n",
    )
    w.b.add(
        "The lipoaspirate was processed in the ",
        w.prod("Celution 800/CRS"),
        " system (device serial ",
        w.pick("", "no. ", "# "),
        _dev(w, c.device_serial),
        ") with ",
        w.prod("Celase"),
        " reagent for ",
        w.dur(f"{n['enzyme_minutes']} minutes"),
        " at ",
        w.meas("37 C"),
        ". The output, ",
        w.dose(f"{n['cells_m']} million"),
        " viable cells in ",
        w.vol(f"{n['adrc_ml']} mL"),
        " (viability ",
        w.meas(f"{n['viability']}%"),
        "), was labeled with the patient's name, DOB ",
        w.date(w.p.dob),
        " and cell lot ",
        _dev(w, c.cell_lot),
        ", and verified at the bedside by ",
        w.name(c.nurses[1], "full"),
        ", RN, and ",
        w.name(c.tech, w.pick("full", "first")),
        ", CST.\n\n",
    )
    w.b.add(
        "Attention was turned to ",
        "both hands" if c.side == "bilateral" else ["the ", w.side(c.side), " hand"],
        ". A preoperative ",
        w.ep("Allen test"),
        " was normal and ",
        w.ep("Doppler"),
        " signals were present in the digital arteries. Digital blocks were placed with ",
        w.vol("2 mL"),
        " of ",
        w.drug("bupivacaine"),
        " ",
        w.dose("0.25%"),
        " per digit. Using a ",
        w.meas("27-gauge"),
        " needle, ",
        str(per_hand),
        " injections of ",
        w.vol(f"{n['inj_ml']} mL"),
        " each were placed ",
        w.pick(
            "along the radial and ulnar neurovascular bundles of each finger",
            "subcutaneously at the base of each digit",
            "into the lateral aspects of the proximal phalanges",
        ),
        ". ",
        w.pick(
            "No blanching was seen.",
            "Capillary refill was under 2 seconds after injection.",
            "Gentle massage distributed the cells.",
        ),
        " Dressings of ",
        w.prod("Xeroform"),
        " and ",
        w.prod("Coban"),
        " were applied. ",
        w.pt(),
        " tolerated the procedure well and was taken to PACU at ",
        w.at("out_room"),
        ".\n",
    )


def _describe_0748t(w: Writer) -> None:
    c, n = w.c, w.c.n
    w.b.add(_prep(w))
    w.b.add(
        "Examination under anesthesia with a ",
        w.ep("Hill-Ferguson"),
        " retractor and ",
        w.ep("Pratt"),
        " anoscope showed ",
        str(n["external"]),
        " external opening(s) at ",
        w.site(f"{n['clock_ext']} o'clock"),
        " and the internal opening at ",
        w.site(f"{n['clock_int']} o'clock"),
        ", consistent with ",
        w.ep("Goodsall"),
        "'s rule. ",
    )
    if n["setons"]:
        w.b.add(str(n["setons"]), " seton(s) were cut and removed. ")
    w.b.add(
        "Each tract was probed with a ",
        w.ep("Lockhart-Mummery"),
        " probe",
        w.pick(
            "",
            [", the seton grasped with a ", w.ep("Kelly"), " clamp"],
            [", the opening held with ", w.ep("Allis"), " clamps"],
        ),
        " and curetted with a metal curette. ",
        "Tracts were irrigated with ",
        w.drug("normal saline"),
        " only. The internal opening was closed with ",
        w.meas("2-0"),
        " ",
        w.prod("Vicryl"),
        " in a figure-of-eight.\n\n",
    )
    w.b.add(
        w.drug("Darvadstrocel"),
        " (",
        w.prod("Alofisel"),
        ", lot ",
        _dev(w, c.product_lot),
        "; patient ID on vials ",
        "checked against wristband by ",
        w.name(c.nurses[1], "full"),
        ", RN) was prepared: ",
        str(n["vials"]),
        " vials of ",
        w.vol(f"{n['ml_per_vial']} mL"),
        " (",
        w.dose("30 million cells"),
        " each), resuspended gently, drawn into ",
        w.meas("22-gauge"),
        " needles. Half of the dose (",
        w.vol("12 mL"),
        ") was injected into the tissue surrounding the internal opening(s) and the remaining ",
        w.vol("12 mL"),
        " along the walls of the tracts, forming small blebs; the external openings were not ",
        "closed. Total ",
        w.dose("120 million cells"),
        " in ",
        w.vol("24 mL"),
        ". Gentle massage was applied. ",
        "Dry gauze dressing. ",
        w.pt(),
        " was transferred to PACU at ",
        w.at("out_room"),
        " in good condition.\n",
    )


def _describe_0263t(w: Writer) -> None:
    c, n = w.c, w.c.n
    w.b.add(_prep(w))
    w.b.add(
        "With the patient ",
        w.pick("prone", "in lateral decubitus"),
        ", the posterior superior iliac spine(s) ",
        "were prepped. After local infiltration with ",
        w.vol("10 mL"),
        " ",
        w.drug("lidocaine"),
        " ",
        w.dose("1%"),
        ", a ",
        w.meas("11-gauge"),
        " ",
        w.ep("Jamshidi"),
        " needle was used to aspirate ",
        w.vol(f"{n['bma_ml']} mL"),
        " of bone marrow into syringes preloaded with ",
        w.drug("heparin"),
        " ",
        w.dose(f"{n['heparin_u']:,} units"),
        " and ",
        w.drug("ACD-A"),
        ". The aspirate was concentrated in the ",
        w.prod("SmartPReP 2"),
        " system (serial ",
        _dev(w, c.device_serial),
        ") for ",
        w.dur(f"{n['spin_minutes']} minutes"),
        ", yielding ",
        w.vol(f"{n['conc_ml']} mL"),
        " of BMAC, labeled with ",
        "lot ",
        _dev(w, c.cell_lot),
        ".\n\n",
    )
    w.b.add(
        "The patient was turned supine and the ",
        w.limb(),
        " was prepped from the groin to the toes. Under ",
        "ultrasound guidance (",
        w.prod("SonoSite"),
        ", ",
        w.meas("L38"),
        " probe), ",
        str(n["injections"]),
        " intramuscular injections of ",
        w.vol(f"{n['inj_ml']} mL"),
        " were placed ",
        w.meas("3 cm"),
        " apart in the gastrocnemius, soleus and tibialis anterior",
        w.pick(
            "",
            [", and along ", w.ep("Hunter's canal"), " in the thigh"],
            [" and in the adductors below ", w.ep("Scarpa's triangle")],
        ),
        ", avoiding vessels on color ",
        w.ep("Doppler"),
        ". Band-aids were applied. Sterile dressing to the harvest ",
        "site",
        w.pick(
            "",
            [
                " after skin closure with ",
                w.ep("DeBakey"),
                " forceps and ",
                w.meas("4-0"),
                " ",
                w.prod("Monocryl"),
            ],
        ),
        ". ",
        w.pt(),
        " tolerated the procedure and left the room at ",
        w.at("out_room"),
        ".\n",
    )


def _dev(w: Writer, ident: str) -> Piece:
    return P(ident, "DEVICE_ID")


def findings(w: Writer) -> list[Piece]:
    n, code = w.c.n, w.c.proc.code
    if code == "0489T":
        return [
            "Sclerodactyly with ",
            w.pick(
                "digital pitting. ",
                "healed ulcer scars. ",
                f"active ulcer of the {w.pick('index', 'long', 'ring')} finger. ",
            ),
            "Lipoaspirate ",
            w.vol(f"{n['lipo']} mL"),
            "; ADRC yield ",
            w.dose(f"{n['cells_m']} million"),
            " cells.",
        ]
    if code == "0748T":
        return [
            str(n["internal"]),
            " internal and ",
            str(n["external"]),
            " external opening(s); no abscess; ",
            "rectal mucosa ",
            w.pick("without active proctitis", "with mild erythema, no ulceration"),
            ".",
        ]
    return [
        w.pick("Atrophic", "Cool, hairless") + " ",
        w.limb(),
        ", ",
        w.pick("monophasic", "absent") + " ",
        w.ep("Doppler"),
        " signals at the ankle; BMAC ",
        w.vol(f"{n['conc_ml']} mL"),
        " from ",
        w.vol(f"{n['bma_ml']} mL"),
        " aspirate.",
    ]


def specimens(w: Writer) -> list[Piece]:
    code = w.c.proc.code
    if code == "0489T":
        return w.pick(
            [
                "None to pathology. ",
                w.vol("1 mL"),
                " ADRC aliquot to cell processing lab for sterility culture (accession ",
                _acc(w),
                ").",
            ],
            ["None."],
        )
    if code == "0748T":
        return ["Fistula tract curettings to pathology, accession ", _acc(w), "."]
    return w.pick(
        ["BMAC sample for CD34 count and culture (accession ", _acc(w), ")."],
        ["None."],
    )


def _acc(w: Writer) -> Piece:
    return P(w.c.accession, "OTHER_ID")


def brief(w: Writer) -> list[Piece]:
    """One-paragraph summary of the procedure for brief and nursing notes."""
    n, code = w.c.n, w.c.proc.code
    if code == "0489T":
        return [
            "abdominal liposuction ",
            w.vol(f"{n['lipo']} mL"),
            ", ",
            w.prod("Celution"),
            " processing, ADRC ",
            w.vol(f"{n['adrc_ml']} mL"),
            " injected into ",
            w.limb(),
        ]
    if code == "0748T":
        return [
            "EUA, seton removal, curettage, closure of internal opening, ",
            w.drug("darvadstrocel"),
            " ",
            w.vol("24 mL"),
            " injected",
        ]
    return [
        "iliac crest BMA ",
        w.vol(f"{n['bma_ml']} mL"),
        ", BMAC ",
        w.vol(f"{n['conc_ml']} mL"),
        ", ",
        str(n["injections"]),
        " US-guided IM injections ",
        w.limb(short=True),
    ]


def followup_exam(w: Writer) -> list[Piece]:
    n, code = w.c.n, w.c.proc.code
    if code == "0489T":
        return [
            "Abdominal harvest sites healed. ",
            w.limb(),
            ": ",
            w.pick("no ulcers", "one healing ulcer"),
            ", capillary refill brisk, ",
            w.ep("Tinel"),
            " negative. Grip ",
            w.meas(f"{w.rng.randrange(8, 30)} kg"),
            ". mRSS ",
            w.meas(str(max(2, int(n["mrss"]) - w.rng.randrange(0, 6)))),
            ". Fewer ",
            w.ep("Raynaud"),
            " attacks, ",
            w.dur(f"{w.rng.randrange(5, 30)} minutes"),
            " each.",
        ]
    if code == "0748T":
        return [
            "Perianal exam: external opening(s) ",
            w.pick("closed", "with minimal drainage", "draining scant serous fluid"),
            "; no fluctuance. PDAI ",
            w.meas(str(max(1, int(n["pdai"]) - w.rng.randrange(0, 6)))),
            ".",
        ]
    return [
        "Harvest site clean. ",
        w.limb(),
        ": injection sites healed, ",
        w.pick("ulcer smaller", "ulcer unchanged", "no new tissue loss"),
        ". ABI ",
        w.meas(f"0.{w.rng.randrange(20, 70):02d}"),
        ", pain-free walking ",
        w.meas(f"{w.rng.randrange(20, 300)} m"),
        ".",
    ]


def plan(w: Writer) -> list[Piece]:
    c = w.c
    med, dose = c.home_meds[-1]
    return [
        w.pick("Continue ", "Resume "),
        w.drug(med),
        " ",
        w.dose(dose),
        ". ",
        w.pick(
            ["Hand therapy ", w.dur("twice weekly"), ". "], ["Sitz baths. "], ["Walking program. "]
        )
        if w.maybe(0.7)
        else "",
        "Return in ",
        w.dur(w.pick("4 weeks", "6 weeks", "3 months", "2 weeks")),
        " on ",
        w.date(w.days(int(c.n["pod_visit"]) + w.rng.randrange(20, 70))),
        w.pick("", [" at ", w.at("in_room")]),
        ".",
    ]
