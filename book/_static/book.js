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
// page's main element, which in this theme also holds the article's buttons and its
// print-only list of contents, so a snippet would open with "Overview Prerequisites
// ..."; those parts are dropped before the text is taken.
document.addEventListener("DOMContentLoaded", () => {
  if (typeof Search === "undefined" || !Search.htmlToText) return;
  const pageText = Search.htmlToText;
  Search.htmlToText = (htmlString, anchor) => {
    const page = new DOMParser().parseFromString(htmlString, "text/html");
    page.querySelectorAll(".bd-header-article, #jb-print-docs-body").forEach((e) => e.remove());
    return pageText(page.documentElement.outerHTML, anchor);
  };
});
