"""The catalogue link check, against servers on 127.0.0.1 that answer as real sites do."""
from __future__ import annotations

import json
import socket

import pytest

from check_links import main as check_links_main
from conftest import CATALOGUES
from link_server import scenario_server
from signpost.link_checker import Checker, Settings
from signpost.links import BLOCKED, BROKEN, MOVED, OK, UNREACHABLE

FAST = Settings(timeout=1.0, per_host=2, workers=8, retries=1, backoff=0.05)


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
    Checker(Settings(timeout=3, per_host=2, workers=8, retries=0)).check_all([f"{base}/counted?{n}" for n in range(6)])
    assert running.most_in_flight == 2


def catalogue_pointing_at(tmp_path, base, main_path, source_path):
    text = (CATALOGUES / "valid.yaml").read_text(encoding="utf-8")
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
                             "--timeout", "1", "--retries", "0", *extra])
    return code, json.loads(report.read_text()), summary.read_text()


def test_report_lists_every_link_with_entry_url_result_and_detail(server, tmp_path):
    catalogue = catalogue_pointing_at(tmp_path, server[1], "/ok", "/404")
    code, report, summary = run_cli(tmp_path, catalogue)
    assert code == 1  # something is broken
    assert {"id", "url", "result", "detail"} <= set(report[0])
    by_url = {row["url"]: row for row in report}
    assert by_url[server[1] + "/404"]["result"] == BROKEN and by_url[server[1] + "/404"]["id"] == "alpha-line"
    assert by_url[server[1] + "/403"]["result"] == BLOCKED
    assert "## Broken (1)" in summary and "`alpha-line`" in summary and "## Blocked (1)" in summary


def test_blocked_and_ok_links_do_not_fail_the_check(server, tmp_path):
    catalogue = catalogue_pointing_at(tmp_path, server[1], "/ok", "/same-site")
    code, report, summary = run_cli(tmp_path, catalogue)
    assert code == 0
    assert {row["result"] for row in report} == {OK, BLOCKED}


def test_unreachable_fails_only_when_it_persists_across_runs(server, tmp_path):
    catalogue = catalogue_pointing_at(tmp_path, server[1], "/ok", "/503")
    history = tmp_path / "history.json"
    codes = [run_cli(tmp_path, catalogue, "--history", str(history))[0] for _ in range(3)]
    assert codes == [0, 0, 1]
    assert json.loads(history.read_text())[server[1] + "/503"]["runs"] == 3
