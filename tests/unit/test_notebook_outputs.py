"""What the committed notebooks hold: output types the book knows, for every figure
and table the CSV of its data, matching the fingerprint nbval compares, and its form in
the Russian edition."""

from __future__ import annotations

import hashlib
import json
import re

import pytest

from analysis import paths
from analysis.presentation import language

NOTEBOOKS = sorted((paths.REPO_ROOT / "notebooks").glob("*.ipynb"))
# The output types the book renders (or, for text/csv, writes out as a download) and
# myst-nb's glue records; anything else would be dropped without a word (the build
# does not warn of unknown types: _config.yml).
# The Russian edition shows each exhibit's Russian form (tools/editions.py), and its
# catalogue is checked against the messages each records.
KNOWN = {"text/plain", "text/html", "text/markdown", "image/svg+xml", "text/csv",
         language.MESSAGES_MIME,
         *(language.edition_mime(other, mime) for other in language.TRANSLATED
           for mime in language.FORMS)}
GLUE = "application/papermill.record/"
FINGERPRINT = re.compile(r"\[data of .+: \d+ rows, sha256 ([0-9a-f]{12})\]")


def _cells(notebook):
    return json.loads(notebook.read_text(encoding="utf-8"))["cells"]


def _exhibits(notebook):
    """(label, cell) of each numbered figure or table of ``notebook``."""
    for cell in _cells(notebook):
        label = cell.get("metadata", {}).get("mystnb", {}).get("figure", {}).get("name")
        if label:
            yield label, cell


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda n: n.stem)
def test_every_output_is_of_a_known_type(notebook):
    found = {mime for cell in _cells(notebook) for output in cell.get("outputs", [])
             for mime in output.get("data", {}) if not mime.startswith(GLUE)}
    assert found <= KNOWN, f"{notebook.name}: outputs of an unknown type {found - KNOWN}"


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda n: n.stem)
def test_every_exhibit_carries_its_data_and_a_figures_csv_is_its_fingerprint(notebook):
    for label, cell in _exhibits(notebook):
        csv = [output["data"]["text/csv"] for output in cell.get("outputs", [])
               if "text/csv" in output.get("data", {})]
        assert len(csv) == 1, f"{notebook.name}: {label} has {len(csv)} CSV outputs"
        if label.startswith("fig-"):
            printed = "".join("".join(output.get("text", "")) for output in cell["outputs"]
                              if output.get("output_type") == "stream")
            digest = FINGERPRINT.search(printed)
            assert digest, f"{notebook.name}: {label} prints no fingerprint"
            text = "".join(csv[0])
            assert hashlib.sha256(text.encode()).hexdigest()[:12] == digest.group(1), label


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda n: n.stem)
def test_every_exhibit_carries_each_of_its_forms_in_russian(notebook):
    for label, cell in _exhibits(notebook):
        data = next(o["data"] for o in cell["outputs"] if "text/csv" in o.get("data", {}))
        english = [mime for mime in language.FORMS if mime in data]
        assert english, f"{notebook.name}: {label} shows nothing"
        for mime in english:
            assert language.edition_mime("ru", mime) in data, (notebook.name, label, mime)
        assert language.MESSAGES_MIME in data, (notebook.name, label)
