"""The site's security headers: one Content-Security-Policy for every page, and the rest a host sends.

The theme's inline scripts are switched off in docs/overrides, so the policy allows scripts
only from the site itself: no hashes, no 'unsafe-inline'; styles only from the site's stylesheets.

Pagefind compiles its WebAssembly inside a Worker. A page's <meta> policy does not reach a
worker, but a host's header policy does, so the header policy adds 'wasm-unsafe-eval' (it
allows compiling WebAssembly, never eval of JavaScript). A page gets both policies and the
browser enforces both, so pages themselves still cannot compile WebAssembly; measured in
Chromium: search works under the meta policy alone and under both, and fails under a header
policy without 'wasm-unsafe-eval'.
"""
from __future__ import annotations

import re

DIRECTIVES = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self' data:",
    "connect-src": "'self'",
    "font-src": "'self'",
    "worker-src": "'self'",
    "manifest-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'self'",
    "form-action": "'self'",
}
# Only a response header can forbid framing (a <meta> policy ignores frame-ancestors), and only
# the header policy reaches Pagefind's worker.
HEADER_ONLY = {"script-src": "'self' 'wasm-unsafe-eval'", "frame-ancestors": "'none'"}
HEADERS = {
    "Referrer-Policy": "no-referrer",
    "X-Content-Type-Options": "nosniff",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
    "Cross-Origin-Opener-Policy": "same-origin",
}
# Inline <script> elements that carry data, not code: the browser never runs them.
DATA_TYPES = {"application/json", "application/ld+json"}
INLINE_SCRIPT = re.compile(r"<script(?P<attrs>(?![^>]*\bsrc=)[^>]*)>(?P<body>.*?)</script>", re.DOTALL | re.IGNORECASE)
SCRIPT_TYPE = re.compile(r"""\btype\s*=\s*["']?([^"'\s>]+)""", re.IGNORECASE)


def policy(header: bool = False) -> str:
    directives = {**DIRECTIVES, **(HEADER_ONLY if header else {})}
    return "; ".join(f"{name} {value}" for name, value in directives.items())


def inline_code(html: str) -> list[str]:
    """Inline scripts that would run: the build refuses any, since the policy allows none."""
    found = []
    for match in INLINE_SCRIPT.finditer(html):
        kind = SCRIPT_TYPE.search(match.group("attrs"))
        if not kind or kind.group(1).lower() not in DATA_TYPES:
            found.append(match.group("body").strip()[:80])
    return found


def inline_script_problems(html: str, where: str) -> list[str]:
    """The build's message for each inline script that would run in `html` (a page or a body)."""
    return [f"{where}: an inline script the site does not ship ({code!r}); scripts belong in docs/assets, which the policy allows"
            for code in inline_code(html)]


def add_policy(html: str) -> str:
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy()}">'
    return re.sub(r"<head>", "<head>\n    " + meta, html, count=1)


def headers_file() -> str:
    """Response headers for every path, in the _headers format of Netlify and Cloudflare Pages."""
    lines = ["/*", f"  Content-Security-Policy: {policy(header=True)}"]
    lines += [f"  {name}: {value}" for name, value in HEADERS.items()]
    return "\n".join(lines) + "\n"
