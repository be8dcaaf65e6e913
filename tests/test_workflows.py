"""The CI workflows: actions pinned by commit, every engine tested, no run without a time limit."""
from __future__ import annotations

import re

import yaml

from conftest import ROOT

WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))


def test_every_action_is_pinned_to_a_commit_with_its_tag_in_a_comment():
    for workflow in WORKFLOWS:
        for line in workflow.read_text(encoding="utf-8").splitlines():
            if "uses:" in line:
                assert re.search(r"uses: [\w.-]+/[\w./-]+@[0-9a-f]{40} # v\d", line), f"{workflow.name}: {line.strip()}"


def test_every_job_has_a_time_limit():
    for workflow in WORKFLOWS:
        for name, job in yaml.safe_load(workflow.read_text(encoding="utf-8"))["jobs"].items():
            assert "timeout-minutes" in job, f"{workflow.name}: job {name} has no timeout-minutes"


def test_ci_runs_the_tests_on_every_engine():
    jobs = yaml.safe_load((ROOT / ".github" / "workflows" / "ci.yml").read_text(encoding="utf-8"))["jobs"]
    assert jobs["test"]["strategy"]["matrix"]["engine"] == ["mkdocs", "properdocs"]
    assert jobs["zensical"]["continue-on-error"] is True
    assert any(step.get("env", {}).get("ENGINE") == "zensical" for step in jobs["zensical"]["steps"])
