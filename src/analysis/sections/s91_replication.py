"""Appendix: the replication report: software, data, execution, and what makes each exhibit.

Everything here is read from the environment, the registry, the build's execution
records and the section modules' inventories, so the report cannot drift from the
book. It reports nothing that differs between two builds of the same tree (execution
times are measured by ``make bench``), so that it executes again only when what it
reports changed.
"""

from __future__ import annotations

import importlib
import importlib.metadata
import json
import platform
from pathlib import Path

import pandas as pd

from analysis import paths
from analysis.data import curated, raw, source_tiers
from analysis.presentation import display, notebook, numbering, pdf_table
from analysis.topics import sources

KEY_PACKAGES = ("jupyter-book", "myst-nb", "sphinx", "jupyter-cache", "pandas", "numpy",
                "matplotlib", "pandera", "pooch", "pyreadr", "openpyxl", "py7zr", "nbval")


def package_versions() -> pd.DataFrame:
    rows = [{"Package": "python", "Version": platform.python_version()}]
    rows += [{"Package": name, "Version": importlib.metadata.version(name)}
             for name in KEY_PACKAGES]
    return pd.DataFrame(rows).set_index("Package")


def data_registry() -> pd.DataFrame:
    """Every registered raw file: its publisher, version, licence and citation key."""
    return pd.DataFrame([{
        "Dataset": item.key, "Publisher": item.publisher, "Version": item.version,
        "Licence": item.licence, "Citation key": item.bibtex,
    } for item in map(raw.entry, raw.registry())]).set_index("Dataset")


def data_checksums() -> pd.DataFrame:
    """Every registered raw file's size and SHA-256 checksum (in print, the first 16
    digits, enough to tell the files apart; data/registry.csv has all 64)."""
    frame = pd.DataFrame([{"Dataset": item.key, "Bytes": item.bytes, "SHA-256": item.sha256}
                          for item in map(raw.entry, raw.registry())]).set_index("Dataset")
    return pdf_table.in_print(frame, shorten={"SHA-256": 16})


def git_commit(root: Path = paths.REPO_ROOT) -> str:
    """The commit checked out in ``root``, read from git's own files rather than by
    running git, so that the build records them as inputs of this notebook (a new commit
    executes it again). A missing file is recorded too, as missing."""
    def read(file: Path) -> str | None:
        try:
            return file.read_text(encoding="utf-8").strip()
        except (FileNotFoundError, NotADirectoryError):
            return None

    git = root / ".git"
    pointer = read(git) if git.is_file() else None  # a worktree: "gitdir: <folder>"
    if pointer and pointer.startswith("gitdir:"):
        git = (root / pointer.removeprefix("gitdir:").strip()).resolve()
    head = read(git / "HEAD")
    if head is None:
        return "not a git checkout"
    if not head.startswith("ref: "):
        return head  # a detached HEAD is the commit itself
    ref = head.removeprefix("ref: ")
    common = read(git / "commondir")  # a worktree's branches live in the main checkout
    common = (git / common).resolve() if common else git
    for folder in dict.fromkeys((git, common)):
        commit = read(folder / ref)
        if commit:
            return commit
    for line in (read(common / "packed-refs") or "").splitlines():
        if line.endswith(f" {ref}"):
            return line.split()[0]
    return "not a git checkout"


# Curated by hand outside data/: the bibliography, shown as "references".
CURATED_ELSEWHERE = ("book/references.bib",)


def dependencies(summary: Path | None = None) -> pd.DataFrame:
    """What each notebook read in its last execution by the build: datasets, curated
    tables and modules of the package (from the build's summary of the execution
    records, see :mod:`analysis.provenance`). A change to any of them executes the
    notebook again."""
    summary = summary or paths.dependencies_file()
    try:  # opened even when missing, so that the build records it either way
        notebooks = json.loads(summary.read_text(encoding="utf-8"))
    except FileNotFoundError:
        notebooks = {}
    rows = []
    for name, read in sorted(notebooks.items()):
        modules = [Path(file).with_suffix("").as_posix().removeprefix("src/analysis/")
                   for file in read["files"]
                   if file.startswith("src/analysis/") and file.endswith(".py")]
        tables = sorted(Path(file).stem for file in read["files"]
                        if file in CURATED_ELSEWHERE or (file.startswith("data/")
                        and file.endswith(".csv") and file != "data/registry.csv"))
        rows.append({
            "Notebook": f"{name}.ipynb",
            "Datasets": ", ".join(read["raw"]) or "none",
            "Curated tables": ", ".join(tables) or "none",
            "Modules": ", ".join(module for module in modules if module.split("/")[0] in
                                 ("sections", "topics") and not module.endswith("__init__")),
        })
    return pd.DataFrame(rows, columns=["Notebook", "Datasets", "Curated tables", "Modules"]
                        ).set_index("Notebook")


def verification_counts() -> pd.DataFrame:
    """How many rows of each curated table are verified, disputed, inferred or unverifiable."""
    counts = {name: curated.load(name)["verification"].value_counts()
              for name in sorted(curated.SCHEMAS)}
    table = pd.DataFrame(counts).T.reindex(columns=list(display.VERIFICATION_LABELS))
    table = table.fillna(0).astype(int).rename(columns=display.VERIFICATION_LABELS)
    table.loc["all tables"] = table.sum()
    return table.rename(columns=str.capitalize).rename_axis("Curated table")


TIER_COLUMNS = {"rows": "rows", "A": "tier A", "B": "best B", "C": "only C",
                "verified without A": "verified, no A"}


def source_tiers_by_table() -> pd.DataFrame:
    """Rows of each curated table by the best tier of their sources, and the verified
    rows without a tier-A source, as an examiner counted them and now."""
    table = sources.by_table().astype("Int64")  # a table new since then has no "before"
    table.columns = [f"{TIER_COLUMNS[column]} ({when})" for when, column in table.columns]
    return table.rename_axis("Curated table")


def source_tiers_by_status() -> pd.DataFrame:
    """Rows of all curated tables by verification status and best tier, before and now."""
    table = sources.by_status()
    table.columns = [f"tier {tier} ({when})" for when, tier in table.columns]
    return table.rename(index=display.VERIFICATION_LABELS).rename(
        index=str.capitalize).rename_axis("Status")


def numbers() -> dict[str, object]:
    """Numbers of the section on sources."""
    shares = sources.link_shares()
    before, now = sources.rows_before(), sources.rows_now()
    return {
        "sources_baseline_commit": sources.BASELINE_COMMIT,
        "tier_c_share_before": 100 * shares["before"],
        "tier_c_share_now": 100 * shares["now"],
        "rows_before": len(before),
        "rows_now": len(now),
        "c_only_before": int((before["tier"] == "C").sum()),
        "c_only_now": int((now["tier"] == "C").sum()),
        "verified_without_a_before": int(((before["verification"] == "verified")
                                          & (before["tier"] != "A")).sum()),
        "verified_without_a_now": int(((now["verification"] == "verified")
                                       & (now["tier"] != "A")).sum()),
        "sites_classified": len(source_tiers.table()),
    }


def section_modules() -> dict[str, object]:
    """Each notebook's section module, by notebook file (``notebooks/22_economy.ipynb``
    is shown by ``analysis.sections.s22_economy``)."""
    return {f"notebooks/{file.name}": importlib.import_module(
                f"analysis.sections.s{file.stem}")
            for file in sorted((paths.REPO_ROOT / "notebooks").glob("*.ipynb"))}


def figure_inventory() -> pd.DataFrame:
    """Every numbered figure and table: its number in the book ("Figure 2.1.3"), label,
    kind, notebook, function and caption."""
    rows = []
    for notebook_file, module in section_modules().items():
        chapter = numbering.chapter_label(Path(notebook_file).stem)
        numbers = numbering.exhibit_numbers(list(module.EXHIBITS), chapter)
        rows += [{"number": numbers[exhibit.label], "name": exhibit.label,
                  "kind": exhibit.kind, "notebook": notebook_file,
                  "function": exhibit.function, "caption": exhibit.caption}
                 for exhibit in module.EXHIBITS.values()]
    return pd.DataFrame(rows)


def exhibits() -> pd.DataFrame:
    """The inventory as the appendix prints it: number, label, the function of
    ``analysis.sections`` that draws it, and caption (the number says whether it is a
    figure or a table, and its chapter says which notebook shows it)."""
    inventory = figure_inventory()
    return pd.DataFrame({
        "Number": inventory["number"], "Label": inventory["name"],
        "Drawn by": inventory["function"].str.removeprefix("analysis.sections."),
        "Caption": inventory["caption"]}).set_index("Number")


def setup() -> None:
    """Prepare this notebook: tables in full, and as LaTeX tables in the PDF edition,
    and the numbers of its text."""
    notebook.setup(__name__, numbers)


EXHIBITS = notebook.inventory(
    notebook.Exhibit("tbl-replication-packages", package_versions,
                     "The versions of Python and of the key packages that built this book."),
    notebook.Exhibit("tbl-replication-data", data_registry,
                     "The raw data files: publisher, version, licence and citation key."),
    notebook.Exhibit("tbl-replication-checksums", data_checksums,
                     "The raw data files' sizes and SHA-256 checksums."),
    notebook.Exhibit("tbl-replication-verification", verification_counts,
                     "Rows of each curated table by verification status."),
    notebook.Exhibit("tbl-replication-tiers", source_tiers_by_table,
                     "Rows of each curated table by the best tier of their sources, as an "
                     "examiner counted them and now."),
    notebook.Exhibit("tbl-replication-tier-status", source_tiers_by_status,
                     "Rows of all curated tables by verification status and best source "
                     "tier, before and now."),
    notebook.Exhibit("tbl-replication-dependencies", dependencies,
                     "What each notebook used in its last execution: datasets, curated tables "
                     "and modules."),
    notebook.Exhibit("tbl-replication-exhibits", exhibits,
                     "Every numbered figure and table, with its label and the function that "
                     "draws it."),
)
