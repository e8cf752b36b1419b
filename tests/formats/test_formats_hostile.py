"""Hostile and broken input to ``quizapp import``: located errors, no traceback, nothing written
outside ``-o``."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quizapp.cli import run
from quizapp.formats.importing import import_files

BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<quiz><question type="truefalse"><name><text>q</text></name>
<questiontext format="html"><text>&lol9;</text></questiontext></question></quiz>
"""

TRUEFALSE = (
    '<question type="truefalse"><name><text>q</text></name>'
    '<questiontext format="html"><text>{text}</text></questiontext>'
    '<answer fraction="100"><text>true</text></answer><answer fraction="0"><text>false</text></answer>'
    "</question>"
)


def run_import(
    tmp_path: Path, name: str, data: bytes, capsys: pytest.CaptureFixture[str], *extra: str
) -> tuple[int, str]:
    """Import one file from tmp_path/in into tmp_path/out.yaml; check nothing else was written.

    (The app's own cache directory, which conftest points into tmp_path too, is not counted.)
    """
    inbox = tmp_path / "in"
    inbox.mkdir(exist_ok=True)
    source = inbox / name
    source.write_bytes(data)

    def files() -> set[str]:
        return {
            str(p.relative_to(tmp_path))
            for p in tmp_path.rglob("*")
            if not p.relative_to(tmp_path).parts[0].startswith("quizapp-")
        }

    before = files()
    code = run(["import", str(source), "-o", str(tmp_path / "out.yaml"), *extra])
    _out, err = capsys.readouterr()
    assert files() - before <= {"out.yaml"}, "something was written outside -o"
    assert "Traceback" not in err
    return code, err


def test_billion_laughs_is_refused_at_once(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, err = run_import(tmp_path, "bomb.xml", BILLION_LAUGHS.encode(), capsys)
    assert code == 1
    assert "bomb.xml:2:1: error: the file contains a DTD" in err
    assert not (tmp_path / "out.yaml").exists()


def test_external_entity_is_never_read(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-VALUE", encoding="utf-8")
    xxe = (
        f'<?xml version="1.0"?>\n<!DOCTYPE quiz [<!ENTITY xxe SYSTEM "file://{secret}">]>\n'
        f"<quiz>{TRUEFALSE.format(text='&xxe;')}</quiz>\n"
    )
    code, err = run_import(tmp_path, "xxe.xml", xxe.encode(), capsys)
    assert code == 1 and "xxe.xml:2:1: error: the file contains a DTD" in err
    assert "TOP-SECRET" not in err
    assert not (tmp_path / "out.yaml").exists()


def test_deeply_nested_xml(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = ("<quiz>" + "<a>" * 50_000 + "</a>" * 50_000 + "</quiz>").encode()
    code, err = run_import(tmp_path, "deep.xml", data, capsys)
    assert code == 1 and "deep.xml:1:" in err and "nested deeper than 64 levels" in err


def test_ten_megabyte_xml(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    huge = "Çok uzun bir metin. " * 520_000  # about 10 MB
    good = TRUEFALSE.format(text="Kısa soru?").replace("<text>q</text>", "<text>kisa</text>")
    data = f'<?xml version="1.0" encoding="UTF-8"?>\n<quiz>\n{TRUEFALSE.format(text=huge)}\n{good}\n</quiz>\n'.encode()
    assert len(data) > 10_000_000
    code, err = run_import(tmp_path, "big.xml", data, capsys, "--lang", "tr")
    assert code == 1
    assert "big.xml:3:" in err and "is longer than a bank text may be" in err
    assert "1 imported" in err  # the good question after it is still imported
    assert (tmp_path / "out.yaml").is_file()


def test_oversized_file_is_refused_before_reading(tmp_path: Path) -> None:
    source = tmp_path / "huge.gift"
    with source.open("wb") as handle:  # sparse: no 33 MB written to disk
        handle.truncate(33 * 1024 * 1024)
    result = import_files([source], tmp_path / "out.yaml")
    assert [p.message for p in result.problems] == [
        f"the file is {33 * 1024 * 1024:,} bytes; the limit is {32 * 1024 * 1024:,} bytes"
    ]
    assert not (tmp_path / "out.yaml").exists()


def test_binary_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = bytes(range(256)) * 40
    code, err = run_import(tmp_path, "photo.gift", data, capsys)
    assert code == 1
    assert "photo.gift:1:" in err and ("not UTF-8" in err or "binary file" in err)
    code, err = run_import(tmp_path, "photo.xml", b"\x89PNG\r\n\x1a\n\x00\x00" + data, capsys)
    assert code == 1 and "photo.xml:1:" in err and "not well-formed XML" in err


def test_cp1251_text_is_located_not_guessed(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = "::q1::Столица?{=Астана ~Алматы}\n\n::q2::Қала?{=Астана ~Алматы}\n".encode()
    data = data.replace("Столица".encode(), "Столица".encode("cp1251"))
    code, err = run_import(tmp_path, "cp1251.gift", data, capsys)
    assert code == 1
    assert "cp1251.gift:1:7: error: this is not UTF-8 text (byte 0xd1)" in err
    assert "cp1251" in err  # the advice names the likely code page


def test_utf16_text_is_read(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = "::q1::Қазақстанның астанасы?{=Астана ~Алматы}\n".encode("utf-16")
    code, err = run_import(tmp_path, "utf16.gift", data, capsys)
    assert code == 0, err
    assert "астанасы" in (tmp_path / "out.yaml").read_text(encoding="utf-8")


def test_unterminated_brace_and_stray_brace(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = "::a::Açık {=evet ~hayır\n\n::b::Metinde } var{=x ~y}\n\n::c::İyi soru?{=evet ~hayır}\n"
    code, err = run_import(tmp_path, "broken.gift", data.encode(), capsys, "--lang", "tr")
    assert code == 1
    assert "broken.gift:1:11: error: the answers opened here with '{' are not closed with '}'" in err
    assert "broken.gift:3:14: error: a '}' before the answers" in err
    assert "1 imported" in err  # what can be imported is still written


def test_control_characters_are_removed_with_a_warning(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = "Soru \x1b]0;PWNED\x07 metni?{=evet ~hayır}\n".encode()
    code, err = run_import(tmp_path, "esc.gift", data, capsys, "--lang", "tr")
    assert code == 0
    assert "control characters or invisible direction marks removed" in err
    written = (tmp_path / "out.yaml").read_text(encoding="utf-8")
    assert "\x1b" not in written and "PWNED" in written


ALPHABET = st.sampled_from(
    [
        *list("{}~=#:\\%->[]/<>&;\"'\n\t abcğışİçöüәғқңөұүһі019"),
        "::",
        "$CATEGORY:",
        "ANSWER: A",
        "A) ",
        '<span lang="kk" class="multilang">',
        "</span>",
        "####",
        "\\n",
    ]
)


@settings(max_examples=150, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    text=st.lists(ALPHABET, max_size=60).map("".join),
    fmt=st.sampled_from(["gift", "aiken", "csv", "moodle-xml"]),
)
def test_any_input_gives_problems_not_tracebacks(tmp_path: Path, text: str, fmt: str) -> None:
    source = tmp_path / f"fuzz.{fmt}"
    data = text.encode()
    if fmt == "moodle-xml":
        data = f'<quiz><question type="multichoice"><questiontext><text>{text}</text></questiontext></question></quiz>'.encode()
    source.write_bytes(data)
    out = tmp_path / f"out-{os.getpid()}.yaml"
    result = import_files([source], out, fmt=fmt, language="tr", force=True)
    for problem in result.problems:
        assert problem.line >= 1 and problem.column >= 1
    if result.written:
        from quizapp.core.loading import load_bank

        load_bank(out)  # what import writes always loads
