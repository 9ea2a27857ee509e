"""The book's two editions from one execution: English at the site's root, Russian under
``ru/``.

The Russian edition reads the same executed notebooks as the English one. Each output of
a table or figure carries its Russian form (:mod:`analysis.presentation.language`), and
:func:`stage` writes a Russian source tree in which those forms replace the English ones
and the captions and part titles are translated; Sphinx then builds it with
``language: ru`` and the catalogues of ``locale/``. Nothing is executed twice, so every
number is the English edition's.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import yaml

from analysis import paths


def config(overrides: dict, source: Path = paths.REPO_ROOT) -> dict:
    """The book's ``_config.yml`` with ``overrides`` of its Sphinx settings, its paths made
    absolute so that it can be read from anywhere."""
    settings = yaml.safe_load((source / "_config.yml").read_text(encoding="utf-8"))
    extensions = settings["sphinx"]["local_extensions"]
    settings["sphinx"]["local_extensions"] = {name: str(source / folder)
                                              for name, folder in extensions.items()}
    settings["bibtex_bibfiles"] = [str(source / name) for name in settings["bibtex_bibfiles"]]
    settings["sphinx"]["config"].update(overrides)
    return settings


def write_config(settings: dict, path: Path) -> Path:
    path.write_text(yaml.safe_dump(settings, allow_unicode=True, sort_keys=False),
                    encoding="utf-8")
    return path


# The gettext builder sees what readers read in the text; the outputs of code cells
# (tables, figures) are translated in the kernel, so they are kept out of the templates.
CELL_OUTPUTS = ("text/markdown", "text/html", "text/latex", "image/svg+xml")


def gettext(folder: Path, source: Path = paths.REPO_ROOT) -> Path:
    """Write the message templates of the book's prose under ``folder``; return their
    folder."""
    from tools import build

    settings = config({"gettext_compact": False, "gettext_uuid": False,
                       "gettext_location": False,
                       "nb_mime_priority_overrides": [["gettext", mime, None]
                                                      for mime in CELL_OUTPUTS]}, source)
    settings["execute"]["execute_notebooks"] = "off"  # the stored outputs: text only
    path = write_config(settings, folder / "_config.yml")
    command = [sys.executable, "-c", build.JUPYTER_BOOK, "build", str(source), "--config",
               str(path), "--path-output", str(folder), "--builder", "custom",
               "--custom-builder", "gettext", "-W", "-n", "--keep-going", "-q"]
    subprocess.run(command, check=True)
    return folder / "_build" / "gettext"


RUSSIAN = "ru"


def translated(source: Path) -> bool:
    """Whether the book in ``source`` has a Russian edition (it holds its catalogues)."""
    from analysis.presentation import language

    return language.has_edition(source, RUSSIAN)
SHARED = ("book", "LICENSE", "LICENSE-content")  # what the Russian source tree shares


def _write(path: Path, text: str) -> None:
    """Write ``text`` unless ``path`` already holds it: Sphinx reads again only the pages
    whose files changed."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.is_file() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")


def russian_notebook(executed: dict) -> dict:
    """An executed notebook as the Russian edition shows it: each output's Russian form
    instead of the English one, and the captions in cell metadata translated."""
    from analysis.presentation import language

    forms = {language.edition_mime(RUSSIAN, mime): mime for mime in language.FORMS}
    for cell in executed["cells"]:
        figure = cell.get("metadata", {}).get("mystnb", {}).get("figure", {})
        if "caption" in figure:
            figure["caption"] = language.say(figure["caption"], RUSSIAN)
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            for key in [key for key in data if key.startswith(language.BOOK_MIME)]:
                value = data.pop(key)
                if key in forms:
                    data[forms[key]] = value
    return executed


def toc(source: Path) -> str:
    """The table of contents with its part captions in Russian (Sphinx's translations
    do not reach them: the toc is applied after them)."""
    from analysis.presentation import language

    contents = yaml.safe_load((source / "_toc.yml").read_text(encoding="utf-8"))
    for part in contents.get("parts", []):  # a book may have chapters only
        part["caption"] = language.say(part["caption"], RUSSIAN)
    return yaml.safe_dump(contents, allow_unicode=True, sort_keys=False)


def russian_config(source: Path, stage_dir: Path) -> dict:
    """The book's configuration for the Russian edition: its title, Sphinx's labels and
    the theme's strings in Russian, the catalogues of ``locale/``, nothing executed."""
    from analysis.presentation import language

    english = config({}, source)["sphinx"]["config"]
    settings = config({
        "language": RUSSIAN,
        "locale_dirs": [str(stage_dir / "locale")],
        "gettext_compact": False,
        "numfig_format": {kind: language.say(text, RUSSIAN)
                          for kind, text in english["numfig_format"].items()},
        "html_theme_options": {**english["html_theme_options"],
                               "search_bar_text": language.say(
                                   english["html_theme_options"]["search_bar_text"], RUSSIAN)},
    }, source)
    settings["title"] = language.say(settings["title"], RUSSIAN)
    settings["author"] = language.say(settings["author"], RUSSIAN)
    settings["execute"]["execute_notebooks"] = "off"  # the English edition's executions
    return settings


def executed_notebooks(site: Path):
    """The executed form of a notebook, as the English build of ``site`` published it:
    the notebook with the outputs of its entry in the execution cache."""
    import nbformat

    from tools import execution

    cache = execution.open_cache(execution.Site(site))

    def executed(notebook: Path) -> dict:
        return cache.merge_match_into_notebook(nbformat.read(notebook, as_version=4))[1]

    return executed


def stage(source: Path, executed, stage_dir: Path) -> Path:
    """Write the Russian edition's source tree into ``stage_dir``: each notebook as
    ``executed`` gives it (the English build's execution), in its Russian form; the
    shared files; the configuration, contents and catalogues. Return its configuration
    file."""
    import json
    import shutil

    stage_dir.mkdir(parents=True, exist_ok=True)
    for name in SHARED:
        link = stage_dir / name
        if not link.is_symlink():
            link.symlink_to(source / name)
    for notebook in sorted((source / "notebooks").glob("*.ipynb")):
        run = executed(notebook)
        _write(stage_dir / "notebooks" / notebook.name,
               json.dumps(russian_notebook(run), ensure_ascii=False, indent=1) + "\n")
    catalogues = source / "locale"
    for po in sorted(catalogues.rglob("*.po")):
        _write(stage_dir / "locale" / po.relative_to(catalogues),
               po.read_text(encoding="utf-8"))
    shutil.rmtree(stage_dir / "jupyter_execute", ignore_errors=True)
    _write(stage_dir / "_toc.yml", toc(source))
    path = stage_dir / "_config.yml"
    _write(path, yaml.safe_dump(russian_config(source, stage_dir), allow_unicode=True,
                                sort_keys=False))
    return path
