"""Shared fixtures: one real Redactor (real spaCy model, real Presidio) for the whole session.

Under pytest-xdist (``make test`` runs ``-n auto``) the tests are handed out in units: each
test module is one unit, so a module's fixtures (a Redactor built with other settings, a server,
a browser) are built on one worker only, and all of ``tests/spark/`` is one unit, so a run
starts one SparkSession. The slowest tests (measured with ``--durations``) are units of their
own and go out first, so that no worker starts a long test while the other has nothing left.
(xdist's own ``--dist loadgroup`` cannot do this here: with pytest 9.2 it silently stops
grouping, pytest-dev/pytest-xdist#1386.)
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:  # imported on first use: xdist's controller process never needs the NLP stack
    from redactphi import Redactor

# Node id prefixes, slowest first. A prefix with "::" names one test, which is a unit of its
# own; a folder or module keeps its tests together. Everything else follows in file order.
SLOW_FIRST = (
    "tests/spark/",
    "tests/cli/test_cli.py::test_killed_run_resumes_with_every_output_complete_and_none_dup",
    "tests/service/test_workers.py",
    "tests/service/test_process.py::test_no_phi_in_the_server_log",
    "tests/service/test_review_page.py",
    "tests/benchmarks/test_bench_service.py",
    "tests/benchmarks/test_eval.py",
    "tests/cli/test_bad_paths.py",
    "tests/service/test_limits.py",
    "tests/benchmarks/test_bench.py",
    "tests/benchmarks/test_bench_growth.py",
    "tests/service/test_auth.py",
    "tests/cli/test_cli.py::test_analyze_json_has_offsets_but_no_text",
    "tests/cli/test_cli.py::test_mixed_tree_is_redacted_reported_and_never_touched",
    "tests/cli/test_cli.py::test_stdin_to_stdout_with_encoding_and_policy",
    "tests/cli/test_cli.py",
    "tests/service/test_process.py",
)


def rank(nodeid: str) -> int:
    return next((i for i, p in enumerate(SLOW_FIRST) if nodeid.startswith(p)), len(SLOW_FIRST))


def unit(nodeid: str) -> str:
    """The unit of work a test belongs to: Spark's folder, the test itself when SLOW_FIRST
    names it, else its module."""
    if nodeid.startswith("tests/spark/"):
        return "tests/spark/"
    if any("::" in p and nodeid.startswith(p) for p in SLOW_FIRST):
        return nodeid
    return nodeid.split("::", 1)[0]


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    # Stable: file order within a rank. Every worker sorts alike, so collections still match.
    items.sort(key=lambda item: rank(item.nodeid))


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config: pytest.Config, log: Any) -> Any:
    """xdist's scope scheduler over the units above, handed out in collection order. Only for
    the default distribution (``-n`` alone) or ``--dist loadscope``; others are left alone."""
    if config.getvalue("dist") not in ("load", "loadscope"):
        return None
    from xdist.scheduler import LoadScopeScheduling

    class UnitScheduling(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            return unit(nodeid)

    config.option.loadscopereorder = False  # keep the order above, not largest unit first
    return UnitScheduling(config, log)


@pytest.fixture(scope="session")
def redactor() -> Redactor:
    from redactphi import Redactor

    return Redactor()
