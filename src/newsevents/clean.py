"""Cleaning and repair of scraped, republished and machine-translated text (stub)."""
from __future__ import annotations

from dataclasses import dataclass

from .model import Repair


@dataclass(frozen=True)
class Cleaned:
    text: str
    repairs: tuple[Repair, ...] = ()
    original_source: str | None = None


def clean(raw: str) -> Cleaned:
    return Cleaned(raw.replace("\r\n", "\n").strip())
