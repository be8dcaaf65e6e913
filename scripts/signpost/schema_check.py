"""Check data against the JSON Schema and say what is wrong in a maintainer's words.

One validator decides: jsonschema-rs (Rust, about fifty times faster) gives the verdict on
each entry. Python's jsonschema only explains an entry the verdict rejected, in a maintainer's
words; should it find nothing to explain, the Rust validator's own message is reported as an
error, so a disagreement can never pass. Both follow JSON Schema's regular expressions
(ECMA-262), where `$` is the end of the text: Python's `re` would let a trailing line break
through, so patterns are translated for it (see ecma_pattern).
"""
from __future__ import annotations

import difflib
import functools
import re

import jsonschema_rs
from jsonschema import Draft7Validator, ValidationError, validators

from .problems import Problem, format_path
from .schema import load_schema
from .yaml_source import Source

_TYPE_NAMES = {
    "string": "text",
    "integer": "a whole number",
    "number": "a number",
    "boolean": "true or false",
    "array": "a list",
    "object": "a set of fields",
    "null": "nothing",
}


@functools.lru_cache(maxsize=None)
def ecma_pattern(pattern: str) -> re.Pattern:
    """`pattern` compiled for Python with ECMA-262's meaning of `$`: the end of the text, never
    before a final line break (so "sands\n" does not pass as an id)."""
    out, in_class, escaped = [], False, False
    for char in pattern:
        if escaped:
            out.append(char)
            escaped = False
        elif char == "\\":
            out.append(char)
            escaped = True
        elif char == "[":
            in_class = True
            out.append(char)
        elif char == "]":
            in_class = False
            out.append(char)
        elif char == "$" and not in_class:
            out.append(r"\Z")
        else:
            out.append(char)
    return re.compile("".join(out))


def _pattern(validator, pattern, instance, schema):
    if validator.is_type(instance, "string") and not ecma_pattern(pattern).search(instance):
        yield ValidationError(f"{instance!r} does not match {pattern!r}")


_EcmaDraft7Validator = validators.extend(Draft7Validator, {"pattern": _pattern})


@functools.lru_cache(maxsize=None)
def _validator() -> Draft7Validator:
    schema = load_schema()
    Draft7Validator.check_schema(schema)
    return _EcmaDraft7Validator(schema)


def _entry_validator() -> Draft7Validator:
    """Validates one entry, so errors can be collected per entry and entries checked in isolation."""
    validator = _validator()
    return validator.evolve(schema={**validator.schema["definitions"]["resource"], "definitions": validator.schema["definitions"]})


def _describe(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "nothing"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, (dict, list)):
        return _TYPE_NAMES["object" if isinstance(value, dict) else "array"]
    text = str(value)
    return repr(text if len(text) <= 60 else text[:57] + "...")


def _suggest(word, choices) -> str:
    close = difflib.get_close_matches(str(word), [str(c) for c in choices], n=1)
    return f"did you mean '{close[0]}'? " if close else ""


def _hint(error) -> str:
    schema = error.schema
    return schema.get("x-hint", "") if isinstance(schema, dict) else ""


def explain(error, source: Source, base_path=(), nth: int = 0) -> tuple[tuple, str, str, tuple[int, int]]:
    """(field path, message, fix, position) for one jsonschema error.

    jsonschema reports each missing required field as its own error; `nth` says which one this is.
    """
    path = tuple(base_path) + tuple(error.absolute_path)
    kind = error.validator
    value = error.instance
    hint = _hint(error)
    position = source.position(path)
    if kind == "required":
        absent = [name for name in error.validator_value if name not in value] or list(error.validator_value)
        missing = absent[min(nth, len(absent) - 1)]
        prop = error.schema.get("properties", {}).get(missing, {})
        why = hint or (f"add it: {prop.get('description')}" if prop.get("description") else "add it")
        return path + (missing,), f"missing required field '{missing}'", why, position
    if kind == "additionalProperties":
        allowed = sorted(error.schema.get("properties", {}))
        extras = [key for key in value if key not in allowed]
        extra = extras[0] if extras else "?"
        fix = f"{_suggest(extra, allowed)}remove it or use one of: {', '.join(allowed)}"
        return path + (extra,), f"unknown field '{extra}'", fix, source.key_position(path, extra)
    if kind == "type":
        expected = error.validator_value
        expected_name = _TYPE_NAMES.get(expected, expected) if isinstance(expected, str) else " or ".join(expected)
        written = source.scalar_text(path)
        message = f"expected {expected_name} but found {_describe(value)}"
        if expected == "string" and written is not None:
            return path, message, f'put it in quotes: "{written}" (YAML reads unquoted {written} as {_describe(value)})', position
        return path, message, hint or f"write {expected_name} here", position
    if kind == "enum":
        choices = error.validator_value
        return path, f"{_describe(value)} is not an allowed value", f"{_suggest(value, choices)}use one of: {', '.join(map(str, choices))}", position
    if kind == "const":
        return path, f"{_describe(value)} is not allowed here", hint or f"use {error.validator_value!r}", position
    if kind == "pattern" and isinstance(value, str) and ("\n" in value or "\r" in value):
        return path, "contains a line break", "keep it on one line (in YAML, quote it on one line rather than using | or >)", position
    if kind == "pattern":
        return path, f"{_describe(value)} is not in the expected form", hint or f"it must match {error.validator_value}", position
    if kind == "minLength":
        if value == "":
            return path, "is empty", hint or "fill it in or remove the field if it is optional", position
        return path, f"is too short ({len(value)} of at least {error.validator_value} characters)", hint or "say a little more", position
    if kind == "maxLength":
        return path, f"is too long ({len(value)} characters; at most {error.validator_value})", "shorten it", position
    if kind == "minItems":
        return path, "is an empty list" if not value else f"lists too few items (at least {error.validator_value})", hint or "add at least one item", position
    if kind == "maxItems":
        return path, f"lists {len(value)} items, more than the {error.validator_value} allowed", "keep the most relevant ones", position
    if kind in ("minProperties", "maxProperties"):
        return path, f"has {len(value)} items; the limit is {error.validator_value}", hint or "check the field reference", position
    if kind == "uniqueItems":
        seen, repeated = set(), None
        for item in value:
            key = repr(item)
            if key in seen:
                repeated = item
                break
            seen.add(key)
        return path, f"lists {_describe(repeated)} more than once", "keep one", position
    if kind in ("minimum", "maximum"):
        return path, f"{value} is out of range", f"use a value {'of at least' if kind == 'minimum' else 'of at most'} {error.validator_value}", position
    if kind in ("oneOf", "anyOf", "not"):
        return path, "does not fit any of the allowed forms", hint or "see the field reference", position
    return path, error.message, hint, position


def check_entry(entry, index: int, source: Source) -> list[Problem]:
    """Schema problems of one entry, each with its file position (none when the verdict is valid)."""
    if _VERDICT.is_valid(entry):
        return []
    problems = []
    entry_id = entry.get("id") if isinstance(entry, dict) and isinstance(entry.get("id"), str) else None
    required_seen: dict = {}
    for error in _ENTRY.iter_errors(entry):
        nth = 0
        if error.validator == "required":
            key = (tuple(error.absolute_path), id(error.schema))
            nth = required_seen[key] = required_seen.get(key, -1) + 1
        path, message, fix, (line, col) = explain(error, source, base_path=(index,), nth=nth)
        problems.append(Problem(source.filename, line, col, entry_id, format_path(path[1:]), message, fix, rule="schema"))
    if not problems:  # the verdict rejected what the explainer accepts: say so, never pass
        for error in _VERDICT.iter_errors(entry):
            path = (index, *error.instance_path)
            line, col = source.position(path)
            problems.append(Problem(source.filename, line, col, entry_id, format_path(path[1:]), f"does not fit the schema ({_shorten(error.message)})",
                                    "see the field reference; if this looks wrong, report it: the two schema checkers disagree", rule="schema"))
    problems.sort(key=lambda p: (p.line, p.col))
    return problems


def check_top_level(data, source: Source) -> list[Problem]:
    if isinstance(data, list):
        return []
    return [Problem(source.filename, 1, 1, None, "", f"the catalogue must be a list of entries, not {_describe(data)}",
                    "start each entry with '- id:' at the start of a line")]


_ENTRY = _entry_validator()
_VERDICT = jsonschema_rs.Draft7Validator(_ENTRY.schema)


def _shorten(text: str, limit: int = 200) -> str:
    return text if len(text) <= limit else text[: limit - 3] + "..."
