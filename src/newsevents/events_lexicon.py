"""Code tables and lexicons for the events coder, loaded once from ``data/``.

CAMEO codes are always strings (``"046"``, ``"0874"``): the leading zero is part
of the code.  Everything here is read-only after the first load.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Iterable

from .model import Plover

PLOVER_TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)
# Types that are mutual by nature: a compound subject without a target becomes pairwise dyads.
SYMMETRIC_TYPES = frozenset({"CONSULT", "AGREE", "COOPERATE", "SUPPORT"})


@dataclass(frozen=True)
class CameoCode:
    code: str
    name: str
    goldstein: float
    quad_class: int

    @property
    def root(self) -> str:
        return self.code[:2]


@dataclass(frozen=True)
class VerbRule:
    lemma: str
    code: str
    kind: str  # "" | prt | prep | obj | noobj
    values: frozenset[str]
    also: tuple[tuple[str, frozenset[str]], ...] = ()  # further conditions ("prt:off&obj:strike")


def _lines(name: str) -> Iterable[list[str]]:
    text = resources.files("newsevents.data").joinpath(name).read_text(encoding="utf-8")
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        yield line.split("\t")


def _json(name: str) -> dict:
    return json.loads(resources.files("newsevents.data").joinpath(name).read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def cameo_table() -> dict[str, CameoCode]:
    out = {}
    for row in _lines("cameo.tsv"):
        if row[0] == "code":
            continue
        out[row[0]] = CameoCode(row[0], row[1], float(row[2]), int(row[3]))
    return out


@lru_cache(maxsize=1)
def plover_table() -> dict[str, Plover]:
    """CAMEO code → PLOVER (first row wins for codes listed twice, e.g. ``08``)."""
    out: dict[str, Plover] = {}
    for name in ("plover.tsv", "event_plover_extra.tsv"):
        for row in _lines(name):
            if row[0] == "cameo" or row[0] in out:
                continue
            row = row + ["", "", ""]
            out[row[0]] = Plover(row[1], row[2].strip() or None, row[3].strip() or None)
    return out


def plover_for(code: str) -> Plover | None:
    """PLOVER type for a code, falling back to its parents (``0256`` → ``025`` → ``02``)."""
    table = plover_table()
    for n in range(len(code), 1, -1):
        hit = table.get(code[:n])
        if hit is not None:
            return hit
    return None


def cameo(code: str) -> CameoCode:
    return cameo_table()[code]


@lru_cache(maxsize=1)
def verb_rules() -> dict[str, tuple[VerbRule, ...]]:
    rules: dict[str, list[VerbRule]] = {}
    for row in _lines("event_verbs.tsv"):
        conds = []
        for cond in (row[2].strip() if len(row) > 2 else "").split("&"):
            kind, _, vals = cond.partition(":")
            conds.append((kind, frozenset(vals.split("|")) if vals else frozenset()))
        (kind, vals), also = conds[0], tuple(conds[1:])
        rules.setdefault(row[0], []).append(VerbRule(row[0], row[1], kind, vals, also))
    # Conditioned rules first, the most conditioned first: ``call off`` + strike beats ``call off``.
    return {k: tuple(sorted(v, key=lambda r: (r.kind == "", -len(r.also)))) for k, v in rules.items()}


@lru_cache(maxsize=1)
def noun_codes() -> dict[str, str]:
    return {row[0].lower(): row[1] for row in _lines("event_nouns.tsv")}


@lru_cache(maxsize=1)
def frames() -> dict:
    data = _json("event_frames.json")
    return {k: (frozenset(v) if isinstance(v, list) else v) for k, v in data.items() if not k.startswith("_")}


@lru_cache(maxsize=1)
def _transforms() -> dict[str, dict[str, str]]:
    return {k: v for k, v in _json("event_transforms.json").items() if not k.startswith("_")}


def transform(code: str, how: str) -> str:
    """Re-code an event governed by a frame verb (``agree`` + talks → ``036``)."""
    table = _transforms()[how]
    for n in range(len(code), 1, -1):
        hit = table.get(code[:n])
        if hit is not None:
            break
    else:
        hit = table["*"]
    if hit == "keep":
        return code
    if hit == "threat":
        return transform(code, "threat")
    return hit


@dataclass(frozen=True)
class ActorEntry:
    country: str
    sector: str | None
