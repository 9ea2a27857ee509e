// The site navigation and the page contents open from the visible buttons too.
// pydata-sphinx-theme 0.17 and sphinx-book-theme 1.3 bind their toggles to the first
// ".primary-toggle" and ".secondary-toggle" of the page, which in this layout is a
// hidden header button (pydata-sphinx-theme #2451): on a phone the buttons a reader can
// see did nothing, and on a desktop the sidebar could not be hidden. A click on a
// visible toggle is passed to the first one, which carries the themes' handlers (a
// dialog below 992 px, hiding the sidebar above).
document.addEventListener("DOMContentLoaded", () => {
  for (const kind of ["primary", "secondary"]) {
    const toggles = document.querySelectorAll(`.${kind}-toggle`);
    for (const toggle of Array.from(toggles).slice(1)) {
      toggle.addEventListener("click", (event) => {
        event.preventDefault();
        event.stopPropagation();
        toggles[0].click();
      });
    }
  }
});

// Each figure's image opens at full size on a click or tap (on a phone, the reader can
// then zoom into a multi-panel figure), in the same tab so that "back" returns here.
document.addEventListener("DOMContentLoaded", () => {
  for (const img of document.querySelectorAll("figure img")) {
    if (img.closest("a")) continue;
    const link = document.createElement("a");
    link.href = img.getAttribute("src");
    link.className = "book-figure-link";
    link.title = "Open the figure at full size";
    img.replaceWith(link);
    link.appendChild(img);
  }
});

// Search results quote the page around the words found. Sphinx takes the text of the
// page's main element, which in this theme also holds the article's buttons, its
// print-only list of contents and the notebooks' hidden code with its toggles, and it
// runs the cells of a table together ("KazakhstanKyrgyzstan"). Those parts are
// dropped, every block and cell ends with a space, and runs of space become one.
const NOT_PROSE = [".bd-header-article", "#jb-print-docs-body", ".cell_input", "summary",
                   ".book-figure-data", ".headerlink"].join(", ");
const BLOCKS = "p, li, td, th, dt, dd, caption, figcaption, h1, h2, h3, h4, h5, h6, pre, div";
document.addEventListener("DOMContentLoaded", () => {
  if (typeof Search === "undefined" || !Search.htmlToText) return;
  const pageText = Search.htmlToText;
  Search.htmlToText = (htmlString, anchor) => {
    const page = new DOMParser().parseFromString(htmlString, "text/html");
    page.querySelectorAll(NOT_PROSE).forEach((e) => e.remove());
    page.querySelectorAll(BLOCKS).forEach((e) => e.append(" "));
    return pageText(page.documentElement.outerHTML, anchor).replace(/\s+/g, " ");
  };
});

// A table longer than a few screens shows its first rows and a button for the rest;
// a very long one also a filter that keeps the rows containing what the reader types.
const FOLDED_AFTER = 12;
const FILTER_FROM = 40;
document.addEventListener("DOMContentLoaded", () => {
  for (const table of document.querySelectorAll("table.book-table")) {
    const rows = Array.from(table.tBodies[0]?.rows ?? []);
    if (rows.length <= FOLDED_AFTER + 3) continue;
    const tools = document.createElement("div");
    tools.className = "book-table-tools";
    const button = document.createElement("button");
    button.type = "button";
    let folded = true;
    const show = () => {
      rows.forEach((row, i) => row.classList.toggle("book-row-folded", folded && i >= FOLDED_AFTER));
      button.textContent = folded ? `Show all ${rows.length} rows` : `Show the first ${FOLDED_AFTER} rows`;
      button.setAttribute("aria-expanded", String(!folded));
    };
    button.addEventListener("click", () => { folded = !folded; show(); });
    tools.appendChild(button);
    if (rows.length >= FILTER_FROM) {
      const label = document.createElement("label");
      label.textContent = "Filter the rows ";
      const input = document.createElement("input");
      input.type = "search";
      input.addEventListener("input", () => {
        const words = input.value.toLowerCase().trim();
        folded = !words && folded;
        rows.forEach((row) => {
          row.hidden = Boolean(words) && !row.textContent.toLowerCase().includes(words);
        });
        show();
      });
      label.appendChild(input);
      tools.appendChild(label);
    }
    table.closest(".book-table-wrap").before(tools);
    show();
  }
});
