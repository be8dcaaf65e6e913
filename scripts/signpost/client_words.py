"""The client's voice: how a caution reads to someone about to use a service.

The schema's harm labels are a practitioner's vocabulary ("Unmoderated content"); a client
reads what the caution means for them, in words that stay true for every entry of that type
(a forum whose posts appear before a moderator sees them is not "unmoderated").
Declared once here; resource pages and the client page both read it.
"""
from __future__ import annotations

# harm type -> (heading a client reads, one plain sentence on what to do about it)
CAUTIONS = {
    "unmoderated_content": ("Posts are not always checked before others see them",
                            "You may read something upsetting. You can leave, mute or report a post at any time."),
    "self_harm_exposure": ("Other people may write about self-harm",
                           "If reading about it could make things harder for you, take care or choose another service."),
    "ai_chatbot": ("Some replies come from a computer program, not a person",
                   "It cannot help in an emergency. If you are in danger, use urgent help."),
    "data_sharing": ("What you tell it may be shared",
                     "Think about what you write, and read its privacy page before you sign up."),
    "not_for_crisis": ("Not for a crisis",
                       "If you are in danger or might act on thoughts of ending your life, use urgent help instead."),
    "upselling": ("You may be asked to pay",
                  "Some parts cost money. You do not have to pay to use the free parts."),
    "other": ("Good to know", ""),
}
# How loudly a caution is shown: high is explained in a box, medium is a plain paragraph, low a quiet line.
PROMINENCE = {"high": "box", "medium": "plain", "low": "quiet"}


def caution(harm: dict) -> dict:
    heading, advice = CAUTIONS[harm["type"]]
    return {"heading": heading, "advice": advice, "severity": harm["severity"], "prominence": PROMINENCE[harm["severity"]],
            "note": harm["note"]}
