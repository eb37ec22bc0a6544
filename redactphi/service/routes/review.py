"""GET /review: the review page, its one script, its stylesheet and the bundled sample note.

The files ship inside the package (``redactphi/service/review/``); nothing is built or fetched
at run time. They hold no data, so they need no API key: the page asks for one when the API
does. Every response forbids caching and, through the CSP, any other origin, inline script
and inline style.
"""

from __future__ import annotations

from functools import cache
from importlib import resources

from fastapi import APIRouter
from fastapi.responses import Response

router = APIRouter(include_in_schema=False)

CONTENT_SECURITY_POLICY = (
    "default-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'; "
    "object-src 'none'"
)
HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "Cache-Control": "no-store",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), interest-cohort=()",
}
# URL path -> (file under redactphi/, media type): a fixed table, so no request names a file.
ASSETS = {
    "/review": ("service/review/index.html", "text/html; charset=utf-8"),
    "/review/review.js": ("service/review/review.js", "text/javascript; charset=utf-8"),
    "/review/review.css": ("service/review/review.css", "text/css; charset=utf-8"),
    "/review/icon.svg": ("service/review/icon.svg", "image/svg+xml"),
    "/review/sample.txt": ("samples/op_note_0489T.txt", "text/plain; charset=utf-8"),
}


@cache
def read_asset(relative: str) -> bytes:
    return resources.files("redactphi").joinpath(*relative.split("/")).read_bytes()


def _route(path: str) -> None:
    relative, media_type = ASSETS[path]

    async def serve() -> Response:
        return Response(read_asset(relative), media_type=media_type, headers=HEADERS)

    router.add_api_route(path, serve, methods=["GET", "HEAD"], name=f"review {path}")


for _path in ASSETS:
    _route(_path)
