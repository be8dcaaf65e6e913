"""Vendored files are exactly the versions their README names."""
from __future__ import annotations

import hashlib
import re

from conftest import ROOT

VENDOR = ROOT / "docs" / "assets" / "vendor"
ROW = re.compile(r"^\| `([^`]+)` \|.*\| `([0-9a-f]{64})` \|", re.MULTILINE)


def test_every_vendored_file_matches_the_checksum_its_readme_records():
    recorded = dict(ROW.findall((VENDOR / "README.md").read_text(encoding="utf-8")))
    shipped = {p.name for p in VENDOR.iterdir() if p.name != "README.md"}
    assert shipped == set(recorded), "every vendored file needs a row (source, version, sha256) in docs/assets/vendor/README.md"
    for name, digest in recorded.items():
        assert hashlib.sha256((VENDOR / name).read_bytes()).hexdigest() == digest, f"{name} differs from the recorded version"
