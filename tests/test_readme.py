"""The README stays true: commands, error codes, repair kinds and schema keys."""
from __future__ import annotations

import re
from pathlib import Path


from newsevents.cli import main
from newsevents.errors import E

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def test_every_cli_command_is_documented_and_exists():
    documented = set(re.findall(r"`newsevents (\w+)", README))
    assert documented == set(main.commands)


def test_error_catalogue_matches():
    documented = set(re.findall(r"^\| (E\d{3}) \|", README, re.M))
    assert documented == {e.name for e in E}


def test_repair_kinds_are_documented():
    import inspect

    from newsevents import clean

    produced = set(re.findall(r'_Edit\([^()]*(?:\([^()]*\)[^()]*)*"([a-z_]+)"\)', inspect.getsource(clean)))
    documented = set(re.findall(r"^\| `([a-z_]+)` \|", README, re.M))
    assert len(produced) >= 10 and produced <= documented, produced - documented


def test_two_commands_and_ci():
    blocks = re.findall(r"```sh\n(.*?)\n```", README, re.S)
    assert len(blocks) >= 2 and "newsevents demo" in blocks[0] and "pytest" in blocks[1]
    ci = (Path(__file__).resolve().parents[1] / ".ci" / "run").read_text(encoding="utf-8")
    assert blocks[1] in ci


def test_schema_keys_match_document_json():
    from newsevents.model import Document

    keys = set(Document(id="x", text="t").to_json())
    block = README.split("## Document JSON")[1].split("```")[1]
    top_level = {k for k in re.findall(r'"(\w+)":', block)} | set(re.findall(r'^ "(\w+)":', block, re.M))
    missing = {k for k in keys if f'"{k}"' not in block}
    assert not missing, missing
    assert {"schema", "repairs", "events"} <= top_level
