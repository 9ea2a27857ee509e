"""The Russian catalogues are kept in step with the English: a changed sentence becomes
fuzzy, a new one untranslated, a removed one goes; a translation that loses a role or
uses a forbidden term, or a message the book shows that no catalogue holds, is a
problem the check reports."""

from __future__ import annotations

import datetime

from babel.messages.catalog import Catalog

from tools import translations

TERMS = translations.terms()


def _catalog(*messages: tuple[str, str]) -> Catalog:
    catalog = Catalog(locale="ru")
    for english, russian in messages:
        catalog.add(english, russian)
    return catalog


def test_a_changed_english_sentence_is_fuzzy_and_a_new_one_untranslated(tmp_path):
    path = tmp_path / "chapter.po"
    translations.save(_catalog(("The SCO was founded in 2001.", "ШОС основана в 2001 г."),
                               ("Gone.", "Нет.")), path)
    template = Catalog()
    template.add("The SCO was founded in June 2001.")
    template.add("A new sentence.")
    merged = translations.merge(template, path)
    assert "Gone." not in merged
    changed = merged["The SCO was founded in June 2001."]
    assert changed.fuzzy and changed.string == "ШОС основана в 2001 г."
    assert not merged["A new sentence."].string
    found = translations.problems(merged, "chapter", TERMS)
    assert any("fuzzy" in line for line in found)
    assert any("not translated" in line for line in found)


def test_a_translation_that_loses_a_role_or_a_link_is_a_problem():
    english = "In {glue:text}`year` the SCO had {glue:text}`n` members ([map](<#m>))."
    kept = "В {glue:text}`year` г. в ШОС было {glue:text}`n` членов ([карта](<#m>))."
    assert not translations.problems(_catalog((english, kept)), "c", TERMS)
    lost = "В {glue:text}`year` г. в ШОС было несколько членов ([карта](<#m>))."
    assert "roles, code or links changed" in translations.problems(
        _catalog((english, lost)), "c", TERMS)[0]
    relinked = kept.replace("<#m>", "<#x>")
    assert translations.problems(_catalog((english, relinked)), "c", TERMS)


def test_a_forbidden_term_is_a_problem_unless_quoted_as_typed():
    english = "Kyrgyzstan joined in 2001."
    assert translations.problems(_catalog((english, "Киргизия вступила в 2001 г.")), "c", TERMS)
    assert not translations.problems(_catalog((english, "Кыргызстан вступил в 2001 г.")),
                                     "c", TERMS)
    searched = ("Searched: 'Kyrgyzstan SCO'.", "Поиск: «Киргизия ШОС».")
    assert not translations.problems(_catalog(searched), "c", TERMS)


def test_the_book_showing_a_message_no_catalogue_holds_is_a_problem(tmp_path, monkeypatch):
    folder = tmp_path / "LC_MESSAGES"
    translations.save(_catalog(("State", "Государство")), folder / "exhibits.po")
    monkeypatch.setattr(translations, "MESSAGES", folder)
    found = translations.coverage({}, {"State": {"notebooks/22_economy"},
                                       "Kind": {"notebooks/22_economy"}})
    assert len(found) == 1
    assert "'Kind' (in notebooks/22_economy) is not in the catalogue" in found[0]
    assert "no longer in the book" in translations.coverage({}, {})[0]


def test_a_term_base_row_with_a_shifted_field_is_refused(tmp_path):
    path = tmp_path / "terms.csv"
    path.write_text("english,russian,russian_pattern,forbidden_pattern,note\n"
                    "Shanghai Convention,Шанхайская конвенция, о борьбе,Шанх\\w+,,\n",
                    encoding="utf-8")
    import pytest

    with pytest.raises(ValueError, match="row 2: expected 5 fields"):
        translations.terms(path)


def test_merging_what_did_not_change_changes_no_byte(tmp_path):
    path = tmp_path / "chapter.po"
    translations.save(_catalog(("Overview", "Обзор")), path)
    before = path.read_bytes()
    template = Catalog(creation_date=datetime.datetime(2030, 1, 1, 12, 0))  # a later run
    template.add("Overview")
    translations.save(translations.merge(template, path), path)
    assert path.read_bytes() == before
