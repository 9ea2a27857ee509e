"""What the browser tests read: the built site's pages, the screens and colour modes
they are read in, and how a page is opened in one of them."""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field

from playwright.sync_api import Page, Response

from analysis import paths

HTML = paths.build_dir() / "html"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run"]
PAGES = sorted(p.relative_to(HTML).as_posix() for p in HTML.rglob("*.html")
               if not {"_static", "_sources"} & set(p.relative_to(HTML).parts))
# the pages a reader reads, in both editions (English at the root, Russian under ru/):
# an edition's index.html only redirects to its book/index.html
READ = [page for page in PAGES if page not in ("index.html", "ru/index.html")]


def edition(name: str) -> tuple[str, str]:
    """The language of page ``name`` and its name within its edition."""
    return ("ru", name.removeprefix("ru/")) if name.startswith("ru/") else ("en", name)
CHAPTERS = sorted(p for p in PAGES if p.startswith("notebooks/"))
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1366, "height": 900}
SCREENS = {"phone": PHONE, "desktop": DESKTOP}
MODES = ("light", "dark")


@dataclass
class Visit:
    """A page opened in a browser context of its own, and what it did while it loaded
    and since."""
    page: Page
    errors: list[str] = field(default_factory=list)  # console errors, uncaught exceptions
    requests: list[str] = field(default_factory=list)  # every address it asked for
    responses: list[Response] = field(default_factory=list)

    def close(self) -> None:
        self.page.close()  # and its context


def open_page(browser, url: str, viewport: dict | None = None, mode: str = "light",
              wait_until: str = "networkidle") -> Visit:
    """``url`` in a new context of its own (closed with the page), in colour ``mode``.
    By default the page has finished loading every resource; ``wait_until="load"`` is
    enough where only the document matters."""
    context = browser.new_context(viewport=viewport or DESKTOP, color_scheme=mode)
    context.add_init_script(f"localStorage.setItem('mode', '{mode}');"
                            f"localStorage.setItem('theme', '{mode}');")
    visit = Visit(context.new_page())
    visit.page.on("close", lambda _: context.close())
    visit.page.on("console",
                  lambda m: visit.errors.append(m.text) if m.type == "error" else None)
    visit.page.on("pageerror", lambda e: visit.errors.append(str(e)))
    visit.page.on("request", lambda request: visit.requests.append(request.url))
    visit.page.on("response", lambda response: visit.responses.append(response))
    visit.page.goto(url, wait_until=wait_until)
    return visit


def switch_mode(page, mode: str) -> None:
    """Switch the open ``page`` to colour ``mode`` as a reader does, with the theme's
    button (it cycles through auto, dark and light); return once the colours have
    finished changing."""
    for _ in range(3):
        if page.evaluate("document.documentElement.dataset.mode") == mode:
            break
        page.evaluate("document.querySelector('.theme-switch-button').click()")
    page.evaluate("""() => Promise.all(document.getAnimations()  // colour transitions
        .filter(a => a.effect?.getTiming().iterations !== Infinity)
        .map(a => a.finished.catch(() => null)))""")
    assert page.evaluate("[document.documentElement.dataset.mode, "
                         "document.documentElement.dataset.theme]") == [mode, mode]
