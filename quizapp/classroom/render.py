"""Writing a :class:`~quizapp.classroom.report.Report` for people and for tools.

- ``text``: Rich tables for the terminal;
- ``csv``: one row per question (``facility`` and ``discrimination`` columns) for a spreadsheet;
- ``json``: every figure, for tools;
- ``html``: one self-contained page (inline CSS and SVG bar charts, no external assets) that
  prints well.

Texts are in the current interface language (the teacher's ``--lang``); numbers, percentages,
dates and durations are formatted with Babel in text and HTML. CSV and JSON keep numbers plain
(a dot for decimals, ISO 8601 times) so spreadsheets and tools read them in any locale; the
question and answer texts in them are still in ``--lang``. An index that is not shown is "–" in
text and HTML, an empty cell in CSV and ``null`` in JSON.

Bank text (questions, answers, names) is data: Rich renders it without markup, HTML escapes it.
"""

from __future__ import annotations

import csv
import html
import io
import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from quizapp.classroom.report import (
    LOW_DISCRIMINATION,
    MIN_ATTEMPTS,
    TOO_EASY,
    TOO_HARD,
    Flag,
    QuestionStats,
    Report,
    StudentSummary,
    TopicSummary,
    WrongAnswer,
)
from quizapp.i18n import (
    N_,
    _,
    format_duration,
    format_fixed,
    format_list,
    format_moment,
    format_number,
    format_percent,
    get_language,
    ngettext,
)

if TYPE_CHECKING:
    from quizapp.core.catalog import Catalog
    from quizapp.core.model import Bank, Question

FORMATS = ("text", "csv", "json", "html")
#: Shown for an index that is not computed (too few attempts, or no variation).
NOT_SHOWN = "–"
#: The CSV columns (stable, English: tools and spreadsheets refer to them).
CSV_COLUMNS = (
    "bank",
    "question_id",
    "kind",
    "topics",
    "question",
    "attempts",
    "facility",
    "discrimination",
    "wrong_answers",
    "flags",
)

FLAG_NAMES = {
    Flag.TOO_EASY: N_("too easy"),
    Flag.TOO_HARD: N_("too hard"),
    Flag.NOT_DISCRIMINATING: N_("does not discriminate"),
}
TITLE = N_("Class report")
NO_ANSWERS = N_("No answers yet.")


def how_to_read() -> list[tuple[str, str]]:
    """The explanation of each figure, as (name, text) pairs in the current language."""
    return [
        (
            _("Score"),
            _(
                "Points earned ÷ points available, over the graded answers. A question left blank in a "
                "submitted exam counts as 0; exams still in progress are left out until they are "
                "submitted. Time is the time spent answering, added up."
            ),
        ),
        (
            _("Mean score"),
            _("Per topic: points earned ÷ points available on the questions of the topic."),
        ),
        (
            _("Facility index"),
            _(
                "The mean credit on the question, from 0 (nobody got any of it) to 1 (everybody got all "
                "of it); partial credit counts as a fraction. Above {easy} it is flagged too easy, below "
                "{hard} too hard."
            ).format(easy=format_fixed(TOO_EASY, 1), hard=format_fixed(TOO_HARD, 1)),
        ),
        (
            _("Discrimination index"),
            _(
                "How well the question tells those who did well on the quiz from those who did not: the "
                "correlation, over the attempts that asked it, between the credit on this question and "
                "the score on the rest of the same attempt, from −1 to 1. Above {good} is good. Below {low} "
                "it is flagged: the question may be ambiguous, have a wrong key, or measure something "
                "other than the rest. “{dash}”: fewer than {count} attempts, or everybody got the same credit "
                "(or the same score on the rest)."
            ).format(
                good=format_fixed(0.3, 1),
                low=format_fixed(LOW_DISCRIMINATION, 1),
                dash=NOT_SHOWN,
                count=MIN_ATTEMPTS,
            ),
        ),
        (
            _("Most common wrong answers"),
            _(
                "The answers that were not fully right, with how many gave each; typed answers are "
                "grouped ignoring case and spaces, and “—” is a question left blank."
            ),
        ),
        (
            _("Flags"),
            ngettext(
                "Given from {count} attempt on; fewer are too few to judge by.",
                "Given from {count} attempts on; fewer are too few to judge by.",
                MIN_ATTEMPTS,
            ).format(count=MIN_ATTEMPTS),
        ),
    ]


@dataclass
class Texts:
    """The words of the report: question, topic and answer texts from the banks, when loaded."""

    catalog: Catalog | None

    def bank(self, bank_id: str) -> Bank | None:
        """The loaded bank with *bank_id*, if any."""
        loaded = self.catalog.bank(bank_id) if self.catalog is not None else None
        return loaded.bank if loaded is not None else None

    def _question(self, stats: QuestionStats) -> tuple[Bank | None, Question | None]:
        bank = self.bank(stats.bank)
        return bank, bank.question(stats.question_id) if bank is not None else None

    def question(self, stats: QuestionStats) -> str:
        """The question's prompt in the current language (its id if the bank is not loaded)."""
        bank, question = self._question(stats)
        if bank is None or question is None:
            return stats.question_id
        return question.prompt.get_text(get_language(), bank.source_language)

    def topic(self, bank_id: str, topic_id: str) -> str:
        """A topic's name (its id if unknown)."""
        bank = self.bank(bank_id)
        topic = bank.topic(topic_id) if bank is not None else None
        if bank is None or topic is None:
            return topic_id
        return topic.name.get_text(get_language(), bank.source_language)

    def answer(self, stats: QuestionStats, wrong: WrongAnswer) -> str:
        """A wrong answer as text: option texts for choices, "—" for a blank."""
        from quizapp.describe import NO_ANSWER, describe_answer

        if wrong.answer is None:
            return NO_ANSWER
        bank, question = self._question(stats)
        if bank is None or question is None:
            return json.dumps(wrong.answer, ensure_ascii=False)
        return describe_answer(question, wrong.answer, bank.source_language)

    def wrong_answers(self, stats: QuestionStats) -> list[str]:
        """Each common wrong answer with its count: "Paris (3)"."""
        return [
            _("{answer} ({count})").format(answer=self.answer(stats, w), count=format_number(w.count))
            for w in stats.wrong_answers
        ]


def _when(moment: datetime | None) -> str:
    return format_moment(moment.astimezone()) if moment else NOT_SHOWN


def summary_line(report: Report) -> str:
    """ "120 answers in 12 attempts, from … to …"."""
    answers = ngettext("{count} answer", "{count} answers", report.answers).format(
        count=format_number(report.answers)
    )
    attempts = ngettext("{count} attempt", "{count} attempts", report.attempts).format(
        count=format_number(report.attempts)
    )
    return _("{answers} in {attempts}, from {first} to {last}.").format(
        answers=answers, attempts=attempts, first=_when(report.first_answer), last=_when(report.last_answer)
    )


def _percent(value: float | None) -> str:
    return format_percent(value) if value is not None else NOT_SHOWN


def _index(value: float | None) -> str:
    return format_fixed(value) if value is not None else NOT_SHOWN


def _flags(stats: QuestionStats) -> str:
    return format_list([_(FLAG_NAMES[f]) for f in Flag if f in stats.flags])


def _student_cells(student: StudentSummary) -> list[str]:
    return [
        student.profile,
        format_number(student.attempts),
        format_number(student.answers),
        _percent(student.score),
        format_duration(student.time_s),
    ]


def _student_headers() -> list[str]:
    return [_("Name"), _("Attempts"), _("Answers"), _("Score"), _("Time")]


def _topic_headers() -> list[str]:
    return [_("Question bank"), _("Topic"), _("Answers"), _("Mean score")]


def _bank_title(texts: Texts, bank_id: str) -> str:
    bank = texts.bank(bank_id)
    return bank.title.get_text(get_language(), bank.source_language) if bank else bank_id


def _topics_ordered(report: Report, texts: Texts) -> list[TopicSummary]:
    """Topics in their bank's order where the bank is loaded, else by id."""

    def key(topic: TopicSummary) -> tuple[str, int, str]:
        bank = texts.bank(topic.bank)
        ids = [t.id for t in bank.topics] if bank is not None else []
        return (topic.bank, ids.index(topic.topic) if topic.topic in ids else len(ids), topic.topic)

    return sorted(report.topics, key=key)


def _topic_cells(texts: Texts, topic: TopicSummary) -> list[str]:
    return [
        _bank_title(texts, topic.bank),
        texts.topic(topic.bank, topic.topic),
        format_number(topic.answers),
        _percent(topic.mean),
    ]


def _question_headers() -> list[str]:
    return [
        _("Question"),
        _("Attempts"),
        _("Facility"),
        _("Discrimination"),
        _("Most common wrong answers"),
        _("Flags"),
    ]


def _ordered(report: Report, texts: Texts) -> list[QuestionStats]:
    """Questions in their bank's order where the bank is loaded, else by id."""

    def key(stats: QuestionStats) -> tuple[str, int, str]:
        bank = texts.bank(stats.bank)
        ids = [q.id for q in bank.questions] if bank is not None else []
        position = ids.index(stats.question_id) if stats.question_id in ids else len(ids)
        return (stats.bank, position, stats.question_id)

    return sorted(report.questions, key=key)


# --- text -------------------------------------------------------------------------------------


def render_text(report: Report, texts: Texts, width: int = 100, color: bool = False) -> str:
    """The report as terminal tables."""
    from rich import box
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    buffer = io.StringIO()
    console = Console(
        file=buffer,
        width=width,
        color_system="standard" if color else None,
        force_terminal=color,
        highlight=False,
        emoji=False,
        markup=False,
    )
    console.print(Text(_(TITLE), style="bold"))
    if report.empty:
        console.print(_(NO_ANSWERS))
        return buffer.getvalue()
    console.print(summary_line(report))

    def table(
        title: str,
        headers: Sequence[str],
        rows: Sequence[Sequence[str | Text]],
        right: set[int],
        ratios: dict[int, int] | None = None,
        spaced: bool = False,
    ) -> None:
        grid = Table(
            title=title, title_justify="left", box=box.SIMPLE_HEAD, title_style="bold", show_lines=spaced
        )
        shares = ratios or {0: 1}
        for index, header in enumerate(headers):
            # Texts share the room the numbers do not need; numbers never wrap.
            grid.add_column(
                header,
                justify="right" if index in right else "left",
                overflow="fold",
                ratio=shares.get(index),
                min_width=12 if index in shares else None,
                no_wrap=index in right,
            )
        for row in rows:
            grid.add_row(*[cell if isinstance(cell, Text) else Text(cell) for cell in row])
        console.print(grid)

    table(_("Who answered"), _student_headers(), [_student_cells(s) for s in report.students], {1, 2, 3, 4})
    table(
        _("Topics"),
        _topic_headers(),
        [_topic_cells(texts, t) for t in _topics_ordered(report, texts)],
        {2, 3},
    )
    # One wide text column per question (its id, its text, and what students answered instead),
    # so the question is readable at 80 columns; the figures follow in narrow columns.
    wrong_label = _("Most common wrong answers")
    question_rows: list[list[Text]] = []
    for stats in _ordered(report, texts):
        cell = Text.assemble((stats.question_id, "dim"), "\n", texts.question(stats))
        wrong = texts.wrong_answers(stats)
        if wrong:
            cell.append_text(Text.assemble("\n", (f"{wrong_label}: {'; '.join(wrong)}", "italic")))
        question_rows.append(
            [
                cell,
                Text(format_number(stats.attempts)),
                Text(_index(stats.facility)),
                Text(_index(stats.discrimination)),
                Text(_flags(stats), style="bold"),
            ]
        )
    headers = [h for i, h in enumerate(_question_headers()) if i != 4]
    table(_("Questions"), headers, question_rows, {1, 2, 3}, {0: 4, 4: 1}, spaced=True)
    console.print(Text(_("How to read this report"), style="bold"))
    for name, explanation in how_to_read():
        console.print(Text.assemble((name, "bold"), ": ", explanation))
    # Rich pads every table line to the full width; a file is nicer without the trailing blanks.
    return "".join(line.rstrip() + "\n" for line in buffer.getvalue().splitlines())


# --- csv --------------------------------------------------------------------------------------


def _plain(value: float | None) -> str:
    return "" if value is None else f"{round(value, 3):g}"


def render_csv(report: Report, texts: Texts) -> str:
    """One row per question; the header alone when there are no answers yet."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for stats in _ordered(report, texts):
        writer.writerow(
            [
                stats.bank,
                stats.question_id,
                stats.kind,
                ";".join(stats.topics),
                texts.question(stats),
                stats.attempts,
                _plain(stats.facility),
                _plain(stats.discrimination),
                "; ".join(texts.wrong_answers(stats)),
                ";".join(f.value for f in Flag if f in stats.flags),
            ]
        )
    return buffer.getvalue()


# --- json -------------------------------------------------------------------------------------


def _iso(moment: datetime | None) -> str | None:
    return moment.astimezone(UTC).isoformat(timespec="seconds") if moment else None


def report_data(report: Report, texts: Texts) -> dict[str, Any]:
    """Every figure of *report* as JSON-compatible data."""
    return {
        "language": get_language(),
        "answers": report.answers,
        "attempts": report.attempts,
        "first_answer": _iso(report.first_answer),
        "last_answer": _iso(report.last_answer),
        "min_attempts": MIN_ATTEMPTS,
        "students": [
            {
                "profile": s.profile,
                "attempts": s.attempts,
                "answers": s.answers,
                "points": s.points,
                "max_points": s.max_points,
                "score": s.score,
                "time_s": round(s.time_s, 3),
                "first_answer": _iso(s.first_answer),
                "last_answer": _iso(s.last_answer),
            }
            for s in report.students
        ],
        "topics": [
            {
                "bank": t.bank,
                "topic": t.topic,
                "name": texts.topic(t.bank, t.topic),
                "answers": t.answers,
                "points": t.points,
                "max_points": t.max_points,
                "mean": t.mean,
            }
            for t in _topics_ordered(report, texts)
        ],
        "questions": [
            {
                "bank": q.bank,
                "question_id": q.question_id,
                "kind": q.kind,
                "topics": list(q.topics),
                "question": texts.question(q),
                "attempts": q.attempts,
                "facility": q.facility,
                "discrimination": q.discrimination,
                "wrong_answers": [
                    {"answer": w.answer, "text": texts.answer(q, w), "count": w.count}
                    for w in q.wrong_answers
                ],
                "flags": [f.value for f in Flag if f in q.flags],
            }
            for q in _ordered(report, texts)
        ],
    }


def render_json(report: Report, texts: Texts) -> str:
    """The report as indented JSON."""
    return json.dumps(report_data(report, texts), ensure_ascii=False, indent=2) + "\n"


# --- html -------------------------------------------------------------------------------------

_CSS = """
:root { --ink: #1d2330; --muted: #5b6475; --line: #d5dae3; --good: #2f7d4f; --bar: #3b6fb6;
        --warn: #b5442f; --back: #eef1f6; }
* { box-sizing: border-box; }
body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif;
       color: var(--ink); margin: 2rem auto; max-width: 72rem; padding: 0 1rem; }
h1 { margin: 0 0 .25rem; font-size: 1.6rem; }
h2 { margin: 2rem 0 .5rem; font-size: 1.2rem; border-bottom: 2px solid var(--line); }
.summary, .muted { color: var(--muted); }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: .35rem .5rem; border-bottom: 1px solid var(--line);
         vertical-align: top; }
th { font-size: .85rem; color: var(--muted); font-weight: 600; }
td.num, th.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
td.bar { white-space: nowrap; }
td.bar svg { vertical-align: middle; margin-right: .4rem; }
.qid { font: .8rem ui-monospace, "DejaVu Sans Mono", monospace; color: var(--muted); display: block; }
ul.wrong { margin: 0; padding-left: 1.1rem; }
.flag { display: inline-block; background: #fbe9e5; color: var(--warn); border-radius: .6rem;
        padding: 0 .5rem; margin: 0 .2rem .2rem 0; font-size: .8rem; white-space: nowrap; }
dl.legend dt { font-weight: 600; margin-top: .6rem; }
dl.legend dd { margin: 0 0 0 1rem; }
.empty { font-size: 1.1rem; margin: 2rem 0; }
@page { margin: 14mm; }
@media print {
  body { margin: 0; max-width: none; font-size: 10pt; }
  h2 { break-after: avoid; }
  thead { display: table-header-group; }
  tr, dl.legend dt, dl.legend dd { break-inside: avoid; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
"""

_BAR_WIDTH = 110
_BAR_HEIGHT = 12


def _bar(value: float | None, label: str) -> str:
    """An inline SVG bar from 0 to 1 (nothing for a missing value)."""
    if value is None:
        return html.escape(label)
    filled = round(max(0.0, min(1.0, value)) * _BAR_WIDTH, 1)
    return (
        f'<svg width="{_BAR_WIDTH}" height="{_BAR_HEIGHT}" viewBox="0 0 {_BAR_WIDTH} {_BAR_HEIGHT}" '
        f'role="img" aria-label="{html.escape(label)}">'
        f'<rect width="{_BAR_WIDTH}" height="{_BAR_HEIGHT}" fill="#eef1f6"/>'
        f'<rect width="{filled}" height="{_BAR_HEIGHT}" fill="#3b6fb6"/></svg>{html.escape(label)}'
    )


def _signed_bar(value: float | None, label: str) -> str:
    """An inline SVG bar from −1 to 1 around a middle line (red below 0.2)."""
    if value is None:
        return html.escape(label)
    middle = _BAR_WIDTH / 2
    end = middle + max(-1.0, min(1.0, value)) * middle
    left, length = (min(middle, end), abs(end - middle))
    colour = "#2f7d4f" if value >= LOW_DISCRIMINATION else "#b5442f"
    return (
        f'<svg width="{_BAR_WIDTH}" height="{_BAR_HEIGHT}" viewBox="0 0 {_BAR_WIDTH} {_BAR_HEIGHT}" '
        f'role="img" aria-label="{html.escape(label)}">'
        f'<rect width="{_BAR_WIDTH}" height="{_BAR_HEIGHT}" fill="#eef1f6"/>'
        f'<rect x="{round(left, 1)}" width="{round(length, 1)}" height="{_BAR_HEIGHT}" fill="{colour}"/>'
        f'<line x1="{middle}" x2="{middle}" y1="0" y2="{_BAR_HEIGHT}" stroke="#5b6475"/></svg>'
        f"{html.escape(label)}"
    )


def _th(headers: Sequence[str], numeric: set[int]) -> str:
    cells = "".join(
        f'<th{" class=num" if i in numeric else ""} scope="col">{html.escape(h)}</th>'
        for i, h in enumerate(headers)
    )
    return f"<thead><tr>{cells}</tr></thead>"


def _section(title: str, opening: str = "<table>") -> str:
    return f"<section><h2>{html.escape(title)}</h2>{opening}"


def render_html(report: Report, texts: Texts, generated: datetime | None = None) -> str:
    """The report as one self-contained HTML page."""
    esc = html.escape
    title = _(TITLE)
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{esc(get_language())}"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{esc(title)}</title><style>{_CSS}</style></head><body>",
        f"<header><h1>{esc(title)}</h1>",
    ]
    if generated is not None:
        made = _("Generated {moment}").format(moment=_when(generated))
        parts.append(f'<p class="muted">{esc(made)}</p>')
    if report.empty:
        empty = _(NO_ANSWERS)
        parts.append(f'</header><p class="empty">{esc(empty)}</p></body></html>')
        return "\n".join(parts) + "\n"
    parts.append(f'<p class="summary">{esc(summary_line(report))}</p></header>')

    parts.append(_section(_("Who answered")))
    parts.append(_th(_student_headers(), {1, 2, 4}))
    parts.append("<tbody>")
    for student in report.students:
        cells = _student_cells(student)
        parts.append(
            f"<tr><td>{esc(cells[0])}</td><td class=num>{esc(cells[1])}</td>"
            f"<td class=num>{esc(cells[2])}</td><td class=bar>{_bar(student.score, cells[3])}</td>"
            f"<td class=num>{esc(cells[4])}</td></tr>"
        )
    parts.append("</tbody></table></section>")

    parts.append(_section(_("Topics")))
    parts.append(_th(_topic_headers(), {2}))
    parts.append("<tbody>")
    for topic in _topics_ordered(report, texts):
        cells = _topic_cells(texts, topic)
        parts.append(
            f"<tr><td>{esc(cells[0])}</td><td>{esc(cells[1])}</td><td class=num>{esc(cells[2])}</td>"
            f"<td class=bar>{_bar(topic.mean, cells[3])}</td></tr>"
        )
    parts.append("</tbody></table></section>")

    parts.append(_section(_("Questions")))
    parts.append(_th(_question_headers(), {1}))
    parts.append("<tbody>")
    for stats in _ordered(report, texts):
        wrong = "".join(f"<li>{esc(text)}</li>" for text in texts.wrong_answers(stats))
        names = [_(FLAG_NAMES[f]) for f in Flag if f in stats.flags]
        flags = "".join(f'<span class="flag">{esc(name)}</span>' for name in names)
        parts.append(
            f'<tr><td><span class="qid">{esc(stats.question_id)}</span>{esc(texts.question(stats))}</td>'
            f"<td class=num>{esc(format_number(stats.attempts))}</td>"
            f"<td class=bar>{_bar(stats.facility, _index(stats.facility))}</td>"
            f"<td class=bar>{_signed_bar(stats.discrimination, _index(stats.discrimination))}</td>"
            f"<td>{f'<ul class=wrong>{wrong}</ul>' if wrong else ''}</td><td>{flags}</td></tr>"
        )
    parts.append("</tbody></table></section>")

    parts.append(_section(_("How to read this report"), "<dl class=legend>"))
    for name, explanation in how_to_read():
        parts.append(f"<dt>{esc(name)}</dt><dd>{esc(explanation)}</dd>")
    parts.append("</dl></section></body></html>")
    return "\n".join(parts) + "\n"


def render(
    report: Report,
    fmt: str,
    texts: Texts,
    *,
    now: datetime | None = None,
    width: int = 100,
    color: bool = False,
) -> str:
    """*report* in *fmt* (one of :data:`FORMATS`); *now* is when it was made (said in HTML)."""
    if fmt == "text":
        return render_text(report, texts, width=width, color=color)
    if fmt == "csv":
        return render_csv(report, texts)
    if fmt == "json":
        return render_json(report, texts)
    if fmt == "html":
        return render_html(report, texts, generated=now)
    raise ValueError(f"unknown format {fmt!r}")
