"""What the browser tests read: the built site's pages, the screens and colour modes
they are read in, and how a page is opened in one of them."""

from __future__ import annotations

import shutil

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


def open_page(browser, url: str, viewport: dict | None = None, mode: str = "light",
              wait_until: str = "networkidle"):
    """``url`` in a new context of its own (closed with the page), in colour ``mode``:
    (page, console errors, responses). By default the page has finished loading every
    resource; ``wait_until="load"`` is enough where only the document matters."""
    context = browser.new_context(viewport=viewport or DESKTOP, color_scheme=mode)
    context.add_init_script(f"localStorage.setItem('mode', '{mode}');"
                            f"localStorage.setItem('theme', '{mode}');")
    page = context.new_page()
    page.on("close", lambda _: context.close())
    errors, responses = [], []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("response", lambda response: responses.append(response))
    page.goto(url, wait_until=wait_until)
    return page, errors, responses
