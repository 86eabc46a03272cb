"""The Desk: a REST API and a web dashboard over a newsevents store (``newsevents serve``)."""
from __future__ import annotations

from .app import create_app, serve

__all__ = ["create_app", "serve"]
