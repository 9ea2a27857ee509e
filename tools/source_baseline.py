"""Write the sources of every curated row as they stood at one commit, for the appendix.

The source rule of :mod:`analysis.data.source_tiers` was introduced after an
examiner counted the tiers of the book's sources. To show what the re-sourcing
changed, the replication appendix classifies, with the same tier table, the sources
of each row before (this file) and now (the tables themselves). The baseline is
frozen in ``data/source_baseline.csv``; this tool made it, and a unit test checks
that it still makes the same bytes from the commit::

    python -m tools.source_baseline --commit 5ec40f5 > data/source_baseline.csv
"""

from __future__ import annotations

import argparse
import csv
import io
import subprocess
import sys

from analysis import paths

COLUMNS = ("table", "row", "verification", "sources")


def _git(*args: str) -> str:
    return subprocess.run(["git", *args], cwd=paths.REPO_ROOT, check=True,
                          capture_output=True, text=True, encoding="utf-8").stdout


def _rows(text: str, name: str):
    """Each row's number (from 1), status and references (of every source column)."""
    reader = csv.DictReader(io.StringIO(text))
    sources = [column for column in reader.fieldnames
               if column == "source" or column.endswith("_source")]
    for number, row in enumerate(reader, start=1):
        yield {"table": name, "row": number, "verification": row["verification"],
               "sources": " ; ".join(row[column] for column in sources if row[column])}


def baseline(commit: str) -> str:
    """The CSV text of the baseline: every curated table at ``commit``."""
    out = io.StringIO()
    writer = csv.DictWriter(out, COLUMNS, lineterminator="\n")
    writer.writeheader()
    for path in sorted(_git("ls-tree", "--name-only", commit, "data/curated/").split()):
        name = path.removeprefix("data/curated/").removesuffix(".csv")
        writer.writerows(_rows(_git("show", f"{commit}:{path}"), name))
    return out.getvalue()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--commit", required=True)
    sys.stdout.write(baseline(parser.parse_args().commit))


if __name__ == "__main__":
    main()
