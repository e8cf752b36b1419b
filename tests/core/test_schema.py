"""The JSON Schema editors use: shipped in questions/, equal to `quizapp schema`, valid draft-07,
and in agreement with the banks the loader accepts."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from quizapp.cli import run
from quizapp.core.schema import bank_schema, schema_json
from quizapp.paths import bundled_questions_dir

PROJECT = Path(__file__).resolve().parents[2]
SCHEMA_FILE = PROJECT / "questions" / "bank.schema.json"
VALID_BANK = Path(__file__).parent / "data" / "valid_bank.yaml"
BANK_FILES = sorted(bundled_questions_dir().rglob("*.yaml"))


def safe_load(path: Path) -> Any:
    """The raw data, as other YAML tools see it. libyaml (CSafeLoader), like the app's reader and
    YAML 1.2 editors, accepts a '?' inside a flow-style plain text ("{en: Why?, tr: …}"); the
    pure-Python SafeLoader does not (a known divergence, RELIABILITY.md Y10)."""
    return yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)


def validator() -> jsonschema.Draft7Validator:
    return jsonschema.Draft7Validator(json.loads(SCHEMA_FILE.read_text(encoding="utf-8")))


def test_shipped_schema_equals_quizapp_schema(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["schema"]) == 0
    printed = capsys.readouterr().out
    assert printed == SCHEMA_FILE.read_text(encoding="utf-8"), (
        "questions/bank.schema.json is stale: run `python -m quizapp schema > questions/bank.schema.json`"
    )
    assert printed == schema_json()
    assert json.loads(printed) == bank_schema()


def test_schema_is_valid_draft7() -> None:
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    jsonschema.Draft7Validator.check_schema(schema)
    assert schema["$schema"] == "http://json-schema.org/draft-07/schema#"


def test_there_are_bank_files() -> None:
    assert any(p.name == "bank.yaml" for p in BANK_FILES)


@pytest.mark.parametrize(
    "path", [VALID_BANK, *BANK_FILES], ids=lambda p: p.relative_to(p.parents[1]).as_posix()
)
def test_bank_file_validates_against_schema(path: Path) -> None:
    data = safe_load(path)
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator().iter_errors(data)]
    assert errors == []


def loaded_valid_bank() -> dict[str, Any]:
    data = safe_load(VALID_BANK)
    assert isinstance(data, dict)
    return data


def test_schema_rejects_what_the_loader_rejects() -> None:
    check = validator()
    data = loaded_valid_bank()
    data["questions"][0]["difficulty"] = 4
    data["questions"][1]["colour"] = "red"
    data["questions"][2]["answer"] = "No"
    data["bank"]["source_language"] = "de"
    data["questions"][3]["prompt"]["de"] = "Was?"
    paths = sorted(tuple(e.absolute_path) for e in check.iter_errors(data))
    assert ("bank", "source_language") in paths
    assert ("questions", 0) in paths or ("questions", 0, "difficulty") in paths
    assert len({p[:2] for p in paths if p[0] == "questions"}) == 4
    assert not check.is_valid({"format": 2})
    assert not check.is_valid({"bank": data["bank"]})  # format is required


@pytest.mark.parametrize(
    ("source", "valid"),
    [
        ({"document": "atlas", "section": "asia"}, True),
        ([{"document": "atlas", "section": "asia"}, {"document": "atlas", "section": "europe"}], True),
        ([], False),
        ([{"document": "atlas", "section": "asia"}, {"document": "atlas", "section": "asia"}], False),
        ("atlas", False),
        ([{"document": "atlas"}], False),
    ],
    ids=["one mapping", "a list", "empty list", "duplicate", "text", "no section"],
)
def test_schema_source_is_one_reference_or_a_list(source: Any, valid: bool) -> None:
    data = loaded_valid_bank()
    data["questions"][0]["source"] = source
    assert validator().is_valid(data) is valid


@pytest.mark.parametrize(
    ("retired", "valid"),
    [(["q-old"], True), ([], True), (["q-old", "q-old"], False), (["Q Old"], False), ("q-old", False)],
    ids=["one", "none", "duplicate", "not an id", "not a list"],
)
def test_schema_retired_is_a_list_of_unique_ids(retired: Any, valid: bool) -> None:
    data = loaded_valid_bank()
    data["bank"]["retired"] = retired
    assert validator().is_valid(data) is valid
