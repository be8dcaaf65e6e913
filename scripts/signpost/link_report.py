"""What the link check writes: a JSON report, a history of unreachable URLs, and a Markdown summary."""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from .links import RESULTS, UNREACHABLE, WHAT_TO_DO, Link

# An unreachable URL fails the check only after this many scheduled runs in a row.
UNREACHABLE_RUNS_TO_FAIL = 3


def rows(links: list[Link], outcomes: dict) -> list[dict]:
    out = []
    for link in links:
        outcome = outcomes[link.url]
        out.append({"id": link.entry, "field": link.field, "url": link.url, "result": outcome.result, "detail": outcome.detail,
                     "status": outcome.status, "final_url": outcome.final_url, "attempts": outcome.attempts})
    return out


def update_history(path: Path | None, report: list[dict], today: dt.date) -> dict[str, int]:
    """Consecutive unreachable runs per URL, read from and written back to `path`."""
    previous = json.loads(path.read_text(encoding="utf-8")) if path and path.exists() else {}
    current = {}
    for url in {row["url"] for row in report if row["result"] == UNREACHABLE}:
        current[url] = {"runs": previous.get(url, {}).get("runs", 0) + 1, "since": previous.get(url, {}).get("since", today.isoformat())}
    if path:
        path.write_text(json.dumps(current, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return {url: value["runs"] for url, value in current.items()}


def failing(report: list[dict], runs: dict[str, int]) -> list[dict]:
    """Rows that fail the check: broken, moved, and unreachable for too many runs."""
    return [row for row in report if row["result"] in ("broken", "moved")
            or (row["result"] == UNREACHABLE and runs.get(row["url"], 0) >= UNREACHABLE_RUNS_TO_FAIL)]


def summary(report: list[dict], runs: dict[str, int], today: dt.date) -> str:
    counts = {result: sum(1 for row in report if row["result"] == result) for result in RESULTS}
    lines = [f"# Link check, {today.isoformat()}", "",
             f"{len(report)} links in {len({row['id'] for row in report})} entries: "
             + ", ".join(f"{counts[r]} {r}" for r in RESULTS) + ".", ""]
    for result in RESULTS:
        if result == "ok" or not counts[result]:
            continue
        lines += [f"## {result.capitalize()} ({counts[result]})", "", WHAT_TO_DO[result], "",
                  "| entry | field | URL | what happened |", "|---|---|---|---|"]
        for row in sorted((r for r in report if r["result"] == result), key=lambda r: (r["id"], r["field"])):
            detail = row["detail"]
            if result == UNREACHABLE:
                detail += f" (unreachable in {runs.get(row['url'], 1)} run(s) in a row)"
            lines.append(f"| `{row['id']}` | `{row['field']}` | <{row['url']}> | {detail.replace('|', '/')} |")
        lines.append("")
    if not any(counts[r] for r in RESULTS if r != "ok"):
        lines.append("Every link answered. Nothing to do.")
    return "\n".join(lines) + "\n"
