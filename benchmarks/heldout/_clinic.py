"""Clinical content per procedure: what a held-out note must keep (codes, drugs, devices...)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Proc:
    code: str
    title: str  # how a note names the procedure
    short: str  # how a telegraphic note names it
    icd: tuple[tuple[str, str], ...]  # (code, wording)
    addon: tuple[str, ...]  # other CPT codes billed with it
    hcpcs: tuple[str, ...]
    sites: tuple[str, ...]  # anatomic targets (keep SITE)
    product: tuple[str, ...]  # product or system names (keep PRODUCT)
    classification: tuple[str, ...]  # staging systems (keep CLASSIFICATION)
    place_named: tuple[str, ...]  # classifications named after a city or hospital
    score: tuple[str, ...]  # scales and scores (keep SCORE)
    devices: tuple[str, ...]  # eponymous devices used (keep EPONYM)
    department: tuple[str, ...]  # departments involved (keep DEPARTMENT)


PROCS: dict[str, Proc] = {
    "0489T": Proc(
        code="0489T",
        title="autologous adipose-derived regenerative cell therapy to the hands",
        short="adrc injection to hands",
        icd=(
            ("M34.0", "progressive systemic sclerosis"),
            ("M34.1", "CR(E)ST syndrome"),
            ("I73.01", "Raynaud's syndrome with gangrene"),
            ("L94.1", "linear scleroderma"),
        ),
        addon=("0490T", "15877", "20926"),
        hcpcs=("J2001", "J0670", "J1100"),
        sites=("periumbilical fat pad", "flank donor site", "digital web spaces", "volar digits"),
        product=("Celution 800/CRS", "Celution System", "Lipokit II", "Tulip CellFriendly cannula"),
        classification=("ACR/EULAR 2013 criteria", "LeRoy-Medsger subset"),
        place_named=("Cochin Hand Function Scale", "Cochin hand score", "UCLA SCTC GIT 2.0"),
        score=("modified Rodnan skin score", "HAQ-DI", "Raynaud Condition Score"),
        devices=("Coleman cannula", "Doppler probe", "Esmarch bandage"),
        department=("Department of Plastic Surgery", "Rheumatology Clinic", "Hand Therapy"),
    ),
    "0748T": Proc(
        code="0748T",
        title="injection of allogeneic stem cells into a perianal fistula",
        short="stem cell inj perianal fistula",
        icd=(
            ("K50.913", "Crohn's disease with fistula"),
            ("K60.3", "anal fistula"),
            ("K50.013", "Crohn's disease of small intestine with fistula"),
            ("K61.0", "anal abscess"),
        ),
        addon=("46020", "46040", "45990"),
        hcpcs=("J3490", "J1885", "J0690"),
        sites=("internal opening", "external opening", "fistula tract", "intersphincteric plane"),
        product=("darvadstrocel", "Alofisel", "Cx601 cell suspension", "Alofisel vial set"),
        classification=("Parks type", "AGA fistula class"),
        place_named=(
            "Montreal classification",
            "Vienna classification",
            "Paris classification",
            "St James's University Hospital classification",
            "Cleveland Clinic incontinence score",
            "St Mark's incontinence score",
        ),
        score=("PDAI", "Harvey-Bradshaw index", "CDAI", "Wexner score"),
        devices=("Lockhart-Mummery probe", "Seton", "Pratt bivalve speculum", "Foley catheter"),
        department=("Colorectal Surgery", "Inflammatory Bowel Disease Center", "Cell Therapy Lab"),
    ),
    "0263T": Proc(
        code="0263T",
        title="intramuscular autologous bone marrow cell therapy to the lower limb",
        short="im bmac inj leg",
        icd=(
            ("I70.222", "atherosclerosis of native arteries with rest pain, left leg"),
            ("I70.221", "atherosclerosis of native arteries with rest pain, right leg"),
            ("I70.245", "atherosclerosis with ulceration of other part of foot"),
            ("I73.9", "peripheral vascular disease"),
        ),
        addon=("0264T", "0265T", "38220"),
        hcpcs=("J1644", "J2250", "C1729"),
        sites=("gastrocnemius", "soleus", "anterior compartment", "posterior iliac crest"),
        product=("Harvest SmartPReP 2", "BMAC kit", "Jamshidi needle", "MarrowStim"),
        classification=("TASC II class", "Rutherford category", "Fontaine stage"),
        place_named=("Edinburgh Claudication Questionnaire", "University of Texas wound grade"),
        score=("Wong-Baker FACES", "WIfI stage", "ABI", "TBI"),
        devices=("Swan-Ganz catheter", "Jackson-Pratt drain", "Doppler probe", "Foley catheter"),
        department=("Vascular Surgery", "Wound Care Center", "Interventional Radiology"),
    ),
}

# Cross-procedure look-alikes: organisms, drugs, times, ICU devices.
ORGANISMS = (
    "E. coli",
    "S. aureus",
    "C. diff",
    "K. pneumoniae",
    "P. aeruginosa",
    "B. fragilis",
    "E. faecalis",
    "S. epidermidis",
    "C. albicans",
)
DRIPS = (
    ("propofol", "20 mcg/kg/min"),
    ("norepinephrine", "0.05 mcg/kg/min"),
    ("fentanyl", "50 mcg/hr"),
    ("dexmedetomidine", "0.4 mcg/kg/hr"),
    ("heparin", "12 units/kg/hr"),
    ("regular insulin", "3 units/hr"),
    ("vasopressin", "0.03 units/min"),
)
ICU_DRUGS = (
    ("propofol", "20 mcg/kg/min"),
    ("norepinephrine", "0.05 mcg/kg/min"),
    ("fentanyl", "50 mcg/hr"),
    ("heparin", "5000 units"),
    ("vancomycin", "1.25 g"),
    ("piperacillin-tazobactam", "3.375 g"),
    ("metoprolol", "12.5 mg"),
    ("insulin glargine", "18 units"),
    ("pantoprazole", "40 mg"),
    ("furosemide", "40 mg"),
    ("dexmedetomidine", "0.4 mcg/kg/hr"),
    ("acetaminophen", "650 mg"),
    ("oxycodone", "5 mg"),
    ("ondansetron", "4 mg"),
)
OR_DRUGS = (
    ("lidocaine 1% with epinephrine", "20 mL"),
    ("bupivacaine 0.25%", "10 mL"),
    ("cefazolin", "2 g"),
    ("tranexamic acid", "1 g"),
    ("midazolam", "2 mg"),
    ("ketorolac", "15 mg"),
    ("metronidazole", "500 mg"),
    ("ciprofloxacin", "400 mg"),
)
PAIN_DRUGS = (
    ("oxycodone", "5 mg"),
    ("hydromorphone", "0.4 mg"),
    ("acetaminophen", "1 g"),
    ("tramadol", "50 mg"),
    ("ketorolac", "15 mg"),
    ("gabapentin", "300 mg"),
)
DRAINS = ("Jackson-Pratt drain", "Blake drain", "Penrose drain", "Foley", "Hemovac")
ICU_DEVICES = (
    "Foley",
    "Swan-Ganz",
    "Jackson-Pratt drain",
    "Dobhoff tube",
    "Yankauer",
    "Hickman line",
)
ICU_SCORES = ("RASS -1", "CAM-ICU negative", "GCS 14", "Braden 13", "CPOT 2", "Morse 45")
CRITICAL_CARE_DEPTS = (
    "Department of Critical Care Medicine",
    "Pulmonary and Critical Care",
    "Critical Care Medicine service",
    "Nutrition Support Team",
)
MODIFIERS = ("RT", "LT", "59", "XS", "22", "50", "51", "80", "62", "F1", "TA")
