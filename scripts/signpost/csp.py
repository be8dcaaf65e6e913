"""A Content-Security-Policy for each page, as a <meta> tag.

Material inlines small scripts whose text varies with the page's depth, so the policy
lists the SHA-256 of each inline script on the page rather than allowing inline code.
Pagefind's search runs WebAssembly, hence 'wasm-unsafe-eval'.
"""
from __future__ import annotations

import base64
import hashlib
import re

INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>(.*?)</script>", re.DOTALL | re.IGNORECASE)
BASE = {
    "default-src": "'self'",
    "img-src": "'self' data:",
    "style-src": "'self' 'unsafe-inline'",
    "connect-src": "'self'",
    "font-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'self'",
    "form-action": "'self'",
}


def policy(html: str) -> str:
    hashes = sorted({"'sha256-" + base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode() + "'"
                     for body in INLINE_SCRIPT.findall(html)})
    directives = dict(BASE)
    directives["script-src"] = " ".join(["'self'", "'wasm-unsafe-eval'", *hashes])
    return "; ".join(f"{name} {value}" for name, value in directives.items())


def add_policy(html: str) -> str:
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy(html)}">'
    return re.sub(r"<head>", "<head>\n    " + meta, html, count=1)
