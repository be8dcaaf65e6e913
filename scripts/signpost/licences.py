"""The licences Signpost is published under, declared once for the README, the exports and the site.

Code (scripts, templates, styles) is MIT; the catalogue (resources.yaml and every export made
from it) is CC BY 4.0, which lets anyone reuse it, commercially too, as long as they credit it.
"""
from __future__ import annotations

CODE_LICENCE = {
    "name": "MIT License",
    "spdx": "MIT",
    "url": "https://opensource.org/license/mit",
    "file": "LICENSE",
}

DATA_LICENCE = {
    "name": "Creative Commons Attribution 4.0 International",
    "spdx": "CC-BY-4.0",
    "url": "https://creativecommons.org/licenses/by/4.0/",
    "file": "LICENSE-DATA",
}

# What a reuser must print wherever the data (or anything made from it) is shown.
ATTRIBUTION = (
    "Contains data from the Signpost catalogue, © Signpost contributors, "
    "licensed under CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/)."
)
# Not a licence condition, but what every reuser's readers need to know.
CAUTION = "Each entry was last checked on the date it gives: check with the service before relying on a number or opening time."


def for_export() -> dict:
    """The licence block every export carries."""
    return {"name": DATA_LICENCE["name"], "spdx": DATA_LICENCE["spdx"], "url": DATA_LICENCE["url"], "attribution": ATTRIBUTION, "caution": CAUTION}
