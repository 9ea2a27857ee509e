"""The book's languages: the one a figure or table is being drawn in, and how the book says
a text and a number in it.

The English text of every exhibit (axis labels, legends, titles, source lines, table
headers and cells) is the key of its translation in the catalogue
``locale/ru/LC_MESSAGES/exhibits.po``, so the English stays the one source of truth.
Numbers are taken out of a text before it is looked up (``"Peace Mission 2007"`` is
the message ``"Peace Mission {0}"``) and put back in the language's own format
(:func:`localise`: decimal comma, thin-space thousands), so one translation serves every
value, and a number is never typed into a catalogue. A text made only of numbers and
punctuation needs no translation.

A text that has no translation yet stays English and is remembered (:data:`MISSING`);
the build's check of the catalogues (``tools/translations.py``) fails on it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal
from functools import cache
from pathlib import Path

from babel.numbers import format_decimal

from analysis import paths

ENGLISH = "en"
LANGUAGES = (ENGLISH, "ru")  # the editions, the English first: the one the text is written in
TRANSLATED = LANGUAGES[1:]
# The messages an output's forms in the other editions translated (a JSON list); the
# forms themselves are under edition_mime().
BOOK_MIME = "application/vnd.sco-book."  # the prefix of the types below
MESSAGES_MIME = BOOK_MIME + "messages+json"
FORMS = ("text/html", "text/markdown", "image/svg+xml")  # what is drawn in each edition
THIN_SPACE = "\u202f"  # narrow no-break space: the Russian thousands separator

_current = ENGLISH
MISSING: set[str] = set()  # the messages this kernel found no translation for
_collecting: list[set[str]] = []  # the messages looked up inside each open collect()

# A number as the English edition prints it: 12, 1,234, 0.46 (not part of a word, a
# code or a version such as 3.1.5).
NUMBER = re.compile(r"(?<![\w.,])(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?(?![\w]|[.,]\d)")
# A checksum or commit as a source line abbreviates it (sha256 d6c415be, commit 50ee6c0):
# like a number, it is taken out of the message, so that new data need no new translation.
DIGEST = re.compile(r"\b(?=[0-9a-f]*\d)(?=[0-9a-f]*[a-f])[0-9a-f]{7,64}\b")
# The number of a chapter, figure or table (2.1.3, B.6): part of no sentence's wording.
EXHIBIT_NUMBER = re.compile(r"(?<![\w.])(?:\d+(?:\.\d+){2,}|[A-Z]\.\d+|(?:(?<=ection )|(?<=§ )"
                            r"|(?<=ections )|(?<=BY ))\d+\.\d+)(?![\w.])")
SECTION_NUMBER = re.compile(r"\d+(?:\.\d+)+")  # a text cell "1.1" is a section, not 1.1
VARIABLE = re.compile(f"{DIGEST.pattern}|{EXHIBIT_NUMBER.pattern}|{NUMBER.pattern}")
# A name in code (a dataset key, a module, a label, a file, a version), or a list of
# them: said the same in every language.
CODE_NAME = re.compile(r"[\w{}-]*[_./][\w{}./-]*|(?:tbl|fig)-[\w{}-]+")
CODE_NAMES = re.compile(rf"(?:{CODE_NAME.pattern})(?:, (?:{CODE_NAME.pattern}))*")
WORDS_WITH_A_SLASH = ("n/a",)  # words, though they look like code
LATIN_WORD = re.compile(r"[A-Za-z]{2,}")
URL = re.compile(r"https?://[^\s<>\"]*[^\s<>\".,;:)\]]")
PLACEHOLDER = re.compile(r"\{(\d+)\}")
MATH = re.compile(r"\$[^$]*[\\^_{][^$]*\$")  # mathtext (a log axis's 10^3), not "$50m"


def edition_mime(language: str, mime: str) -> str:
    """The MIME type under which an output carries its ``mime`` form in ``language``'s
    edition: ``application/vnd.sco-book.ru+svg+xml`` for ``image/svg+xml``. Each form is
    a string of its own, so nbval compares it (sanitised) like the English one."""
    return f"{BOOK_MIME}{language}+{mime.partition('/')[2]}"


def current() -> str:
    return _current


@contextmanager
def use(language: str) -> Iterator[None]:
    """Draw in ``language`` inside the block."""
    before = _current
    choose(language)
    try:
        yield
    finally:
        choose(before)


def choose(language: str) -> None:
    """Make ``language`` the one this kernel draws in (a student's setting:
    ``SCO_LANGUAGE=ru``)."""
    global _current
    if language not in LANGUAGES:
        raise ValueError(f"SCO_LANGUAGE={language!r}: the book has no such edition "
                         f"(it has {', '.join(LANGUAGES)})")
    _current = language


def others() -> tuple[str, ...]:
    """The editions other than the one being drawn: the forms each output also carries."""
    return tuple(language for language in LANGUAGES if language != _current)


def start_collecting() -> set[str]:
    """A set that gathers every catalogue message looked up from now on, until
    :func:`stop_collecting`."""
    messages: set[str] = set()
    _collecting.append(messages)
    return messages


def stop_collecting(messages: set[str]) -> None:
    _collecting.remove(messages)


@contextmanager
def collect() -> Iterator[set[str]]:
    """The catalogue messages looked up inside the block."""
    messages = start_collecting()
    try:
        yield messages
    finally:
        stop_collecting(messages)


def has_edition(book: Path, language: str) -> bool:
    """Whether the book whose source is ``book`` has an edition in ``language``: the
    English one always; another when the book holds its translations
    (``locale/<language>``). A book without them is built in English only."""
    return language == ENGLISH or (Path(book) / "locale" / language).is_dir()


def catalogue_path(language: str) -> Path:
    """The exhibit catalogue of ``language`` (tools/translations.py merges it)."""
    return paths.REPO_ROOT / "locale" / language / "LC_MESSAGES" / "exhibits.po"


@cache
def catalogue(language: str) -> dict[str, str]:
    """The translated, current (not fuzzy) messages of ``language``'s exhibit catalogue."""
    from babel.messages.pofile import read_po

    path = catalogue_path(language)
    if not path.is_file():
        return {}
    with path.open("rb") as handle:
        messages = read_po(handle, locale=language)
    return {str(m.id): str(m.string) for m in messages if m.id and m.string and not m.fuzzy}


def template(text: str) -> tuple[str, list[str]]:
    """``text`` with its numbers (and checksums) replaced by ``{0}``, ``{1}``, ...; and
    what they replaced."""
    numbers: list[str] = []

    def placeholder(match: re.Match) -> str:
        value = match.group(0)
        numbers.append(value if NUMBER.fullmatch(value) and not EXHIBIT_NUMBER.fullmatch(
            text, match.start(), match.end()) else Verbatim(value))
        return f"{{{len(numbers) - 1}}}"

    return VARIABLE.sub(placeholder, text), numbers


def number(english: str, language: str) -> str:
    """One number as the English edition prints it (``1,234.5``), in ``language``."""
    if language == ENGLISH:
        return english
    whole, _, decimals = english.partition(".")
    grouped = "," in whole
    if not grouped and not decimals:  # a year, a day, a count: the same digits
        return english
    pattern = ("#,##0" if grouped else "0") + ("." + "0" * len(decimals) if decimals else "")
    text = format_decimal(Decimal(english.replace(",", "")), format=pattern, locale=language)
    return text.replace("\xa0", THIN_SPACE)


def localise(text: str, language: str | None = None) -> str:
    """Every number in ``text`` in ``language``'s format, nothing else changed."""
    language = language or _current
    if language == ENGLISH:
        return text
    return NUMBER.sub(lambda match: number(match.group(0), language), text)


def say(text: str, language: str | None = None) -> str:
    """``text`` as the edition in ``language`` prints it: translated, its numbers in the
    language's format; web addresses as they are."""
    language = language or _current
    if language == ENGLISH or not text:
        return text
    parts = URL.split(text)
    urls = [*URL.findall(text), ""]
    return "".join(_say(part, language) + url for part, url in zip(parts, urls, strict=True))


def say_cell(text: str, language: str | None = None) -> str:
    """A table cell's text (or one line of it) in ``language``: the number of a section
    ("1.1") as it is written, anything else as :func:`say` says it."""
    return text if SECTION_NUMBER.fullmatch(text) else say(text, language)


def _say(text: str, language: str) -> str:
    if _is_code(text.strip()):
        return text
    if MATH.search(text):
        return localise(text, language)
    key, numbers = template(text.strip())
    translation = key  # no words ("§ {0}"): only the numbers change
    if LATIN_WORD.search(key) or key in WORDS_WITH_A_SLASH:
        for messages in _collecting:
            messages.add(key)
        translation = catalogue(language).get(key)
        if translation is None:
            MISSING.add(key)
            translation = key
    lead, trail = text[:len(text) - len(text.lstrip())], text[len(text.rstrip()):]
    filled = PLACEHOLDER.sub(lambda m: _filled(numbers[int(m.group(1))], language),
                             translation)
    return lead + filled + trail


class Verbatim(str):
    """A value taken out of a message that is put back as it is (a checksum, the number
    of a section or exhibit)."""


def _is_code(text: str) -> bool:
    """A name in code, or a list of names in code ("crises, sco_exercises, references":
    the files of a folder) with at least one that only code would spell so."""
    if text in WORDS_WITH_A_SLASH or not re.search(r"[A-Za-z_]", text):
        return False
    if CODE_NAMES.fullmatch(text):
        return True
    names = text.split(", ")
    return (len(names) > 1 and all(re.fullmatch(r"[a-z0-9_]+", name) for name in names)
            and any("_" in name for name in names))


def _filled(value: str, language: str) -> str:
    return value if isinstance(value, Verbatim) else number(value, language)
