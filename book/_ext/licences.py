"""On what terms the book may be reused, said once for both editions.

The code is under the MIT licence (``LICENSE``); the text, figures and curated tables
under CC BY 4.0 (``LICENSE-content``); the raw datasets keep their publishers' terms,
which ``data/registry.csv`` records and the replication appendix lists; the passages
quoted from the thesis remain its author's. The PDF prints :data:`NOTICE` after its
title page (book/_ext/pdf_edition.py); the HTML edition states it in every page's
footer and publishes the two licence files beside its pages
(book/_ext/accessible_pages.py).
"""

from __future__ import annotations

import shutil
from pathlib import Path

FILES = {"LICENSE": "LICENSE.txt", "LICENSE-content": "LICENSE-content.txt"}  # repo: site

NOTICE = ("Licences. The code of this book is under the MIT licence (the file LICENSE). "
          "Its text, figures and curated tables are under the Creative Commons "
          "Attribution 4.0 International licence, CC BY 4.0 (the file LICENSE-content). "
          "The third-party datasets it uses keep their own terms, which the replication "
          "appendix lists for each; the passages it quotes from the thesis remain their "
          "author's.")


def footer(root: str, data_table: str, say=str) -> str:
    """The footer's statement as HTML; ``root`` leads from the page to the site's root,
    ``data_table`` to the table of the datasets and their licences; ``say`` puts its
    words in the edition's language."""
    return (f'<p class="book-licence">{say("Code:")} <a href="{root}{FILES["LICENSE"]}">'
            f'{say("MIT licence")}</a>. {say("Text, figures and curated tables:")} '
            f'<a href="{root}{FILES["LICENSE-content"]}">CC BY 4.0</a>. '
            f'{say("Third-party data: their own terms,")} <a href="{data_table}">'
            f'{say("listed with each dataset")}</a>. '
            f'{say("Passages quoted from the thesis remain their author’s.")}</p>')


def publish(source: Path, out: Path) -> None:
    """Copy the licence files into the built site, as text a browser shows."""
    for name, published in FILES.items():
        shutil.copyfile(source / name, out / published)
