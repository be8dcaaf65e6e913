"""A fast reader for catalogues that are plain block YAML, with PyYAML as the authority.

libyaml through PyYAML reads about 3 MB a second here (a 10,000-entry catalogue is 60 MB).
rapidyaml parses the same text in under a second and emits JSON that Python's C json module
loads quickly. The two parsers differ where YAML 1.1 and 1.2 differ (`no`, `0123`, `~`), and
rapidyaml neither refuses duplicate keys nor expands aliases as PyYAML does, so the fast path
is used only when the result provably matches what yaml_source's PyYAML walk would build:
otherwise it returns None and the caller reads the file the slow, exact way.
"""
from __future__ import annotations

import json
import re

try:
    import ryml
except ImportError:  # pragma: no cover - the slow path still works without it
    ryml = None

_MERGE_KEY = re.compile(r"<<[ \t]*:")
# Short JSON string values (not keys) that might be YAML 1.1 numbers, booleans or nulls.
_JSON_SHORT_STRING = re.compile(r'"([-+.0-9A-Za-z_:~]*)"(?![ \t]*:)')
# Plain scalars that YAML 1.1 (PyYAML) reads as bool, null, int or float, from PyYAML's resolver.
_YAML11_NOT_TEXT = re.compile(
    r"yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF"
    r"|~|null|Null|NULL|"
    r"|[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?|\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?"
    r"|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)"
    r"|[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+"
)
# rapidyaml emits plain numbers in this form; a JSON *string* in this form was therefore quoted.
_JSON_NUMBER = re.compile(r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?")
_SAME_INT = re.compile(r"-?(?:0|[1-9][0-9]*)")
_SAME_FLOAT = re.compile(r"-?[0-9]+\.[0-9]+")


class _Unsure(Exception):
    pass


def load(text: str):
    """The catalogue's data, or None when only PyYAML can say what the text means."""
    if ryml is None or _risky(text):
        return None
    try:
        emitted = ryml.emit_json(ryml.parse_in_arena(text.encode("utf-8")))
        data = json.loads(emitted, object_pairs_hook=_mapping, parse_int=_int, parse_float=_float, parse_constant=_refuse)
    except Exception:  # any doubt at all (a parse error, a duplicate key, an odd number): the slow path decides
        return None
    return data if _agrees_with_yaml_11(emitted, text) else None


def _risky(text: str) -> bool:
    """Anchors, aliases, tags, directives, document markers or merge keys: let PyYAML judge those."""
    if text.startswith(("---", "...", "%")) or "\n---" in text or "\n..." in text or "\n%" in text:
        return True
    for indicator in "&*!":  # begin a token after a space or a bracket ('A&E' in prose does not)
        at = text.find(indicator)
        while at != -1:
            before = text[at - 1] if at else "\n"
            after = text[at + 1:at + 2]
            if before in " \t\n[{," and after and not after.isspace():
                return True
            at = text.find(indicator, at + 1)
    return "<<" in text and _MERGE_KEY.search(text) is not None


def _mapping(pairs):
    result = dict(pairs)
    if len(result) != len(pairs):
        raise _Unsure("duplicate key")
    return result


def _int(text):
    if not _SAME_INT.fullmatch(text):
        raise _Unsure(text)
    return int(text)


def _float(text):
    if not _SAME_FLOAT.fullmatch(text):
        raise _Unsure(text)
    return float(text)


def _refuse(text):
    raise _Unsure(text)


def _agrees_with_yaml_11(emitted: str, text: str) -> bool:
    """False when some text value may have been a plain scalar that PyYAML would not read as text.

    Such values (times like "09:00" are sexagesimal numbers to YAML 1.1) are fine when every
    place they appear in the file is quoted; one search over the file settles that for all of them.
    Both scans run over text in C, so the check costs little beside the parse.
    """
    if '"*' in emitted:  # perhaps an alias rapidyaml left unexpanded
        return False
    suspects = set()
    for value in set(_JSON_SHORT_STRING.findall(emitted)):
        # "" is safe: rapidyaml emits a plain empty value as null, so a JSON "" was quoted.
        if value and _YAML11_NOT_TEXT.fullmatch(value) and not _JSON_NUMBER.fullmatch(value):
            suspects.add(value)
    if not suspects:
        return True
    return not any(_appears_unquoted(value, text) for value in suspects)


def _appears_unquoted(value: str, text: str) -> bool:
    """Whether `value` stands in the text as a whole plain scalar (str.find runs at C speed)."""
    at = text.find(value)
    while at != -1:
        end = at + len(value)
        i = at - 1
        while i >= 0 and text[i] in " \t":
            i -= 1
        before = text[i] if i >= 0 else "\n"
        spaced = i < at - 1
        j = end
        while j < len(text) and text[j] in " \t":
            j += 1
        after = text[j] if j < len(text) else "\n"
        starts = before in "[,{\n" or (before in ":-?" and spaced)
        ends = after in "\n,]}" or (after == "#" and j > end)
        if starts and ends:
            return True
        at = text.find(value, end)
    return False
