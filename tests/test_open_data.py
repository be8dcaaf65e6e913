"""Open data: catalogue.json, catalogue.csv, the HSDS 3.0 export, schema.org JSON-LD on every
resource page, the "What changed" page and its Atom feed, and the licences."""
from __future__ import annotations

import copy
import csv
import io
import json
import re
import uuid
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

import pytest
from jsonschema import Draft7Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT7

from conftest import CATALOGUES, FIXTURE_DAY, ROOT
from hsds_schemas import about_validator, page_validator, validator
from signpost import changes, changes_page, export_csv, export_hsds, export_json, exports, feed, jsonld, licences, reference, resource_page
from signpost.catalogue import check_file, check_text

ENTRIES = check_file(ROOT / "resources.yaml").entries
FILES = exports.files(ENTRIES, FIXTURE_DAY)
ATOM = "{http://www.w3.org/2005/Atom}"
HSDS_FILES = {"services.json": "service.json", "organizations.json": "organization.json",
              "taxonomies.json": "taxonomy.json", "taxonomy_terms.json": "taxonomy_term.json"}
RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")
HTML_TAG = re.compile(r"<\s*/?\s*[a-zA-Z!][^>]*>")


# ---- catalogue.json ------------------------------------------------------------------------

def test_the_export_names_the_engine_is_given_are_those_of_the_real_export(built_site):
    assert sorted(exports.names()) == sorted(path for path in FILES if not path.endswith(".md"))
    for path in exports.names():
        assert (built_site / path).stat().st_size > 0, f"{path} was left as the empty file the engine was given"


def test_catalogue_json_loads_back_to_exactly_the_validated_entries():
    data = json.loads(FILES["data/catalogue.json"])
    assert data["entries"] == ENTRIES
    assert data["count"] == len(ENTRIES)


def test_catalogue_json_satisfies_the_schemas_published_beside_it():
    published = {name: json.loads(FILES[f"data/{name}"]) for name in (export_json.ENTRIES_SCHEMA, export_json.FILE_SCHEMA)}
    base = "https://signpost.invalid/data/"
    registry = Registry().with_resources((base + name, Resource.from_contents(schema, default_specification=DRAFT7)) for name, schema in published.items())
    check = Draft7Validator({"$ref": base + export_json.FILE_SCHEMA}, registry=registry)
    errors = [f"{list(e.absolute_path)[:3]}: {e.message[:120]}" for e in check.iter_errors(json.loads(FILES["data/catalogue.json"]))]
    assert not errors, errors[:5]


def test_catalogue_json_names_its_schema_date_and_licence():
    data = json.loads(FILES["data/catalogue.json"])
    assert data["$schema"] == "./catalogue.schema.json" and data["entries_schema"] == "./resource.schema.json"
    assert data["date"] == FIXTURE_DAY.isoformat()
    assert data["licence"]["spdx"] == "CC-BY-4.0"
    assert data["licence"]["attribution"] == licences.ATTRIBUTION


def test_the_published_entry_schema_is_the_validators_own():
    assert FILES["data/resource.schema.json"] == (ROOT / "schema" / "resource.schema.json").read_text(encoding="utf-8")


# ---- catalogue.csv -------------------------------------------------------------------------

def _csv_rows(text: str) -> list[dict]:
    assert text.startswith("\ufeff"), "Excel needs the byte-order mark to read UTF-8"
    return list(csv.DictReader(io.StringIO(text[1:])))


def test_csv_has_one_row_per_contact_channel_in_catalogue_order():
    rows = _csv_rows(FILES["data/catalogue.csv"])
    expected = [(e["id"], str(i + 1), c["channel"], c["value"]) for e in ENTRIES for i, c in enumerate(e["contacts"])]
    assert [(r["entry_id"], r["contact_number"], r["channel"], r["value"]) for r in rows] == expected


def test_csv_repeats_the_entrys_main_fields_on_every_row():
    by_id = {e["id"]: e for e in ENTRIES}
    for row in _csv_rows(FILES["data/catalogue.csv"]):
        entry = by_id[row["entry_id"]]
        assert row["name"] == entry["name"] and row["status"] == entry["status"]
        assert row["topics"].split("; ") == entry["audience"]["topics"]
        assert row["integrity"] == entry["evaluation"]["integrity"]["rating"]


def test_no_csv_cell_can_run_as_a_spreadsheet_formula():
    hostile = copy.deepcopy(ENTRIES[:1])
    hostile[0]["name"] = '=HYPERLINK("https://evil.example","x")'
    hostile[0]["summary"] = "@SUM(1+1)"
    hostile[0]["contacts"][0]["notes"] = "-2+3+cmd|' /C calc'!A0"
    for rows in (_csv_rows(export_csv.render(hostile)), _csv_rows(FILES["data/catalogue.csv"])):
        for row in rows:
            for column, value in row.items():
                assert not value.startswith(("=", "@", "-", "\t", "\r")) and not (value.startswith("+") and not export_csv.PLAIN_NUMBER.match(value)), (column, value)


def test_international_numbers_stay_as_written_in_the_csv():
    plus = [c["value"] for e in ENTRIES for c in e["contacts"] if c["value"].startswith("+")]
    values = {r["value"] for r in _csv_rows(FILES["data/catalogue.csv"])}
    assert plus and all(number in values for number in plus)


# ---- HSDS 3.0 ------------------------------------------------------------------------------

@pytest.mark.parametrize("name", sorted(HSDS_FILES))
def test_hsds_file_validates_against_the_official_hsds_3_0_schemas(name):
    data = json.loads(FILES[f"{export_hsds.FOLDER}/{name}"])
    envelope = [e.message for e in page_validator().iter_errors({k: v for k, v in data.items() if k != "contents"})]
    assert not envelope, envelope
    assert data["total_items"] == len(data["contents"]) > 0
    check = validator(HSDS_FILES[name])
    errors = [f"item {i} {list(e.absolute_path)}: {e.message[:150]}" for i, item in enumerate(data["contents"]) for e in check.iter_errors(item)]
    assert not errors, errors[:10]


def test_hsds_index_says_which_hsds_version_it_is():
    about = json.loads(FILES[f"{export_hsds.FOLDER}/index.json"])
    assert not list(about_validator().iter_errors(about))
    assert about["version"] == "3.0"
    assert all(f"{export_hsds.FOLDER}/{about[key]}" in FILES for key in ("services", "organizations", "taxonomies", "taxonomy_terms"))


def test_the_hsds_check_would_catch_a_broken_service():
    service = json.loads(FILES[f"{export_hsds.FOLDER}/services.json"])["contents"][0]
    broken = dict(service, id="samaritans", status="open", url="not a link", phones=[{"id": str(uuid.uuid4())}])
    messages = " ".join(e.message for e in validator("service.json").iter_errors(broken))
    for expected in ("is not a 'uuid'", "is not one of", "is not a 'uri'", "'number' is a required property"):
        assert expected in messages


def test_every_entry_is_one_hsds_service_with_its_phones():
    services = json.loads(FILES[f"{export_hsds.FOLDER}/services.json"])["contents"]
    assert [s["name"] for s in services] == [e["name"] for e in ENTRIES]
    for entry, service in zip(ENTRIES, services):
        numbers = [c for c in entry["contacts"] if c["channel"] in export_hsds.PHONE_TYPES]
        assert len(service["phones"]) == len(numbers), entry["id"]
        assert service["status"] == export_hsds.STATUS[entry["status"]]
    organizations = {o["id"] for o in json.loads(FILES[f"{export_hsds.FOLDER}/organizations.json"])["contents"]}
    assert {s["organization_id"] for s in services} == organizations


def test_hsds_ids_are_unique_and_the_same_in_every_build_whatever_the_order():
    def ids(entries):
        found = []

        def walk(value):
            if isinstance(value, dict):
                if "id" in value:
                    found.append(value["id"])
                for child in value.values():
                    walk(child)
            elif isinstance(value, list):
                for child in value:
                    walk(child)
        for service in json.loads(export_hsds.files(entries, FIXTURE_DAY)[f"{export_hsds.FOLDER}/services.json"])["contents"]:
            walk(service)
        return found

    forward = ids(ENTRIES)
    assert len(forward) == len(set(forward))
    assert sorted(ids(list(reversed(ENTRIES)))) == sorted(forward)
    samaritans = next(e for e in ENTRIES if e["id"] == "samaritans")
    assert export_hsds.service(samaritans, {})["id"] == str(uuid.uuid5(export_hsds.NAMESPACE, "service/samaritans"))


def test_every_attribute_points_to_a_published_taxonomy_term():
    terms = {t["id"] for t in json.loads(FILES[f"{export_hsds.FOLDER}/taxonomy_terms.json"])["contents"]}
    for service in json.loads(FILES[f"{export_hsds.FOLDER}/services.json"])["contents"]:
        assert {a["taxonomy_term_id"] for a in service["attributes"]} <= terms


# ---- no HTML in any export -----------------------------------------------------------------

def _strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for child in value.values():
            yield from _strings(child)
    elif isinstance(value, list):
        for child in value:
            yield from _strings(child)


@pytest.mark.parametrize("path", sorted(p for p in FILES if p.endswith((".json", ".csv", ".xml"))))
def test_exports_contain_no_html(path):
    content = FILES[path]
    if path.endswith(".json"):
        texts = list(_strings(json.loads(content)))
    elif path.endswith(".csv"):
        texts = [cell for row in _csv_rows(content) for cell in row.values()]
    else:
        texts = [element.text or "" for element in ET.fromstring(content).iter()] + \
                [value for element in ET.fromstring(content).iter() for value in element.attrib.values()]
    if path.endswith("resource.schema.json"):
        return  # the schema's own prose, not catalogue text
    tagged = [t for t in texts if HTML_TAG.search(t)]
    assert not tagged, tagged[:3]


# ---- schema.org JSON-LD --------------------------------------------------------------------

class LinkedData(HTMLParser):
    def __init__(self):
        super().__init__()
        self.blocks, self._open = [], False

    def handle_starttag(self, tag, attrs):
        self._open = tag == "script" and dict(attrs).get("type") == "application/ld+json"
        if self._open:
            self.blocks.append("")

    def handle_endtag(self, tag):
        self._open = False

    def handle_data(self, data):
        if self._open:
            self.blocks[-1] += data


def structured_data_problems(data: dict) -> list[str]:
    """A structured-data check of the shape search engines read: types, required properties, values."""
    problems = []
    if data.get("@context") != "https://schema.org":
        problems.append("@context is not https://schema.org")
    if data.get("@type") != "WebPage" or not data.get("name"):
        problems.append("not a named WebPage")
    service = data.get("about", {})
    if service.get("@type") != "Service" or not service.get("name") or not str(service.get("url", "")).startswith("http"):
        problems.append("about is not a Service with a name and url")
    organization = service.get("provider", {})
    if organization.get("@type") != "Organization" or not organization.get("name"):
        problems.append("provider is not a named Organization")
    for point in organization.get("contactPoint", []):
        if point.get("@type") != "ContactPoint" or not (point.get("telephone") or point.get("email") or point.get("url")):
            problems.append(f"contact point without telephone, email or url: {point}")
        for hours in point.get("hoursAvailable", []):
            if hours.get("@type") != "OpeningHoursSpecification" or not hours.get("dayOfWeek"):
                problems.append(f"opening hours without days: {hours}")
            if not all(re.fullmatch(r"([01]\d|2[0-3]):[0-5]\d", hours.get(key, "")) for key in ("opens", "closes")):
                problems.append(f"opening hours not as hh:mm: {hours}")
            if not all(day.startswith("https://schema.org/") for day in hours.get("dayOfWeek", [])):
                problems.append(f"days not schema.org DayOfWeek values: {hours}")
    return problems


@pytest.mark.parametrize("entry", ENTRIES, ids=[e["id"] for e in ENTRIES])
def test_every_resource_page_carries_json_ld_for_its_service(built_site, entry):
    parser = LinkedData()
    parser.feed((built_site / resource_page.url_of(entry["id"]) / "index.html").read_text(encoding="utf-8"))
    assert len(parser.blocks) == 1
    data = json.loads(parser.blocks[0])
    assert not structured_data_problems(data)
    points = data["about"]["provider"]["contactPoint"]
    assert len(points) == len(entry["contacts"])
    assert data["about"]["name"] == entry["name"]
    for point, contact in zip(points, entry["contacts"]):
        assert ("hoursAvailable" in point) == bool(contact.get("hours"))


def test_json_ld_can_never_close_its_script_element():
    entry = copy.deepcopy(ENTRIES[0])
    entry["name"] = "</script><script>alert(1)</script><!--"
    tag = jsonld.script_tag(entry)
    assert tag.count("</script") == 1 and tag.endswith("</script>")
    assert "<!--" not in tag and "<" not in tag[len('<script type="application/ld+json">'):-len("</script>")]
    parser = LinkedData()
    parser.feed(tag)
    assert json.loads(parser.blocks[0])["name"] == entry["name"]


def test_twenty_four_hour_lines_read_as_open_all_day():
    hours = jsonld.opening_hours({"always_open": True})
    assert hours[0]["opens"] == "00:00" and hours[0]["closes"] == "23:59" and len(hours[0]["dayOfWeek"]) == 7


# ---- What changed and the Atom feed --------------------------------------------------------

def changed_catalogue() -> list[dict]:
    """The valid fixture with one change made: Alpha Line's text service now closes at 18:00."""
    text = (CATALOGUES / "valid.yaml").read_text(encoding="utf-8")
    text = text.replace('            closes: "17:00"\n', '            closes: "18:00"\n', 1)
    text = text.replace("    date: 2026-11-01\n    by: tester\n- id: beta-forum",
                        "    date: 2026-11-01\n    by: tester\n  changes:\n    - date: 2026-10-01\n      type: added\n      summary: Added to the catalogue.\n"
                        "    - date: 2026-11-20\n      type: hours\n      summary: Text service now open until 18:00 on weekdays, as its contact page says.\n"
                        "      field: contacts[1].hours\n- id: beta-forum", 1)
    result = check_text(text, "changed.yaml", today=FIXTURE_DAY)
    assert result.ok, [p.format() for p in result.errors]
    return result.entries


def test_the_feed_is_valid_atom_and_lists_a_change_made_in_the_catalogue():
    root = ET.fromstring(feed.render(changes.events(changed_catalogue()), FIXTURE_DAY))
    assert root.tag == f"{ATOM}feed"
    for name in ("id", "title", "updated"):
        assert len(root.findall(f"{ATOM}{name}")) == 1, name
    assert root.find(f"{ATOM}author/{ATOM}name").text
    assert root.find(f"{ATOM}link[@rel='self']").get("href") == "feed.xml"
    assert RFC3339.match(root.find(f"{ATOM}updated").text)
    entries = root.findall(f"{ATOM}entry")
    for entry in entries:
        assert re.match(r"^urn:uuid:[0-9a-f-]{36}$", entry.find(f"{ATOM}id").text)
        assert entry.find(f"{ATOM}title").text and RFC3339.match(entry.find(f"{ATOM}updated").text)
        assert entry.find(f"{ATOM}link[@rel='alternate']").get("href").startswith("../resources/")
    newest = entries[0]
    assert newest.find(f"{ATOM}title").text == "Alpha Line: Hours changed"
    assert newest.find(f"{ATOM}updated").text == "2026-11-20T00:00:00Z"
    assert newest.find(f"{ATOM}summary").text == "Text service now open until 18:00 on weekdays, as its contact page says."
    assert newest.find(f"{ATOM}link").get("href") == "../resources/alpha-line/"
    assert root.find(f"{ATOM}updated").text == "2026-11-20T00:00:00Z"
    assert len({e.find(f"{ATOM}id").text for e in entries}) == len(entries)


def test_feed_entries_are_newest_first_and_ids_stay_the_same():
    events = changes.events(ENTRIES + changed_catalogue())
    days = [e.date for e in events]
    assert days == sorted(days, reverse=True)
    assert [e.id for e in changes.events(list(reversed(ENTRIES)))] == [e.id for e in changes.events(ENTRIES)]


def test_the_what_changed_page_lists_each_change_with_its_day_and_reason():
    page = changes_page.render(changes.events(changed_catalogue()))
    assert page.index("20 November 2026") < page.index("1 October 2026")
    assert '<a href="../resources/alpha-line/">Alpha Line</a>' in page
    assert "Hours changed</span>: Text service now open until 18:00" in page
    assert 'href="feed.xml"' in page


def test_a_closure_names_its_successor_in_the_feed_and_on_the_page():
    entries = copy.deepcopy(check_file(CATALOGUES / "valid.yaml", today=FIXTURE_DAY).entries)
    beta = next(e for e in entries if e["id"] == "beta-forum")
    beta["changes"] = [{"date": "2026-11-21", "type": "closed", "summary": "The forum closed; its members moved to Alpha Line."}]
    events = changes.events(entries)
    summary = ET.fromstring(feed.render(events, FIXTURE_DAY)).find(f"{ATOM}entry/{ATOM}summary").text
    assert summary == "The forum closed; its members moved to Alpha Line. Use Alpha Line instead."
    assert 'Use <a href="../resources/alpha-line/">Alpha Line</a> instead.' in changes_page.render(events)


def test_every_entry_has_a_change_history_that_starts_when_it_was_added():
    for entry in ENTRIES:
        assert entry["changes"][0]["type"] == "added", entry["id"]


def test_the_built_site_has_the_feed_and_the_page(built_site):
    root = ET.parse(built_site / "changes" / "feed.xml").getroot()
    assert root.tag == f"{ATOM}feed" and root.findall(f"{ATOM}entry")
    assert "What changed" in (built_site / "changes" / "index.html").read_text(encoding="utf-8")
    home = (built_site / "index.html").read_text(encoding="utf-8")
    assert 'type="application/atom+xml"' in home  # feed readers find the feed from any page


# ---- licences and the field reference ------------------------------------------------------

def _words(text: str) -> str:
    return " ".join(text.split())


def test_the_licences_are_stated_in_the_repository_the_exports_and_the_site():
    assert "MIT License" in (ROOT / "LICENSE").read_text(encoding="utf-8")
    data_licence = _words((ROOT / "LICENSE-DATA").read_text(encoding="utf-8"))
    readme = _words((ROOT / "README.md").read_text(encoding="utf-8"))
    assert _words(licences.ATTRIBUTION) in data_licence
    assert _words(licences.ATTRIBUTION) in readme and "MIT" in readme
    assert json.loads(FILES[f"{export_hsds.FOLDER}/index.json"])["licence"]["spdx"] == "CC-BY-4.0"
    assert licences.DATA_LICENCE["url"] in reference.render()


def test_the_field_reference_links_every_export_and_explains_every_csv_column():
    page = reference.render()
    for path in FILES:
        if path.startswith("data/") and path.endswith((".json", ".csv")) and not path.startswith("data/hsds/"):
            assert f"(../../{path})" in page, path
    assert "(../../data/hsds/index.json)" in page and "(../../changes/feed.xml)" in page
    for column, _, _ in export_csv.COLUMNS:
        assert f"| `{column}` |" in page, column
    for field, _ in export_hsds.MAPPING:
        assert f"| `{field}` |" in page
