"""The README and docs/ stay true to the tree and the code: every relative link resolves (file
and heading anchor), every ``redactphi`` subcommand and option is documented, and every route of
the service is listed in docs/service.md."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
PAGES = [ROOT / "README.md", *sorted(DOCS.glob("*.md"))]

# [text](target) and ![alt](target), with an optional "title"
_LINK = re.compile(r"!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
_FENCE = re.compile(r"^\s*(```|~~~)")
_INLINE_CODE = re.compile(r"`[^`\n]*`")
_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
# What the doc for each command's options is
OPTION_DOCS = {
    "redact": "cli.md",
    "analyze": "cli.md",
    "serve": "service.md",
    "spark": "spark.md",
}


def prose_lines(text: str) -> Iterator[tuple[int, str]]:
    """Lines outside code fences, with inline code removed, numbered from 1."""
    fenced = False
    for number, line in enumerate(text.splitlines(), 1):
        if _FENCE.match(line):
            fenced = not fenced
            continue
        if not fenced:
            yield number, line


def slug(heading: str) -> str:
    """GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens."""
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", heading)  # a link keeps its text
    text = text.replace("`", "").strip().lower()
    text = re.sub(r"[^\w\- ]", "", text)
    return text.replace(" ", "-")


def anchors(page: Path) -> set[str]:
    seen: dict[str, int] = {}
    out: set[str] = set()
    for _, line in prose_lines(page.read_text(encoding="utf-8")):
        match = _HEADING.match(line)
        if not match:
            continue
        base = slug(match.group(2))
        count = seen.get(base, 0)
        seen[base] = count + 1
        out.add(base if count == 0 else f"{base}-{count}")
    return out


def links(page: Path) -> Iterator[tuple[int, str]]:
    for number, line in prose_lines(page.read_text(encoding="utf-8")):
        for match in _LINK.finditer(_INLINE_CODE.sub("", line)):
            yield number, match.group(1)


def test_the_docs_exist() -> None:
    names = {page.name for page in PAGES}
    for name in (
        "README.md",
        "cli.md",
        "service.md",
        "policies.md",
        "recognizers.md",
        "configuration.md",
        "evaluation.md",
        "dependencies.md",
    ):
        assert name in names, f"{name} is missing"


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_every_relative_link_resolves(page: Path) -> None:
    broken = []
    for number, target in links(page):
        if re.match(r"^[a-z][a-z0-9+.-]*:", target):  # http:, https:, mailto: ...
            continue
        path_part, _, fragment = target.partition("#")
        dest = (page.parent / path_part).resolve() if path_part else page
        where = f"{page.relative_to(ROOT)}:{number}: {target}"
        if not dest.exists():
            broken.append(f"{where} (no such file)")
        elif fragment and dest.suffix == ".md" and fragment not in anchors(dest):
            broken.append(f"{where} (no such heading)")
    assert not broken, "broken links:\n" + "\n".join(broken)


def test_the_readme_links_every_doc() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for doc in sorted(DOCS.glob("*.md")):
        assert f"(docs/{doc.name}" in readme, f"README does not link docs/{doc.name}"


def test_every_doc_opens_with_a_title_and_a_purpose() -> None:
    for doc in sorted(DOCS.glob("*.md")):
        lines = doc.read_text(encoding="utf-8").splitlines()
        assert lines[0].startswith("# "), f"{doc.name} has no title"
        assert len(lines) > 2 and lines[1] == "" and lines[2].strip(), f"{doc.name}: no purpose"


def test_every_subcommand_and_option_is_documented() -> None:
    import typer

    from redactphi.cli import app

    command = typer.main.get_command(app)
    assert isinstance(command, typer.core.TyperGroup)
    cli_doc = (DOCS / "cli.md").read_text(encoding="utf-8")
    assert set(command.commands) == set(OPTION_DOCS), "a new command needs a doc in OPTION_DOCS"
    missing = []
    for name, sub in command.commands.items():
        if f"redactphi {name}" not in cli_doc:
            missing.append(f"`redactphi {name}` in cli.md")
        doc = (DOCS / OPTION_DOCS[name]).read_text(encoding="utf-8")
        for param in sub.params:
            for option in (*param.opts, *param.secondary_opts):
                documented = re.search(re.escape(option) + r"(?![\w-])", doc)
                if option.startswith("--") and option != "--help" and not documented:
                    missing.append(f"{name} {option} in {OPTION_DOCS[name]}")
    assert not missing, "undocumented: " + ", ".join(missing)


def test_every_route_is_in_the_service_doc() -> None:
    from redactphi.service.app import create_app
    from redactphi.service.settings import ServiceSettings

    settings = ServiceSettings(
        host="127.0.0.1", api_keys=[], api_keys_file=None, policy=None, rate_limit=""
    )
    app = create_app(settings)  # the model loads only when the app starts: not here
    doc = (DOCS / "service.md").read_text(encoding="utf-8")
    routes = [
        f"{method.upper()} {path}"
        for path, operations in app.openapi()["paths"].items()
        for method in operations
    ]
    assert "POST /v1/redact" in routes  # the listing itself works
    routes += ["GET /docs", "GET /openapi.json", "GET /review"]
    missing = [route for route in routes if f"`{route}`" not in doc]
    assert not missing, f"routes not in docs/service.md: {missing}"
