"""Phone numbers: checked with libphonenumber, including its short-number tables.

116 123, 111 and 85258 are not "valid numbers" to libphonenumber but are valid short
numbers, so both tables are consulted. UK numbers are written as the service writes
them; other countries' numbers in E.164 (+353...) or as short numbers with a country.
"""
from __future__ import annotations

import re

import phonenumbers
from phonenumbers import shortnumberinfo

E164 = re.compile(r"^\+[1-9][0-9]{6,14}$")
WRITTEN = re.compile(r"^\+?[0-9][0-9 ]*[0-9]$")


RELAY_PREFIXES = ("18001 ", "18002 ")


def without_relay_prefix(value: str) -> str:
    """Relay UK numbers are written '18001 0800 ...': the prefix routes the call through Relay UK."""
    for prefix in RELAY_PREFIXES:
        if value.startswith(prefix):
            return value[len(prefix):]
    return value


def problem(value: str, country: str = "GB") -> str | None:
    """None when the number is dialable as written; otherwise what is wrong."""
    if not WRITTEN.match(value):
        return "use digits and spaces only (no brackets, dashes or letters)"
    if value.startswith("+"):
        if not E164.match(value):
            return "write international numbers in E.164 form with no spaces, e.g. +35318727700"
        try:
            number = phonenumbers.parse(value, None)
        except phonenumbers.NumberParseException:
            return "not a phone number libphonenumber can read"
        return None if phonenumbers.is_valid_number(number) else "not a valid number for its country code"
    if is_short(value, country):
        return None
    try:
        number = phonenumbers.parse(value, country)
    except phonenumbers.NumberParseException:
        return f"not a phone number for {country}"
    if phonenumbers.is_valid_number(number):
        return None
    return f"not a valid {country} phone number or short number"


def is_short(value: str, country: str = "GB") -> bool:
    digits = value.replace(" ", "")
    if digits.startswith("+") or len(digits) > 6:
        return False
    try:
        number = phonenumbers.parse(digits, country)
    except phonenumbers.NumberParseException:
        return False
    return shortnumberinfo.is_valid_short_number_for_region(number, country)


def tel_uri(value: str, country: str = "GB") -> str:
    """The href for a tap-to-call link: short numbers as dialled, others in E.164."""
    digits = value.replace(" ", "")
    if digits.startswith("+") or is_short(value, country):
        return f"tel:{digits}"
    number = phonenumbers.parse(digits, country)
    return "tel:" + phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def display(value: str, country: str = "GB") -> str:
    """How a number is shown: UK numbers as written; E.164 numbers in international format."""
    if value.startswith("+"):
        number = phonenumbers.parse(value, None)
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
    return value
