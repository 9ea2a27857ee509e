"""The thesis excerpt the book is built from, split into its sections.

The book attributes to the thesis only what a passage of ``data/curated/
thesis_passages.csv`` quotes; each Markdown sentence that reports the thesis cites
such a passage with the ``{thesis}`` role (``book/_ext/thesis_passages.py``), and
the tests find every quote in the section it names. The excerpt itself is not the
project's to publish: it lies beside the repository, in ``../shared/thesis/`` (or
at ``$SCO_THESIS_TEXT``), and is used only if its SHA-256 is the one pinned here.
"""

from __future__ import annotations

import hashlib
import os
import re
from functools import cache
from pathlib import Path

from analysis import paths

TEXT_ENV = "SCO_THESIS_TEXT"
SHA256 = "c390553e683258a45480506b8ab4f9a48dec8e5a24669e2ba4e50f1a1e253174"
DEFAULT_TEXT = paths.REPO_ROOT.parent / "shared" / "thesis" / "000_68238040ccbc65c5.txt"

# Where each section starts. The excerpt opens with its table of contents ("Contents");
# its section 1.3 has a heading there and no text; nothing marks the Conclusion but
# its first words.
_STARTS = (
    ("Contents", r"\A"),
    ("Introduction", r"^The Shanghai cooperation organization \(hereinafter"),
    ("1.1", r"^1\.1 Theoretical aspects of regional security\s*$"),
    ("1.2", r"^1\.2 Types of international organizations.*security\s*$"),
    ("2.1", r"^2\.1\s+SCO in ensuring security in Central Asia\s*$"),
    ("2.2", r"^2\.2 Situational analysis.*development\s*$"),
    ("2.3", r"^2\.3 Potential and prospects.*analysis\s*$"),
    ("3.1", r"^3\.1 Kazakhstan and the SCO: interaction factors\s*$"),
    ("3.2", r"^3\.2\s+The Republic of Kazakhstan and the CIS.*security\s*$"),
    ("Conclusion", r"^The SCO's anti-terrorist orientation clearly prevails"),
)


class ThesisUnavailable(FileNotFoundError):
    """The excerpt is not where it should be, or is not the pinned text."""


def location() -> Path:
    return Path(os.environ.get(TEXT_ENV) or DEFAULT_TEXT)


@cache
def text() -> str:
    """The excerpt's text, after checking its SHA-256."""
    file = location()
    if not file.is_file():
        raise ThesisUnavailable(f"the thesis excerpt is not at {file}; set ${TEXT_ENV} to "
                                "its path (it is in shared/thesis/ beside the repository)")
    data = file.read_bytes()
    if hashlib.sha256(data).hexdigest() != SHA256:
        raise ThesisUnavailable(f"{file} is not the thesis excerpt the book was built from "
                                f"(its SHA-256 is not {SHA256[:12]}...)")
    return data.decode("utf-8")


def normalise(words: str) -> str:
    """Words compared without regard to line breaks, runs of spaces or dash and quote
    forms."""
    words = words.translate(str.maketrans({"–": "-", "—": "-", "“": '"', "”": '"', "’": "'"}))
    return re.sub(r"\s+", " ", words).strip()


@cache
def sections() -> dict[str, str]:
    """The excerpt's text by section (``"Contents"``, ``"Introduction"``, ``"1.1"`` …
    ``"Conclusion"``), each normalised."""
    whole = text()
    starts = []
    for name, pattern in _STARTS:
        found = re.search(pattern, whole, flags=re.MULTILINE)
        if found is None:
            raise ThesisUnavailable(f"the start of section {name} is not in the excerpt")
        starts.append((found.start(), name))
    starts.sort()
    ends = [start for start, _ in starts[1:]] + [len(whole)]
    return {name: normalise(whole[start:end]) for (start, name), end in zip(starts, ends,
                                                                           strict=True)}


def pinpoint(section: str) -> str:
    """How the book cites a section: "§ 2.3", "Introduction", "Conclusion", or
    "contents" for the title and table of contents."""
    return f"§ {section}" if section[0].isdigit() else (
        "contents" if section == "Contents" else section)


def quotes(section: str, words: str) -> bool:
    """Whether ``section`` of the excerpt contains ``words`` verbatim."""
    return normalise(words) in sections()[section]
