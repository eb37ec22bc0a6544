"""ClinicalDateRecognizer (redactphi/recognizers/dates.py) through the real Redactor.

Every listed format; calendar validation stands in for a checksum (31 April, month 13 and
30 February are not dates); look-alikes that stay: pain scores, blood pressures, fractions,
ratios, lab values, bare years, times and durations.
"""

from __future__ import annotations

import pytest

from redactphi import Redactor

from .conftest import Keep, Phi, check_row

D = "DATE"

# fmt: off
CASES = [
    # -- numeric formats -------------------------------------------------------------------------
    pytest.param(
        "Date of surgery: 03/14/2025. CPT 0489T, right hand.",
        [("03/14/2025", D)], ["0489T", "right hand"], id="mm-dd-yyyy",
    ),
    pytest.param(
        "Seen on 3/14 for wound check; pain 3/10.", [("3/14", D)], ["3/10"], id="m-d",
    ),
    pytest.param(
        "Fistula seton removed 3-14-25, then darvadstrocel 120 million cells.",
        [("3-14-25", D)], ["120 million cells"], id="m-d-yy-dashes",
    ),
    pytest.param(
        "Follow-up 2025-03-14 at 0730.", [("2025-03-14", D)], ["0730"], id="iso",
    ),
    pytest.param(
        "Injections 3.14.2025 and 12.1.2024; pH 7.35.",
        [("3.14.2025", D), ("12.1.2024", D)], ["7.35"], id="dotted",
    ),
    pytest.param(
        "Symptoms began 11/2024; BP 120/80.", [("11/2024", D)], ["120/80"], id="m-yyyy",
    ),
    pytest.param(
        "Last visit 11/2024.", [("11/2024", D)], [], id="m-yyyy-after-visit",
    ),
    pytest.param(
        "DOB: 19610211  Weight 72 kg", [("19610211", D)], ["72 kg"], id="compact-labelled",
    ),
    pytest.param(
        "Admitted 2/29/2024 (leap day).", [("2/29/2024", D)], ["leap day"], id="leap-day",
    ),
    pytest.param(
        "DOS: 3/14/25 and 03-14-2025; born 12/82.",
        [("3/14/25", D), ("03-14-2025", D), ("12/82", D)], ["DOS"], id="short-years",
    ),
    pytest.param(
        "Surgery 3/14. Next injection 4/11. Pain 2/10 at the 4/11 visit.",
        [("3/14", D), ("4/11", D)], ["2/10"], id="m-d-beside-pain-score",
    ),
    pytest.param(
        "Rated pain 6/10, was 8/10 on 3/12.", [("3/12", D)], ["6/10", "8/10"],
        id="scores-then-date",
    ),
    # -- month names -----------------------------------------------------------------------------
    pytest.param(
        "Harvest on March 14th, cell injection on March 15, 2025.",
        [("March 14th", D), ("March 15, 2025", D)], [], id="month-day-ordinal",
    ),
    pytest.param(
        "Specimen received 14-MAR-2025 09:12.", [("14-MAR-2025", D)], ["09:12"],
        id="dd-mon-yyyy",
    ),
    pytest.param(
        "Symptoms since Mar 2025; Raynaud since 2019.", [("Mar 2025", D)],
        ["2019", "Raynaud"], id="mon-yyyy",
    ),
    pytest.param(
        "Mon 3/17: dressing change. Tuesday, March 18: suture removal. Mar 14 and 14 Mar.",
        [("3/17", D), ("March 18", D), ("Mar 14", D), ("14 Mar", D)], ["dressing change"],
        id="month-day-short",
    ),
    pytest.param(
        "Operated 14 March 2025 under MAC.", [("14 March 2025", D)], ["MAC"], id="d-month-yyyy",
    ),
    pytest.param(
        "Returns Sept. 3 for 0263T session two.", [("Sept. 3", D)], ["0263T"], id="sept-abbrev",
    ),
    pytest.param(
        "admitted on the 14th with rest pain.", [("14th", D)], ["rest pain"], id="ordinal-day",
    ),
    pytest.param(
        "SURGERY DATE: MARCH 14, 2025", [("MARCH 14, 2025", D)], ["SURGERY DATE"], id="caps",
    ),
    pytest.param(
        "seen on march 14 2025 by wound team.", [("march 14 2025", D)], ["wound team"],
        id="lowercase",
    ),
    # -- calendar-invalid look-alikes (the "bad checksum" of a date) -----------------------------
    pytest.param(
        "Values 13/14/2025 and 4/31/2025 and 2/30/2025 are not dates.",
        [], ["13/14/2025", "4/31/2025", "2/30/2025"], id="calendar-invalid",
    ),
    pytest.param(
        # still a number worth hiding, but never a date
        "Code 2025-13-40 printed on the tray.", [], [("2025-13-40", D)], id="iso-invalid",
    ),
    # -- scores, readings, fractions and ratios --------------------------------------------------
    pytest.param(
        "Pain 3/10 at rest, 7/10 with walking.", [], ["3/10", "7/10"], id="pain-scores",
    ),
    pytest.param(
        "BP 120/80, HR 72. Repeat BP 118/76.", [], ["120/80", "118/76"], id="blood-pressure",
    ),
    pytest.param(
        "Strength 5/5 in both hands.", [], ["5/5"], id="strength",
    ),
    pytest.param(
        "Strength 5/5 in both hands; 4/5 grip on the right.", [], ["5/5", "4/5"],
        id="strength-grip",
    ),
    pytest.param(
        "1/2 NS at 75 mL/h; took 1 1/2 tabs.", [], ["1/2 NS", "1 1/2 tabs", "75 mL/h"],
        id="fractions",
    ),
    pytest.param(
        "Lidocaine 1% with epinephrine 1:100,000; ratio 2:1.", [],
        ["1:100,000", "2:1", "1%"], id="ratios",
    ),
    pytest.param(
        "ABG 7.35/45/80; K 4.2, Hgb 10.3, INR 1.1.", [],
        ["7.35/45/80", "4.2", "10.3", "1.1"], id="lab-values",
    ),
    pytest.param(
        "PEEP 5, PS 10/5, FiO2 40%. I/O 1200/800. Visual acuity 20/40 OD.", [],
        ["10/5", "1200/800", "20/40"], id="settings-io-acuity",
    ),
    pytest.param(
        "2/3 of the wound healed; 3/4 of the ulcer closed.", [], ["2/3", "3/4"],
        id="fractions-of",
    ),
    pytest.param(
        "The 3rd finger and the 4th toe were injected. On the 5th, she returned.",
        [("5th", D)], ["3rd finger", "4th toe"], id="ordinals",
    ),
    pytest.param(
        "Grade 2/6 murmur; GCS 15/15.", [], ["2/6", "15/15"], id="murmur-gcs",
    ),
    # -- EHR spacing: padded separators and labels ---------------------------------------------
    pytest.param(
        "DOB :  03 / 14 / 1961   Sex: F", [("03 / 14 / 1961", D)], ["Sex"], id="ehr-spaced-dob",
    ),
    pytest.param(
        "dos:3 /14/ 2025; date of surgery :  3 - 14 - 2025.",
        [("3 /14/ 2025", D), ("3 - 14 - 2025", D)], [], id="ehr-spaced-mixed",
    ),
    pytest.param(
        "ADMIT DATE :  3 / 14   DISCHARGE DATE: 3 / 20 / 25",
        [("3 / 14", D), ("3 / 20 / 25", D)], [], id="ehr-spaced-caps-labels",
    ),
    pytest.param(
        "ABG 7.35 / 45 / 80; I/O 1200 / 800; BP 120 / 80; gave 1 - 2 - 2000 mL.", [],
        ["7.35 / 45 / 80", "1200 / 800", "120 / 80", "2000 mL"], id="ehr-spaced-look-alikes",
    ),
    # -- ranges and lists of month/days -----------------------------------------------------------
    pytest.param(
        "Vanc 3/4-3/9, cefepime 3/10 - 3/14; CTX 3/4 to 3/9.",
        [("3/4", D), ("3/9", D), ("3/10", D), ("3/14", D)], [], id="md-ranges",
    ),
    pytest.param(
        "cultures drawn on 3/4, 3/6 and 3/9; repeat 3/12, 1/2 & 1/3.",
        [("3/4", D), ("3/6", D), ("3/9", D), ("3/12", D), ("1/2", D), ("1/3", D)], [],
        id="md-lists",
    ),
    pytest.param(
        "HD 12/2, 12/4, 12/6 -- next HD 12/8", [("12/2", D), ("12/4", D), ("12/8", D)], [],
        id="md-list-fractions-shaped",
    ),
    pytest.param(
        "took 1/2 tab, then 1/2-3/4 inch gauze; 1/2 and 3/4 of the wound; PS 10/5-12/5;"
        " strength 5/5-4/5.", [],
        ["1/2 tab", "1/2-3/4 inch", "1/2 and 3/4 of", "10/5-12/5", "5/5-4/5"],
        id="fraction-and-setting-ranges",
    ),
    pytest.param(
        "pain 2/10-3/10, BP 110/60-120/80, GCS 14/15-15/15, 3/4 of the dose.", [],
        ["2/10-3/10", "110/60-120/80", "14/15-15/15", "3/4 of"], id="score-ranges",
    ),
    # -- glued to words and times ----------------------------------------------------------------
    pytest.param(
        "POD1 3/14, seen3/14, drain out 3/15pm, CT 3/16AM.",
        [("3/14", D), ("3/15", D), ("3/16", D)], ["POD1"], id="glued",
    ),
    pytest.param(
        "q4h 2/3 doses given; x3/4 of the bag; 1 1/2 tabs.", [], ["2/3", "3/4", "1 1/2"],
        id="glued-look-alikes",
    ),
    # -- impossible on the calendar, yet written where a date belongs ----------------------------
    pytest.param(
        "DOS: 2/30/2025. Seen on 4/31 in clinic; admitted 2/31.",
        [("2/30/2025", D), ("4/31", D), ("2/31", D)], ["in clinic"], id="impossible-cued",
    ),
    pytest.param(
        "Vanc 2/27-2/30 then 3/1.", [("2/27", D), ("2/30", D), ("3/1", D)], [],
        id="impossible-in-range",
    ),
    pytest.param(
        "Ratio 2/30 on the chart; 13/32 and 4/31 alone. Pt initially on 13/10 in am.", [],
        ["2/30", "13/32", "4/31", "13/10"], id="impossible-uncued",
    ),
    pytest.param(
        "d/c drip at 0630 2/31; at 14:00 4/31 pm labs.", [("2/31", D), ("4/31", D)], [],
        id="impossible-after-clock-time",
    ),
    # -- settings and murmur grades stay even after "on" -----------------------------------------
    pytest.param(
        "Placed on 10/5 BiPAP; remained on 5/5, 40% overnight; +3/6 SEM; 2/6 murmur.", [],
        ["10/5", "5/5", "3/6", "2/6"], id="settings-after-on",
    ),
    pytest.param(
        "HOB 30'. Ambulated 30' with assist; smoker since 98'.", [("98'", D)],
        ["HOB 30'", "Ambulated 30'"], id="feet-not-years",
    ),
    # -- two-digit years after an apostrophe -----------------------------------------------------
    pytest.param(
        "Dx Jan '19, CABG 3/14 '19, PCI March 2 '21; smoker since '98.",
        [("Jan", D), ("3/14", D), ("March 2", D)], [], id="apostrophe-years",
    ),
    pytest.param(
        "JAN ’19 relapse; sept '20 remission.", [("JAN", D), ("sept", D)], [],
        id="apostrophe-years-case",
    ),
    # -- years, times, durations -----------------------------------------------------------------
    pytest.param(
        "Diagnosed in 2019; scleroderma since 2008.", [], ["2019", "2008"], id="bare-years",
    ),
    pytest.param(
        "Incision 14:30, closure 2:45 pm, out of room 0730.", [],
        ["14:30", "2:45 pm", "0730"], id="times",
    ),
    pytest.param(
        "Fistula drained for 3 days; follow up in 2 weeks; seton x 6 months.", [],
        ["3 days", "2 weeks", "6 months"], id="durations",
    ),
    pytest.param(
        "Plan discussed today; tomorrow she starts cefazolin 2 g.", [],
        ["today", "tomorrow", "cefazolin 2 g"], id="relative-words",
    ),
    pytest.param(
        "Bill CPT 15877-RT and 20610-LT; ICD-10 L94.0.", [],
        ["15877-RT", "20610-LT", "L94.0"], id="codes",
    ),
]
# fmt: on


@pytest.mark.parametrize(("text", "phi", "keep"), CASES)
def test_dates(redactor: Redactor, text: str, phi: list[Phi], keep: list[Keep]) -> None:
    check_row(redactor, text, phi, keep)
