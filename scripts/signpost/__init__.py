"""Signpost: the catalogue's loader, checks and site generator, as plain modules.

Nothing here imports a site engine, so the same code serves the validator, the build
script (which runs whichever engine is chosen), the link check and the tests alike.
"""
