"""The link a therapist sends a client: `client/#<codes><check>`, declared once here.

Each chosen service is its six-character share code (present.share_code); the codes are
written one after another and end with a short check computed from them, after a hyphen.
A link cut short (an SMS split, a copy that missed the end) or changed by hand no longer
matches its check, so the client page can say so instead of silently dropping services.
The browser reads these constants from generated data (client/data/config.json) and
computes the same check in docs/assets/signpost-list.js; the tests hold both to this module.
"""
from __future__ import annotations

from . import present

CODE_LENGTH = 6
CODE_ALPHABET = "abcdefghijklmnopqrstuvwxyz234567"  # base32, lower case: what share_code writes
CODE_PATTERN = f"^[a-z2-7]{{{CODE_LENGTH}}}$"  # the same alphabet, for the browser's RegExp
CHECK_SEPARATOR = "-"
CHECK_LENGTH = 4
# One limit for the therapist's list, the link and the client page: twenty services is already
# a long read for someone in distress, and keeps the link inside two text messages.
MAX_ENTRIES = 20
# Anything after the '#' longer than this was not made by Signpost: it is cut before any work.
MAX_FRAGMENT = MAX_ENTRIES * CODE_LENGTH + len(CHECK_SEPARATOR) + CHECK_LENGTH + 16
PATH = "client/"


def check(codes: str) -> str:
    """FNV-1a (32-bit) over the codes, its low 20 bits as four base32 letters.

    A changed character or a cut end slips past it about once in a million links."""
    value = 0x811C9DC5
    for char in codes.encode("ascii"):
        value = ((value ^ char) * 0x01000193) & 0xFFFFFFFF
    letters = []
    for _ in range(CHECK_LENGTH):
        letters.append(CODE_ALPHABET[value & 31])
        value >>= 5
    return "".join(letters)


def fragment(entry_ids: list[str]) -> str:
    codes = "".join(present.share_code(i) for i in entry_ids)
    return codes + CHECK_SEPARATOR + check(codes)


def config() -> dict:
    """What the browser needs to read and write links, as generated data."""
    return {
        "codeLength": CODE_LENGTH,
        "codePattern": CODE_PATTERN,
        "alphabet": CODE_ALPHABET,
        "checkSeparator": CHECK_SEPARATOR,
        "checkLength": CHECK_LENGTH,
        "maxEntries": MAX_ENTRIES,
        "maxFragment": MAX_FRAGMENT,
        "path": PATH,
    }

