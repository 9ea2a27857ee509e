"""The scorecard: for each security function, the evidence, a verdict, and who acted
where the SCO did not. Three functions are those the thesis credits to the SCO (each
names the passages that say so); three are questions the book asks of its own,
because the region's recent history asks them of a security organisation.

Every verdict follows one rule (:func:`verdict`) from three findings computed from the
data: whether the outcome the thesis credits is there in independent data; whether the
SCO itself acted, meaning at least a consultation or meeting on the crises concerned
(the SCO is a consultative body; a statement alone does not count); and whether
others did more than the SCO in most of those crises, in which case the outcome cannot
be put down to the SCO. Where independent data cannot show the outcome over a period
that starts before the SCO acted, the function "cannot be tested". Nothing here is
typed in by hand: change a row of the curated tables and the verdict follows.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from analysis.data import countries, curated, thesis
from analysis.data.sources import owid, ucdp
from analysis.topics import borders, crises, drugs, membership, regions

VERDICTS = ("supported", "mixed", "not supported", "cannot be tested")
ACTED = crises.LEVEL["consultation"]  # the least response that counts as the SCO acting


@dataclass(frozen=True)
class Finding:
    function: str
    evidence: str
    outcome: bool | None  # None: independent data cannot show the outcome
    sco_acted: bool
    crisis_ids: tuple[str, ...]  # the crises the function concerns
    credited_in: tuple[str, ...] = ()  # thesis passages that credit it; () the book's own

    @property
    def verdict(self) -> str:
        return verdict(self.outcome, self.sco_acted, outdone(self.crisis_ids))


def verdict(outcome: bool | None, sco_acted: bool, others_did_more: bool) -> str:
    """Supported: the outcome and SCO action, and no one did more in most of the crises;
    mixed: some of that; not supported: neither outcome nor SCO action."""
    if outcome is None:
        return "cannot be tested"
    if outcome and sco_acted and not others_did_more:
        return "supported"
    return "mixed" if outcome or sco_acted else "not supported"


def _beyond_sco(crisis_ids: tuple[str, ...]) -> pd.DataFrame:
    """Crises (rows) by other actors (columns): whether the actor did more than the SCO."""
    table = crises.responses()
    table = table[table["crisis_id"].isin(crisis_ids)].pivot(index="crisis_id", columns="actor",
                                                            values="level")
    return table.drop(columns="sco").gt(table["sco"].fillna(-1), axis=0)


def outdone(crisis_ids: tuple[str, ...]) -> bool:
    """Whether some other actor did more than the SCO in at least half of the crises."""
    return bool(crisis_ids) and bool(_beyond_sco(crisis_ids).any(axis=1).mean() >= 0.5)


def acted_instead(crisis_ids: tuple[str, ...]) -> str:
    """Actors whose response went beyond the SCO's in these crises, with how often:
    "Russia (4), UN (3)"; "none" if no one did more."""
    beyond = _beyond_sco(crisis_ids).sum()
    beyond = beyond[beyond > 0].sort_values(ascending=False, kind="stable")
    return ", ".join(f"{crises.ACTOR_NAMES[a]} ({n})" for a, n in beyond.items()) or "none"


def sco_levels(crisis_ids: list[str] | tuple[str, ...]) -> pd.Series:
    """The SCO's response level in each of these crises (by crisis id)."""
    table = crises.responses()
    return table[(table["actor"] == "sco") & table["crisis_id"].isin(crisis_ids)] \
        .set_index("crisis_id")["level"]


def _strongest_sco(crisis_ids: list[str]) -> str:
    """The SCO's strongest response in these crises, as a reader reads it."""
    return crises.RESPONSE_NAMES[crises.RESPONSES_BY_LEVEL[int(sco_levels(crisis_ids).max())]]


def _since_sco(kinds: tuple[str, ...]) -> list[str]:
    table = crises.crises()
    founded = membership.founding_year()
    return table.loc[table["kind"].isin(kinds) & (table["start_year"] >= founded), "id"].tolist()


def border_settlement() -> Finding:
    china = borders.china_settlements()
    kinds = borders.agreements()
    disputes = borders.central_asian_disputes()
    with_china = int(disputes["states"].map(lambda states: "CHN" in states).sum())
    multilateral = kinds[kinds["kind"].isin(["confidence_building", "arms_reduction"])]
    settled = int(china["last_step"].notna().sum())
    return Finding(
        "Border settlement and military confidence-building",
        f"{settled} of {len(china)} borders with China settled by treaty and demarcation "
        f"({china['first_treaty'].min()[:4]}-{china['last_step'].max()[:4]}); "
        f"{len(multilateral)} multilateral confidence and force-reduction agreements of "
        f"the five; {with_china} militarised disputes between China and a Central Asian "
        f"state to {int(disputes['end_year'].max())} (MID 5.0)",
        outcome=settled == len(china) and with_china == 0,
        sco_acted=len(multilateral) > 0, crisis_ids=(), credited_in=("intro-border-origin",))


def interstate_peace() -> Finding:
    disputes = borders.central_asian_disputes()
    among = disputes[borders.among_members(disputes)]
    among = among[among["start_year"] >= membership.founding_year()]
    violence = ucdp.organized_violence()
    members_war = violence[violence["iso3"].isin(regions.CENTRAL_ASIA)
                           & (violence["year"] >= membership.founding_year())]
    deaths = int(members_war["interstate_best"].sum())
    ids = _since_sco(("interstate",))
    acted = bool((sco_levels(ids) >= ACTED).any())
    return Finding(
        "Preventing interstate conflict among members",
        f"{len(among)} militarised disputes among members {int(among['start_year'].min())}-"
        f"{int(disputes['end_year'].max())} (MID 5.0); {deaths:,} deaths in interstate "
        f"fighting in Central Asia since the SCO's founding (UCDP v25.1); SCO response to "
        f"{len(ids)} interstate crises: at most {_strongest_sco(ids)}",
        outcome=deaths == 0 and len(among) == 0, sco_acted=acted, crisis_ids=tuple(ids))


def counter_terrorism() -> Finding:
    gtd = owid.terrorism()
    gtd = gtd[gtd["iso3"].isin(regions.CENTRAL_ASIA)].groupby("year")["deaths"].sum()
    founded = membership.founding_year()
    before, after = gtd.loc[:founded - 1].loc[1992:].mean(), gtd.loc[founded + 1:].mean()
    ids = _since_sco(("terrorism",))
    acted_in = int((sco_levels(ids) >= ACTED).sum())
    return Finding(
        "Counter-terrorism",
        f"terrorism deaths in Central Asia averaged {before:.0f} a year in 1992-{founded - 1} "
        f"and {after:.0f} in {founded + 1}-{int(gtd.index.max())} (GTD); the SCO met on "
        f"{acted_in} of {len(ids)} terrorist attacks since its founding; RATS's results "
        "are self-reported",
        outcome=bool(after < before), sco_acted=acted_in * 2 >= len(ids), crisis_ids=tuple(ids),
        credited_in=("concl-ct", "concl-rats"))


def crisis_response() -> Finding:
    ids = _since_sco(tuple(crises.KIND_NAMES))
    levels = sco_levels(ids)
    acted_in = int((levels >= ACTED).sum())
    beyond = int((levels >= crises.LEVEL["mediation"]).sum())
    return Finding(
        "Crisis response",
        f"the SCO held at least a consultation in {acted_in} of {len(ids)} crises since its "
        f"founding and mediated, assisted or deployed in {beyond}",
        outcome=beyond > 0, sco_acted=acted_in * 2 >= len(ids), crisis_ids=tuple(ids))


def drug_trafficking() -> Finding:
    seizures = drugs.seizures_by_year()
    milestones = drugs.milestones()
    first_data, first_step = int(seizures.columns.min()), int(milestones["year"].min())
    return Finding(
        "Drug trafficking",
        f"seizure data only for {first_data}-{int(seizures.columns.max())} (UNODC), after "
        f"the SCO's first anti-drug step ({first_step}); {len(milestones)} anti-drug "
        f"milestones; {', '.join(map(countries.short_name, drugs.not_reporting())) or 'no state'} "
        "reported no seizures",
        outcome=None if first_data > first_step else True,
        sco_acted=len(milestones) > 0, crisis_ids=(), credited_in=("concl-drugs",))


def afghanistan() -> Finding:
    violence = ucdp.organized_violence()
    front = violence[violence["iso3"].isin(["TJK", "UZB", "TKM"]) & (violence["year"] >= 2021)]
    spill = int(sum(front[f"{kind}_best"].sum() for kind in ("intrastate", "nonstate",
                                                              "onesided")))
    ids = _since_sco(("spillover",))
    return Finding(
        "Afghanistan",
        f"{spill} deaths in internal organised violence in Tajikistan, Uzbekistan and "
        f"Turkmenistan since 2021 (UCDP v25.1); SCO response to the Taliban's return: "
        f"{_strongest_sco(ids)}",
        outcome=spill == 0, sco_acted=bool((sco_levels(ids) >= ACTED).any()),
        crisis_ids=tuple(ids))


FUNCTIONS = (border_settlement, interstate_peace, counter_terrorism, crisis_response,
             drug_trafficking, afghanistan)


def asked_by(passages: tuple[str, ...]) -> str:
    """"the thesis (Introduction; Conclusion)", from the passages' sections, or "the
    book" for a question the thesis does not ask."""
    if not passages:
        return "the book"
    sections = curated.load("thesis_passages").set_index("id").loc[list(passages), "section"]
    return f"the thesis ({'; '.join(map(thesis.pinpoint, dict.fromkeys(sections)))})"


def scorecard() -> pd.DataFrame:
    """One row per function: who asks it, evidence, verdict, and who acted where the SCO
    did not."""
    rows = []
    for assess in FUNCTIONS:
        finding = assess()
        rows.append({"function": finding.function, "asked_by": asked_by(finding.credited_in),
                     "evidence": finding.evidence,
                     "verdict": finding.verdict,
                     "acted_instead": acted_instead(finding.crisis_ids) if finding.crisis_ids
                     else "not applicable (no crises)"})
    return pd.DataFrame(rows).set_index("function")
