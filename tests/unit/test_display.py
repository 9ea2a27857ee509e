"""Tables print as HTML online and as MyST list-tables in the PDF: valid MyST, every
cell kept, sensible widths, the judging columns beside what they judge."""

from __future__ import annotations

import pandas as pd
import pytest
from docutils import nodes
from docutils.core import publish_doctree
from myst_parser.parsers.docutils_ import Parser

from analysis.presentation import cells, display, pdf_table


def _parsed_rows(markdown: str) -> list[list[str]]:
    tree = publish_doctree(markdown, parser=Parser(),
                           settings_overrides={"report_level": 2, "halt_level": 2})
    (table,) = tree.findall(nodes.table)
    return [[entry.astext() for entry in row.findall(nodes.entry)]
            for row in table.findall(nodes.row)]


def test_every_cell_survives_markdown_parsing_as_text():
    awkward = ["-", "1. first", "a|b *c* _d_", "line\nbreak", "$5 <tag> [x](y)", None, "#1"]
    frame = pd.DataFrame({"Text": awkward, "Number": range(len(awkward))}).rename_axis("Row")
    rows = _parsed_rows(pdf_table.list_table(frame))
    assert rows[0] == ["Row", "Text", "Number"]
    assert [row[1] for row in rows[1:]] == [
        "-", "1. first", "a|b *c* _d_", "line; break", "$5 <tag> [x](y)", "", "#1"]


def test_row_numbers_are_dropped_and_a_real_index_is_kept():
    plain = _parsed_rows(pdf_table.list_table(pd.DataFrame({"A": ["x", "y"]})))
    assert plain == [["A"], ["x"], ["y"]]
    indexed = _parsed_rows(pdf_table.list_table(pd.DataFrame({"A": ["x"]}, index=["KAZ"])))
    assert indexed == [["index", "A"], ["KAZ", "x"]]


def test_long_text_gets_more_room_but_no_column_is_narrower_than_its_words():
    frame = pd.DataFrame({"Founded": ["2001"], "Seat": ["Brussels"],
                          "Mandate": ["a long description of a mandate " * 8]})
    widths = pdf_table._widths([[column, *frame[column]] for column in frame.columns])
    assert widths[2] > widths[0] + widths[1]
    words = {"Founded": 1.3 * len("Founded"), "Seat": len("Brussels")}
    for width, column in zip(widths, frame.columns, strict=False):
        if column in words:
            assert width >= 10 * (words[column] + 2)


def test_a_url_becomes_a_link_named_by_its_site_without_its_trailing_punctuation():
    markdown = pdf_table.list_table(pd.DataFrame({"Note": ["(see https://ex.org/a_b/c.html)."]}))
    tree = publish_doctree(markdown, parser=Parser(), settings_overrides={"halt_level": 2})
    (link,) = tree.findall(nodes.reference)
    assert link["refuri"] == "https://ex.org/a_b/c.html"
    assert _parsed_rows(markdown)[1] == ["(see ex.org)."]


def test_code_names_become_inline_code_and_other_words_do_not():
    frame = pd.DataFrame({"Function": ["analysis.sections.s12_igo.organisation_overlap"],
                          "Key": ["wdi_sp_pop"], "Text": ["v3.0 of U.S. data, 1.5 trillion"]})
    markdown = pdf_table.list_table(frame)
    tree = publish_doctree(markdown, parser=Parser(), settings_overrides={"halt_level": 2})
    assert [node.astext() for node in tree.findall(nodes.literal)] == [
        "analysis.sections.s12_igo.organisation_overlap", "wdi_sp_pop"]
    assert _parsed_rows(markdown)[1] == ["analysis.sections.s12_igo.organisation_overlap",
                                         "wdi_sp_pop", "v3.0 of U.S. data, 1.5 trillion"]


def test_a_checksum_prints_in_groups_of_eight_and_numbers_stay_text():
    digest = "9f7572e4c25c3060573914bba0abb3b127a176da9d29744f22413ad51839c2bb"
    rows = _parsed_rows(pdf_table.list_table(pd.DataFrame({"sha256": [digest],
                                                         "Value": ["1.50"]})))
    assert rows[1][0].split() == [digest[i:i + 8] for i in range(0, 64, 8)]
    assert rows[1][1] == "1.50"


def test_every_verdict_and_verification_label_is_marked_in_html_tables():
    from analysis.topics import claims, scorecard
    wanted = {*claims.VERDICTS, *scorecard.VERDICTS, *display.VERIFICATION_LABELS.values()}
    assert wanted <= set(display.JUDGEMENTS)
    assert display._cell("not supported", False)[0] == "judgement judgement-not-supported"


def test_a_table_too_wide_for_the_line_is_set_in_smaller_type():
    narrow = pdf_table.list_table(pd.DataFrame({"Seat": ["Brussels"]}))
    assert "booktablesize" not in narrow
    # five columns of "Kazakhstan" fit the line at 9 pt, six at 8 pt
    assert "booktablesize" not in pdf_table.list_table(
        pd.DataFrame({f"C{i}": ["Kazakhstan"] for i in range(5)}))
    wide = pdf_table.list_table(pd.DataFrame({f"C{i}": ["Kazakhstan"] for i in range(6)}))
    assert wide.startswith("```{raw} latex\n\\def\\booktablesize{\\footnotesize}")
    assert wide.rstrip().endswith("\\def\\booktablesize{\\small}\n```")
    too_wide = pdf_table.list_table(pd.DataFrame({f"C{i}": ["Yekaterinburg"] for i in range(12)}))
    assert "\\def\\booktablesize{\\scriptsize}" in too_wide


def test_hyphenated_words_may_break_after_the_hyphen():
    assert pdf_table._longest_word(["Type", "confidence-building"]) == len("confidence-")


def test_the_judging_columns_follow_what_they_judge_in_every_form():
    frame = pd.DataFrame({"Sources": ["https://ex.org/a"], "Date": ["2001-06-15"],
                          "Verification": ["verified"]}, index=["Charter"]).rename_axis("Document")
    order = ["Document", "Verification", "Sources", "Date"]
    assert list(cells.printed(frame).columns) == order
    assert display.table_csv(frame).splitlines()[0] == ",".join(order)
    assert _parsed_rows(pdf_table.list_table(frame))[0] == order
    head = display.html_table(frame).split("</thead>")[0]
    assert [head.index(f">{column}<") for column in order] == sorted(
        head.index(f">{column}<") for column in order)
    plain = pd.DataFrame({"Claim": ["x"], "Note": ["y"], "Verdict": ["supported"]})
    assert list(cells.printed(plain).columns) == ["Claim", "Verdict", "Note"]


def test_a_table_marked_for_print_drops_and_shortens_only_in_the_pdf():
    frame = pd.DataFrame({"Key": ["wdi"], "Note": ["long account"],
                          "SHA-256": ["0123456789abcdef" * 4]})
    pdf_table.in_print(frame, drop=("Note",), shorten={"SHA-256": 16})
    markdown = pdf_table.list_table(frame)
    assert _parsed_rows(markdown) == [["Key", "SHA-256"], ["wdi", "0123456789abcdef"]]
    assert "leaves out “Note”" in markdown and "first 16 characters of “SHA-256”" in markdown
    assert "long account" in display.html_table(frame)
    assert "0123456789abcdef" * 4 in display.table_csv(frame)


def test_marking_a_column_the_table_lacks_for_print_is_an_error():
    frame = pdf_table.in_print(pd.DataFrame({"Key": ["wdi"]}), drop=("Note",))
    with pytest.raises(KeyError, match="Note"):
        pdf_table.list_table(frame)
