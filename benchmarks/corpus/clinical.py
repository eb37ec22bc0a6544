"""Clinical content of the three procedures: codes, diagnoses, drugs, devices and eponyms.

Codes are real public code sets (CPT Category III, HCPCS Level II, ICD-10-CM) used as coders see
them; descriptions are paraphrased. Nothing here is PHI: all of it must survive redaction.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Procedure:
    code: str
    title: str  # how an op note names it
    short: str  # telegraphic name
    companions: tuple[tuple[str, str], ...]  # other CPT codes billed with it
    dx: tuple[tuple[str, str], ...]  # principal diagnoses (ICD-10-CM, description)
    secondary_dx: tuple[tuple[str, str], ...]
    hcpcs: tuple[tuple[str, str], ...]
    home_meds: tuple[tuple[str, str], ...]  # (drug, dose)
    eponyms: tuple[str, ...]
    specialty: str  # the referring specialty
    sites: tuple[str, ...]  # where it is done, for "site marked"


PROC_0489T = Procedure(
    code="0489T",
    title=(
        "Autologous adipose-derived regenerative cell therapy for scleroderma of the hands, "
        "including adipose tissue harvest, isolation and preparation of regenerative cells"
    ),
    short="ADRC injection hands",
    companions=(("0490T", "multiple injections in one or both hands"),),
    dx=(
        ("M34.0", "Progressive systemic sclerosis"),
        ("M34.1", "CR(E)ST syndrome"),
        ("M34.9", "Systemic sclerosis, unspecified"),
        ("M34.89", "Other systemic sclerosis"),
    ),
    secondary_dx=(
        ("I73.00", "Raynaud's syndrome without gangrene"),
        ("I73.01", "Raynaud's syndrome with gangrene"),
        ("L94.3", "Sclerodactyly"),
        ("L98.499", "Non-pressure chronic ulcer of skin of other sites"),
        ("M25.641", "Stiffness of right hand"),
        ("M25.642", "Stiffness of left hand"),
        ("M79.641", "Pain in right hand"),
        ("M79.642", "Pain in left hand"),
        ("Z79.899", "Other long term (current) drug therapy"),
    ),
    hcpcs=(
        ("J2001", "lidocaine injection, 10 mg"),
        ("J0690", "cefazolin sodium, 500 mg"),
        ("J2704", "propofol, 10 mg"),
        ("J2250", "midazolam, per 1 mg"),
        ("S0020", "bupivacaine, up to 30 mL"),
        ("A4649", "surgical supply, miscellaneous"),
    ),
    home_meds=(
        ("nifedipine ER", "30 mg"),
        ("sildenafil", "20 mg"),
        ("mycophenolate mofetil", "1000 mg"),
        ("aspirin", "81 mg"),
        ("amlodipine", "5 mg"),
        ("omeprazole", "40 mg"),
        ("methotrexate", "15 mg"),
        ("bosentan", "62.5 mg"),
        ("losartan", "25 mg"),
    ),
    eponyms=("Raynaud", "Allen test", "Coleman", "Klein", "Doppler", "Rodnan", "Tinel", "Cochin"),
    specialty="Rheumatology",
    sites=("right hand", "left hand", "both hands", "bilateral hands", "abdomen"),
)

PROC_0748T = Procedure(
    code="0748T",
    title=(
        "Injection of stem cell product into perianal perifistular soft tissue, including "
        "fistula preparation (removal of setons, fistula curettage, closure of internal openings)"
    ),
    short="darvadstrocel inj perianal fistula",
    companions=(),
    dx=(
        ("K50.913", "Crohn's disease, unspecified, with fistula"),
        ("K50.113", "Crohn's disease of large intestine with fistula"),
        ("K50.813", "Crohn's disease of both small and large intestine with fistula"),
    ),
    secondary_dx=(
        ("K60.3", "Anal fistula"),
        ("K60.321", "Anal fistula, complex, initial"),
        ("K60.323", "Anal fistula, complex, recurrent"),
        ("K60.5", "Anorectal fistula"),
        ("K61.1", "Rectal abscess"),
        ("Z79.899", "Other long term (current) drug therapy"),
        ("F17.210", "Nicotine dependence, cigarettes, uncomplicated"),
    ),
    hcpcs=(
        ("J3590", "unclassified biologics"),
        ("C9399", "unclassified drugs or biologicals"),
        ("J2704", "propofol, 10 mg"),
        ("J1885", "ketorolac tromethamine, per 15 mg"),
        ("J2405", "ondansetron hydrochloride, per 1 mg"),
        ("J1100", "dexamethasone sodium phosphate, 1 mg"),
    ),
    home_meds=(
        ("infliximab", "5 mg/kg"),
        ("adalimumab", "40 mg"),
        ("ustekinumab", "90 mg"),
        ("vedolizumab", "300 mg"),
        ("azathioprine", "100 mg"),
        ("metronidazole", "500 mg"),
        ("ciprofloxacin", "500 mg"),
        ("mesalamine", "1.2 g"),
        ("budesonide", "9 mg"),
    ),
    eponyms=(
        "Crohn",
        "Parks",
        "Goodsall",
        "Hill-Ferguson",
        "Pratt",
        "Kelly",
        "Allis",
        "Kraske",
        "Van Assche",
        "Lockhart-Mummery",
    ),
    specialty="Gastroenterology",
    sites=("perianal region", "anus"),
)

PROC_0263T = Procedure(
    code="0263T",
    title=(
        "Intramuscular autologous bone marrow cell therapy, with preparation of harvested cells, "
        "multiple injections, one leg, including ultrasound guidance; complete procedure "
        "including unilateral or bilateral bone marrow harvest"
    ),
    short="BMAC IM inj",
    companions=(),
    dx=(
        ("I70.221", "Atherosclerosis of native arteries of extremities with rest pain, right leg"),
        ("I70.222", "Atherosclerosis of native arteries of extremities with rest pain, left leg"),
        (
            "I70.234",
            "Atherosclerosis of native arteries of right leg with ulceration of heel and midfoot",
        ),
        (
            "I70.245",
            "Atherosclerosis of native arteries of left leg with ulceration of other part of foot",
        ),
        ("I70.261", "Atherosclerosis of native arteries of extremities with gangrene, right leg"),
        ("I73.1", "Thromboangiitis obliterans [Buerger's disease]"),
    ),
    secondary_dx=(
        ("E11.51", "Type 2 diabetes mellitus with diabetic peripheral angiopathy without gangrene"),
        ("E11.52", "Type 2 diabetes mellitus with diabetic peripheral angiopathy with gangrene"),
        (
            "L97.411",
            "Non-pressure chronic ulcer of right heel and midfoot limited to breakdown of skin",
        ),
        (
            "L97.521",
            "Non-pressure chronic ulcer of other part of left foot limited to breakdown of skin",
        ),
        ("Z89.421", "Acquired absence of other right toe(s)"),
        ("I10", "Essential (primary) hypertension"),
        ("E78.5", "Hyperlipidemia, unspecified"),
        ("F17.210", "Nicotine dependence, cigarettes, uncomplicated"),
        ("N18.4", "Chronic kidney disease, stage 4"),
    ),
    hcpcs=(
        ("J1644", "heparin sodium, per 1000 units"),
        ("J2001", "lidocaine injection, 10 mg"),
        ("J0690", "cefazolin sodium, 500 mg"),
        ("J3010", "fentanyl citrate, 0.1 mg"),
        ("A4649", "surgical supply, miscellaneous"),
    ),
    home_meds=(
        ("cilostazol", "100 mg"),
        ("clopidogrel", "75 mg"),
        ("aspirin", "81 mg"),
        ("atorvastatin", "80 mg"),
        ("metformin", "1000 mg"),
        ("insulin glargine", "22 units"),
        ("lisinopril", "10 mg"),
        ("rivaroxaban", "2.5 mg"),
        ("gabapentin", "300 mg"),
    ),
    eponyms=(
        "Doppler",
        "Jamshidi",
        "Rutherford",
        "Fontaine",
        "Buerger",
        "Hunter's canal",
        "Scarpa's triangle",
        "Trendelenburg",
    ),
    specialty="Vascular Surgery",
    sites=("right leg", "left leg", "right lower extremity", "left lower extremity"),
)

PROCEDURES = {p.code: p for p in (PROC_0489T, PROC_0748T, PROC_0263T)}

ALLERGIES = (
    ("penicillin", "rash"),
    ("sulfa", "hives"),
    ("codeine", "nausea"),
    ("latex", "dermatitis"),
    ("iodinated contrast", "hives"),
    ("adhesive tape", "blistering"),
    ("cephalexin", "rash"),
)
SURGEON_CREDENTIALS = ("MD", "MD", "MD", "DO", "MD, FACS", "MD, PhD")
MODIFIER_NOTES = {
    "22": "increased procedural services",
    "50": "bilateral procedure",
    "51": "multiple procedures",
    "52": "reduced services",
    "59": "distinct procedural service",
    "62": "two surgeons",
    "78": "unplanned return to the OR during the postoperative period",
    "80": "assistant surgeon",
    "82": "assistant surgeon, qualified resident not available",
    "LT": "left side",
    "RT": "right side",
}

# Clinic name endings that fit where each procedure is done, and who refers for it.
CLINICS = {
    "0489T": ("Hand Center", "Plastic Surgery Associates", "Cell Therapy Unit", "Surgery Center"),
    "0748T": ("Colorectal Associates", "Digestive Health Center", "Ambulatory Surgery Center"),
    "0263T": (
        "Vascular Institute",
        "Limb Salvage Center",
        "Vein & Vascular Clinic",
        "Surgery Center",
    ),
}
REFERRING_CLINICS = {
    "0489T": ("Rheumatology Clinic", "Arthritis & Rheumatology Associates", "Internal Medicine"),
    "0748T": ("Gastroenterology Associates", "Digestive Health Center", "IBD Center"),
    "0263T": (
        "Wound Care Center",
        "Podiatry Associates",
        "Heart & Vascular Clinic",
        "Family Medicine",
    ),
}
# Analgesics as nursing notes give them: (drug, dose).
ANALGESICS_IV = (
    ("hydromorphone", "0.2 mg"),
    ("fentanyl", "25 mcg"),
    ("morphine", "2 mg"),
    ("ketorolac", "15 mg"),
)
ANALGESICS_PO = (
    ("acetaminophen", "650 mg"),
    ("ibuprofen", "400 mg"),
    ("oxycodone", "5 mg"),
    ("hydrocodone/acetaminophen", "5/325 mg"),
    ("tramadol", "50 mg"),
)
