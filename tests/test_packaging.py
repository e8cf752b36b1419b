"""The wheel carries everything the app needs: questions, the schema and compiled catalogs, found
through quizapp.paths without the source checkout (issue 2: "found ... from an installed wheel")."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parents[1]
LANGUAGES = ("tr", "en", "kk")

PROBE = """
import json, quizapp, quizapp.paths as p
print(json.dumps({
    "package": quizapp.__file__,
    "questions": str(p.bundled_questions_dir()),
    "locales": str(p.bundled_locales_dir()),
}))
"""


@pytest.fixture(scope="module")
def unpacked_wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(out), str(PROJECT)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    (wheel,) = out.glob("quizapp-*.whl")
    target = tmp_path_factory.mktemp("site")
    with zipfile.ZipFile(wheel) as archive:
        archive.extractall(target)
    return target


def run_outside_checkout(site: Path, cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    env["PYTHONPATH"] = str(site)  # ahead of site-packages, where the editable install points home
    return subprocess.run(
        [sys.executable, *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=120
    )


@pytest.mark.slow
def test_wheel_finds_its_resources(unpacked_wheel: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    result = run_outside_checkout(unpacked_wheel, elsewhere, "-c", PROBE)
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout)
    package = unpacked_wheel / "quizapp"
    assert Path(found["package"]).parent == package, "the checkout was imported, not the wheel"
    questions, locales = Path(found["questions"]), Path(found["locales"])
    assert questions == package / "questions"
    assert locales == package / "locales"
    assert (questions / "README.md").is_file()
    assert (questions / "bank.schema.json").read_bytes() == (
        PROJECT / "questions/bank.schema.json"
    ).read_bytes()
    shipped = sorted(p.relative_to(questions) for p in questions.rglob("*.yaml"))
    in_checkout = sorted(
        p.relative_to(PROJECT / "questions") for p in (PROJECT / "questions").rglob("*.yaml")
    )
    assert shipped == in_checkout

    for language in LANGUAGES:
        if (PROJECT / "locales" / language / "LC_MESSAGES" / "quizapp.po").is_file():
            mo = locales / language / "LC_MESSAGES" / "quizapp.mo"
            assert mo.is_file(), f"no compiled catalog for {language}"
            assert mo.read_bytes()[:4] in (b"\xde\x12\x04\x95", b"\x95\x04\x12\xde")  # gettext magic

    question_files = [p for p in questions.rglob("*.yaml") if p.name != "bank.yaml"]
    if not question_files:
        pytest.skip("the bundled bank has no questions yet (issue 3)")
    validate = run_outside_checkout(unpacked_wheel, elsewhere, "-m", "quizapp", "validate")
    assert validate.returncode == 0, validate.stdout + validate.stderr
    assert re.search(r"^[0-9]+ banks?, [1-9][0-9]* questions: 0 errors", validate.stdout, re.M), (
        validate.stdout
    )
