"""The client's voice on the built pages, and the shared-link facts Python hands to the browser (issue 15)."""
from __future__ import annotations

import json
import re

import pytest

from conftest import ROOT
from signpost import client_data, client_words, present, share_link
from signpost.catalogue import check_file

ENTRIES = check_file(ROOT / "resources.yaml").entries
BY_ID = {e["id"]: e for e in ENTRIES}


def page_of(site, entry_id: str) -> str:
    return (site / "resources" / entry_id / "index.html").read_text(encoding="utf-8")


def client_part(html: str) -> str:
    """What a client reads before the practitioner's disclosure."""
    start = html.index('<div class="sp-resource"')
    return html[start:html.index('<details class="sp-practitioner"', start)]


@pytest.mark.parametrize("entry", ENTRIES, ids=[e["id"] for e in ENTRIES])
def test_every_way_to_get_in_touch_comes_before_the_practitioners_material(built_site, entry):
    html = page_of(built_site, entry["id"])
    client = client_part(html)
    for contact in entry["contacts"]:
        href = present.href(contact)
        if href:
            assert f'href="{href.replace("&", "&amp;")}"' in client, contact["channel"]
    for folded in ('id="evaluation"', 'id="sources"', "Maintainers' notes"):
        assert folded not in client


def test_sources_say_how_old_each_contact_fact_is_and_how_it_was_confirmed(built_site):
    html = page_of(built_site, "samaritans")
    facts = html[html.index('id="contact-facts"'):html.index('id="audience-note"')]
    assert "the service&#39;s own page; undated source" in facts
    assert "one source only; source dated 2021" in facts
    assert "Re-check:" in facts
    assert "a July 2021 page gives 7pm to 11pm" in facts  # the sourcing note sits here, not under the number
    assert "a July 2021 page gives 7pm to 11pm" not in re.sub(r"<[^>]*>", "", client_part(html))  # (data-sp-open carries the whole hours object)


def test_a_moderated_forum_is_never_headed_unmoderated(built_site):
    assert "nmoderated" not in page_of(built_site, "side-by-side")


def test_a_low_caution_is_a_quiet_line_and_a_high_one_is_explained_first(built_site):
    quiet = client_part(page_of(built_site, "samaritans"))
    assert "sp-caution--quiet" in quiet and "sp-caution--box" not in quiet and "Cautions before recommending" not in quiet
    loud = client_part(page_of(built_site, "betterhelp"))
    box, contacts = loud.index("sp-caution--box"), loud.index('id="contact"')
    assert box < contacts
    assert client_words.CAUTIONS["data_sharing"][0] in loud


def test_each_contact_with_hours_has_an_open_now_slot_whose_text_is_the_plain_hours(built_site):
    html = client_part(page_of(built_site, "samaritans"))
    slots = re.findall(r'<span class="sp-open" data-sp-open="([^"]*)">([^<]*)</span>', html)
    assert slots and slots[0][1] == "24 hours, every day"
    value = json.loads(slots[0][0].replace("&#34;", '"'))
    assert value == {"hours": {"always_open": True}, "areas": BY_ID["samaritans"]["audience"]["areas"]}


def test_a_closed_service_points_only_to_an_active_one(built_site):
    for entry in ENTRIES:
        if entry["status"] != "closed":
            continue
        instead, _ = client_data.replacement(entry, BY_ID)
        notice = page_of(built_site, entry["id"])
        if instead is None:
            assert "There is no service we can name in its place" in notice
        else:
            assert instead["status"] != "closed"
            assert f'Use <a href="../../resources/{instead["id"]}/">' in notice


def test_the_browser_reads_the_link_rules_from_generated_data(built_site):
    config = json.loads((built_site / "client" / "data" / "config.json").read_text(encoding="utf-8"))
    assert config["link"] == share_link.config()
    assert config["places"] == client_data.PLACE_AREAS
    assert re.fullmatch(config["link"]["codePattern"], present.share_code("samaritans"))
    assert [line["id"] for line in client_data.lines_for("uk", config["urgent"])][:2] == ["samaritans", "shout"]


def test_a_link_of_ten_services_fits_in_one_text_message_with_its_check():
    path = "client/#" + share_link.fragment([e["id"] for e in ENTRIES[:10]])
    assert len(path) == len("client/#") + 10 * share_link.CODE_LENGTH + 1 + share_link.CHECK_LENGTH == 73


def test_the_check_changes_when_a_code_changes_or_the_end_is_cut():
    codes = "".join(present.share_code(e["id"]) for e in ENTRIES[:5])
    assert share_link.check(codes) != share_link.check(codes[:-6])
    assert share_link.check(codes) != share_link.check("a" + codes[1:]) or codes[0] == "a"


# Not Australia: Lifeline Australia charges a local call from landlines, so no free 24/7 line is listed there.
@pytest.mark.parametrize("place, first", [("uk", "samaritans"), ("sct", "samaritans"), ("roi", "samaritans"), ("es", "spain-024")])
def test_urgent_lines_for_a_place_are_free_24_7_lines_open_to_anyone_there(place, first):
    lines = client_data.lines_for(place, client_data.urgent_lines(ENTRIES))
    assert lines and lines[0]["id"] == first
    for line in lines:
        entry = BY_ID[line["id"]]
        assert entry["status"] == "active" and not entry["audience"].get("groups")


def test_maintainers_pages_are_out_of_the_main_menu_but_linked_from_the_footer(built_site):
    home = (built_site / "index.html").read_text(encoding="utf-8")
    menu = home[home.index('<nav class="md-nav md-nav--primary"'):home.index("</nav>", home.index('<nav class="md-nav md-nav--primary"'))]
    assert "Field reference" not in menu and "re-check" not in menu.lower()
    assert 'class="sp-footer-links"' in home and 'href="reference/fields/"' in home
