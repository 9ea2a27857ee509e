"""Data access: the only layer that reads files.

``raw`` fetches and verifies the registry's external files, ``cache`` keeps their
parsed frames, ``sources`` has one loader per publisher, ``curated`` validates the
hand-made fact tables, and ``countries`` turns names and codes into ISO3 at the
loader boundary. Nothing here imports a topic or a presentation module.
"""
