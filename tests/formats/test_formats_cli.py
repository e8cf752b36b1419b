"""``quizapp import`` and ``quizapp export`` as a teacher runs them: messages, exit codes, files."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from quizapp.cli import run
from quizapp.paths import bundled_questions_dir

DATA = Path(__file__).parent / "data"
BUNDLED = bundled_questions_dir() / "kazakhstan-foreign-policy"
PROBLEM_LINE = re.compile(r"^(.+):(\d+):(\d+): (error|warning): (.+)$")
TEACHER_FILES = ["tarih.gift", "kazakh.gift", "moodle-trilingual.xml", "sinav-aiken.txt", "soru-bankasi.csv"]


@pytest.mark.parametrize("name", TEACHER_FILES)
def test_what_import_writes_passes_validate(
    tmp_path: Path, name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """Whatever the file held, the written bank validates (missing translations are warnings)."""
    out = tmp_path / "bank"
    code = run(["import", str(DATA / name), "-o", str(out)])
    _out, err = capsys.readouterr()
    assert code in (0, 1), err
    assert (out / "bank.yaml").is_file()
    assert run(["validate", str(out)]) == 0
    validated, summary = capsys.readouterr()
    assert ": 0 errors" in validated + summary
    assert ": error:" not in validated


def test_problems_print_like_validate_and_summary_counts(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "quiz.gift"
    source.write_text(
        "::Deneme:: Kısa bir deneme yazın. {}\n\n::Başkent::Kazakistan'ın başkenti?{=Astana ~Almatı}\n\n"
        "::Bozuk::Kapanmayan {=a ~b\n",
        encoding="utf-8",
    )
    code = run(["import", str(source), "--lang", "tr", "-o", str(tmp_path / "out.yaml")])
    _out, err = capsys.readouterr()
    assert code == 1
    lines = err.splitlines()
    assert all(PROBLEM_LINE.match(line) for line in lines[:-1]), lines
    assert f"{source}:1:1: warning: skipped essay: quizapp cannot ask essay questions" in lines
    assert f"{source}:5:21: error: the answers opened here with '{{' are not closed with '}}'" in lines
    assert lines[-1].startswith(f"1 imported, 1 skipped: essay at {source}:1; 1 error, ")
    assert lines[-1].endswith(
        f"written to {tmp_path / 'out.yaml'} (quizapp validate: 4 warnings, e.g. missing translations)"
    )


def test_clean_import_exits_0_with_summary_on_stdout(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "sinav.gift"
    source.write_text("Kazakistan'ın başkenti?{=Astana ~Almatı####1997'den beri.}\n", encoding="utf-8")
    assert (
        run(
            [
                "import",
                str(source),
                "--lang",
                "tr",
                "--bank-id",
                "sinav-1",
                "--title",
                "Sınav",
                "-o",
                str(tmp_path / "b.yaml"),
            ]
        )
        == 0
    )
    out, err = capsys.readouterr()
    assert err == ""
    assert out.startswith("1 imported; 0 errors, 0 warnings; written to")
    text = (tmp_path / "b.yaml").read_text(encoding="utf-8")
    assert '  id: sinav-1\n  title: {tr: "Sınav"}\n  source_language: tr\n' in text
    assert f"  # from {source}:1\n  - id: kazakistanin-baskenti\n" in text


def test_usage_errors_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["import", str(tmp_path / "missing.gift"), "-o", str(tmp_path / "o.yaml")]) == 2
    assert "no such file" in capsys.readouterr().err
    source = tmp_path / "notes.txt"
    source.write_text("just some notes\n", encoding="utf-8")
    assert run(["import", str(source), "-o", str(tmp_path / "o.yaml")]) == 2
    assert "cannot tell the format" in capsys.readouterr().err
    assert run(["import", str(DATA / "kazakh.gift")]) == 2  # -o is required
    capsys.readouterr()
    assert (
        run(
            ["import", str(DATA / "kazakh.gift"), "--bank-id", "Benim Bankam", "-o", str(tmp_path / "o.yaml")]
        )
        == 2
    )
    assert "'benim-bankam'" in capsys.readouterr().err
    assert run(["export", str(BUNDLED)]) == 2  # no format and no -o to guess it from
    capsys.readouterr()


def test_existing_output_is_kept_unless_forced(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "bank.yaml"
    out.write_text("mine\n", encoding="utf-8")
    assert run(["import", str(DATA / "kazakh.gift"), "-o", str(out)]) == 2
    assert "exists; use --force" in capsys.readouterr().err
    assert out.read_text(encoding="utf-8") == "mine\n"
    assert run(["import", str(DATA / "kazakh.gift"), "-o", str(out), "--force"]) == 0
    assert len(re.findall(r"^  - id: ", out.read_text(encoding="utf-8"), re.MULTILINE)) == 3
    folder = tmp_path / "folder"
    folder.mkdir()
    (folder / "old-topic.yaml").write_text("format: 1\nquestions: []\n", encoding="utf-8")
    (folder / "notes.md").write_text("kept\n", encoding="utf-8")
    assert run(["import", str(DATA / "kazakh.gift"), "-o", str(folder)]) == 2
    assert run(["import", str(DATA / "kazakh.gift"), "-o", str(folder), "--force"]) == 0
    assert sorted(p.name for p in folder.iterdir()) == ["bank.yaml", "notes.md", "syrtqy-sayasat.yaml"]


def test_several_files_make_one_bank(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "bank"
    code = run(["import", str(DATA / "kazakh.gift"), str(DATA / "moodle-trilingual.xml"), "-o", str(out)])
    assert code == 0, capsys.readouterr().err
    bank_yaml = (out / "bank.yaml").read_text(encoding="utf-8")
    assert "    - id: kazakh.gift\n" in bank_yaml and "    - id: moodle-trilingual.xml\n" in bank_yaml


def test_export_to_stdout_and_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["export", str(BUNDLED), "--to", "gift", "--lang", "kk"]) == 0
    out, err = capsys.readouterr()
    assert out.startswith("// Қазақстанның сыртқы саясаты: exported by quizapp (kk)\n")
    assert "GIFT has no date questions" in err  # lossy mappings are warnings at the question
    assert PROBLEM_LINE.match(err.splitlines()[0])
    target = tmp_path / "bank.csv"
    assert run(["export", str(BUNDLED), "-o", str(target)]) == 0  # format from the extension
    assert target.read_bytes().startswith(b"\xef\xbb\xbfid;kind;topics;")  # BOM for Excel
    assert "questions written to" in capsys.readouterr().err


def test_export_of_a_broken_bank_exits_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("format: 1\nbank: [\n", encoding="utf-8")
    assert run(["export", str(broken), "--to", "moodle-xml"]) == 1
    out, err = capsys.readouterr()
    assert out == "" and f"{broken}:" in err


def test_a_question_the_loader_refuses_is_reported_at_its_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The written bank is checked by the loader itself; what it refuses is traced back."""
    source = tmp_path / "dup.gift"
    source.write_text(
        "::iyi::Başkent?{=Astana ~Almatı}\n\n::ayni::Aynı seçenekler?{=Astana ~astana}\n",
        encoding="utf-8",
    )
    code = run(["import", str(source), "--lang", "tr", "-o", str(tmp_path / "out.yaml")])
    _out, err = capsys.readouterr()
    assert code == 1
    assert (
        f"{source}:3:1: error: not imported: question 'ayni' choice 2: the same text as choice 1 (tr: 'astana')"
        in err
    )
    assert err.splitlines()[-1].startswith("1 imported;")
    assert run(["validate", str(tmp_path / "out.yaml")]) == 0
