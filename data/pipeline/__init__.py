"""The offline pipeline: raw source files → the processed layer (``python -m data.build``), and the Eurostat
refresh (``python -m data.refresh``). Run by the build, never imported by the running app."""
