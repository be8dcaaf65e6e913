"""changes/feed.xml: the change history as an Atom feed (RFC 4287) for any feed reader.

Built with ElementTree, which escapes every text and attribute. Links are relative to the
feed's own address (RFC 4287 allows it: they resolve against the document's URI), since the
site does not know where it will be served. Dates are the changes' own days, so building twice
gives the same feed.
"""
from __future__ import annotations

import datetime as dt
import uuid
import xml.etree.ElementTree as ET

from . import licences
from .changes import Event
from .export_hsds import NAMESPACE

ATOM = "http://www.w3.org/2005/Atom"
PATH = "changes/feed.xml"
TO_ROOT = "../"  # from changes/ to the site's root
FEED_LIMIT = 100  # newest items in the feed; the page and catalogue.json keep the rest
FEED_ID = "urn:uuid:" + str(uuid.uuid5(NAMESPACE, "feed/changes"))
TITLE = "Signpost: what changed"


def timestamp(day: str) -> str:
    return f"{day}T00:00:00Z"


def render(events: list[Event], today: dt.date) -> str:
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed")
    _add(feed, "id", FEED_ID)
    _add(feed, "title", TITLE)
    _add(feed, "subtitle", "New entries, closures, changed numbers or hours, and changed ratings in the Signpost catalogue, newest first.")
    _add(feed, "updated", timestamp(events[0].date if events else today.isoformat()))
    author = _add(feed, "author")
    _add(author, "name", "Signpost maintainers")
    _add(feed, "link", rel="self", type="application/atom+xml", href="feed.xml")
    _add(feed, "link", rel="alternate", type="text/html", href="./")
    _add(feed, "rights", f"Data: {licences.DATA_LICENCE['name']} ({licences.DATA_LICENCE['url']}). {licences.ATTRIBUTION}")
    for event in events[:FEED_LIMIT]:
        entry = _add(feed, "entry")
        _add(entry, "id", event.id)
        _add(entry, "title", f"{event.name}: {event.type_label}")
        _add(entry, "updated", timestamp(event.date))
        _add(entry, "link", rel="alternate", type="text/html", href=TO_ROOT + event.page)
        _add(entry, "category", term=event.type, label=event.type_label)
        summary = event.summary
        if event.successor_name:
            summary += f" Use {event.successor_name} instead."
        _add(entry, "summary", summary)
    ET.indent(feed)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="unicode") + "\n"


def _add(parent, tag, text=None, **attributes):
    element = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attributes)
    if text is not None:
        element.text = text
    return element
