"""The words a resource is found by: its name, its provider, its phone numbers, and the words of
its filter values (topics, kinds, groups, places, languages), with the synonyms people type.

Declared once here; the browser's search reads them as generated data (facets.py writes them).
"""
from __future__ import annotations

import re
import unicodedata

from . import phones

# Words that say nothing about which resource is wanted.
STOP_WORDS = frozenset("a an and or the of for to in on with my our their his her is are be i me we who someone somebody "
                       "support help service services line".split())
# What people type -> (filter, value) pairs it stands for.
SYNONYMS = {
    "suicidal": [("topic", "crisis")], "suicide": [("topic", "crisis")], "emergency": [("topic", "crisis")],
    "urgent": [("topic", "crisis")], "crisis": [("topic", "crisis")],
    "lgbt": [("topic", "lgbtq"), ("group", "lgbtq")], "lgbtq": [("topic", "lgbtq"), ("group", "lgbtq")],
    "lgbtqia": [("topic", "lgbtq"), ("group", "lgbtq")], "gay": [("topic", "lgbtq"), ("group", "lgbtq")],
    "lesbian": [("topic", "lgbtq"), ("group", "lgbtq")], "bisexual": [("topic", "lgbtq"), ("group", "lgbtq")],
    "transgender": [("group", "trans")], "nonbinary": [("group", "trans")],
    "kids": [("group", "young_people")], "kid": [("group", "young_people")], "child": [("group", "young_people")],
    "teen": [("group", "young_people")], "teens": [("group", "young_people")], "teenager": [("group", "young_people")],
    "teenagers": [("group", "young_people")], "youth": [("group", "young_people")],
    "grief": [("topic", "bereavement")], "grieving": [("topic", "bereavement")], "died": [("topic", "bereavement")],
    "death": [("topic", "bereavement")], "loss": [("topic", "bereavement")],
    "depressed": [("topic", "depression")], "low": [("topic", "depression")],
    "anxious": [("topic", "anxiety")], "worry": [("topic", "anxiety")], "panic": [("topic", "anxiety")],
    "selfharm": [("topic", "self_harm")], "cutting": [("topic", "self_harm")],
    "alcohol": [("topic", "addictions")], "drugs": [("topic", "addictions")], "drinking": [("topic", "addictions")],
    "addiction": [("topic", "addictions")], "gambling": [("topic", "gambling")],
    "debt": [("topic", "money")], "money": [("topic", "money")],
    "abuse": [("topic", "domestic_abuse"), ("topic", "childhood_abuse")], "dv": [("topic", "domestic_abuse")],
    "rape": [("topic", "sexual_violence")], "assault": [("topic", "sexual_violence")],
    "eating": [("topic", "eating_disorders")], "anorexia": [("topic", "eating_disorders")],
    "bulimia": [("topic", "eating_disorders")],
    "ptsd": [("topic", "trauma")], "autism": [("topic", "neurodivergence")], "adhd": [("topic", "neurodivergence")],
    "lonely": [("topic", "loneliness")], "isolated": [("topic", "loneliness")],
    "pregnant": [("topic", "perinatal")], "postnatal": [("topic", "perinatal")], "baby": [("topic", "perinatal")],
    "veteran": [("group", "veterans")], "military": [("group", "veterans")],
    "deaf": [("group", "deaf"), ("access", "bsl")], "bsl": [("access", "bsl"), ("language", "bsl")],
    "text": [("channel", "sms")], "texting": [("channel", "sms")], "chat": [("channel", "webchat")],
    "phone": [("channel", "phone")], "call": [("channel", "phone")], "helpline": [("kind", "helpline")],
    "app": [("kind", "app")], "nhs": [("cost", "free_via_nhs")], "free": [("cost", "free")],
}
TOKEN = re.compile(r"[a-z0-9]+")
SHORTEST_WORD = 2
SHORTEST_NUMBER = 3


def fold(value: str) -> str:
    """Lower case without accents, so 'Cymraeg' and 'Ní' match as typed on any keyboard."""
    return "".join(c for c in unicodedata.normalize("NFKD", value.casefold()) if not unicodedata.combining(c))


def tokens(value: str) -> list[str]:
    """The words of a text that can be searched for: 'LGBTQ+ people' -> ['lgbtq', 'people']."""
    return [t for t in TOKEN.findall(fold(value.replace("-", ""))) + TOKEN.findall(fold(value))
            if t not in STOP_WORDS and (len(t) >= SHORTEST_NUMBER if t.isdigit() else len(t) >= SHORTEST_WORD)]


def phone_tokens(entry: dict) -> list[str]:
    """Each phone, text and WhatsApp number as digits only, in the national form people dial."""
    out = []
    for contact in entry["contacts"]:
        if contact["channel"] in ("phone", "sms", "textphone", "whatsapp") and not contact["value"].startswith("http"):
            digits = re.sub(r"\D", "", phones.display(contact["value"], contact.get("country", "GB")))
            if len(digits) >= SHORTEST_NUMBER:
                out.append(digits)
    return out


def entry_tokens(entry: dict) -> list[str]:
    """Words a resource is found by directly: its name, its provider and its numbers."""
    words = tokens(entry["name"]) + tokens(entry["provider"]["name"]) + phone_tokens(entry)
    return list(dict.fromkeys(words))


def value_words(filter_labels: dict[str, dict[str, str]]) -> dict[str, list[tuple[str, str]]]:
    """word -> the filter values it finds: each value's label and key, plus SYNONYMS."""
    out: dict[str, list[tuple[str, str]]] = {}
    for key, values in filter_labels.items():
        if key in ("open", "evaluation", "rated", "cost", "age"):
            continue  # judgements, times and age bands (which any all-ages service is in), not what a resource is about
        for value, name in values.items():
            for word in tokens(name) + tokens(value.replace("_", " ")):
                out.setdefault(word, [])
                if (key, value) not in out[word]:
                    out[word].append((key, value))
    for word, pairs in SYNONYMS.items():
        out.setdefault(word, [])
        out[word] += [pair for pair in pairs if pair not in out[word]]
    return out
