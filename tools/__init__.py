"""Book tooling: build, benchmark, replication report, environment checks.

Outside the ``analysis`` package, so that editing a tool never makes a notebook
execute again.
"""
