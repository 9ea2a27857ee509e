"""One loader module per publisher; each returns tidy frames keyed by ISO3 and year.

Each module also names the registry keys of the files it reads (``ucdp.ACD_KEY``,
``wdi.registry_key(code)``, ...), so that a figure cites its data by asking the loader
instead of typing a key.
"""
