"""Characters a maintainer cannot see: found in the raw text, each with its line and column.

Text pasted from web pages and word processors brings in control characters, line and
paragraph separators, zero-width spaces and bidirectional controls. They are invisible in an
editor and in review, yet they change what a number dials, where a link goes, or how YAML
counts lines. Two kinds are kept apart:

- UNREADABLE characters change how YAML reads the file (YAML 1.1 counts U+2028, U+2029 and
  NEL as line breaks, so every line number after them would be wrong): reading stops.
- the rest are refused with their position, and the file is still read and checked.

Zero-width joiners and non-joiners are letters' glue in Arabic, Persian and Indic scripts, and
left-to-right / right-to-left marks are needed beside right-to-left text: those are allowed
where such text surrounds them, and nowhere else.
"""
from __future__ import annotations

import re
import unicodedata

_SUSPECT = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u00ad\u061c\u115f\u1160\u180e\u200b-\u200f\u2028-\u202e"
    "\u2060-\u2064\u2066-\u206f\u3164\ufeff\ufff9-\ufffb\ud800-\udfff\ufffe\uffff\U000e0000-\U000e007f]"
    "|\r(?!\n)"
)
# Characters that make YAML read lines differently from an editor, or that libyaml refuses.
_UNREADABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufffe\uffff]|\r")
_JOINERS = "\u200c\u200d"
_DIRECTION_MARKS = "\u200e\u200f"
_RIGHT_TO_LEFT = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]")
FIX = "delete it (retype the text around it if unsure): it usually arrives when text is pasted from a web page or a word processor"


def describe(char: str) -> str:
    """'U+202E RIGHT-TO-LEFT OVERRIDE', or 'U+0007 (a control character)'."""
    name = unicodedata.name(char, "")
    if char == "\r":
        name = "CARRIAGE RETURN without a line feed"
    return f"U+{ord(char):04X} {name}" if name else f"U+{ord(char):04X} (a control character)"


def is_allowed(text: str, at: int) -> bool:
    """Whether the suspect character at `at` belongs there: joiners inside non-Latin words,
    direction marks beside right-to-left text, a byte-order mark opening the file."""
    char = text[at]
    if char == "\ufeff":
        return at == 0
    if char in _JOINERS:
        before, after = text[at - 1:at], text[at + 1:at + 2]
        return bool(before and after) and not before.isascii() and not after.isascii() and not before.isspace() and not after.isspace()
    if char in _DIRECTION_MARKS:
        start = text.rfind("\n", 0, at) + 1
        end = text.find("\n", at)
        return _RIGHT_TO_LEFT.search(text, start, end if end != -1 else len(text)) is not None
    return False


def find(text: str):
    """(offset, char, unreadable) for each character a maintainer cannot see, in order."""
    for match in _SUSPECT.finditer(text):
        at = match.start()
        if not is_allowed(text, at):
            char = text[at]
            yield at, char, _UNREADABLE.match(char) is not None


def first_in(value: str) -> str | None:
    """The first refused character in a value (an escape such as "\\u202e" in quotes makes one), or None."""
    for match in _SUSPECT.finditer(value):
        if not is_allowed(value, match.start()):
            return value[match.start()]
    return None


def scrub(value: str) -> str:
    """The value with refused characters shown as U+FFFD, so that messages and a lone
    surrogate never break printing or writing files."""
    return _SUSPECT.sub("\ufffd", value)
