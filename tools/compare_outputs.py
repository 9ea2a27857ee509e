"""Compare what readers see in the stored notebook outputs of a git revision and now.

A refactoring must not change the book: ``python -m tools.compare_outputs REV`` lists
every glued value, figure fingerprint and table of each notebook that differs between
the notebooks committed at REV and those in the working tree. Images are compared by
their fingerprints (the data they plot); the replication appendix, whose execution
times and commit change at every run, is left out.

Exit status 0 when nothing differs.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys

from analysis import paths

VOLATILE = ("91_replication.ipynb",)
FINGERPRINT = re.compile(r"^\[data of .*\]$", re.M)


def shown(notebook: dict) -> dict[str, str]:
    """What a notebook shows, by glue name, fingerprint or ``table N``."""
    found, tables = {}, 0
    for cell in notebook["cells"]:
        for output in cell.get("outputs", []):
            record = output.get("metadata", {}).get("scrapbook", {}).get("name")
            data = output.get("data", {})
            if record:
                found[f"glue {record}"] = "".join(data.get(
                    "application/papermill.record/text/plain", ""))
            elif "text/html" in data:
                tables += 1
                found[f"table {tables}"] = "".join(data.get("text/plain", ""))
            for fingerprint in FINGERPRINT.findall("".join(output.get("text", ""))):
                found[fingerprint.split(":")[0] + "]"] = fingerprint
    return found


def differences(revision: str) -> list[str]:
    problems = []
    for file in sorted((paths.REPO_ROOT / "notebooks").glob("*.ipynb")):
        if file.name in VOLATILE:
            continue
        relative = file.relative_to(paths.REPO_ROOT).as_posix()
        old = subprocess.run(["git", "-C", str(paths.REPO_ROOT), "show", f"{revision}:{relative}"],
                             capture_output=True, text=True, check=False)
        if old.returncode != 0:
            problems.append(f"{relative}: not in {revision}")
            continue
        before, after = shown(json.loads(old.stdout)), shown(json.loads(file.read_text()))
        for name in sorted(before.keys() | after.keys()):
            if before.get(name) != after.get(name):
                problems.append(f"{relative}: {name}: {before.get(name)!r} -> {after.get(name)!r}")
    return problems


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.compare_outputs", description=__doc__)
    parser.add_argument("revision", help="git revision to compare with, e.g. HEAD or main~3")
    args = parser.parse_args(argv)
    problems = differences(args.revision)
    print("\n".join(problems) or f"no difference in what the notebooks show since {args.revision}")
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
