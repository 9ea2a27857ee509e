"""The build's differential test: an incremental build publishes what a cold one does.

After an edit, the book an incremental ``python -m tools.build`` publishes must be the
book a build from nothing publishes for the same tree. :func:`published` reads what
readers get from a build folder, and :func:`differences` names the files that differ.
Only the search index is left out: Sphinx orders its entries by the order in which
pages were read. Nothing else differs between two builds of the same tree (the book
reports no execution times: ``make bench`` measures them).

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


def published(build_dir: Path) -> dict[str, bytes]:
    """Every file of the published site but the search index, by its path."""
    html = build_dir / "html"
    return {file.relative_to(html).as_posix(): file.read_bytes()
            for file in sorted(html.rglob("*"))
            if file.is_file() and file.relative_to(html).as_posix() not in NOT_COMPARED}


def differences(incremental: Path, cold: Path) -> list[str]:
    """The published files that differ between two build folders (or exist in one)."""
    a, b = published(incremental), published(cold)
    return sorted(name for name in a.keys() | b.keys() if a.get(name) != b.get(name))


def command(source: Path, build_dir: Path, *options: str) -> list[str]:
    """The command line of ``python -m tools.build`` on ``source`` into ``build_dir``."""
    return [sys.executable, "-m", "tools.build", "--source", str(source), "--build-dir",
            str(build_dir), *options]


def build(source: Path, build_dir: Path, env: dict | None = None,
          *options: str) -> subprocess.CompletedProcess:
    """``python -m tools.build`` on ``source`` into ``build_dir``; it must succeed."""
    result = subprocess.run(command(source, build_dir, *options), cwd=paths.REPO_ROOT,
                            env=env, capture_output=True, text=True, timeout=1800,
                            check=False)
    if result.returncode != 0:
        raise RuntimeError(f"build of {source} failed:\n{result.stdout[-3000:]}"
                           f"{result.stderr[-3000:]}")
    return result


# The executor's line for each batch (tools/execution.py). Other processes of the build
# write to the same stream, so the line may follow one of theirs left unfinished.
BATCH = re.compile(r"executing \d+ notebook\(s\), \d+ at a time: (.*)")
BY_SPHINX = re.compile(r"^(\S+\.ipynb): Executing notebook using", re.M)  # myst-nb's


def executed_notebooks(log: str) -> list[str]:
    """The notebooks a build log says were executed: in parallel, then by myst-nb."""
    names = [name for match in BATCH.finditer(log) for name in match.group(1).split(", ")]
    names += [Path(path).name for path in BY_SPHINX.findall(log)]
    return sorted(name for name in names if name)


def executed(result: subprocess.CompletedProcess) -> list[str]:
    """The notebooks the finished build ``result`` executed."""
    return executed_notebooks(result.stdout)
