"""The build's differential test: an incremental build publishes what a cold one does.

After an edit, the book an incremental ``python -m tools.build`` publishes must be the
book a build from nothing publishes for the same tree. :func:`published` reads what
readers get from a build folder, and :func:`differences` names the files that differ.
The search index is left out (Sphinx orders its entries by the order in which pages
were read), and so are the only values that differ between any two builds: the
execution times the replication appendix reports.

The tests run it on a tiny book after each kind of edit (tests/integration/
test_differential.py); ``make bench`` runs it on the real book (tools/bench.py).
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from analysis import paths

NOT_COMPARED = ("searchindex.js",)
# The replication appendix's table of execution times, in its page and its CSV.
TIMES_TABLE = re.compile(r'(<figure[^>]*id="tbl-replication-times".*?</figure>)', re.DOTALL)
TIMES_CSV = "_data/tbl-replication-times.csv"
NUMBER = re.compile(rb"\d+\.\d")


def published(build_dir: Path) -> dict[str, bytes]:
    """Every file of the published site, by its path, with the times blanked."""
    html = build_dir / "html"
    files = {}
    for file in sorted(html.rglob("*")):
        name = file.relative_to(html).as_posix()
        if not file.is_file() or name in NOT_COMPARED:
            continue
        content = file.read_bytes()
        if name == TIMES_CSV:
            content = NUMBER.sub(b"#", content)
        elif b'id="tbl-replication-times"' in content:
            content = TIMES_TABLE.sub(lambda m: NUMBER.sub("#", m.group(1)),
                                      content.decode("utf-8")).encode("utf-8")
        files[name] = content
    return files


def differences(incremental: Path, cold: Path) -> list[str]:
    """The published files that differ between two build folders (or exist in one)."""
    a, b = published(incremental), published(cold)
    return sorted(name for name in a.keys() | b.keys() if a.get(name) != b.get(name))


def build(source: Path, build_dir: Path, env: dict | None = None,
          *options: str) -> subprocess.CompletedProcess:
    """``python -m tools.build`` on ``source`` into ``build_dir``."""
    result = subprocess.run(
        [sys.executable, "-m", "tools.build", "--source", str(source), "--build-dir",
         str(build_dir), *options], cwd=paths.REPO_ROOT, env=env, capture_output=True,
        text=True, timeout=1800, check=False)
    if result.returncode != 0:
        raise RuntimeError(f"build of {source} failed:\n{result.stdout[-3000:]}"
                           f"{result.stderr[-3000:]}")
    return result


def executed(result: subprocess.CompletedProcess) -> list[str]:
    """The notebooks a build executed, from its log."""
    line = next((line for line in result.stdout.splitlines()
                 if line.startswith("executing ")), "executing 0 notebook(s), : ")
    return sorted(name for name in line.split(": ", 1)[1].split(", ") if name)
