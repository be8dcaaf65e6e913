"""The field reference's "Open data and licence" section: every export, each CSV column and
JSON field, the HSDS mapping and the licence, from the modules that make them."""
from __future__ import annotations

from . import export_csv, export_hsds, feed, licences
from .html import text

ROOT = "../../"  # from reference/fields/ to the site's root


def section() -> str:
    lic = licences.DATA_LICENCE
    out = [
        "\n## Open data and licence { #open-data }\n",
        f"The catalogue is open data under the [{lic['name']}]({lic['url']}) licence ({lic['spdx']}): anyone may copy, "
        "share and adapt it, commercially too, as long as they credit it. The attribution to give, wherever the data or "
        f"anything made from it is shown:\n\n> {text(licences.ATTRIBUTION)}\n\n{text(licences.CAUTION)} "
        f"Signpost's code is under the [{licences.CODE_LICENCE['name']}]({licences.CODE_LICENCE['url']}).\n",
        "| file | what it is |", "|---|---|",
        f"| [data/catalogue.json]({ROOT}data/catalogue.json) | Every entry exactly as validated, with the fields described above. |",
        f"| [data/resource.schema.json]({ROOT}data/resource.schema.json) | The JSON Schema every entry satisfies (the same file the validator uses). |",
        f"| [data/catalogue.schema.json]({ROOT}data/catalogue.schema.json) | The JSON Schema of catalogue.json itself. |",
        f"| [data/catalogue.csv]({ROOT}data/catalogue.csv) | One row per contact channel, the entry's main fields repeated, for spreadsheets (UTF-8 with a byte-order mark). |",
        f"| [data/hsds/]({ROOT}data/hsds/index.json) | Open Referral HSDS 3.0 static export: services.json, organizations.json, taxonomies.json, taxonomy_terms.json. |",
        f"| [changes/feed.xml]({ROOT}{feed.PATH}) | Atom feed of [what changed]({ROOT}changes/): new entries, closures, changed numbers, hours and ratings. |",
        "| each resource page | schema.org JSON-LD: a WebPage about the Service, its provider as an Organization, each contact channel as a ContactPoint with its hours. |",
        "\n### catalogue.json { #open-data-json }\n",
        "| field | what it is |", "|---|---|",
        "| `$schema` | The address of catalogue.schema.json, relative to the file. |",
        "| `entries_schema` | The address of resource.schema.json, relative to the file. |",
        "| `title` | Signpost catalogue. |",
        "| `date` | The day the export was built (YYYY-MM-DD). |",
        "| `licence` | name, spdx, url, attribution (what a reuser must print) and caution. |",
        "| `count` | How many entries follow. |",
        "| `entries` | The entries, in the catalogue's order; each has the fields in the tables above, including its `changes`. |",
        "\n### catalogue.csv columns { #open-data-csv }\n",
        f"Lists are joined with `{export_csv.LIST_SEPARATOR.strip()}` and use the keys in the vocabularies above. A text cell that "
        "would start with `=`, `+`, `-` or `@` is written after an apostrophe so a spreadsheet cannot run it as a formula "
        "(phone numbers such as +353... are left as they are).\n",
        "| column | what it is |", "|---|---|",
    ]
    out += [f"| `{name}` | {text(meaning)} |" for name, meaning, _ in export_csv.COLUMNS]
    out += [
        "\n### HSDS 3.0 static export { #open-data-hsds }\n",
        f"Open Referral's Human Services Data Specification, version {export_hsds.HSDS_VERSION}. services.json and "
        "organizations.json have the shape of the HSDS API's paginated lists (one page holding everything); each service nests "
        "its phones, schedules, service areas, languages, cost options, contacts and attributes, and names its organization "
        "by `organization_id`. Every file validates against the official HSDS 3.0 JSON Schemas in the tests. "
        "It is a static export: full Open Referral UK compliance needs live query endpoints, which a static site does not have. "
        "Ids are UUIDs derived from Signpost's ids, so they stay the same from build to build.\n",
        "| HSDS | made from |", "|---|---|",
    ]
    out += [f"| `{field}` | {text(source)} |" for field, source in export_hsds.MAPPING]
    out.append("\nWhat HSDS has no place for:\n")
    out += [f"- {text(item)}" for item in export_hsds.LEFT_OUT]
    out.append(f"\nThe JSON export carries everything: use [catalogue.json]({ROOT}data/catalogue.json) when HSDS is not required.\n")
    return "\n".join(out) + "\n"
