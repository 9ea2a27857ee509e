"""Data access: the only layer that reads files.

``raw`` fetches and verifies the registry's external files and cites them,
``cache`` keeps their parsed frames, ``sources`` has one loader per publisher,
``curated`` validates the hand-made fact tables (reading them strictly with
``curated_csv``, checking them with ``curated_checks``), and ``countries`` turns
names into ISO3 for the loaders of files without codes. Nothing here imports a topic
or a presentation module; ``countries`` uses the WDI loader for the World Bank's
names, so ``sources.wdi`` must not use ``countries``.
"""
