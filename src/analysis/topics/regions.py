"""The fixed groups of states the book compares, each defined here and nowhere else.

Groups whose composition changes over time come from the curated tables instead:
the SCO's members on a date (:func:`analysis.topics.membership.members`), its six
founding members (:func:`analysis.topics.membership.founding_members`), the members of
other organisations (:func:`analysis.topics.organisations.members`). The groups here
are geographical, in ISO3 codes and in the order figures and tables show them.
"""

from __future__ import annotations

CENTRAL_ASIA = ["KAZ", "KGZ", "TJK", "TKM", "UZB"]

# Central Asia's southern neighbours, against which the book sets its violence.
NEIGHBOURS = ["AFG", "PAK"]

# The Central Asian states and the two powers of the SCO, as compared in chapter 1.
CENTRAL_ASIA_RUSSIA_CHINA = [*CENTRAL_ASIA, "RUS", "CHN"]

# The fifteen states that succeeded the USSR.
POST_SOVIET = ["ARM", "AZE", "BLR", "EST", "GEO", "KAZ", "KGZ", "LTU", "LVA", "MDA", "RUS", "TJK",
               "TKM", "UKR", "UZB"]
