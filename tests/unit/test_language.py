"""The languages layer: what is a message, how numbers are said, what stays as it is."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.presentation import display, language, pdf_table


@pytest.fixture
def russian(monkeypatch):
    """A small Russian catalogue in place of the book's."""
    messages = {"Peace Mission {0}": "«Мирная миссия — {0}»",
                "update of {0}-{1}-{2}": "обновление от {2}.{1}.{0}",
                "{0} million": "{0} млн", "State": "Государство", "Kazakhstan": "Казахстан",
                "verified": "проверено", "Figure {0}": "Рисунок {0}"}
    monkeypatch.setattr(language, "catalogue", lambda lang: messages)
    monkeypatch.setattr(language, "MISSING", set())
    return messages


def test_numbers_are_taken_out_of_a_message_and_put_back_in_russian_format(russian):
    assert language.say("Peace Mission 2007", "ru") == "«Мирная миссия — 2007»"
    assert language.say("1,234.5 million", "ru") == "1\u202f234,5 млн"
    assert language.say("update of 2026-07-01", "ru") == "обновление от 01.07.2026"
    assert language.template("0.46 of 12") == ("{0} of {1}", ["0.46", "12"])


def test_english_is_never_changed():
    for text in ("Peace Mission 2007", "1,234.5 million", "tbl-2-2-growth", ""):
        assert language.say(text, "en") == text
        assert language.localise(text, "en") == text


@pytest.mark.parametrize(("english", "russian"), [
    ("0.46", "0,46"), ("1,234", "1\u202f234"), ("12.50", "12,50"), ("2019", "2019"),
    ("07", "07"), ("-0.3", "-0,3")])
def test_a_number_keeps_its_digits_in_russian_format(english, russian):
    assert language.localise(english, "ru") == russian


def test_codes_versions_and_exhibit_numbers_are_no_messages(russian):
    for text in ("tbl-codebook-scale", "wdi_sp_pop_totl, wdi_ny_gdp_mktp_cd", "1.0.4.post1",
                 "s22_economy.openness_and_investment", "3.1.5"):
        with language.collect() as messages:
            assert language.say(text, "ru") == text
        assert not messages
    assert language.say("Figure 2.1.3", "ru") == "Рисунок 2.1.3"
    assert language.say("https://example.org/a_b", "ru") == "https://example.org/a_b"


def test_a_text_without_translation_stays_english_and_is_remembered(russian):
    with language.collect() as messages:
        assert language.say("Not in the catalogue 3", "ru") == "Not in the catalogue 3"
    assert messages == {"Not in the catalogue {0}"}
    assert {"Not in the catalogue {0}"} == language.MISSING


def test_a_language_the_book_does_not_have_is_refused():
    with pytest.raises(ValueError, match="SCO_LANGUAGE='de'.*en, ru"):
        language.choose("de")


def test_tables_say_their_headers_cells_and_numbers_in_the_edition(russian):
    frame = pd.DataFrame({"State": ["Kazakhstan"], "Verification": ["verified"],
                          "Value": [1234.5]})
    english, html = display.html_table(frame), display.html_table(frame, "ru")
    assert "Kazakhstan" in english and "1,234.5" in english
    assert "Казахстан" in html and "Государство" in html and "1\u202f234,5" in html
    # a verdict keeps the class of its English word, which the stylesheet colours
    assert 'class="judgement judgement-verified">проверено<' in html
    assert "Казахстан" in pdf_table.list_table(frame, "ru")


def test_a_figure_is_drawn_again_in_russian_from_the_same_artists(russian, capsys):
    from matplotlib.text import Text

    from analysis.presentation import style

    style.apply()
    fig, ax = style.figure()
    ax.plot([0, 0.5, 1], [0, 1, 0], label="Kazakhstan")
    ax.set(title="State", xlabel="Peace Mission 2007")
    ax.legend()
    style.finish(fig, [], pd.DataFrame({"x": [0.0, 0.5, 1.0]}), "demo")
    russian_figure = fig.book_editions["ru"]
    russian_figure.canvas.draw()
    texts = {t.get_text() for t in russian_figure.findobj(Text) if t.get_text()}
    assert {"Государство", "«Мирная миссия — 2007»", "Казахстан"} <= texts
    assert "0,2" in {label.get_text() for label in russian_figure.axes[0].get_xticklabels()}
    assert {"State", "Kazakhstan"} <= {t.get_text() for t in fig.findobj(Text)}  # English kept
    assert fig.book_messages >= {"State", "Peace Mission {0}", "Kazakhstan"}
    assert capsys.readouterr().out.count("[data of demo") == 1  # one fingerprint


def test_a_section_number_is_no_decimal(russian):
    assert language.template("The claims of section 1.1, checked.") == (
        "The claims of section {0}, checked.", ["1.1"])
    frame = pd.DataFrame({"Thesis section": ["1.1"], "Share": [0.5]})
    assert ">1.1<" in display.html_table(frame, "ru") and ">0,5<" in display.html_table(frame, "ru")
    printed = pdf_table.list_table(pd.DataFrame({"Thesis section": ["1.1\n2.3"]}), "ru")
    assert "1.1; 2.3" in printed and "1,1" not in printed
    assert language.say_cell("1.1", "ru") == "1.1"
    # with no words to translate, or none translated, a section stays a section
    assert language.say("§ 3.1", "ru") == "§ 3.1"
    assert language.say("section 3.1 of 1,234.5", "ru") == "section 3.1 of 1\u202f234,5"
    assert language.say_cell("0.5 of it", "ru") == "0,5 of it"
    monkeypatch_catalogue = {"The claims of section {0}, checked.": "Утверждения раздела {0}."}
    russian.update(monkeypatch_catalogue)
    assert language.say("The claims of section 1.1, checked.", "ru") == "Утверждения раздела 1.1."


def test_a_figure_in_russian_is_laid_out_like_the_english_one(russian, capsys):
    from analysis.presentation import style

    style.apply()
    fig, ax = style.figure()
    ax.plot([0, 1], [0, 1])
    ax.set(title="State", ylabel="Kazakhstan")
    style.finish(fig, [], pd.DataFrame({"x": [0.0]}), "demo")
    english = ax.get_position().bounds
    russian_axes = fig.book_editions["ru"].axes[0].get_position().bounds
    assert english != (0.125, 0.11, 0.775, 0.77)  # laid out, not matplotlib's default
    assert russian_axes == pytest.approx(english, abs=0.05)


def test_a_student_draws_a_chapter_in_russian_with_one_setting(monkeypatch):
    from analysis import provenance
    from analysis.presentation import notebook

    monkeypatch.setattr(provenance, "record_on_exit", lambda name: None)
    monkeypatch.setenv("SCO_LANGUAGE", "ru")
    try:
        notebook.setup("analysis.sections.s22_economy")
        assert language.current() == "ru" and language.others() == ("en",)
    finally:
        language.choose(language.ENGLISH)
    monkeypatch.setenv("SCO_LANGUAGE", "de")
    with pytest.raises(ValueError, match="SCO_LANGUAGE='de'"):
        notebook.setup("analysis.sections.s22_economy")


def test_a_list_of_file_names_is_code_and_n_a_is_a_word(russian):
    russian["n/a"] = "н/д"
    assert language.say("crises, sco_exercises, references", "ru") == (
        "crises, sco_exercises, references")
    assert language.say("n/a", "ru") == "н/д"
    assert language.say("crises, references", "ru") == "crises, references"  # words: a message
    assert "crises, references" in language.MISSING


def test_a_dollar_amount_is_no_mathtext(russian):
    with language.collect() as messages:
        language.say("The US committed $32.3m on 23 June and $48m later.", "ru")
    assert messages == {"The US committed $32.3m on {0} June and $48m later."}
