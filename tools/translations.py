"""The Russian edition's catalogues: extract what readers read, and check the translations.

``python -m tools.translations extract`` runs Sphinx's gettext builder over the English
book (its prose: headings, paragraphs, lists, the captions in the text; not the outputs
of code cells, which :mod:`analysis.presentation.language` translates from its own
catalogue) and merges what it finds into ``locale/ru/LC_MESSAGES/<document>.po``: a new
message is added untranslated, a changed one is marked fuzzy with its old translation,
a removed one is dropped. ``python -m tools.translations check`` fails on any message a
reader would see in English, and on any translation that changes what the build reads
in it (the MyST roles: glued numbers, citations, cross-references, thesis passages) or
that breaks the term base (``locale/ru/terms.csv``).
"""

from __future__ import annotations

import csv
import re
import sys
import tempfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import yaml
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po

from analysis import paths
from analysis.presentation import language
from tools import editions

LANGUAGE = editions.RUSSIAN
LOCALE = paths.REPO_ROOT / "locale"
MESSAGES = language.catalogue_path(LANGUAGE).parent
TERMS = LOCALE / LANGUAGE / "terms.csv"
PROJECT = "The SCO and Regional Security in Central Asia"

# What the build reads inside a message and must find again, unchanged, in its
# translation: MyST roles ({glue:text}`key:.1f`, {cite:p}`key`, {numref}`label`,
# {thesis}`id`), inline code, link targets and substitutions.
ROLE = re.compile(r"\{[\w:.-]+\}`[^`]*`")
CODE = re.compile(r"`[^`]+`")  # looked for once the roles are taken out
LINK_TARGET = re.compile(r"\]\(([^)]*)\)")
QUOTED = re.compile(r"«[^«»]*»")


def load(path: Path) -> Catalog:
    with path.open("rb") as handle:
        return read_po(handle, locale=LANGUAGE)


def save(catalog: Catalog, path: Path) -> None:
    """Write ``catalog`` to ``path`` unless it holds it already (the catalogues are
    inputs of the build: an unchanged one must not execute anything again)."""
    import io

    buffer = io.BytesIO()
    write_po(buffer, catalog, width=0, omit_header=False, sort_output=False,
             ignore_obsolete=True)
    if not path.is_file() or path.read_bytes() != buffer.getvalue():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(buffer.getvalue())


def preserved(text: str) -> Counter:
    """What the build reads in ``text``: each role, inline code and link target."""
    roles = [match.group(0) for match in ROLE.finditer(text)]
    rest = ROLE.sub("\0", text)
    return Counter([*roles, *(m.group(0) for m in CODE.finditer(rest)),
                    *(m.group(0) for m in LINK_TARGET.finditer(rest))])


@dataclass(frozen=True)
class Term:
    english: str
    russian: str
    russian_pattern: re.Pattern
    forbidden: re.Pattern | None

    def applies(self, english: str) -> bool:
        return re.search(rf"(?<![\w-]){re.escape(self.english)}(?![\w-])", english) is not None


def terms(path: Path = TERMS) -> list[Term]:
    with path.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    found = []
    for number, row in enumerate(rows, start=2):
        if None in row or None in row.values():
            raise ValueError(f"{path}, row {number}: expected 5 fields (quote a name that "
                             "holds a comma)")
        try:
            found.append(Term(row["english"], row["russian"], re.compile(row["russian_pattern"]),
                              re.compile(row["forbidden_pattern"])
                              if row["forbidden_pattern"] else None))
        except (KeyError, re.error) as error:
            raise ValueError(f"{path}, row {number}: {error}") from error
    return found


def problems(catalog: Catalog, name: str, term_base: list[Term]) -> list[str]:
    """Every message of ``catalog`` a Russian reader would see wrongly, one line each."""
    found = []
    for message in catalog:
        if not message.id:
            continue
        english, russian = str(message.id), str(message.string or "")
        where = f"{name}: {english[:70]!r}"
        if not russian:
            found.append(f"{where}: not translated")
            continue
        if message.fuzzy:
            found.append(f"{where}: fuzzy (the English changed since it was translated)")
        if preserved(english) != preserved(russian):
            missing = preserved(english) - preserved(russian)
            extra = preserved(russian) - preserved(english)
            found.append(f"{where}: roles, code or links changed (missing {sorted(missing)}, "
                         f"added {sorted(extra)})")
        unquoted = QUOTED.sub("", russian)  # a search string or a title as typed
        for term in term_base:
            if term.forbidden is not None and term.forbidden.search(unquoted):
                found.append(f"{where}: {term.forbidden.pattern!r} is not the book's term "
                             f"for {term.english!r} ({term.russian})")
    return found


def catalogues() -> dict[str, Path]:
    return {str(path.relative_to(MESSAGES).with_suffix("")): path
            for path in sorted(MESSAGES.rglob("*.po"))}


def count_problems() -> int:
    term_base = terms()
    return sum(len(problems(load(path), name, term_base)) for name, path in catalogues().items())


def coverage(templates: dict[str, Catalog], used: dict[str, set[str]] | None
             ) -> list[str]:
    """The messages the book shows that its catalogues lack, and those they hold that it
    no longer shows: the prose's ``templates`` (by catalogue name) and, when a build
    exists, the messages its exhibits ``used``."""
    found = []
    wanted = {name: {str(m.id) for m in template if m.id} for name, template in templates.items()}
    if used is not None:
        wanted["exhibits"] = set(used)
    have = {name: {str(m.id) for m in load(path) if m.id} for name, path in catalogues().items()}
    for name in sorted(wanted.keys() | have.keys()):
        for message in sorted(wanted.get(name, set()) - have.get(name, set())):
            where = ", ".join(sorted(used.get(message, ()))) if name == "exhibits" else name
            found.append(f"{name}: {message[:70]!r} (in {where}) is not in the catalogue: "
                         "python -m tools.translations extract")
        for message in sorted(have.get(name, set()) - wanted.get(name, set())):
            found.append(f"{name}: {message[:70]!r} is no longer in the book: "
                         "python -m tools.translations extract")
    return found


def check() -> int:
    """Every catalogue complete and current, and holding exactly what the book shows
    (its prose as Sphinx extracts it now; its exhibits as the last build drew them)."""
    term_base = terms()
    found = [line for name, path in catalogues().items()
             for line in problems(load(path), name, term_base)]
    with tempfile.TemporaryDirectory() as folder:
        gettext_dir = editions.gettext(Path(folder))
        templates = {str(pot.relative_to(gettext_dir).with_suffix("")): read_po(pot.open("rb"))
                     for pot in sorted(gettext_dir.rglob("*.pot"))}
    site = paths.build_dir() / "site"
    try:
        used = exhibit_messages(site, paths.build_dir() / "site-ru")
    except (KeyError, OSError):
        used = None
        print(f"(no build in {site}: the exhibits' messages are not checked)")
    found += coverage(templates, used)
    for line in found:
        print(line)
    print(f"{len(found)} problems in {len(catalogues())} catalogues of {MESSAGES}")
    return 1 if found else 0


def merge(template: Catalog, path: Path) -> Catalog:
    """The catalogue at ``path`` brought up to ``template``: new messages untranslated,
    changed ones fuzzy, removed ones dropped."""
    catalog = load(path) if path.is_file() else Catalog(locale=LANGUAGE, project=PROJECT)
    created = catalog.creation_date  # a merge that changes no message changes no byte
    catalog.update(template, no_fuzzy_matching=False, update_header_comment=False)
    catalog.creation_date = created
    catalog.obsolete.clear()
    return catalog


def exhibit_messages(site: Path, said: Path | None = None) -> dict[str, set[str]]:
    """What the exhibits and the Russian edition's own words look up, by message, with
    where each is used: the messages each notebook's execution in the English build of
    ``site`` recorded for its tables and figures, its captions and glued texts, the
    contents and configuration, and those the last Russian builds said (the folder
    ``said``'s ``said-<builder>.json``: the words the book's extensions write into its
    pages and PDF)."""
    import json

    found: dict[str, set[str]] = {}

    def add(text: str, where: str) -> None:
        with language.collect() as messages:
            language.say(text, LANGUAGE)
        for message in messages:
            found.setdefault(message, set()).add(where)

    executed = editions.executed_notebooks(site)
    glue = site / "_build" / "jupyter_execute" / "notebooks"
    for notebook in sorted((paths.REPO_ROOT / "notebooks").glob("*.ipynb")):
        where = f"notebooks/{notebook.stem}"
        cells = executed(notebook)["cells"]
        for cell in cells:
            caption = cell.get("metadata", {}).get("mystnb", {}).get("figure", {}).get("caption")
            if caption:
                add(caption, where)
            for output in cell.get("outputs", []):
                for message in output.get("data", {}).get(language.MESSAGES_MIME, []):
                    found.setdefault(message, set()).add(where)
        glued = glue / f"{notebook.stem}.glue.json"
        if glued.is_file():
            for value in json.loads(glued.read_text(encoding="utf-8")).values():
                text = value.get("data", {}).get("text/plain", "")
                if text[:1] in "'\"":  # a glued string, not a number
                    add(text[1:-1], where)
    english = editions.config({})
    for text in [english["title"], english["author"],
                 *english["sphinx"]["config"]["numfig_format"].values(),
                 english["sphinx"]["config"]["html_theme_options"]["search_bar_text"],
                 *(part["caption"] for part in yaml.safe_load(
                     (paths.REPO_ROOT / "_toc.yml").read_text(encoding="utf-8")).get(
                     "parts", []))]:
        add(text, "configuration")
    for builder in sorted(said.glob("said-*.json")) if said is not None else ():
        for message, places in json.loads(builder.read_text(encoding="utf-8")).items():
            found.setdefault(message, set()).update(places)
    return found


def merge_exhibits(messages: dict[str, set[str]], path: Path) -> Catalog:
    """The exhibits' catalogue brought up to ``messages``."""
    template = Catalog(locale=LANGUAGE)
    for message in sorted(messages):
        template.add(message, locations=[(where, None) for where in sorted(messages[message])])
    return merge(template, path)


def extract(gettext_dir: Path) -> None:
    """Merge the templates Sphinx wrote under ``gettext_dir`` into the catalogues."""
    for pot in sorted(gettext_dir.rglob("*.pot")):
        name = pot.relative_to(gettext_dir).with_suffix("")
        with pot.open("rb") as handle:
            template = read_po(handle)
        target = MESSAGES / name.with_suffix(".po")
        save(merge(template, target), target)
        print(f"{target.relative_to(paths.REPO_ROOT)}: {len(template) - 1} messages")


def main(argv: list[str]) -> int:
    if argv[:1] == ["check"]:
        return check()
    if argv[:1] == ["extract"]:
        with tempfile.TemporaryDirectory() as folder:
            extract(editions.gettext(Path(folder)))
        site = paths.build_dir() / "site"
        try:
            messages = exhibit_messages(site, paths.build_dir() / "site-ru")
        except KeyError:
            print(f"a notebook has no execution in {site}: run `make book` first",
                  file=sys.stderr)
            return 1
        target = language.catalogue_path(LANGUAGE)
        save(merge_exhibits(messages, target), target)
        print(f"{target.relative_to(paths.REPO_ROOT)}: {len(messages)} messages")
        return 0
    print("usage: python -m tools.translations extract|check", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
