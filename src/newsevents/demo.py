"""``newsevents demo``: the whole pipeline on the built-in sample articles."""
from __future__ import annotations

from collections import Counter
from importlib import resources
from pathlib import Path
from typing import Callable

from .cli import table
from .ingest import _ingest_one, Summary
from .sources import read_path
from .store import Store

# The republished copy has no date of its own; the desk knows when it was scraped.
PUBLISHED = {"republished.txt": "2022-02-08"}
SAMPLE_FILES = ("wire.jsonl", "republished.txt", "page.html")


def sample_dir() -> Path:
    return Path(str(resources.files("newsevents").joinpath("samples")))


def run_demo(*, db: str = ":memory:", echo: Callable[[str], None] = print) -> Summary:
    from .core import parse_date

    summary = Summary()
    with Store(db) as store:
        for name in SAMPLE_FILES:
            for raw in read_path(str(sample_dir() / name)):
                _ingest_one(store, raw, parse_date(PUBLISHED.get(name)), summary)
        echo(f"newsevents demo: {summary.render()}\n")
        for row in store.conn.execute("SELECT doc_json FROM documents ORDER BY rowid"):
            import json

            doc = json.loads(row[0])
            kinds = Counter(r["kind"] for r in doc["repairs"])
            echo(f"● {Path(doc['input']['path']).name}  {doc['title'] or '(untitled)'}")
            echo(f"  published {doc['published']}  outlet {doc['outlet']}  original source {doc['original_source']}")
            echo(f"  {len(doc['sentences'])} sentences, {len(doc['entities'])} entities, {len(doc['quotes'])} quotes,"
                 f" {len(doc['timexes'])} time expressions, {len(doc['events'])} events")
            if kinds:
                echo("  repairs: " + ", ".join(f"{k} ×{n}" for k, n in sorted(kinds.items())))
            echo("")
        echo("Quotes")
        echo(table(store.quotes(limit=50), max_width=50))
        echo("Events")
        rows = store.events(limit=50)
        keep = ("date", "source_name", "source_country", "cameo", "plover_type", "target_country", "modality", "trigger_text")
        echo(table([{k: r[k] for k in keep} for r in rows], max_width=40))
    return summary
