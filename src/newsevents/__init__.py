"""newsevents: who said and did what to whom, when — from raw news, with provenance."""
from __future__ import annotations

__version__ = "0.1.0"

from .model import Document  # noqa: E402


def extract(text_or_html: str, **kwargs):  # pragma: no cover - replaced below
    from .core import extract as _extract

    return _extract(text_or_html, **kwargs)


def __getattr__(name: str):
    if name == "Store":
        from .store import Store

        return Store
    raise AttributeError(name)


__all__ = ["Document", "extract", "Store", "__version__"]
