"""Signpost: the catalogue's loader, checks and site generator, as plain modules.

Nothing here imports MkDocs, so the same code serves the validator, the build
script, the tests and a thin MkDocs hook alike.
"""
