"""Generate big question banks for benchmarks: N questions of all eight kinds in tr, en and kk.

The bank is a folder (``bank.yaml`` + ``questions-NNN.yaml``), each file kept under the loader's
1 MiB cap, written in the style of the bundled banks (block mappings per language, quoted text).
Output is deterministic for a given N and seed, so runs on different days compare.

    python benchmarks/generate.py 10000 /tmp/bank-10000 [--seed 0]
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

#: Bump when the output changes, so cached banks are regenerated.
GENERATOR_VERSION = 1
KINDS = ("choice", "multi", "truefalse", "text", "number", "date", "order", "match")
LANGUAGES = ("tr", "en", "kk")
#: Stay well below the loader's cap (quizapp.core.yamlread.MAX_FILE_BYTES = 1 MiB).
FILE_BUDGET = 900 * 1024

WORDS = {
    language: text.split()
    for language, text in {
        "tr": (
            "Kazakistan dış politika çok yönlü ilişkiler Rusya Çin Türkiye Amerika Birleşik Devletleri "
            "anlaşma işbirliği örgüt bağımsızlık cumhurbaşkanı bakanlık ekonomi ticaret enerji güvenlik "
            "bölge Orta Asya stratejik ortaklık komşu sınır yatırım petrol doğalgaz ulaşım koridor "
            "diplomasi zirve toplantı ilke barış istikrar kalkınma egemenlik çıkar dengeli yaklaşım"
        ),
        "en": (
            "Kazakhstan foreign policy multi-vector relations Russia China Turkey United States "
            "agreement cooperation organisation independence president ministry economy trade energy "
            "security region Central Asia strategic partnership neighbour border investment oil gas "
            "transport corridor diplomacy summit meeting principle peace stability development sovereignty"
        ),
        "kk": (
            "Қазақстан сыртқы саясат көпвекторлы қатынас Ресей Қытай Түркия Америка Құрама Штаттары "
            "келісім ынтымақтастық ұйым тәуелсіздік президент министрлік экономика сауда энергетика "
            "қауіпсіздік аймақ Орталық Азия стратегиялық әріптестік көрші шекара инвестиция мұнай газ "
            "көлік дәліз дипломатия саммит кездесу қағида бейбітшілік тұрақтылық даму егемендік мүдде"
        ),
    }.items()
}


def _sentence(rng: random.Random, language: str, low: int = 8, high: int = 22, end: str = ".") -> str:
    words = [rng.choice(WORDS[language]) for _ in range(rng.randint(low, high))]
    text = " ".join(words)
    return text[0].upper() + text[1:] + end


def _quote(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a valid YAML double-quoted scalar


def _block_text(key: str, texts: dict[str, str], indent: str) -> list[str]:
    lines = [f"{indent}{key}:"]
    lines += [f"{indent}  {lang}: {_quote(texts[lang])}" for lang in LANGUAGES]
    return lines


def _flow_text(texts: dict[str, str]) -> str:
    return "{" + ", ".join(f"{lang}: {_quote(texts[lang])}" for lang in LANGUAGES) + "}"


def _short(rng: random.Random, unique: str) -> dict[str, str]:
    return {lang: f"{_sentence(rng, lang, 1, 4, '')} {unique}" for lang in LANGUAGES}


def _question(rng: random.Random, number: int, kind: str, sections: int, topics: int) -> list[str]:
    i = "    "
    lines = [
        f"  - id: q{number:06d}",
        f"{i}kind: {kind}",
        f"{i}topics: [{', '.join(f'topic-{t}' for t in sorted(rng.sample(range(topics), rng.randint(1, 2))))}]",
        f"{i}difficulty: {rng.randint(1, 3)}",
    ]
    lines += _block_text("prompt", {lang: _sentence(rng, lang, end="?") for lang in LANGUAGES}, i)
    if kind in ("choice", "multi"):
        count = rng.randint(3, 6)
        lines.append(f"{i}choices:")
        for c in range(count):
            lines.append(f"{i}  - {{id: {'abcdefgh'[c]}, text: {_flow_text(_short(rng, str(c)))}}}")
        if kind == "choice":
            lines.append(f"{i}answer: {'abcdefgh'[rng.randrange(count)]}")
        else:
            right = sorted(rng.sample(range(count), rng.randint(1, count - 1)))
            lines.append(f"{i}answers: [{', '.join('abcdefgh'[c] for c in right)}]")
    elif kind == "truefalse":
        lines.append(f"{i}answer: {rng.choice(('true', 'false'))}")
    elif kind == "text":
        lines.append(f"{i}answers:")
        for lang in LANGUAGES:
            accepted = [_quote(_sentence(rng, lang, 1, 3, "")) for _ in range(rng.randint(1, 3))]
            lines.append(f"{i}  {lang}: [{', '.join(accepted)}]")
    elif kind == "number":
        lines.append(f"{i}answer: {rng.randint(1, 5000)}")
        if rng.random() < 0.5:
            lines.append(f"{i}tolerance: {rng.choice((0.5, 1, 5))}")
        lines.append(f"{i}unit: {_flow_text(_short(rng, 'u'))}")
    elif kind == "date":
        year = rng.randint(1900, 2025)
        precision = rng.randrange(3)
        value = (
            f"{year}"
            if precision == 0
            else f"{year}-{rng.randint(1, 12):02d}"
            if precision == 1
            else f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        )
        lines.append(f'{i}answer: "{value}"')
    elif kind == "order":
        lines.append(f"{i}items:")
        for n in range(rng.randint(3, 6)):
            lines.append(f"{i}  - {_flow_text(_short(rng, str(n)))}")
    elif kind == "match":
        lines.append(f"{i}pairs:")
        for n in range(rng.randint(2, 5)):
            lines.append(f"{i}  - left: {_flow_text(_short(rng, f'L{n}'))}")
            lines.append(f"{i}    right: {_flow_text(_short(rng, f'R{n}'))}")
        if rng.random() < 0.5:
            lines.append(f"{i}distractors:")
            lines.append(f"{i}  - {_flow_text(_short(rng, 'D'))}")
    lines += _block_text("explanation", {lang: _sentence(rng, lang, 15, 35) for lang in LANGUAGES}, i)
    lines.append(
        f"{i}source: {{document: doc-{rng.randrange(2)}, section: section-{rng.randrange(sections)}}}"
    )
    lines.append("")
    return lines


def _metadata(rng: random.Random, sections: int, topics: int) -> str:
    lines = [
        "# yaml-language-server: $schema=../../../questions/bank.schema.json",
        "format: 1",
        "bank:",
        "  id: generated",
        f"  title: {_flow_text({lang: 'Benchmark' for lang in LANGUAGES})}",
        "  source_language: tr",
        "  sources:",
    ]
    for d in range(2):
        lines += [f"    - id: doc-{d}", f"      title: {_flow_text(_short(rng, str(d)))}", "      sections:"]
        for s in range(sections):
            lines += [f"        - id: section-{s}", f"          title: {_flow_text(_short(rng, str(s)))}"]
    lines.append("  topics:")
    for t in range(topics):
        lines += [f"    - id: topic-{t}", f"      name: {_flow_text(_short(rng, str(t)))}"]
    return "\n".join(lines) + "\n"


def generate(count: int, out: Path, seed: int = 0) -> list[Path]:
    """Write a bank of *count* questions into the folder *out*; return its files."""
    rng = random.Random(f"{seed}:{count}")
    sections, topics = 12, 20
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("*.yaml"):
        old.unlink()
    files = [out / "bank.yaml"]
    files[0].write_text(_metadata(rng, sections, topics), encoding="utf-8")
    header = "# yaml-language-server: $schema=../../../questions/bank.schema.json\nformat: 1\nquestions:\n"
    chunk: list[str] = []
    size = len(header)

    def flush() -> None:
        path = out / f"questions-{len(files):03d}.yaml"
        path.write_text(header + "".join(chunk), encoding="utf-8")
        assert path.stat().st_size <= FILE_BUDGET + 64 * 1024
        files.append(path)

    for number in range(count):
        text = "\n".join(_question(rng, number, KINDS[number % len(KINDS)], sections, topics)) + "\n"
        encoded = len(text.encode("utf-8"))
        if chunk and size + encoded > FILE_BUDGET:
            flush()
            chunk, size = [], len(header)
        chunk.append(text)
        size += encoded
    if chunk:
        flush()
    (out / ".stamp").write_text(f"{GENERATOR_VERSION} {count} {seed}\n", encoding="utf-8")
    return files


def ensure(count: int, out: Path, seed: int = 0) -> list[Path]:
    """The bank in *out*, generated unless an up-to-date copy is there already."""
    stamp = out / ".stamp"
    if stamp.is_file() and stamp.read_text(encoding="utf-8") == f"{GENERATOR_VERSION} {count} {seed}\n":
        return sorted(out.glob("*.yaml"), key=lambda p: (p.name != "bank.yaml", p.name))
    return generate(count, out, seed)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", type=int, help="number of questions")
    parser.add_argument("out", type=Path, help="folder to write (its .yaml files are replaced)")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    files = generate(args.count, args.out, args.seed)
    total = sum(p.stat().st_size for p in files)
    print(f"{args.count} questions in {len(files)} files, {total / 1e6:.1f} MB, in {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
