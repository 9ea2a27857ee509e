"""The theme's pages mended where they fail readers, after Sphinx has written them.

pydata-sphinx-theme 0.17 and sphinx-book-theme 1.3 write markup that axe-core reports
and that a screen reader stumbles over, and load 1.8 MiB of script and font for about
fifteen icons. Rather than fork their templates, each written page is mended in place
when the HTML build finishes (every function here is idempotent):

- the sidebar's part captions get the ``aria-level`` their heading role requires;
- each code toggle is named for what it shows ("Show the code of Figure 2.1.3"), and
  its visible text is its accessible name;
- icons (solid, regular and brands) are inline SVG drawn from the theme's own Font
  Awesome file, hidden from screen readers, so that icon-only buttons are named by
  their labels and the 1.4 MiB script is not loaded (the admonitions' icon too, as a
  CSS mask, so that the 153 KiB icon font is not loaded either);
- a table that scrolls sideways is a focusable region named by its table's number;
- the bibliography loses the deprecated ``doc-biblioentry`` role, and the primary
  sidebar becomes a landmark;
- every page has one viewport tag and a description, and Russian text is marked
  ``lang="ru"``;
- the search scripts and index load only on the search page, and the index holds its
  letters as UTF-8 rather than escapes;
- each figure and table links to the CSV of its data (of the data a figure plots),
  which its cell put in the notebook's outputs as ``text/csv``
  (analysis.presentation.display), and a figure's image is described by its written
  description (``figure-description``).

Every word these mends write is in the edition's language (``_t``).
"""

from __future__ import annotations

import html
import json
import os
import re
import urllib.parse
from pathlib import Path

import licences
from pdf_edition import chapter_destination
from sphinx.application import Sphinx

from analysis.presentation import language


def _t(text: str) -> str:
    """``text`` (words this extension writes into a page) in the language of the
    edition being mended (:func:`mend_pages` chooses it)."""
    return language.say(text)


def _numbered() -> str:
    """A pattern of an exhibit's number as the edition prints it ("Figure 2.1.3")."""
    return rf'(?:{re.escape(_t("Figure"))}|{re.escape(_t("Table"))}) [\w.]+'

ICON = re.compile(r'<(i|span) class="([^"]*\bfa-[^"]*)"([^>]*)></\1>')
FA_NAME = re.compile(r"\bfa-(?!solid\b|regular\b|brands\b|lg\b|fw\b)([a-z0-9-]+)")
_ICON_DATA = r'[{{,]"?{name}"?:\[(\d+),(\d+),\[[^\]]*\],"[0-9a-f]+","([^"]+)"\]'
CYRILLIC_RUN = re.compile(r"([^<>]*[А-Яа-яЁё][^<>]*)")
SEARCH_ONLY = ("searchtools.js", "language_data.js", "searchindex.js")
PDF = "book.pdf"  # the PDF edition, at the site's root
DATA_TABLE = "notebooks/91_replication.html#tbl-replication-data"  # datasets, licences
PRINT_BUTTON = re.compile(r'<li>\s*<button onclick="window\.print\(\)".*?</button>\s*</li>',
                          flags=re.DOTALL)
FOOTER = '<div class="bd-footer-content__inner container">'


STYLES = {"fab": "brands", "far": "regular", "fas": "solid"}  # Font Awesome's prefixes


def icon_sets(font_awesome: str) -> dict[str, str]:
    """The parts of the theme's Font Awesome script that define each style's icons (the
    script defines the brands, then the regular, then the solid icons, each just before
    the call that registers them), by style name."""
    sets, start = {}, 0
    for prefix, style in STYLES.items():
        end = font_awesome.index(f'("{prefix}",')
        sets[style] = font_awesome[start:end]
        start = end
    return sets


def _style(classes: str) -> str:
    """The style an icon's classes ask for ("fab fa-github": brands); solid by default."""
    for prefix, style in STYLES.items():
        if re.search(rf"\b({prefix}|fa-{style})\b", classes):
            return style
    return "solid"


def _icons(page: str, icons: dict[str, str]) -> str:
    """Each Font Awesome ``<i>`` as the inline SVG the theme's script would draw."""
    def svg(match: re.Match) -> str:
        classes, rest = match.group(2), match.group(3)
        names = FA_NAME.findall(classes)
        style = _style(classes)
        data = (re.search(_ICON_DATA.format(name=re.escape(names[0])), icons[style])
                if names else None)
        if data is None:
            raise ValueError(f"no {style} Font Awesome icon for {match.group(0)!r}")
        width, height, path = data.groups()
        rest = re.sub(r'\s(title|aria-hidden)="[^"]*"', "", rest)
        return (f'<svg class="book-icon {classes}"{rest} viewBox="0 0 {width} {height}" '
                f'aria-hidden="true" focusable="false"><path fill="currentColor" '
                f'd="{path}"/></svg>')
    page = ICON.sub(svg, page)
    if 'class="admonition-title"' in page and "--book-icon-info" not in page:
        width, height, path = re.search(_ICON_DATA.format(name="circle-info"),
                                        icons["solid"]).groups()
        image = urllib.parse.quote(f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 '
                                   f'{width} {height}"><path d="{path}"/></svg>')
        page = page.replace("</head>", f'<style>:root{{--book-icon-info:url("data:image/'
                                       f'svg+xml,{image}")}}</style>\n</head>', 1)
    return re.sub(r'\s*<(?:script|link)[^>]*fontawesome\.js[^>]*>(?:</script>)?', "", page)


def _level_captions(page: str) -> str:
    return re.sub(r'(<p[^>]*role="heading")(?![^>]*aria-level)', r'\1 aria-level="2"', page)


def _name_code_toggles(page: str) -> str:
    """The toggle of each code cell says what the code makes: the figure or table of the
    cell's output, or the set-up of the chapter."""
    cells = re.split(r'(?=<div class="cell[ "])', page)
    for i, cell in enumerate(cells):
        if "<summary" not in cell:
            continue
        number = re.search(rf'class="caption-number">({_numbered()})', cell)
        code = re.sub(r"<[^>]+>", "", cell)
        if number:
            show, hide = (f"{_t(f'{verb} the code of')} {number.group(1)}"
                          for verb in ("Show", "Hide"))
        else:
            what = ("the code that sets up this chapter" if "section.setup()" in code else
                    "the code of this cell")
            show, hide = _t(f"Show {what}"), _t(f"Hide {what}")
        cells[i] = re.sub(
            r'<summary[^>]*>\s*<p class="collapsed admonition-title">[^<]*</p>\s*'
            r'<p class="expanded admonition-title">[^<]*</p>',
            f'<summary>\n<p class="collapsed admonition-title">{show}</p>\n'
            f'<p class="expanded admonition-title">{hide}</p>', cell, count=1)
    return "".join(cells)


def _search_fields(page: str) -> str:
    """A search field that shows "Search Ctrl+K" is named by that text."""
    return re.sub(r'(<button class="btn search-button-field[^"]*"[^>]*?) aria-label="'
                  rf'{re.escape(_t("Search"))}"', r"\1", page)


def _scrollable_tables(page: str) -> str:
    """A table that may scroll sideways can be reached and scrolled from the keyboard."""
    def label(match: re.Match) -> str:
        after = page[match.end():match.end() + 200000]
        number = re.search(rf'class="caption-number">({re.escape(_t("Table"))} [\w.]+)', after)
        name = (f"{number.group(1)}, {_t('scrolls sideways')}" if number
                else _t("Table, scrolls sideways"))
        return f'<div class="book-table-wrap" tabindex="0" role="region" aria-label="{name}">'
    return re.sub(r'<div class="book-table-wrap">', label, page)


def _bibliography(page: str) -> str:
    """The bibliography as plain blocks: its entries lose the deprecated
    ``doc-biblioentry`` role, and their container the list role it then no longer
    fits."""
    page = re.sub(r'\srole="doc-biblioentry"', "", page)
    return page.replace('<div role="list" class="citation-list">', '<div class="citation-list">')


def _sidebar_landmark(page: str) -> str:
    """The primary sidebar (search field and site navigation) is a landmark."""
    return page.replace('<div id="pst-primary-sidebar" class="bd-sidebar-primary bd-sidebar">',
                        '<div id="pst-primary-sidebar" class="bd-sidebar-primary bd-sidebar" '
                        f'role="complementary" aria-label="{_t("Site navigation")}">')


def _one_viewport(page: str) -> str:
    tags = re.findall(r'\s*<meta name="viewport"[^>]*>', page)
    for tag in tags[1:]:
        page = page.replace(tag, "", 1)
    return page


def _description(page: str) -> str:
    """A description for search engines and link previews: the page's first paragraph."""
    if 'name="description"' in page:
        return page
    article = page[page.find('<article'):] if '<article' in page else page
    first = re.search(r"<p>(.*?)</p>", article, flags=re.DOTALL)
    text = html.unescape(re.sub(r"<[^>]+>", "", first.group(1))) if first else ""
    text = re.sub(r"\s*\[[^\]]*\]", "", re.sub(r"\s+", " ", text)).strip()  # no citations
    text = text if len(text) <= 160 else text[:157].rsplit(" ", 1)[0] + "..."
    return page.replace("</title>", f'</title>\n    <meta name="description" '
                                     f'content="{html.escape(text)}" />', 1) if text else page


def _russian(page: str) -> str:
    """Russian text in the body marked as such, for screen readers and hyphenation (in
    the English edition: the Russian one is Russian throughout)."""
    if language.current() == "ru":
        return page
    head, _, body = page.partition("<body")
    parts = re.split(r"(<script.*?</script>|<style.*?</style>|<[^>]+>)", body,
                     flags=re.DOTALL)
    for i, part in enumerate(parts):
        if part.startswith("<") or not re.search("[А-Яа-яЁё]", part):
            continue
        inside = "".join(parts[max(0, i - 1):i])
        if 'lang="ru"' not in inside:
            parts[i] = f'<span lang="ru">{part}</span>'
    return head + "<body" + "".join(parts) if _ else page


def _search_scripts(page: str, name: str) -> str:
    if name == "search.html":
        return page
    for script in SEARCH_ONLY:
        page = re.sub(rf'\s*<script[^>]*{re.escape(script)}[^>]*></script>', "", page)
    return page


def _figure_data(page: str, page_file: Path, data: dict[str, Path]) -> str:
    """A link to each figure's CSV, in its caption, and its description as the image's
    long description."""
    for label, csv in data.items():
        figure = re.search(rf'<figure[^>]*id="{re.escape(label)}"', page)
        if figure is None:
            continue
        start = figure.start()
        end = page.index("</figure>", start)
        block = page[start:end]
        number = re.search(rf'class="caption-number">({_numbered()})', block)
        href = os.path.relpath(csv, page_file.parent).replace(os.sep, "/")
        what = (f"{_t('The data of')} {number.group(1)} (CSV)" if number
                else _t("The data of this exhibit (CSV)"))
        link = f'<p class="book-figure-data"><a href="{href}" download>{what}</a></p>\n'
        if "book-figure-data" not in block:
            block = block.replace("</figcaption>", link + "</figcaption>", 1)
        if f'id="{label}-description"' in page and "aria-describedby" not in block:
            block = re.sub(r"<img ", f'<img aria-describedby="{label}-description" ', block,
                           count=1)
        page = page[:start] + block + page[end:]
    return page


def _pdf_links(page: str, root: str, docname: str) -> str:
    """The PDF edition in the download menu (the whole book; a chapter's page also its
    own start in it) and as a "PDF" link in the article's header."""
    def item(href: str, text: str) -> str:
        return (f'<li><a href="{href}" class="btn btn-sm dropdown-item book-pdf-item">'
                f'<span class="btn__text-container">{text}</span></a></li>')
    items = item(root + PDF, _t("The whole book (PDF)"))
    if docname.startswith("notebooks/"):
        items += item(f"{root}{PDF}#nameddest={chapter_destination(docname)}",
                      _t("This chapter in the PDF"))
    page = PRINT_BUTTON.sub(lambda _: items, page, count=1)
    if "book-pdf-link" not in page:
        page = page.replace('<div class="dropdown dropdown-download-buttons">',
                            f'<a class="btn btn-sm book-pdf-link" href="{root}{PDF}" '
                            f'title="{_t("The whole book as a PDF (A4)")}">PDF</a>\n'
                            '<div class="dropdown dropdown-download-buttons">', 1)
    return page


def _footer(page: str, root: str, repository: str) -> str:
    """The licences and the links to the book's other forms, in the page's footer."""
    if "book-licence" in page:
        return page
    links = [f'<a href="{root}{PDF}">{_t("The book as a PDF")}</a>']
    if repository:
        links += [f'<a href="{repository}">{_t("Repository")}</a>',
                  f'<a href="{repository}/tree/main/data">{_t("Data")}</a>',
                  f'<a href="{repository}/blob/main/CITATION.cff">{_t("How to cite")}</a>']
    item = (f'<div class="footer-item book-footer">'
            f'{licences.footer(root, root + DATA_TABLE, _t)}'
            f'<p class="book-links">{" · ".join(links)}</p></div>')
    return page.replace(FOOTER, FOOTER + item, 1)


def figure_data(app: Sphinx) -> dict[str, dict[str, Path]]:
    """Write each figure's CSV (from the executed notebooks' ``text/csv`` outputs) to
    ``_data/<label>.csv``; return them by document."""
    out, executed = Path(app.outdir), Path(app.outdir).parent / "jupyter_execute"
    found: dict[str, dict[str, Path]] = {}
    for docname in sorted(app.env.found_docs):
        notebook = executed / f"{docname}.ipynb"
        if not notebook.is_file():
            continue
        for cell in json.loads(notebook.read_text(encoding="utf-8"))["cells"]:
            label = cell.get("metadata", {}).get("mystnb", {}).get("figure", {}).get("name")
            csv = [o["data"]["text/csv"] for o in cell.get("outputs", [])
                   if "text/csv" in o.get("data", {})]
            if label and csv:
                target = out / "_data" / f"{label}.csv"
                target.parent.mkdir(exist_ok=True)
                target.write_text("".join(csv[0]), encoding="utf-8")
                found.setdefault(docname, {})[label] = target
    return found


def mend(page: str, name: str, icons: dict[str, str]) -> str:
    """Every mend, in order, on the HTML of page ``name``."""
    for fix in (_level_captions, _name_code_toggles, _search_fields, _scrollable_tables,
                _bibliography, _sidebar_landmark, _one_viewport, _description, _russian):
        page = fix(page)
    return _search_scripts(_icons(page, icons), name)


def mend_pages(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.format != "html":
        return
    with language.use(app.config.language or language.ENGLISH):
        _mend_site(app, Path(app.outdir))


def _mend_site(app: Sphinx, out: Path) -> None:
    """Mend every page of the site in ``out``, publish the licences and the figures'
    data, and write the search index in UTF-8."""
    icons = icon_sets((out / "_static" / "scripts" / "fontawesome.js").read_text(
        encoding="utf-8"))
    data = figure_data(app)
    licences.publish(Path(app.srcdir), out)
    repository = (app.config.html_theme_options or {}).get("repository_url", "")
    for file in out.rglob("*.html"):
        if {"_static", "_sources"} & set(file.relative_to(out).parts):
            continue
        text = file.read_text(encoding="utf-8")
        docname = file.relative_to(out).with_suffix("").as_posix()
        root = "../" * (len(file.relative_to(out).parts) - 1)
        mended = _figure_data(mend(text, file.name, icons), file, data.get(docname, {}))
        mended = _footer(_pdf_links(mended, root, docname), root, repository)
        if mended != text:
            file.write_text(mended, encoding="utf-8")
    index = out / "searchindex.js"
    if index.is_file():
        index.write_text(unescaped(index.read_text(encoding="utf-8")), encoding="utf-8")


ESCAPED = re.compile(r"(?<!\\)((?:\\\\)*)\\u([0-9a-fA-F]{4})")


def unescaped(script: str) -> str:
    """Sphinx's search index with its letters beyond ASCII written as UTF-8 rather than
    as ``\\uXXXX`` escapes: a Russian index is then less than half the size (the page
    is UTF-8, and so is every script it loads)."""
    def letter(match: re.Match) -> str:
        code = int(match.group(2), 16)
        keep = code < 0x80 or 0xD800 <= code <= 0xDFFF  # ASCII escapes, surrogate pairs
        return match.group(0) if keep else match.group(1) + chr(code)
    return ESCAPED.sub(letter, script)


def setup(app: Sphinx) -> dict:
    app.connect("build-finished", mend_pages)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
