# Copyright 2026 Shopfloor Terminal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Serving the built terminal app (static/app/) at /shopfloor_terminal/app/.

The app is a single-page PWA: a path that names no file and has no
extension is a client-side route and gets index.html; a missing asset
(with an extension) is a 404. Files go out through Odoo's
:class:`odoo.http.Stream` (MIME type, ETag, conditional and range
requests), as Odoo serves its own static files. index.html and the service
worker must be revalidated on every load so an update reaches the tablets;
the hashed assets Vite emits under assets/ never change and are cached for
a year; everything else (index.html, sw.js, the manifest, icons) is
revalidated.
"""

import os

from odoo.http import Stream

APP_DIR = os.path.join(
    os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "static", "app"
)
INDEX = "index.html"
# Vite writes content-hashed file names only under assets/.
HASHED_FOLDER = "assets"


def app_is_built():
    return os.path.isfile(os.path.join(APP_DIR, INDEX))


def response(path):
    """The response serving ``path`` of the app, or None when it has no such file."""
    file_path = resolve(path)
    if not file_path:
        return None
    # public: the app is the same for everyone, so a proxy may keep the
    # hashed assets too (the others carry no max-age and are revalidated)
    return Stream.from_path(file_path, public=True).get_response(
        immutable=is_hashed(file_path),
        # Odoo's default policy (default-src 'none') is for downloads: it
        # would stop index.html's scripts and the service worker's fetches
        content_security_policy=None,
    )


def resolve(path):
    """The absolute path of the file answering ``path``, or None.

    ``path`` is relative to /shopfloor_terminal/app/. Anything that would
    leave the app folder is refused.
    """
    relative = (path or "").lstrip("/")
    parts = [part for part in relative.split("/") if part]
    if any(part in (".", "..") or part.startswith(".") for part in parts):
        return None
    candidate = (
        os.path.normpath(os.path.join(APP_DIR, *parts))
        if parts
        else os.path.join(APP_DIR, INDEX)
    )
    if not (candidate == APP_DIR or candidate.startswith(APP_DIR + os.sep)):
        return None
    if os.path.isdir(candidate):
        candidate = os.path.join(candidate, INDEX)
    if not os.path.isfile(candidate):
        if parts and "." in parts[-1]:
            return None  # a missing asset, not a route
        candidate = os.path.join(APP_DIR, INDEX)  # client-side route
        if not os.path.isfile(candidate):
            return None
    return candidate


def is_hashed(file_path):
    return file_path.startswith(os.path.join(APP_DIR, HASHED_FOLDER) + os.sep)
