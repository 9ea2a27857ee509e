"""Every sentence that reports the thesis rests on a passage of the thesis.

A Markdown sentence that mentions the thesis (other than by date: "since the thesis")
attributes something to it, so it must cite the passage that says it with the
``{thesis}`` role; each passage of ``data/curated/thesis_passages.csv`` must be found,
word for word, in the section of the excerpt it names, and be cited somewhere.
"""

from __future__ import annotations

import json
import os
import re

import pytest

from analysis import paths
from analysis.data import curated, thesis

ROLE = re.compile(r"\{thesis\}`([^`]+)`")
# A sentence reports the thesis when the thesis (or its author) says, argues, lists ...
# something, or when it speaks of the thesis's argument, figures, list, proposals ...;
# a mention of the thesis by its date ("since the thesis was written") or as the book's
# object ("this book follows the thesis") reports nothing of what it says.
_REPORTING = (
    "says|said|argues|argued|notes|opens|starts|begins|ends|treats|stresses|credits|"
    "sees|quotes|recalls|presents|lists|calls|warns|concludes|names|defines|"
    "distinguishes|dates|gives|describes|traces|announces|attributes|singles|asks|"
    "makes|finds|proposes|proposed|recommends|reasons|links|puts|claims|holds|counts|"
    "thinks|mentions|cites|reports|turns|leaves|takes|suggests|speaks|discusses|states|"
    "writes|insists|complains|expects|repeated|repeats|was right|is right|credited|"
    "asked|sets|uses|relies|blames|praises|regards|considers|judges|doubts|lacks|"
    "highlights|say|discuss|mention|name|give|cite|credit|list|describe|attribute|"
    "predicted|expected|hoped|hopes|proposal|passes over")
_CONTENT = (
    "argument|premise|reading|diagnosis|optimism|proposals?|complaint|call|list|history|"
    "account|question|advice|example|figures?|numbers|definitions?|typology|words|view|"
    "warning|recommendations?|chapters?|sections?|title|terms|categories|milestones|"
    "counts|dates|claim that|case|thesis|point|hopes?|verdict|conclusions?|summary")
ATTRIBUTING = re.compile(
    rf"\b(?:the|this|that|its|a) (?:thesis|author)\b(?:,[^,]*,)? (?:\w+ly |also |then |"
    rf"still |rightly |further |again |not |does not |did not |never )*(?:{_REPORTING})\b"
    rf"|\b(?:the )?thesis's (?:(?!claims\b)[\w-]+ ){{0,4}}(?:{_CONTENT})\b"
    rf"|according to the thesis|in the thesis's words|as the thesis\b"
    rf"|(?:in|from|of) the thesis's text|the thesis (?:is|was) (?:right|wrong)",
    re.IGNORECASE)
SENTENCE_END = re.compile(r"(?<=[.!?])[*)\"”]*\s+(?=[A-Z(*\"“{\[])")


def _markdown() -> dict[str, str]:
    """The Markdown of every page: notebook cells and the book's own pages."""
    pages = {}
    for file in sorted((paths.REPO_ROOT / "notebooks").glob("*.ipynb")):
        cells = json.loads(file.read_text(encoding="utf-8"))["cells"]
        pages[file.name] = "\n\n".join("".join(cell["source"]) for cell in cells
                                       if cell["cell_type"] == "markdown")
    for file in sorted((paths.REPO_ROOT / "book").glob("*.md")):
        pages[file.name] = file.read_text(encoding="utf-8")
    return pages


def sentences(markdown: str) -> list[str]:
    """The sentences of the prose: headings, labels and code left out; the text of
    notes and figure descriptions kept."""
    markdown = re.sub(r"^(```|:::)\{(admonition|note|figure-description)\}.*?\n(.*?)^\1\s*$",
                      lambda m: re.sub(r"^:\w+:.*$", "", m.group(3), flags=re.MULTILINE),
                      markdown, flags=re.MULTILINE | re.DOTALL)
    markdown = re.sub(r"^(```|:::).*?^\1\s*$", "", markdown, flags=re.MULTILINE | re.DOTALL)
    found = []
    for block in re.split(r"\n\s*\n|\n(?=\s*(?:[-*]|\d+\.) )", markdown):
        block = " ".join(line.strip() for line in block.splitlines() if line.strip())
        if not block or block.startswith(("#", "(", "|", "<")) or block.endswith(")="):
            continue
        block = re.sub(r"^(?:[-*]|\d+\.) ", "", block)
        found += [part for part in SENTENCE_END.split(block) if part.strip()]
    return found


def attributes(sentence: str) -> bool:
    """Whether ``sentence`` reports something of the thesis."""
    return bool(ATTRIBUTING.search(sentence))


def test_every_sentence_that_reports_the_thesis_cites_a_passage():
    passages = set(curated.load("thesis_passages")["id"])
    unsupported, unknown = [], []
    for page, markdown in _markdown().items():
        reporting = False
        for sentence in sentences(markdown):
            cited = ROLE.findall(sentence)
            unknown += [f"{page}: {{thesis}}`{ref}`" for ref in cited if ref not in passages]
            # "It ..." after a sentence that reports the thesis goes on reporting it
            reporting = attributes(sentence) or (reporting and sentence.startswith(
                ("It ", "Its ")))
            if reporting and not cited:
                unsupported.append(f"{page}: {sentence}")
    assert not unknown, "passages not in thesis_passages.csv:\n" + "\n".join(unknown)
    assert not unsupported, ("sentences that report the thesis without citing a passage "
                             "({thesis}`id`):\n" + "\n".join(unsupported))


def test_every_passage_is_cited_and_the_thesis_is_cited_by_passage():
    cited = {ref for markdown in _markdown().values() for ref in ROLE.findall(markdown)}
    unused = set(curated.load("thesis_passages")["id"]) - cited
    assert not unused, f"passages no sentence cites: {sorted(unused)}"
    bare = [page for page, markdown in _markdown().items() if "`thesis2020`" in markdown]
    assert not bare, f"cite the thesis by passage ({{thesis}}`id`), not whole: {bare}"


@pytest.fixture(scope="module")
def excerpt():
    """The thesis excerpt, which lies beside the repository, not in it. CI names it
    with $SCO_THESIS_TEXT, and then a missing or different file fails the test."""
    try:
        return thesis.sections()
    except thesis.ThesisUnavailable as error:
        if os.environ.get(thesis.TEXT_ENV):
            raise
        pytest.skip(f"{error} (the quotes are checked where the excerpt is available)")


def test_every_passage_quotes_the_section_it_names(excerpt):
    passages = curated.load("thesis_passages")
    missing = [f"{row.id} ({row.section}): {row.quote}" for row in passages.itertuples()
               if not thesis.quotes(row.section, row.quote)]
    assert not missing, "quotes not found word for word in their section:\n" + "\n".join(
        missing)


@pytest.mark.parametrize(("sentence", "expected"), [
    ("The thesis credits it with a convention {thesis}`x`.", True),
    ("It was signed five years after the thesis.", False),
    ("Since the thesis was written the SCO has grown.", False),
    ("This book follows the thesis section by section.", False),
    ("The claims of this section are checked in {ref}`a`.", False),
    ("The thesis's figures describe the SCO of 2005.", True),
    ("The SCO grew, as the thesis expected.", True),
    ("The thesis, written in Karaganda, argues that the SCO matters.", True),
    ("The thesis does not say so.", True),
])
def test_a_sentence_attributes_when_it_reports_the_thesis(sentence, expected):
    assert attributes(sentence) is expected


def test_notes_and_figure_descriptions_are_prose_and_code_is_not():
    text = ("```{admonition} Edition note\n:class: note\nThe thesis says so.\n```\n\n"
            "```python\nthe thesis says = 1\n```\n")
    assert sentences(text) == ["The thesis says so."]


def test_sentences_are_split_at_their_ends_and_not_inside_roles():
    text = ("## Heading\n\nThe thesis says so {thesis}`a`. It is 2.5 times\nlarger "
            "({numref}`fig-x`). Next one.\n\n- A list item. Another.\n")
    assert sentences(text) == ["The thesis says so {thesis}`a`.",
                               "It is 2.5 times larger ({numref}`fig-x`).", "Next one.",
                               "A list item.", "Another."]
