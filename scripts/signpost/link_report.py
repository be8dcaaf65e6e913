"""What the link check writes: a JSON report, a history kept between runs, and a Markdown summary.

The summary becomes the body of a GitHub issue, and much of what it shows was chosen by servers
(where a redirect leads, an error's wording). Every such value is shown as inline code through
`code_span`, so nothing a server says can mention someone, show an image or make a link.
"""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from . import fact_check
from .links import BROKEN, MOVED, OK, RESULTS, UNREACHABLE, WHAT_TO_DO, Link

# An unreachable URL fails the check only after this many scheduled runs in a row.
UNREACHABLE_RUNS_TO_FAIL = 3
# The longest server-supplied value shown in the summary; the JSON report keeps it whole.
MAX_QUOTED_CHARS = 300
# GitHub refuses an issue body longer than this many characters.
ISSUE_BODY_LIMIT = 65_536


def rows(links: list[Link], outcomes: dict) -> list[dict]:
    out = []
    for link in links:
        outcome = outcomes[link.url]
        out.append({"id": link.entry, "field": link.field, "url": link.url, "result": outcome.result, "detail": outcome.detail,
                     "status": outcome.status, "final_url": outcome.final_url, "attempts": outcome.attempts})
    return out


def report(links: list[dict], facts: list[dict], today: dt.date) -> dict:
    return {"date": today.isoformat(), "links": links, "facts": facts}


# --- history --------------------------------------------------------------------------------------

def update_history(path: Path | None, report: dict, today: dt.date) -> dict[str, dict[str, dict]]:
    """Consecutive runs in which each URL was unreachable and each fact not shown, read from and
    written back to `path`: {"unreachable": {url: {runs, since}}, "not_shown": {fact: {runs, since}}}."""
    previous = _read_history(path)
    current = {
        UNREACHABLE: _streaks(previous[UNREACHABLE], {row["url"] for row in report["links"] if row["result"] == UNREACHABLE}, today),
        fact_check.NOT_SHOWN: _streaks(previous[fact_check.NOT_SHOWN],
                                       {row["fact"] for row in report["facts"] if row["result"] == fact_check.NOT_SHOWN}, today),
    }
    if path:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(current, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return current


def _read_history(path: Path | None) -> dict:
    empty = {UNREACHABLE: {}, fact_check.NOT_SHOWN: {}}
    if not path or not path.exists():
        return empty
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (ValueError, UnicodeDecodeError):
        return empty  # a damaged history only resets the counts
    if not isinstance(data, dict):
        return empty
    if UNREACHABLE not in data and fact_check.NOT_SHOWN not in data:
        return {**empty, UNREACHABLE: data}  # the first format: unreachable URLs only
    return {kind: data.get(kind) if isinstance(data.get(kind), dict) else {} for kind in empty}


def _streaks(previous: dict, now: set[str], today: dt.date) -> dict:
    streaks = {}
    for key in sorted(now):
        before = previous.get(key) if isinstance(previous.get(key), dict) else {}
        streaks[key] = {"runs": int(before.get("runs", 0)) + 1, "since": str(before.get("since", today.isoformat()))}
    return streaks


def runs(history: dict, kind: str, key: str) -> int:
    return history.get(kind, {}).get(key, {}).get("runs", 1)


def failing(report: dict, history: dict | None) -> list[dict]:
    """Rows that fail the check: broken or moved links, links unreachable for too many runs (only
    counted with a history), and facts their source no longer shows."""
    unreachable = (history or {}).get(UNREACHABLE, {})
    links = [row for row in report["links"] if row["result"] in (BROKEN, MOVED)
             or (row["result"] == UNREACHABLE and unreachable.get(row["url"], {}).get("runs", 0) >= UNREACHABLE_RUNS_TO_FAIL)]
    return links + [row for row in report["facts"] if row["result"] == fact_check.NOT_SHOWN]


# --- the Markdown summary -------------------------------------------------------------------------

def code_span(value) -> str:
    """`value` as inline code that shows literally on GitHub: no mention, link, image or HTML.
    The fence is one backtick longer than any run inside it (CommonMark has no escape in code);
    line breaks and control characters become spaces; '|', which would end a table cell even
    inside code, becomes '¦'; long values are cut."""
    text = "".join(ch if ch.isprintable() else " " for ch in str(value)).replace("|", "¦")
    if len(text) > MAX_QUOTED_CHARS:
        text = text[:MAX_QUOTED_CHARS - 1] + "…"
    if not text.strip():
        return "(empty)"
    longest, run = 0, 0
    for ch in text:
        run = run + 1 if ch == "`" else 0
        longest = max(longest, run)
    fence = "`" * (longest + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def summary(report: dict, history: dict, today: dt.date) -> str:
    links, facts = report["links"], report["facts"]
    counts = {result: sum(1 for row in links if row["result"] == result) for result in RESULTS}
    fact_counts = {result: sum(1 for row in facts if row["result"] == result) for result in fact_check.FACT_RESULTS}
    lines = [f"# Link check, {today.isoformat()}", "",
             f"{len(links)} links in {len({row['id'] for row in links})} entries: "
             + ", ".join(f"{counts[r]} {r}" for r in RESULTS) + ".",
             f"{len(facts)} contact facts checked against the pages they cite: {fact_counts[fact_check.SHOWN]} still shown, "
             f"{fact_counts[fact_check.NOT_SHOWN]} no longer shown, {fact_counts[fact_check.UNREAD]} whose page could not be read.", ""]
    for result in RESULTS:
        if result != OK and counts[result]:
            lines += _link_section(result, [row for row in links if row["result"] == result], history)
    for result, heading in ((fact_check.NOT_SHOWN, "Source no longer shows this number"),
                            (fact_check.UNREAD, "Facts whose source could not be read")):
        if fact_counts[result]:
            lines += _fact_section(heading, result, [row for row in facts if row["result"] == result], history)
    if not any(counts[r] for r in RESULTS if r != OK) and not fact_counts[fact_check.NOT_SHOWN] + fact_counts[fact_check.UNREAD]:
        lines.append("Every link answered and every contact fact is still on its page. Nothing to do.")
    return _within_issue_limit(lines)


def _link_section(result: str, rows_: list[dict], history: dict) -> list[str]:
    lines = [f"## {result.capitalize()} ({len(rows_)})", "", WHAT_TO_DO[result], "",
             "| entry | field | URL | what happened |", "|---|---|---|---|"]
    for row in sorted(rows_, key=lambda r: (r["id"], r["field"])):
        streak = ""
        if result == UNREACHABLE:
            streak = f" (unreachable in {runs(history, UNREACHABLE, row['url'])} run(s) in a row)"
        cells = (code_span(row["id"]), code_span(row["field"]), code_span(row["url"]), code_span(row["detail"]) + streak)
        lines.append("| " + " | ".join(cells) + " |")
    return lines + [""]


def _fact_section(heading: str, result: str, rows_: list[dict], history: dict) -> list[str]:
    lines = [f"## {heading} ({len(rows_)})", "", fact_check.WHAT_TO_DO[result], "",
             "| entry | contact | fact | source | what happened |", "|---|---|---|---|---|"]
    for row in sorted(rows_, key=lambda r: (r["id"], r["contact"], r["source"])):
        fact = code_span(row["value"]) + (f" keyword {code_span(row['keyword'])}" if row.get("keyword") else "")
        streak = ""
        if result == fact_check.NOT_SHOWN:
            since = history.get(fact_check.NOT_SHOWN, {}).get(row["fact"], {}).get("since")
            streak = f" (in {runs(history, fact_check.NOT_SHOWN, row['fact'])} run(s) in a row" + (f", since {since})" if since else ")")
        lines.append(f"| {code_span(row['id'])} | {code_span(row['contact'])} {row['channel']} | {fact} | "
                     f"{code_span(row['source'])} {code_span(row['url'])} | {code_span(row['detail'])}{streak} |")
    return lines + [""]


def _within_issue_limit(lines: list[str]) -> str:
    note = ("", "The summary was cut here to fit GitHub's issue size limit; every row is in the JSON report "
                "(the workflow's `link-report` artifact).")
    text = "\n".join(lines) + "\n"
    if len(text) <= ISSUE_BODY_LIMIT:
        return text
    kept, size = [], sum(len(line) + 1 for line in note)
    for line in lines:
        if size + len(line) + 1 > ISSUE_BODY_LIMIT:
            break
        kept.append(line)
        size += len(line) + 1
    return "\n".join(kept + list(note)) + "\n"
