"""A sentence read as irony ("Brilliant.", "as usual 🙃", "But sure, inclusive employer."): its
praise does not count for the session, and it says no gain."""

from __future__ import annotations

import re

SARCASM = re.compile(
    r"🙃|🙄|\b(as usual|what a surprise|shows how seriously|but sure|sure,|yeah right|"
    r"of course he|of course she)\b|^(brilliant|great|lovely|perfect|fantastic)\.$",
    re.I,
)
