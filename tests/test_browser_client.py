"""The client's path in a real Chromium: quick exit, history that forgets, links that cannot fail
silently, the first phone screen, print, the opt-in offline copy and tap-target sizes (issue 15)."""
from __future__ import annotations

import re

import pytest

from signpost import client_data, present, share_link
from site_server import serve
from test_browser import TEMPLATES, pytestmark, settle  # noqa: F401  (pytestmark: the same skip rule; fixtures are in conftest.py)

EXIT = "https://www.bbc.co.uk/weather"
PHONE = {"width": 360, "height": 640}
MIN_TARGET = 24  # CSS pixels, WCAG 2.2 success criterion 2.5.8
# Client pages in states the template list does not reach.
CLIENT_STATES = {
    "client page, cut link": "client/#" + share_link.fragment(["samaritans", "mind"])[:-3],
    "urgent help for Ireland": "urgent-help/?place=roi",
    "support via client": "support/?via=client",
}


def link_to(*ids: str) -> str:
    return "client/#" + share_link.fragment(list(ids))


def neutral_site(page):
    page.route("https://www.bbc.co.uk/**", lambda route: route.fulfill(status=200, content_type="text/html", body="<title>Weather</title>"))


def wait_drawn(page):
    page.locator(".sp-client[data-sp-client]:not([aria-busy])").wait_for()
    page.locator(".sp-client-list").wait_for(state="attached")


def shown_entries(page) -> list[str]:
    return page.locator(".sp-client-entry").evaluate_all("nodes => nodes.map(n => n.dataset.id || n.querySelector('h2').textContent)")


# ---- Quick exit ---------------------------------------------------------------------------------

@pytest.mark.parametrize("path", list(TEMPLATES.values()) + list(CLIENT_STATES.values()), ids=list(TEMPLATES) + list(CLIENT_STATES))
def test_every_template_carries_an_exit_that_is_a_real_link(page, site_url, path):
    page.goto(site_url + path)
    exit_link = page.locator("a.sp-exit")
    assert exit_link.count() == 1 and exit_link.is_visible()
    assert exit_link.get_attribute("href") == EXIT


def test_exit_works_with_scripts_off(browser, site_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    neutral_site(page)
    page.goto(site_url + "support/")
    page.click("a.sp-exit")
    page.wait_for_url(EXIT)
    context.close()


def test_escape_twice_leaves_even_while_typing_in_a_field(page, site_url):
    neutral_site(page)
    page.goto(site_url + "search/")
    page.click("#sp-site-q")
    page.keyboard.type("money")
    page.keyboard.press("Escape")
    page.keyboard.press("Escape")
    page.wait_for_url(EXIT)


def test_exit_in_a_frame_leaves_the_whole_window(page, site_url, tmp_path):
    neutral_site(page)
    # Another origin on the loopback (a second server, another port) frames the site.
    (tmp_path / "framer.html").write_text(f'<title>Framer</title><iframe src="{site_url}support/" width="800" height="600"></iframe>')
    with serve(tmp_path) as framer:
        page.goto(framer + "framer.html")
        page.frame_locator("iframe").locator("a.sp-exit").click()
        page.wait_for_url(EXIT)


def test_on_a_phone_the_exit_sits_in_the_header_and_never_meets_the_list_bar(browser, site_url):
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.goto(site_url + "directory/")
    page.evaluate("code => localStorage.setItem('signpost-client-list', JSON.stringify([code]))", present.share_code("samaritans"))
    page.reload()
    page.locator(".sp-list-bar").wait_for()
    exit_box = page.locator("a.sp-exit").bounding_box()
    bar_box = page.locator(".sp-list-bar").bounding_box()
    header_box = page.locator(".md-header").bounding_box()
    context.close()
    assert exit_box["y"] + exit_box["height"] <= header_box["y"] + header_box["height"]  # inside the header: covers no content
    assert exit_box["y"] + exit_box["height"] <= bar_box["y"] or bar_box["y"] + bar_box["height"] <= exit_box["y"]


# ---- History that forgets ----------------------------------------------------------------------

def test_a_client_visit_is_one_history_entry_and_exit_leaves_nothing_behind_back(page, site_url):
    neutral_site(page)
    page.goto("about:blank")
    before = page.evaluate("history.length")
    page.goto(site_url + link_to("samaritans", "mind"))
    wait_drawn(page)
    at_start = page.evaluate("history.length")
    page.click(".sp-client-entry[data-id=samaritans] .sp-more a")       # the service's page
    page.wait_for_url(re.compile(r"/resources/samaritans/\?via=client"))
    page.click("a.sp-urgent-link")                                      # urgent help from the header
    page.wait_for_url(re.compile(r"/urgent-help/\?via=client"))
    page.click("a.sp-header-search")                                    # search
    page.wait_for_url(re.compile(r"/search/\?via=client"))
    during = page.evaluate("history.length")
    page.click("a.sp-exit")
    page.wait_for_url(EXIT)
    after = page.evaluate("history.length")
    assert (before, at_start, during, after) == (1, 2, 2, 2)
    page.go_back()
    assert page.url == "about:blank"


def test_the_support_door_starts_a_visit_that_forgets(page, site_url):
    page.goto("about:blank")
    page.goto(site_url)
    page.click("a[data-sp-door][href*='support']")
    page.wait_for_url(re.compile(r"/support/\?via=client"))
    assert page.evaluate("history.length") == 2  # about:blank, then the visit (home was replaced)


def test_practitioners_browsing_normally_keep_normal_history(page, site_url):
    page.goto(site_url + "topics/crisis/")
    page.click("a[href$='resources/samaritans/']")
    page.wait_for_url(re.compile(r"/resources/samaritans/$"))
    page.go_back()
    assert page.url.endswith("/topics/crisis/")


# ---- Links that cannot fail silently -------------------------------------------------------------

def notice(page) -> str:
    return page.locator(".sp-client-status").inner_text()


def test_an_intact_link_shows_every_service_and_no_warning(page, site_url):
    page.goto(site_url + link_to("mind", "calm", "shout"))
    wait_drawn(page)
    assert shown_entries(page) == ["mind", "calm", "shout"]
    assert notice(page).strip() == ""


@pytest.mark.parametrize("cut", [1, 4, 5, 9])
def test_a_link_cut_short_says_so_and_shows_what_could_be_read(page, site_url, cut):
    full = link_to("mind", "calm", "shout")
    page.goto(site_url + full[:-cut])
    wait_drawn(page)
    text = notice(page)
    assert "cut short" in text and "Ask for it again" in text
    assert "urgent help" in text
    readable = len(full[len("client/#"):-cut].split("-")[0]) // share_link.CODE_LENGTH
    assert shown_entries(page) == ["mind", "calm", "shout"][:readable]
    assert page.locator(".sp-notice--link a[href*='urgent-help/']").count() == 1


def test_a_garbled_link_says_part_could_not_be_read(page, site_url):
    fragment = share_link.fragment(["mind", "calm"])
    changed = fragment[:3] + ("a" if fragment[3] != "a" else "b") + fragment[4:]
    page.goto(site_url + "client/#" + changed)
    wait_drawn(page)
    assert "could not be read" in notice(page)
    assert "calm" in shown_entries(page)


def test_a_malformed_escape_is_reported_not_a_blank_page(page, site_url):
    page.goto(site_url + "client/#%E0%A4%A" + share_link.fragment(["mind"]))
    wait_drawn(page)
    assert "could not be read" in notice(page)


def test_a_new_fragment_in_the_same_tab_redraws_the_list(page, site_url):
    page.goto(site_url + link_to("mind"))
    wait_drawn(page)
    page.evaluate("fragment => { location.hash = fragment }", share_link.fragment(["calm", "shout"]))
    page.locator(".sp-client-entry[data-id=shout]").wait_for()
    assert shown_entries(page) == ["calm", "shout"]


def test_duplicates_are_shown_once(page, site_url):
    page.goto(site_url + link_to("mind", "calm", "mind"))
    wait_drawn(page)
    assert shown_entries(page) == ["mind", "calm"]


def test_a_closed_service_is_followed_to_the_one_listed_in_its_place(page, site_url):
    page.goto(site_url + link_to("big-white-wall", "togetherall"))
    wait_drawn(page)
    assert shown_entries(page) == ["togetherall"]  # its successor, chosen too, is shown once
    assert "Big White Wall has closed" in page.locator(".sp-client-entry").first.inner_text()


def test_a_closed_successor_is_never_presented_as_the_replacement():
    closed_end = {"id": "a", "name": "A", "status": "closed", "successor": "b"}
    chain = {"a": closed_end, "b": {"id": "b", "name": "B", "status": "closed", "successor": "c"},
             "c": {"id": "c", "name": "C", "status": "active"}}
    assert client_data.replacement(closed_end, chain) == (chain["c"], ["B"])
    dead_end = {"a": closed_end, "b": {"id": "b", "name": "B", "status": "closed"}}
    assert client_data.replacement(closed_end, dead_end) == (None, ["B"])
    loop = {"a": closed_end, "b": {"id": "b", "name": "B", "status": "closed", "successor": "a"}}
    assert client_data.replacement(closed_end, loop) == (None, ["B"])


def test_more_services_than_a_list_holds_are_cut_and_the_page_says_so(page, site_url):
    ids = client_data_entries()[: share_link.MAX_ENTRIES + 3]
    page.goto(site_url + link_to(*ids))
    wait_drawn(page)
    assert f"a list holds at most {share_link.MAX_ENTRIES}" in notice(page)
    assert len(shown_entries(page)) <= share_link.MAX_ENTRIES


def test_a_huge_crafted_link_is_cut_before_any_work_and_the_exit_still_answers(page, site_url):
    neutral_site(page)
    page.goto(site_url + "client/#" + "abcdef" * 240_000)  # 1.4 MB
    wait_drawn(page)
    assert "much longer than any link" in notice(page)
    assert page.evaluate("document.querySelectorAll('[data-sp-client] h2').length") <= share_link.MAX_ENTRIES
    page.keyboard.press("Escape")
    page.keyboard.press("Escape")
    page.wait_for_url(EXIT)


def test_the_client_page_uses_the_order_for_the_place_when_signpost_offers_one(page, site_url):
    page.goto(site_url + link_to("mind"))
    wait_drawn(page)
    # The same shape as issue 10's Signpost.order: groups of the items it was given, labelled.
    page.evaluate("""() => { window.Signpost.order = items => ({groups: [
        {label: 'In the UK', items: items.slice().reverse().slice(0, 2)}, {label: 'Outside the UK', items: items.slice(0, 1)}]}); }""")
    page.evaluate("fragment => { location.hash = fragment }", share_link.fragment(["mind", "calm", "shout"]))
    page.locator(".sp-group-label").first.wait_for()
    assert shown_entries(page) == ["shout", "calm", "mind"]
    assert page.locator(".sp-group-label").all_inner_texts() == ["In the UK", "Outside the UK"]


def test_a_service_in_the_urgent_line_is_not_repeated(page, site_url):
    page.goto(site_url + link_to("samaritans", "mind"))
    wait_drawn(page)
    line = page.locator("[data-sp-urgent=line]")
    assert line.locator("a[href='tel:999']").count() == 1
    assert line.locator("a[href='tel:116123']").count() == 0  # Samaritans is in the list below
    assert page.locator("a[href='tel:116123']").count() == 1


def test_the_urgent_line_names_a_24_7_line_when_the_list_does_not(page, site_url):
    page.goto(site_url + link_to("mind"))
    wait_drawn(page)
    assert page.locator("[data-sp-urgent=line] a[href='tel:116123']").count() == 1


def test_a_qr_code_that_cannot_be_drawn_never_hides_the_link(page, site_url):
    page.add_init_script("Object.defineProperty(window, 'qrcode', {get() { return function () { throw new Error('overflow'); }; }, set() {}})")
    page.goto(site_url + "list/")
    page.evaluate("codes => localStorage.setItem('signpost-client-list', JSON.stringify(codes))",
                  [present.share_code(i) for i in ("samaritans", "mind")])
    page.reload()
    assert page.input_value("#sp-share-link").endswith(share_link.fragment(["samaritans", "mind"]))
    assert page.locator("text=A QR code could not be drawn").is_visible()


def test_the_list_refuses_more_than_the_limit_and_says_why(page, site_url):
    full = [present.share_code(i) for i in client_data_entries()[: share_link.MAX_ENTRIES]]
    page.goto(site_url + "directory/")
    page.evaluate("codes => localStorage.setItem('signpost-client-list', JSON.stringify(codes))", full)
    page.reload()
    page.locator("[data-sp-results] li.sp-card").first.wait_for()
    # The first card the script shows that is not in the full list.
    outside = next(i for i in page.eval_on_selector_all("[data-sp-results] li.sp-card", "cards => cards.map(c => c.dataset.id)")
                   if present.share_code(i) not in full)
    card = f"[data-sp-results] li[data-id='{outside}']"
    page.click(f"{card} button.sp-add")
    page.locator(f"{card} .sp-add-note").wait_for()
    assert f"at most {share_link.MAX_ENTRIES}" in page.locator(f"{card} .sp-add-note").inner_text()
    assert len(page.evaluate("JSON.parse(localStorage.getItem('signpost-client-list'))")) == share_link.MAX_ENTRIES


def test_the_browser_computes_the_same_check_as_python(page, site_url):
    page.goto(site_url + link_to("mind"))
    wait_drawn(page)
    for codes in ("", "abcdef", "xrdfxtw3x2bodrepmm", "zzzzzz" * 20):
        assert page.evaluate("codes => SignpostList.checkOf(codes, {checkLength: 4, alphabet: 'abcdefghijklmnopqrstuvwxyz234567'})", codes) == share_link.check(codes)


def test_ten_entries_fit_one_text_message():
    longest = client_data_entries()[:10]
    path = link_to(*longest)
    assert len(path) <= 80, path  # with the site's own address in front, inside 160 characters


# ---- The first phone screen ---------------------------------------------------------------------

def fits_first_screen(page, selector) -> bool:
    box = page.locator(selector).first.bounding_box()
    return box is not None and box["y"] >= 0 and box["y"] + box["height"] <= PHONE["height"]


def test_client_page_first_phone_screen_shows_the_urgent_line_and_the_first_service(browser, site_url):
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.goto(site_url + link_to("mind", "calm"))
    wait_drawn(page)
    page.screenshot(path="/tmp/sp-client-phone.png")
    assert fits_first_screen(page, "[data-sp-urgent=line] a[href='tel:999']")
    assert fits_first_screen(page, "[data-sp-urgent=line] a[href='tel:116123']")
    assert fits_first_screen(page, ".sp-client-entry[data-id=mind] h2")
    assert fits_first_screen(page, ".sp-client-entry[data-id=mind] .sp-call")
    context.close()


def test_urgent_help_first_phone_screen_is_tap_to_call_buttons(browser, site_url):
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.goto(site_url + "urgent-help/")
    assert fits_first_screen(page, ".sp-urgent-buttons a.sp-button[href='tel:999']")
    assert fits_first_screen(page, ".sp-urgent-buttons a.sp-button[href='tel:116123']")
    context.close()


@pytest.mark.parametrize("place, present_href, absent_href", [
    ("roi", "tel:+3531800247247", "sms:85258?body=SHOUT"),
    ("sct", "tel:116123", "tel:+3531800247247"),
])
def test_urgent_help_follows_the_place_in_the_address(page, site_url, place, present_href, absent_href):
    page.goto(site_url + f"urgent-help/?place={place}")
    settle(page)
    buttons = page.locator(".sp-urgent-buttons")
    assert buttons.locator(f"a[href='{present_href}']").count() == 1
    assert buttons.locator(f"a[href='{absent_href}']").count() == 0


def test_urgent_help_outside_the_uk_and_ireland_names_no_uk_emergency_number(page, site_url):
    page.goto(site_url + "urgent-help/?place=au")
    settle(page)
    buttons = page.locator(".sp-urgent-buttons")
    assert buttons.locator("a[href='tel:999']").count() == 0
    assert "local emergency number" in buttons.inner_text()


# ---- Print ----------------------------------------------------------------------------------------

def printed(page) -> dict:
    page.emulate_media(media="print")
    return page.evaluate("""() => {
        const shown = e => e && getComputedStyle(e).display !== 'none' && e.offsetParent !== null;
        const after = e => getComputedStyle(e, '::after').content;
        return {
            nav: ['.md-header', '.md-sidebar--primary', '.md-footer', '.sp-exit', '.sp-list-bar']
                .filter(s => shown(document.querySelector(s))),
            buttons: Array.from(document.querySelectorAll('button, .md-button')).filter(shown).map(b => b.textContent),
            tel: Array.from(document.querySelectorAll('.md-typeset a[href^="tel:"], .md-typeset a[href^="sms:"]'))
                .filter(shown).map(a => [a.textContent.trim(), after(a)]),
            web: Array.from(document.querySelectorAll('.md-typeset a[href^="http"]')).filter(shown)
                .filter(a => a.textContent.trim() !== a.getAttribute('href')).map(a => after(a)),
        };
    }""")


@pytest.mark.parametrize("path", [link_to("samaritans", "shout", "mind"), "resources/samaritans/", "list/"])
def test_print_has_no_buttons_or_navigation_and_writes_numbers_and_addresses_out(page, site_url, path):
    if path == "list/":
        page.goto(site_url + "list/")
        page.evaluate("codes => localStorage.setItem('signpost-client-list', JSON.stringify(codes))",
                      [present.share_code(i) for i in ("samaritans", "shout")])
        page.reload()
        page.locator(".sp-share").wait_for()
    else:
        page.goto(site_url + path)
        page.locator(".sp-client-entry, .sp-resource").first.wait_for()
    found = printed(page)
    if path.startswith("client/"):
        page.pdf(path="/tmp/sp-client-print.pdf", format="A4")
        page.screenshot(path="/tmp/sp-client-print.png", full_page=True)
    assert found["nav"] == [] and found["buttons"] == []
    for words, after in found["tel"]:
        assert re.match(r"(Call|Text) ", words) and after in ("none", "normal"), (words, after)
    assert all("http" in after for after in found["web"]), found["web"]
    if path == "list/":
        assert page.locator(".sp-share-printed").inner_text().endswith(share_link.fragment(["samaritans", "shout"]))


# ---- Offline, only when asked ------------------------------------------------------------------

def stored(page):
    return page.evaluate("""async () => [(await caches.keys()).length,
        (await navigator.serviceWorker.getRegistrations()).length, localStorage.length, sessionStorage.length]""")


def test_nothing_is_kept_offline_until_asked_then_the_page_works_without_network_then_forget_removes_it(browser, site_url):
    context = browser.new_context()
    page = context.new_page()
    client = site_url + link_to("mind", "calm")
    page.goto(client)
    wait_drawn(page)
    page.goto(site_url + "urgent-help/")
    settle(page)
    assert stored(page) == [0, 0, 0, 0]
    page.goto(client)
    wait_drawn(page)
    page.click("[data-sp-offline-keep]")
    page.locator("[data-sp-offline-forget]:visible").wait_for()
    assert "could find" in page.locator("[data-sp-offline-status]").inner_text()

    context.set_offline(True)
    page.goto(client)
    wait_drawn(page)
    assert shown_entries(page) == ["mind", "calm"]
    page.goto(site_url + "urgent-help/")
    assert page.locator(".sp-urgent-buttons a[href='tel:116123']").count() == 1
    context.set_offline(False)

    page.goto(client)
    wait_drawn(page)
    page.click("[data-sp-offline-forget]")
    page.locator("text=Forgotten").wait_for()
    assert stored(page)[:2] == [0, 0]
    context.close()


# ---- Tap targets -----------------------------------------------------------------------------------

TARGETS = """() => {
    const visible = e => e.offsetParent !== null && getComputedStyle(e).visibility !== 'hidden' && !e.closest('details:not([open]) > :not(summary)');
    const standAlone = a => {
        const block = a.closest('p, li, td, dd, dt, div, nav, h1, h2, h3, h4, span.sp-button__note');
        if (!block) return true;
        return block.textContent.replace(/\\s+/g, ' ').trim() === a.textContent.replace(/\\s+/g, ' ').trim();
    };
    // A field inside its label is tapped through the label: the label is the target.
    const target = e => (e.tagName === 'INPUT' && e.closest('label')) || e;
    return Array.from(document.querySelectorAll('a[href], button, summary, input:not([type=hidden]), select'))
        .filter(visible)
        .filter(e => !e.disabled)
        .filter(e => e.tagName !== 'A' || standAlone(e))
        .map(e => { const r = target(e).getBoundingClientRect(); return [e.outerHTML.slice(0, 90), Math.round(r.width), Math.round(r.height)]; })
        .filter(([html, w, h]) => w > 0 && h > 0 && (w < 24 || h < 24));
}"""


@pytest.mark.parametrize("path", list(TEMPLATES.values()) + list(CLIENT_STATES.values()), ids=list(TEMPLATES) + list(CLIENT_STATES))
def test_every_button_and_stand_alone_link_is_at_least_24_px_at_360_px(browser, site_url, path):
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.goto(site_url + path)
    settle(page)
    small = page.evaluate(TARGETS)
    context.close()
    assert not small, small[:8]


# ---- Accessibility of the new states ----------------------------------------------------------

@pytest.mark.parametrize("path", list(CLIENT_STATES.values()), ids=list(CLIENT_STATES))
def test_client_states_have_no_wcag_22_aa_violations(page, site_url, path):
    from test_browser import axe_problems

    page.goto(site_url + path)
    settle(page)
    problems = axe_problems(page)
    assert not problems, "\n".join(problems)


def client_data_entries() -> list[str]:
    """Active entries, longest ids first (the worst case for a link's length)."""
    from test_browser import ENTRIES

    return sorted((e["id"] for e in ENTRIES if e["status"] == "active"), key=lambda i: (-len(i), i))
