"""Analysis package of the executable edition of the SCO regional-security thesis.

Data flow (one direction only): ``data`` (verified raw files) -> ``sources``
(one tidy loader per publisher) -> topic modules (``membership``, ``footprint``)
-> ``figures`` and ``tables`` -> notebooks.
"""

__version__ = "0.1.0"
