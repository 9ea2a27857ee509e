"""One loader module per publisher; each returns tidy frames keyed by ISO3 and year."""
