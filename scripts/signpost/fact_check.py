"""Is each contact fact still on the page it was read from?

A contact fact is a number (phone, SMS, textphone, WhatsApp), a short code, an SMS keyword or an
email address, with the source(s) it cites. The link check fetches each cited page once; this
module looks for the fact in the page's text. Results:
  shown      the page still shows it
  not_shown  the page answers but no longer shows it: the number may have changed
  unread     the page could not be read (gone, moved, blocked, not a web page): see the link rows
Numbers are compared digit by digit, ignoring spacing and punctuation, and the national and
international forms are the same number: "0808 808 4994", "+44 808 808 4994" and
"+44 (0)808 808 4994" all show 0808 808 4994.
"""
from __future__ import annotations

import codecs
import html
import re
from dataclasses import dataclass
from urllib.parse import unquote

import phonenumbers

from . import phones

SHOWN, NOT_SHOWN, UNREAD = "shown", "not_shown", "unread"
FACT_RESULTS = (NOT_SHOWN, UNREAD, SHOWN)  # most urgent first
NUMBER_CHANNELS = {"phone", "sms", "textphone", "whatsapp"}
WHAT_TO_DO = {
    NOT_SHOWN: "The page the fact was read from answers but no longer shows it. Open the page: if the number, code, "
               "keyword or address has changed, confirm the new one on the service's own page and update the entry "
               "and its source; if the page was rewritten, cite the page that shows it now.",
    UNREAD: "The source could not be read, so the fact could not be confirmed; each row says why, and a gone or moved "
            "page is also listed among the links above. Open the page in a browser and check the fact by hand.",
}
# Characters a page may put between the digits of one number: spaces of every width, dots, brackets
# and dashes of every length ("0808 808 4994", "0808-808-4994", "+44 (0)808 808 4994").
_SEPARATORS = r"[\s().\-\u00a0\u2009\u202f\u2010-\u2015]*"


@dataclass(frozen=True)
class Fact:
    entry: str
    contact: str          # where in the entry, e.g. "contacts[0]"
    channel: str
    value: str
    keyword: str | None
    country: str
    source: str           # the source's key in the entry
    url: str

    @property
    def key(self) -> str:
        """Stable across re-ordering of contacts: what the history of a fact is kept under."""
        return " ".join(part for part in (self.entry, self.channel, self.value, self.keyword, self.url) if part)


def contact_facts(entries: list[dict]) -> list[Fact]:
    """One Fact per contact fact and source it cites (source and also_source)."""
    facts = []
    for entry in entries:
        sources = entry.get("sources") or {}
        for index, contact in enumerate(entry.get("contacts") or []):
            channel, value = contact.get("channel"), str(contact.get("value", ""))
            if not (channel == "email" or (channel in NUMBER_CHANNELS and not value.startswith(("http://", "https://")))):
                continue  # web addresses are checked as links
            for key in dict.fromkeys(k for k in (contact.get("source"), contact.get("also_source")) if k):
                url = (sources.get(key) or {}).get("url")
                if isinstance(url, str):
                    facts.append(Fact(entry["id"], f"contacts[{index}]", channel, value, contact.get("keyword"),
                                      contact.get("country", "GB"), key, url))
    return facts


def rows(facts: list[Fact], outcomes: dict) -> list[dict]:
    """One report row per fact and source; each page's text is worked out once, however many facts cite it."""
    texts: dict[str, str | None] = {}
    out = []
    for fact in facts:
        outcome = outcomes.get(fact.url)
        if fact.url not in texts:
            texts[fact.url] = page_text(outcome.page, outcome.content_type) if outcome and outcome.page is not None else None
        result, detail = judge(fact, outcome, texts[fact.url])
        row = {"id": fact.entry, "contact": fact.contact, "channel": fact.channel, "value": fact.value}
        if fact.keyword:
            row["keyword"] = fact.keyword
        row.update({"source": fact.source, "url": fact.url, "result": result, "detail": detail, "fact": fact.key})
        out.append(row)
    return out


def judge(fact: Fact, outcome, text: str | None) -> tuple[str, str]:
    if outcome is None:
        return UNREAD, "the source was not checked"
    if text is None and outcome.page is not None:
        return UNREAD, f"the source is not a web page ({outcome.content_type or 'unknown type'}), which this check does not read"
    if text is None:
        return UNREAD, f"the source could not be read: {outcome.page_note or 'the link is ' + outcome.result}"
    missing = missing_parts(fact, text)
    if not missing:
        return SHOWN, "the source still shows it"
    if outcome.page_note:  # only part of a very large page was read
        return UNREAD, f"{' or '.join(missing)} not found, but {outcome.page_note}"
    return NOT_SHOWN, f"source no longer shows {' or '.join(missing)}"


def missing_parts(fact: Fact, text: str) -> list[str]:
    if fact.channel == "email":
        return [] if email_shown(fact.value, text) else ["this email address"]
    missing = []
    if not number_shown(fact.value, fact.country, text):
        missing.append("this short code" if phones.is_short(phones.without_relay_prefix(fact.value), fact.country)
                       else "this number")
    if fact.keyword and not keyword_shown(fact.keyword, text):
        missing.append(f"the keyword {fact.keyword}")
    return missing


def number_forms(value: str, country: str = "GB") -> set[str]:
    """The digit strings a page may write this number as: as written, national and international.
    A Relay UK prefix (18001) is a way of dialling, not part of the service's number."""
    written = phones.without_relay_prefix(value.strip())
    digits = re.sub(r"\D", "", written)
    forms = {digits} if digits else set()
    if phones.is_short(written, country):
        return forms
    try:
        number = phonenumbers.parse(written, None if written.startswith("+") else country)
    except phonenumbers.NumberParseException:
        return forms
    national = re.sub(r"\D", "", phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL))
    forms |= {str(number.country_code) + str(number.national_number), national}
    if national.startswith("0"):
        forms.add(str(number.country_code) + national)  # "+44 (0)808 ...": the trunk 0 kept in brackets
    return {form for form in forms if form}


def number_shown(value: str, country: str, text: str) -> bool:
    return any(_digits_pattern(form).search(text) for form in number_forms(value, country))


def _digits_pattern(digits: str) -> re.Pattern:
    # The digits in order, anything from _SEPARATORS between them, and not part of a longer number.
    return re.compile(r"(?<!\d)" + (_SEPARATORS + "+").join(digits) + r"(?!\d)")


def keyword_shown(keyword: str, text: str) -> bool:
    return re.search(r"(?<!\w)" + re.escape(keyword) + r"(?!\w)", text, re.IGNORECASE) is not None


def email_shown(address: str, text: str) -> bool:
    return re.search(r"(?<![\w.+-])" + re.escape(address) + r"(?![\w-]|\.\w)", text, re.IGNORECASE) is not None


# --- a page's text --------------------------------------------------------------------------------

READABLE_TYPES = ("text/", "application/xhtml", "application/xml", "application/json", "application/ld+json")


def page_text(body: bytes, content_type: str) -> str | None:
    """What a reader (or a tap-to-call link) sees on the page: its text with tags taken out (scripts
    kept: many sites ship their text inside them), the targets of tel:, sms: and mailto: links, and
    email addresses Cloudflare hides from robots. None for a page that is not text.
    Plain patterns that never look back (not an HTML parser), so any page is read in linear time."""
    kind = content_type.split(";")[0].strip().lower()
    if body.startswith(b"%PDF") or (kind and not kind.startswith(READABLE_TYPES)):
        return None
    raw = body.decode(_charset(content_type), errors="replace")
    extras = [_attribute_text(name.lower(), value) for name, value in _ATTRIBUTE.findall(raw)]
    return html.unescape(_TAG.sub(" ", raw)) + "\n" + "\n".join(extra for extra in extras if extra)


_TAG = re.compile(r"<[^<>]*>")  # stops at the next '<', so a page of unclosed tags is still linear
_ATTRIBUTE = re.compile(r"""\b(href|data-cfemail)\s*=\s*["']?([^"'\s<>]*)""", re.IGNORECASE)


def _attribute_text(name: str, value: str) -> str:
    value = html.unescape(value)
    if name == "data-cfemail":
        return _cloudflare_email(value)
    if value.lower().startswith(("tel:", "sms:", "mailto:")):
        return unquote(value.split(":", 1)[1])
    if "/cdn-cgi/l/email-protection#" in value:
        return _cloudflare_email(value.rsplit("#", 1)[1])
    return ""


def _charset(content_type: str) -> str:
    match = re.search(r"charset=[\"']?([\w.:-]+)", content_type, re.IGNORECASE)
    if match:
        try:
            return codecs.lookup(match.group(1)).name
        except LookupError:
            pass
    return "utf-8"


def _cloudflare_email(encoded: str) -> str:
    """Cloudflare's email protection: hex bytes, the first a key XORed with each of the rest."""
    try:
        data = bytes.fromhex(encoded)
    except ValueError:
        return ""
    return bytes(b ^ data[0] for b in data[1:]).decode("utf-8", errors="replace") if data else ""
