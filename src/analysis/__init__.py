"""Analysis package of the executable edition of the SCO regional-security thesis.

Four layers, imports only going down:

``data``          verified raw files, parsed cache, curated tables, one loader per publisher
``topics``        membership, footprint, security, economy, conflict, ... as tidy frames
``presentation``  house style, table display, maps, timelines, glue
``sections``      one module per notebook: its numbers, tables, figures and inventory

Book tooling (build, benchmark, replication report) lives in ``tools/``, outside.
"""

__version__ = "0.1.0"
