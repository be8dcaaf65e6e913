"""The catalogue link check, against servers on 127.0.0.1 that answer as real sites do, and as
hostile ones do. No test here reaches any address but 127.0.0.1: `only_loopback` makes sure."""
from __future__ import annotations

import datetime as dt
import ipaddress
import json
import re
import socket
import time

import pytest

from check_links import main as check_links_main
from conftest import CATALOGUES
from test_bad_catalogues import CASES as BAD_CASES
from link_server import HOSTILE_TARGET, scenario_server
from signpost import fact_check, link_report
from signpost.link_checker import Checker, Settings
from signpost.links import BLOCKED, BROKEN, MOVED, OK, UNREACHABLE

# The servers under test run on 127.0.0.1, which production never contacts.
LOOPBACK = ("127.0.0.1/32",)
FAST = Settings(timeout=1.0, per_host=2, workers=8, retries=1, backoff=0.05, allow_private=LOOPBACK)


@pytest.fixture(autouse=True)
def only_loopback(monkeypatch):
    """Fail any test that would look up a real name or connect anywhere but loopback."""
    strays = []
    real_lookup, real_connect = socket.getaddrinfo, socket.socket.connect

    def lookup(host, *args, **kwargs):
        if host != "localhost" and not _is_address(host):
            strays.append(("lookup", host))
            raise socket.gaierror(socket.EAI_NONAME, "test: no real name lookups")
        return real_lookup(host, *args, **kwargs)

    def connect(sock, address):
        if not ipaddress.ip_address(address[0]).is_loopback:
            strays.append(("connect", address))
            raise ConnectionRefusedError("test: no connections beyond loopback")
        return real_connect(sock, address)

    monkeypatch.setattr(socket, "getaddrinfo", lookup)
    monkeypatch.setattr(socket.socket, "connect", connect)
    yield strays
    assert not strays, f"the test reached beyond loopback: {strays}"


def _is_address(host) -> bool:
    try:
        ipaddress.ip_address(host)
        return True
    except ValueError:
        return False


def resolving(monkeypatch, names: dict[str, str]):
    """Make `names` resolve to the given addresses, as a DNS server might, without asking one."""
    real = socket.getaddrinfo

    def lookup(host, port, *args, **kwargs):
        if host in names:
            return real(names[host], port, *args, **kwargs)
        return real(host, port, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", lookup)


@pytest.fixture(scope="module")
def server():
    with scenario_server() as running:
        yield running


@pytest.fixture
def closed_port():
    probe = socket.socket()
    probe.bind(("127.0.0.1", 0))
    port = probe.getsockname()[1]
    probe.close()  # nothing listens here now
    return port


@pytest.mark.parametrize("path, result", [
    ("/ok", OK),
    ("/same-site", OK),
    ("/absolute-same-site", OK),
    ("/head-refused", OK),
    ("/other-site", MOVED),
    ("/loop-a", BROKEN),
    ("/404", BROKEN),
    ("/410", BROKEN),
    ("/401", BLOCKED),
    ("/403", BLOCKED),
    ("/429", BLOCKED),
    ("/500", UNREACHABLE),
    ("/503", UNREACHABLE),
    ("/slow", UNREACHABLE),
])
def test_each_kind_of_answer_is_classified(server, path, result):
    _, base = server
    outcome = Checker(FAST).check(base + path)
    assert outcome.result == result, outcome.detail


def test_a_port_with_nothing_listening_is_unreachable(closed_port):
    outcome = Checker(FAST).check(f"http://127.0.0.1:{closed_port}/")
    assert outcome.result == UNREACHABLE
    assert "connection failed" in outcome.detail


def test_a_name_that_no_longer_resolves_is_broken(monkeypatch):
    real = socket.getaddrinfo

    def lookup(host, *args, **kwargs):
        if host == "gone.invalid":
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        return real(host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", lookup)
    outcome = Checker(FAST).check("http://gone.invalid/")
    assert outcome.result == BROKEN
    assert "no longer resolves" in outcome.detail


def test_head_refused_falls_back_to_get(server):
    running, base = server
    running.hits.clear()
    Checker(FAST).check(base + "/head-refused")
    assert ("HEAD", "/head-refused") in running.hits and ("GET", "/head-refused") in running.hits


def test_unreachable_answers_are_retried_with_backoff(server):
    outcome = Checker(FAST).check(server[1] + "/500")
    assert outcome.attempts == FAST.retries + 1


def test_a_loop_names_the_addresses_it_went_round(server):
    outcome = Checker(FAST).check(server[1] + "/loop-a")
    assert "redirect loop" in outcome.detail and "/loop-b" in outcome.detail


def test_moved_says_where_it_ended(server):
    outcome = Checker(FAST).check(server[1] + "/other-site")
    assert outcome.final_url.startswith("http://localhost:")


def test_requests_to_one_host_never_exceed_the_limit(server):
    running, base = server
    running.most_in_flight = 0
    checker = Checker(Settings(timeout=3, per_host=2, workers=8, retries=0, allow_private=LOOPBACK))
    checker.check_all([f"{base}/counted?{n}" for n in range(6)])
    assert running.most_in_flight == 2


# --- malformed and hostile redirect targets ---------------------------------------------------------

@pytest.mark.parametrize("path, says", [
    ("/redirect-bad-port", "Port out of range"),
    ("/redirect-port-not-a-number", "Port could not be cast"),
    ("/redirect-bad-ipv6", "malformed"),
    ("/redirect-empty-label", "host name is malformed"),
    ("/redirect-ftp", "only http and https"),
    ("/redirect-javascript", "only http and https"),
    ("/redirect-file", "only http and https"),
    ("/redirect-hostile", "spaces or control characters"),
])
def test_a_redirect_to_an_address_that_cannot_be_fetched_is_broken_and_the_check_goes_on(server, path, says):
    outcome = Checker(FAST).check(server[1] + path)
    assert outcome.result == BROKEN
    assert says in outcome.detail


def test_one_malformed_redirect_does_not_stop_the_others(server):
    _, base = server
    outcomes = Checker(FAST).check_all([base + "/redirect-bad-port", base + "/redirect-bad-ipv6", base + "/ok"])
    assert [outcomes[base + p].result for p in ("/redirect-bad-port", "/redirect-bad-ipv6", "/ok")] == [BROKEN, BROKEN, OK]


@pytest.mark.parametrize("path, address", [
    ("/redirect-metadata", "169.254.169.254"),
    ("/redirect-private", "10.0.0.1"),
])
def test_a_redirect_into_a_private_or_link_local_address_is_moved_and_never_followed(server, only_loopback, path, address):
    outcome = Checker(FAST).check(server[1] + path)
    assert outcome.result == MOVED
    assert "not followed" in outcome.detail and address in outcome.detail
    assert not only_loopback  # refused before any connection was attempted


def test_a_redirect_to_a_name_that_resolves_to_a_private_address_is_refused(server, monkeypatch):
    resolving(monkeypatch, {"intranet.test": "10.1.2.3"})
    outcome = Checker(FAST).check(server[1] + "/redirect-private-name")
    assert outcome.result == MOVED
    assert "intranet.test is at 10.1.2.3" in outcome.detail


def test_by_default_nothing_on_loopback_is_contacted(server):
    running, base = server
    running.hits.clear()
    outcome = Checker(Settings(timeout=1.0, retries=0)).check(base + "/ok")
    assert outcome.result == BROKEN and "not a public address" in outcome.detail
    assert running.hits == []


@pytest.mark.parametrize("url", ["http://169.254.169.254/latest/meta-data/", "http://10.0.0.1/", "http://[::1]/", "http://0.0.0.0/"])
def test_by_default_a_catalogue_address_outside_public_space_is_never_requested(url, only_loopback):
    outcome = Checker(Settings(timeout=1.0, retries=0)).check(url)
    assert outcome.result == BROKEN and "not a public address" in outcome.detail
    assert not only_loopback


def test_by_default_a_public_looking_name_that_resolves_to_loopback_is_not_contacted(server, monkeypatch):
    running, base = server
    resolving(monkeypatch, {"looks-public.test": "127.0.0.1"})
    running.hits.clear()
    outcome = Checker(Settings(timeout=1.0, retries=0)).check(base.replace("127.0.0.1", "looks-public.test") + "/ok")
    assert outcome.result == BROKEN and "looks-public.test is at 127.0.0.1" in outcome.detail
    assert running.hits == []


def test_a_server_trickling_its_headers_is_cut_off_at_the_deadline(server):
    started = time.monotonic()
    outcome = Checker(Settings(timeout=0.5, deadline=1.0, retries=2, backoff=0.05, allow_private=LOOPBACK)).check(server[1] + "/trickle")
    assert time.monotonic() - started < 2.5  # each byte arrives well within the 0.5 s read timeout
    assert outcome.result == UNREACHABLE
    assert "no complete answer within 1 s" in outcome.detail


def test_a_kept_alive_connection_that_starts_trickling_is_cut_off_too(server):
    checker = Checker(Settings(timeout=0.5, deadline=1.0, retries=0, workers=1, allow_private=LOOPBACK))
    assert checker.check(server[1] + "/ok").result == OK  # leaves a connection open for the next check
    started = time.monotonic()
    assert checker.check(server[1] + "/trickle").result == UNREACHABLE
    assert time.monotonic() - started < 2.5


def test_a_server_trickling_a_source_page_is_cut_off_at_the_deadline(server):
    started = time.monotonic()
    outcome = Checker(Settings(timeout=0.5, deadline=1.0, allow_private=LOOPBACK)).check(server[1] + "/trickle-body", read=True)
    assert time.monotonic() - started < 2.5
    assert outcome.page is None and "did not arrive within 1 s" in outcome.page_note


def test_a_trickling_server_holds_up_no_other_url(server):
    _, base = server
    started = time.monotonic()
    outcomes = Checker(Settings(timeout=0.5, deadline=1.0, retries=0, allow_private=LOOPBACK)).check_all(
        [base + "/trickle", base + "/ok", base + "/404"])
    assert time.monotonic() - started < 2.5
    assert [outcomes[base + p].result for p in ("/trickle", "/ok", "/404")] == [UNREACHABLE, OK, BROKEN]


def test_urls_not_started_within_the_run_budget_are_reported_not_checked(server):
    outcome = Checker(Settings(run_budget=0, allow_private=LOOPBACK)).check(server[1] + "/ok")
    assert outcome.result == UNREACHABLE and "budget ran out" in outcome.detail


# --- the command line: report, summary, history ------------------------------------------------------

def catalogue_pointing_at(tmp_path, base, main_path, source_path):
    text = (CATALOGUES / "valid.yaml").read_text(encoding="utf-8")
    text = text.replace('value: "116 123"', 'value: "0808 808 4994"')  # a number with a +44 form
    text = text.replace("https://alpha.example.org/contact", base + source_path)
    text = text.replace("https://alpha.example.org/", base + main_path)
    text = text.replace("https://beta.example.org/forum", base + "/ok")
    text = text.replace("https://beta.example.org/", base + "/ok")
    text = text.replace("https://news.example.net/beta", base + "/403")
    path = tmp_path / "catalogue.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def run_cli(tmp_path, catalogue, *extra):
    report, summary = tmp_path / "report.json", tmp_path / "summary.md"
    code = check_links_main(["--catalogue", str(catalogue), "--report", str(report), "--summary", str(summary),
                             "--timeout", "1", "--retries", "0", *extra], allow_private=LOOPBACK)
    return code, json.loads(report.read_text()), summary.read_text()


def test_report_lists_every_link_with_entry_url_result_and_detail(server, tmp_path):
    catalogue = catalogue_pointing_at(tmp_path, server[1], "/ok", "/404")
    code, report, summary = run_cli(tmp_path, catalogue)
    assert code == 1  # something is broken
    assert {"id", "url", "result", "detail"} <= set(report["links"][0])
    by_url = {row["url"]: row for row in report["links"]}
    assert by_url[server[1] + "/404"]["result"] == BROKEN and by_url[server[1] + "/404"]["id"] == "alpha-line"
    assert by_url[server[1] + "/403"]["result"] == BLOCKED
    assert "## Broken (1)" in summary and "`alpha-line`" in summary and "## Blocked (1)" in summary


def test_blocked_and_ok_links_do_not_fail_the_check(server, tmp_path):
    catalogue = catalogue_pointing_at(tmp_path, server[1], "/ok", "/contact-same")
    code, report, summary = run_cli(tmp_path, catalogue)
    assert code == 0, summary
    assert {row["result"] for row in report["links"]} == {OK, BLOCKED}


def test_unreachable_fails_only_when_it_persists_across_runs(server, tmp_path):
    catalogue = catalogue_pointing_at(tmp_path, server[1], "/ok", "/503")
    history = tmp_path / "history.json"
    codes = [run_cli(tmp_path, catalogue, "--history", str(history))[0] for _ in range(3)]
    assert codes == [0, 0, 1]
    assert json.loads(history.read_text())["unreachable"][server[1] + "/503"]["runs"] == 3


def test_a_history_in_the_first_format_is_still_read(server, tmp_path):
    catalogue = catalogue_pointing_at(tmp_path, server[1], "/ok", "/503")
    history = tmp_path / "history.json"
    history.write_text(json.dumps({server[1] + "/503": {"runs": 2, "since": "2026-11-16"}}))
    code, _, _ = run_cli(tmp_path, catalogue, "--history", str(history))
    assert code == 1
    assert json.loads(history.read_text())["unreachable"][server[1] + "/503"] == {"runs": 3, "since": "2026-11-16"}


# --- facts still on their sources ---------------------------------------------------------------------

def fact_results(report):
    return {(row["channel"], row["value"]): (row["result"], row["detail"]) for row in report["facts"]}


def test_a_source_that_still_shows_every_fact_differently_spaced_passes(server, tmp_path):
    code, report, _ = run_cli(tmp_path, catalogue_pointing_at(tmp_path, server[1], "/ok", "/contact-same"))
    assert {result for result, _ in fact_results(report).values()} == {fact_check.SHOWN}
    assert len(report["facts"]) == 3 and code == 0


def test_a_source_showing_a_new_number_is_reported_apart_from_dead_links(server, tmp_path):
    code, report, summary = run_cli(tmp_path, catalogue_pointing_at(tmp_path, server[1], "/ok", "/contact-new-number"))
    results = fact_results(report)
    assert results[("phone", "0808 808 4994")] == (fact_check.NOT_SHOWN, "source no longer shows this number")
    assert results[("sms", "85258")][0] == results[("email", "help@alpha.example.org")][0] == fact_check.SHOWN
    assert code == 1
    assert "## Source no longer shows this number (1)" in summary and "## Broken" not in summary


def test_a_fact_no_longer_shown_is_counted_across_runs(server, tmp_path):
    catalogue = catalogue_pointing_at(tmp_path, server[1], "/ok", "/contact-new-number")
    history = tmp_path / "history.json"
    for _ in range(2):
        _, _, summary = run_cli(tmp_path, catalogue, "--history", str(history))
    [(key, streak)] = json.loads(history.read_text())["not_shown"].items()
    assert key.startswith("alpha-line phone 0808 808 4994") and streak["runs"] == 2
    assert "(in 2 run(s) in a row, since" in summary


def test_a_source_moved_within_its_site_is_read_where_it_now_is(server, tmp_path):
    _, report, _ = run_cli(tmp_path, catalogue_pointing_at(tmp_path, server[1], "/ok", "/contact-moved-here"))
    assert {result for result, _ in fact_results(report).values()} == {fact_check.SHOWN}


@pytest.mark.parametrize("path, link_result, why", [
    ("/contact-moved-away", MOVED, "moved to another site"),
    ("/404", BROKEN, "the link is broken"),
])
def test_a_source_that_moved_away_or_is_gone_leaves_its_facts_unread(server, tmp_path, path, link_result, why):
    code, report, summary = run_cli(tmp_path, catalogue_pointing_at(tmp_path, server[1], "/ok", path))
    assert {result for result, _ in fact_results(report).values()} == {fact_check.UNREAD}
    assert all(why in detail for _, detail in fact_results(report).values())
    assert {row["result"] for row in report["links"] if row["url"] == server[1] + path} == {link_result}
    assert "## Facts whose source could not be read (3)" in summary and code == 1


def test_each_source_page_is_fetched_once_however_many_facts_cite_it(server, tmp_path):
    running, base = server
    running.hits.clear()
    run_cli(tmp_path, catalogue_pointing_at(tmp_path, base, "/ok", "/contact-same"))
    assert running.hits.count(("GET", "/contact-same")) == 1
    assert ("HEAD", "/contact-same") not in running.hits


@pytest.mark.parametrize("value, page, shown", [
    ("0808 808 4994", "Call 0808 808 4994.", True),
    ("0808 808 4994", "Call +44 808 808 4994.", True),
    ("0808 808 4994", "Call +44 (0)808 808 4994.", True),
    ("0808 808 4994", "Call 0808-808-4994.", True),
    ("0808 808 4994", "Call 08088084994.", True),
    ("0808 808 4994", "Call 0808 808 4995.", False),
    ("0808 808 4994", "Call 0808 808 49945.", False),
    ("+35318727700", "Ring 01 872 7700.", True),
    ("+35318727700", "Ring +353 1 872 7700.", True),
    ("116 123", "Call free on 116123.", True),
    ("116 123", "Call free on 116 117.", False),
    ("18001 0800 22 44 88", "Relay UK: 18001 then 0800 22 44 88.", True),
])
def test_numbers_match_digit_for_digit_whatever_the_spacing(value, page, shown):
    assert fact_check.number_shown(value, "GB", page) is shown


def test_an_email_address_hidden_by_cloudflare_is_still_read(server, tmp_path):
    catalogue = catalogue_pointing_at(tmp_path, server[1], "/ok", "/contact-scripted")
    _, report, _ = run_cli(tmp_path, catalogue)
    assert {result for result, _ in fact_results(report).values()} == {fact_check.SHOWN}


def test_a_keyword_no_longer_shown_is_named():
    fact = fact_check.Fact("x", "contacts[1]", "sms", "85258", "ALPHA", "GB", "s", "https://x.example/")
    assert fact_check.missing_parts(fact, "Text BETA to 85258") == ["the keyword ALPHA"]


def test_a_pdf_source_is_unread_not_a_changed_number():
    assert fact_check.page_text(b"%PDF-1.7 0808 808 4994", "application/pdf") is None


# --- server text in the summary -----------------------------------------------------------------------

def outside_code_spans(line: str) -> str:
    """The text of a Markdown line with its code spans removed, by CommonMark's rule: a run of n
    backticks opens a span that the next run of exactly n closes."""
    out, i = [], 0
    while i < len(line):
        if line[i] == "`":
            run = re.match(r"`+", line[i:]).group()
            close = re.search(r"(?<!`)" + run + r"(?!`)", line[i + len(run):])
            if close:
                i += len(run) + close.end()
                continue
            out.append(run)
            i += len(run)
            continue
        out.append(line[i])
        i += 1
    return "".join(out)


def test_server_supplied_text_reaches_the_summary_only_as_inline_code(server, tmp_path):
    catalogue = catalogue_pointing_at(tmp_path, server[1], "/redirect-hostile", "/contact-same")
    code, report, summary = run_cli(tmp_path, catalogue)
    row = next(row for row in report["links"] if row["url"].endswith("/redirect-hostile"))
    assert row["result"] == BROKEN and HOSTILE_TARGET in row["detail"]  # the JSON keeps it whole
    line = next(line for line in summary.splitlines() if "redirect-hostile" in line)
    bare = outside_code_spans(line)
    for dangerous in ("@", "![", "<", "](", "http"):
        assert dangerous not in bare, (dangerous, line)
    assert bare.count("|") == 5  # the row's own cell borders and no more


@pytest.mark.parametrize("text", ["plain", "a `tick`", "``double``", "`edge`", "pipe | here", "line\nbreak", "@x ![i](u)", ""])
def test_code_spans_hold_any_text(text):
    span = link_report.code_span(text)
    assert outside_code_spans(span) == ("(empty)" if not text else "")
    assert "\n" not in span and "|" not in span


# --- a hostile catalogue ------------------------------------------------------------------------------

@pytest.mark.parametrize("case", BAD_CASES, ids=lambda case: case.name)
def test_a_bad_catalogue_is_refused_with_its_problems_and_no_request(case, server, capsys, tmp_path):
    running, _ = server
    running.hits.clear()
    bad = tmp_path / f"{case.name}.yaml"
    bad.write_text(case.text(), encoding="utf-8")
    code = check_links_main(["--catalogue", str(bad)], allow_private=LOOPBACK)
    assert code == 2
    assert "Traceback" not in capsys.readouterr().err
    assert running.hits == []


def test_a_catalogue_the_reader_cannot_read_still_ends_in_a_message(tmp_path, capsys):
    huge_number = tmp_path / "catalogue.yaml"
    huge_number.write_text("- id: " + "9" * 5000 + "\n", encoding="utf-8")  # past Python's int-from-text limit
    assert check_links_main(["--catalogue", str(huge_number)]) == 2
    assert "Traceback" not in capsys.readouterr().err


def test_the_weekly_job_has_a_time_limit_its_check_finishes_within():
    import yaml

    from conftest import ROOT
    from signpost.link_checker import RUN_BUDGET, URL_DEADLINE

    job = yaml.safe_load((ROOT / ".github/workflows/links.yml").read_text(encoding="utf-8"))["jobs"]["check-links"]
    step = next(step for step in job["steps"] if step.get("id") == "check")
    assert (RUN_BUDGET + URL_DEADLINE) / 60 < step["timeout-minutes"] < job["timeout-minutes"]


def test_a_fact_with_two_sources_is_checked_on_each():
    entry = {"id": "x", "sources": {"own": {"url": "https://x.example/a"}, "nhs": {"url": "https://nhs.example/b"}},
             "contacts": [{"channel": "phone", "value": "116 123", "source": "own", "also_source": "nhs"},
                          {"channel": "website", "value": "https://x.example/", "source": "own"}]}
    facts = fact_check.contact_facts([entry])
    assert [(fact.source, fact.url) for fact in facts] == [("own", "https://x.example/a"), ("nhs", "https://nhs.example/b")]


def test_a_long_summary_is_cut_to_fit_a_github_issue():
    rows = [{"id": f"entry-{n}", "field": "url", "url": f"https://x.example/{n}", "result": BROKEN, "detail": "HTTP 404 " * 40}
            for n in range(2000)]
    text = link_report.summary({"links": rows, "facts": []}, {}, dt.date(2026, 11, 29))
    assert len(text) <= link_report.ISSUE_BODY_LIMIT
    assert text.rstrip().endswith("(the workflow's `link-report` artifact).")
