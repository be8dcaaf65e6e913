"""The field reference for maintainers, rendered from the schema's own titles and descriptions."""
from __future__ import annotations

from . import open_data_reference
from .html import text
from .schema import load_schema, resolve


def render() -> str:
    schema = load_schema()
    resource = schema["definitions"]["resource"]
    out = [
        "---\ntitle: Field reference\nsp_page: reference\n---\n",
        "Every field an entry in `resources.yaml` can have, generated from `schema/resource.schema.json`, "
        "the same schema the validator and editors use. Required fields are marked **required**.\n",
    ]
    out += _object("Entry", resource, schema, "")
    out.append("\n## Vocabularies\n")
    out.append("The allowed values of each controlled list, with the label the site shows.\n")
    for name, definition in schema["definitions"].items():
        if "x-labels" not in definition:
            continue
        out.append(f"\n### {definition['title']} {{ #vocabulary-{name.replace('_', '-')} }}\n\n{definition['description']}\n")
        out.append("| value | shown as |\n|---|---|")
        out += [f"| `{value}` | {text(shown)} |" for value, shown in definition["x-labels"].items()]
    out.append(open_data_reference.section())
    return "\n".join(out) + "\n"


def _object(title: str, node: dict, schema: dict, prefix: str) -> list[str]:
    out = [f"\n## {title}\n", f"{node.get('description', '')}\n", "| field | what it is | type |", "|---|---|---|"]
    nested = []
    required = set(node.get("required", []))
    for name, prop in node.get("properties", {}).items():
        full = resolve(prop, schema)
        path = f"{prefix}{name}"
        kind = _type(full, schema)
        marker = " **required**" if name in required else ""
        out.append(f"| `{path}`{marker} | **{text(full.get('title', name))}**: {text(full.get('description', ''))} | {kind} |")
        target = _object_schema(full, schema)
        if target is not None:
            nested.append((f"{full.get('title', name)} (`{path}`)", target, f"{path}{'[].' if full.get('type') == 'array' else '.'}"))
    for nested_title, nested_node, nested_prefix in nested:
        out += _object(nested_title, nested_node, schema, nested_prefix)
    return out


def _object_schema(node, schema):
    if node.get("type") == "object" and "properties" in node:
        return node
    if node.get("type") == "array":
        items = resolve(node.get("items", {}), schema)
        if items.get("type") == "object" and "properties" in items:
            return items
    if node.get("type") == "object" and isinstance(node.get("additionalProperties"), dict):
        inner = resolve(node["additionalProperties"], schema)
        if "properties" in inner:
            return inner
    return None


def _type(node, schema) -> str:
    if "x-labels" in node:
        return "one of the [" + text(node["title"]) + "](#vocabulary-" + _vocab_name(node, schema) + ") values"
    kind = node.get("type", "")
    if kind == "array":
        items = resolve(node.get("items", {}), schema)
        return "list of " + _type(items, schema)
    if kind == "object" and isinstance(node.get("additionalProperties"), dict):
        return "named sources"
    return {"string": "text", "integer": "whole number", "boolean": "true or false", "object": "fields"}.get(kind, kind)


def _vocab_name(node, schema) -> str:
    for name, definition in schema["definitions"].items():
        if definition.get("x-labels") == node.get("x-labels"):
            return name.replace("_", "-")
    return ""
