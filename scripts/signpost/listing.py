"""Lists of entries: the directory (with its filters) and one page per topic."""
from __future__ import annotations


from . import facets, present, resource_page
from .html import attr, clean, link, markdown_page, raw, text
from .schema import labels

# Without JavaScript the directory is a plain list split into pages of this many entries,
# so even a catalogue of thousands stays readable and each page stays light.
PAGE_SIZE = 200


def card(entry: dict, root: str) -> str:
    data = resource_page.card_data(entry)
    meta = " · ".join(part for part in (data["kind"], data["cost"], data["hours"] if data["hours"] == "Open 24/7" else "") if part)
    contact = link(data["href"], data["contact"]) if data["href"] else text(data["contact"])
    hours = f' <span class="sp-card__hours">{text(data["hours"])}</span>' if data["hours"] and data["hours"] != "Open 24/7" else ""
    return clean(
        f'<li class="sp-card" data-id="{attr(entry["id"])}" data-code="{present.share_code(entry["id"])}">'
        f'<h3 class="sp-card__name">{link(root + resource_page.url_of(entry["id"]), entry["name"])}</h3>'
        f'<p class="sp-card__meta">{text(meta)}</p>'
        f'<p class="sp-card__summary">{text(entry["summary"])}</p>'
        f'<p class="sp-card__contact">{contact}{hours}</p>'
        f'<p class="sp-card__eval">Evaluation: {text(data["glance"])} · Checked {text(data["checked"])}</p>'
        "</li>"
    )


def active(entries: list[dict]) -> list[dict]:
    return sorted((e for e in entries if e["status"] == "active"), key=lambda e: e["name"].lower())


def directory_pages(entries: list[dict]) -> dict[str, str | bytes]:
    """directory/index.md (filters plus the first page of cards), directory/page-N/index.md for the
    rest, and the filter index the page's script reads."""
    listed = active(entries)
    chunks = [listed[i:i + PAGE_SIZE] for i in range(0, len(listed), PAGE_SIZE)] or [[]]
    pages = {}
    for number, chunk in enumerate(chunks, start=1):
        path = "directory/index.md" if number == 1 else f"directory/page-{number}/index.md"
        root = "../" if number == 1 else "../../"
        pages[path] = _directory_page(chunk, number, len(chunks), len(listed), root)
    pages.update(facets.files(listed))
    return pages


def _directory_page(chunk, number, count, total, root) -> str:
    nav = _pager(number, count, root)
    heading = f"{total} active resources" + (f", page {number} of {count}" if count > 1 else "")
    cards = "".join(card(e, root) for e in chunk)
    form = _filter_form() if number == 1 else ""
    return (
        "---\ntitle: Directory\ndescription: Every active resource in the catalogue, with filters.\nsp_page: directory\nsearch:\n  exclude: true\n---\n\n"
        f"Every resource here has been checked against [published criteria]({root}method.md). "
        "Choose filters to narrow the list; the address bar keeps your choices, so you can bookmark or send a filtered view.\n\n"
        + raw(f'<div class="sp-directory" data-root="{attr(root)}">{form}'
              f'<p class="sp-count" role="status" aria-live="polite" data-sp-count>{text(heading)}</p>'
              f'<ul class="sp-cards" data-sp-static>{cards}</ul><ul class="sp-cards" data-sp-results hidden></ul>'
              f'<p data-sp-more-wrap hidden><button type="button" class="md-button" data-sp-more>Show more</button></p>{nav}</div>')
        + "\n"
    )


def _pager(number, count, root) -> str:
    if count == 1:
        return ""
    items = []
    for n in range(1, count + 1):
        href = f"{root}directory/" + ("" if n == 1 else f"page-{n}/")
        current = f'<strong aria-current="page">{n}</strong>'
        items.append(f"<li>{current if n == number else link(href, str(n))}</li>")
    return f'<nav class="sp-pager" aria-label="Directory pages"><ul>{"".join(items)}</ul></nav>'


def _filter_form() -> str:
    """The filter controls. Values are the labels Pagefind indexes; names are the URL keys."""
    groups = []
    for key, values in present.filter_values().items():
        boxes = "".join(
            f'<label class="sp-check"><input type="checkbox" name="{attr(key)}" value="{attr(value)}"> {text(name)}</label>'
            for value, name in values.items())
        groups.append(f'<details class="sp-filter"><summary>{text(present.FILTER_TITLES[key])}</summary>'
                      f'<fieldset><legend class="sp-visually-hidden">{text(present.FILTER_TITLES[key])}</legend>{boxes}</fieldset></details>')
    return (
        '<form class="sp-filters" data-sp-filters hidden role="search" aria-label="Filter the directory">'
        '<label for="sp-q" class="sp-search-label">Search the directory</label>'
        '<input id="sp-q" name="q" type="search" autocomplete="off" spellcheck="false">'
        f'{"".join(groups)}'
        '<p><button type="reset" class="md-button">Clear all filters</button></p></form>'
        '<noscript><p>Filters need JavaScript; every resource is listed below.</p></noscript>'
    )


def topic_pages(entries: list[dict], intros: dict[str, str]) -> dict[str, str]:
    pages = {"topics/index.md": _topic_index(entries)}
    for key, name in labels("topic").items():
        listed = [e for e in active(entries) if key in e["audience"]["topics"]]
        intro = intros.get(key, "")
        cards = "".join(card(e, "../../") for e in listed)
        filtered = f"../../directory/?topic={key}"
        pages[f"topics/{key.replace('_', '-')}/index.md"] = (
            markdown_page({"title": name, "sp_page": "topic"}, f"{intro}\n\n")
            + raw(f'<p class="sp-count">{len(listed)} resource{"s" * (len(listed) != 1)}. '
                  f'{link(filtered, "Filter these in the directory")}</p><ul class="sp-cards">{cards}</ul>')
            + "\n"
        )
    return pages


def _topic_index(entries) -> str:
    rows = []
    for key, name in labels("topic").items():
        count = sum(1 for e in active(entries) if key in e["audience"]["topics"])
        rows.append(f"- [{name}]({key.replace('_', '-')}/index.md) ({count})")
    return "---\ntitle: Topics\nsp_page: topic\n---\n\nResources grouped by what they help with.\n\n" + "\n".join(rows) + "\n"
