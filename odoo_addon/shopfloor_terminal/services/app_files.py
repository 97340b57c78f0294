# Copyright 2026 Shopfloor Terminal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Which file of the built terminal app (static/app/) answers a path.

The app is a single-page PWA: a path that names no file and has no
extension is a client-side route and gets index.html; a missing asset
(with an extension) is a 404. index.html and the service worker must be
revalidated on every load so an update reaches the tablets; the hashed
assets Vite emits under assets/ never change and are cached for a year;
everything else (index.html, sw.js, the manifest, icons) is revalidated.
"""

import os

APP_DIR = os.path.join(
    os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "static", "app"
)
INDEX = "index.html"
# Vite writes content-hashed file names only under assets/.
HASHED_FOLDER = "assets"

MIMETYPES = {
    ".html": "text/html; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".mjs": "text/javascript; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".json": "application/json; charset=utf-8",
    ".webmanifest": "application/manifest+json; charset=utf-8",
    ".map": "application/json; charset=utf-8",
    ".png": "image/png",
    ".svg": "image/svg+xml",
    ".ico": "image/x-icon",
    ".webp": "image/webp",
    ".woff2": "font/woff2",
    ".woff": "font/woff",
    ".txt": "text/plain; charset=utf-8",
    ".wasm": "application/wasm",
}


def app_is_built():
    return os.path.isfile(os.path.join(APP_DIR, INDEX))


def resolve(path):
    """(absolute file path, cache-control) for ``path``, or (None, None).

    ``path`` is relative to /shopfloor_terminal/app/. Anything that would
    leave the app folder is refused.
    """
    relative = (path or "").lstrip("/")
    parts = [part for part in relative.split("/") if part]
    if any(part in (".", "..") or part.startswith(".") for part in parts):
        return None, None
    candidate = (
        os.path.normpath(os.path.join(APP_DIR, *parts))
        if parts
        else os.path.join(APP_DIR, INDEX)
    )
    if not (candidate == APP_DIR or candidate.startswith(APP_DIR + os.sep)):
        return None, None
    if os.path.isdir(candidate):
        candidate = os.path.join(candidate, INDEX)
    if not os.path.isfile(candidate):
        if parts and "." in parts[-1]:
            return None, None  # a missing asset, not a route
        candidate = os.path.join(APP_DIR, INDEX)  # client-side route
        if not os.path.isfile(candidate):
            return None, None
    return candidate, cache_control(candidate)


def cache_control(file_path):
    if file_path.startswith(os.path.join(APP_DIR, HASHED_FOLDER) + os.sep):
        return "public, max-age=31536000, immutable"
    return "no-cache"


def mimetype(file_path):
    return MIMETYPES.get(
        os.path.splitext(file_path)[1].lower(), "application/octet-stream"
    )


def etag(file_path):
    stat = os.stat(file_path)
    return f"{int(stat.st_mtime_ns)}-{stat.st_size}"
