"""Launch buttons (Binder, Colab) driven by one setting: the repository's URL.

The URL is ``repository.url`` in ``_config.yml`` or, if set, the environment variable
``SCO_REPOSITORY_URL`` (the GitHub workflow sets it to the repository it runs in).
Without one, no launch or repository button appears, so a copy of the book built
anywhere never shows a link to a repository that does not exist. With one, every
notebook page gets a Binder button (the environment is in ``binder/``) and a Colab
button, and the header links to the repository.

A JupyterHub button needs the address of a hub, which no repository URL implies: set
``launch_buttons.jupyterhub_url`` in ``_config.yml`` as well to show one.
"""

from __future__ import annotations

import os

from sphinx.application import Sphinx
from sphinx.config import Config

URL_ENV = "SCO_REPOSITORY_URL"
BINDER = "https://mybinder.org"
COLAB = "https://colab.research.google.com"


def repository_url(config: Config) -> str:
    """The repository's URL: the environment variable first, then ``_config.yml``."""
    options = config.html_theme_options or {}
    return (os.environ.get(URL_ENV) or options.get("repository_url") or "").strip().rstrip("/")


def configure(app: Sphinx, config: Config) -> None:
    options = dict(config.html_theme_options or {})
    url = repository_url(config)
    hub = (options.get("launch_buttons") or {}).get("jupyterhub_url", "")
    if url:
        options.update(
            repository_url=url, repository_branch="main", path_to_docs="",
            use_repository_button=True,
            launch_buttons={"binderhub_url": BINDER, "colab_url": COLAB,
                            "jupyterhub_url": hub, "notebook_interface": "jupyterlab"})
    else:
        options.update(repository_url="", use_repository_button=False,
                       use_issues_button=False, use_edit_page_button=False,
                       launch_buttons={})
    config.html_theme_options = options


def setup(app: Sphinx) -> dict:
    app.connect("config-inited", configure, priority=900)  # after Jupyter Book's own
    return {"parallel_read_safe": True, "parallel_write_safe": True}
