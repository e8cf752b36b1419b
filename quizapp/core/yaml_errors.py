"""Plain explanations of YAML syntax errors, for teachers rather than parser authors.

libyaml says *what its state machine expected* ("while parsing a block mapping did not find
expected key"). A teacher needs *what is wrong with the line and how to fix it* ("this line is not
lined up with the fields above it"). The parser's message names the grammar rule that failed; the
likely cause depends on what the offending line looks like, so each rule below looks at the line
too: a tab in the indentation, an unquoted ``: `` inside a text, a list item where a field was
expected. The parser's own words are kept at the end, in brackets, for anyone who wants them.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any, NamedTuple


class SyntaxExplanation(NamedTuple):
    """Where a YAML syntax error is (1-based) and what to tell the teacher."""

    line: int
    column: int
    message: str


#: A field written as ``key: value`` whose value itself contains ``": "`` (so needs quotes).
_KEY_THEN_COLON_TEXT = re.compile(r"^\s*(?:-\s+)?([^\s:#'\"{}\[\]][^:#]*?):\s+([^'\"{\[|>].*?:(?:\s.*)?)$")
#: The indentation of a line, list dashes included ("  - \t- ").
_LEADING = re.compile(r"[ \t]*(?:-[ \t]+)*")
#: A line holding only ``word word`` (no colon): a field whose colon was forgotten.
_FIELD_WITHOUT_COLON = re.compile(r"^\s*(?:-\s+)?([A-Za-z_][\w-]*)\s+\S.*$")


class _Context(NamedTuple):
    """What a rule knows: the parser's words, both marks and the text's lines."""

    problem: str
    context: str
    line: int
    column: int
    context_line: int | None
    context_column: int | None
    lines: list[str]

    def text_of(self, line: int) -> str:
        return self.lines[line - 1] if 1 <= line <= len(self.lines) else ""

    def previous_content_line(self, line: int) -> int | None:
        """The nearest line before *line* that is neither blank nor only a comment."""
        for number in range(line - 1, 0, -1):
            stripped = self.text_of(number).strip()
            if stripped and not stripped.startswith("#"):
                return number
        return None


def _indent(text: str) -> int:
    return len(text) - len(text.lstrip(" "))


def _tab_in_indentation(ctx: _Context) -> SyntaxExplanation | None:
    """Any tab among the leading whitespace of the offending line (or the line before it)."""
    for number in (ctx.line, ctx.context_line or ctx.line, ctx.line - 1):
        leading = _LEADING.match(ctx.text_of(number))
        if leading and "\t" in leading.group():
            return SyntaxExplanation(
                number,
                leading.group().index("\t") + 1,
                "a tab is used for indentation here: tabs cannot indent YAML; use spaces "
                "(set your editor to insert spaces for the Tab key)",
            )
    return None


def _colon_in_text(ctx: _Context, number: int) -> SyntaxExplanation | None:
    text = ctx.text_of(number)
    match = _KEY_THEN_COLON_TEXT.match(text)
    if not match:
        return None
    key, value = match.group(1).strip(), match.group(2).strip()
    quoted = value.replace('"', '\\"')
    return SyntaxExplanation(
        number,
        match.start(2) + 1,
        f"the text after '{key}:' contains ': ', which YAML reads as the start of another field; "
        f'put the whole text in quotes: {key}: "{quoted}"',
    )


def _mapping_values(ctx: _Context) -> SyntaxExplanation | None:
    """``mapping values are not allowed in this context``: a ': ' where YAML cannot take one."""
    found = _colon_in_text(ctx, ctx.line)
    if found:
        return found
    previous = ctx.previous_content_line(ctx.line)
    if previous is not None:
        prev_text = ctx.text_of(previous)
        if ":" not in prev_text and _FIELD_WITHOUT_COLON.match(prev_text):
            field = _FIELD_WITHOUT_COLON.match(prev_text)
            assert field is not None
            name = field.group(1)
            return SyntaxExplanation(
                previous,
                field.end(1) + 1,
                f"'{name}' has no ':' after it, so YAML reads this line and the next as one text; "
                f"write '{name}: …' (a colon and a space after the field name)",
            )
        if _indent(ctx.text_of(ctx.line)) > _indent(prev_text) and not prev_text.rstrip().endswith(":"):
            return SyntaxExplanation(
                ctx.line,
                _indent(ctx.text_of(ctx.line)) + 1,
                f"this line is indented more than line {previous}, which does not open a new "
                f"mapping; line it up with the fields it belongs with (same number of spaces)",
            )
    return None


def _misaligned(ctx: _Context) -> SyntaxExplanation | None:
    """The first line up to the error that steps back to an indentation no line above opened.

    libyaml often notices a misaligned line only lines later (where the next mapping or list
    begins); this finds the line the teacher has to fix.
    """
    # Indentations of the open levels, each with the line that opened it.
    levels: list[tuple[int, int]] = [(0, 0)]
    for number in range(1, ctx.line + 1):
        text = ctx.text_of(number)
        stripped = text.strip()
        if not stripped or stripped.startswith("#") or stripped.startswith("---"):
            continue
        indent = _indent(text)
        deeper: tuple[int, int] | None = None
        while levels[-1][0] > indent:
            deeper = levels.pop()
        if levels[-1][0] != indent:
            if deeper is not None:
                options = [_like(ctx, *level, number) for level in (levels[-1], deeper)]
                return SyntaxExplanation(
                    number,
                    indent + 1,
                    f"this line is indented by {_spaces(indent)}, which lines it up with nothing "
                    f"above it; indent it by {options[0]} or by {options[1]}, like the fields it "
                    "belongs with",
                )
            levels.append((indent, number))
        dashes = _LEADING.match(text)
        if dashes and "-" in dashes.group():
            levels.append((len(dashes.group()), number))
    return None


def _spaces(count: int) -> str:
    return "1 space" if count == 1 else f"{count} spaces"


def _like(ctx: _Context, indent: int, opened_by: int, before: int) -> str:
    """The indentation in words, with the last line before *before* that has it."""
    lines = [n for n in range(max(opened_by, 1), before) if _indent(ctx.text_of(n)) == indent]
    return _spaces(indent) + (f" (like line {lines[-1]})" if lines else "")


def _block_mapping_key(ctx: _Context) -> SyntaxExplanation | None:
    """``while parsing a block mapping did not find expected key``."""
    misaligned = _misaligned(ctx)
    if misaligned is not None:
        return misaligned
    text = ctx.text_of(ctx.line)
    stripped = text.strip()
    quote = _unbalanced_quote(text)
    if quote:
        return quote(ctx.line)
    opened = ctx.context_line
    opened_at = f" (the mapping that starts at line {opened})" if opened else ""
    if stripped.startswith("- "):
        return SyntaxExplanation(
            ctx.line,
            ctx.column,
            f"a list item ('- …') stands where a field ('name: value') was expected{opened_at}; "
            "indent the list under the field it belongs to, or add the field's name",
        )
    return SyntaxExplanation(
        ctx.line,
        ctx.column,
        f"this line is not lined up with the fields around it{opened_at}; every field of one "
        "mapping starts at the same column. Check the indentation (spaces only), and quote a text "
        "that contains ': ' or starts with a quote",
    )


def _unbalanced_quote(text: str) -> Callable[[int], SyntaxExplanation] | None:
    """A ``'…'`` text with an apostrophe inside (``'it's'``): YAML closes it at the apostrophe."""
    match = re.search(r":\s+'(.*)'\s*(?:#.*)?$", text)
    if match and "'" in match.group(1).replace("''", ""):
        column = match.start(1)

        def explain(line: int) -> SyntaxExplanation:
            return SyntaxExplanation(
                line,
                column,
                "this text is in single quotes and contains an apostrophe, which ends it early; "
                "double the apostrophe ('it''s') or use double quotes (\"it's\")",
            )

        return explain
    return None


def _block_collection(ctx: _Context) -> SyntaxExplanation:
    misaligned = _misaligned(ctx)
    if misaligned is not None:
        return misaligned
    started = f" that starts at line {ctx.context_line}" if ctx.context_line else ""
    return SyntaxExplanation(
        ctx.line,
        ctx.column,
        f"this line is not lined up with the list{started}: every item of a list starts with "
        "'- ' at the same column, and an item's fields line up under its first field",
    )


def _flow(ctx: _Context, opener: str, closer: str) -> SyntaxExplanation:
    # Point at the opening bracket: that is where the teacher fixes it, and the parser only
    # notices the fault where the next line begins.
    line = ctx.context_line or ctx.line
    column = ctx.context_column or ctx.column
    return SyntaxExplanation(
        line,
        column,
        f"the '{opener}' that opens here is not closed with '{closer}' on its line, or a text inside "
        f"it contains ',', ': ', '{opener}' or '{closer}'; close it, and put such texts in quotes, "
        f"e.g. {_FLOW_EXAMPLES[opener]}",
    )


_FLOW_EXAMPLES = {"{": '{tr: "Evet, hayır", en: "Yes, no"}', "[": '[Astana, "Nur-Sultan (2019–2022)"]'}


def _quoted_end(ctx: _Context) -> SyntaxExplanation:
    line = ctx.context_line or ctx.line
    column = ctx.context_column or ctx.column
    return SyntaxExplanation(
        line,
        column,
        "the quote that opens here is never closed; add the closing quote at the end of the text",
    )


def _cannot_start(ctx: _Context) -> SyntaxExplanation:
    char = ctx.text_of(ctx.line)[ctx.column - 1 : ctx.column]
    if char == "\t":
        return SyntaxExplanation(
            ctx.line, ctx.column, "a tab cannot be used here: tabs cannot indent YAML; use spaces"
        )
    shown = repr(char) if char else "this character"
    return SyntaxExplanation(
        ctx.line,
        ctx.column,
        f"a text cannot start with {shown} in YAML; put the whole text in quotes",
    )


def _simple_key(ctx: _Context) -> SyntaxExplanation:
    line = ctx.context_line or ctx.line
    text = ctx.text_of(line)
    return SyntaxExplanation(
        line,
        _indent(text) + 1,
        "this line has no ':' after its field name; write 'name: value' (a colon and a space), "
        "or if it continues a text from the line above, put that text in quotes",
    )


def _unknown_escape(ctx: _Context) -> SyntaxExplanation:
    return SyntaxExplanation(
        ctx.line,
        ctx.column,
        "a backslash inside double quotes starts an escape YAML does not know; write \\\\ for a "
        "backslash, or use single quotes around the text",
    )


def _block_scalar(ctx: _Context) -> SyntaxExplanation:
    return SyntaxExplanation(
        ctx.context_line or ctx.line,
        ctx.context_column or ctx.column,
        "'|' or '>' at the start of a text begins a multi-line text and must end the line; put the "
        "text on the next lines, indented, or put the whole text in quotes",
    )


def _special_start(what: str) -> Callable[[_Context], SyntaxExplanation]:
    def explain(ctx: _Context) -> SyntaxExplanation:
        return SyntaxExplanation(
            ctx.line, ctx.column, f"{what} has a special meaning in YAML; put the whole text in quotes"
        )

    return explain


#: (words in the parser's problem, words in its context or "", the explanation), tried in order.
_RULES: tuple[tuple[str, str, Callable[[_Context], SyntaxExplanation | None]], ...] = (
    ("tab character", "", lambda ctx: _tab_in_indentation(ctx)),
    ("cannot start any token", "", lambda ctx: _tab_in_indentation(ctx) or _cannot_start(ctx)),
    ("mapping values are not allowed", "", _mapping_values),
    ("did not find expected key", "block mapping", _block_mapping_key),
    ("expected '-' indicator", "", _block_collection),
    ("',' or '}'", "", lambda ctx: _flow(ctx, "{", "}")),
    ("',' or ']'", "", lambda ctx: _flow(ctx, "[", "]")),
    ("end of stream", "quoted scalar", _quoted_end),
    ("could not find expected ':'", "", _simple_key),
    ("unknown escape", "", _unknown_escape),
    ("comment or line break", "block scalar", _block_scalar),
    ("mapping keys are not allowed", "", _special_start("a text starting with '? '")),
    ("expected node content", "", _special_start("a text starting with ']', '}' or ','")),
    ("directive", "", _special_start("a line starting with '%'")),
    ("block sequence entries are not allowed", "", _special_start("a text starting with '- '")),
)


def explain_syntax_error(exc: Any, text: str) -> SyntaxExplanation:
    """A teacher's explanation of the YAML error *exc* (a ``yaml.MarkedYAMLError``) in *text*."""
    problem = exc.problem or ""
    context = exc.context or ""
    mark = exc.problem_mark or exc.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
    cmark = exc.context_mark
    ctx = _Context(
        problem,
        context,
        line,
        column,
        cmark.line + 1 if cmark is not None else None,
        cmark.column + 1 if cmark is not None else None,
        text.splitlines(),
    )
    original = " ".join(part for part in (context, problem) if part) or "invalid YAML"
    # A tab in the indentation makes libyaml report all sorts of things; it is the cause.
    found = _tab_in_indentation(ctx) if "\t" in ctx.text_of(line) else None
    if found is None:
        for problem_words, context_words, rule in _RULES:
            if problem_words in problem and context_words in context:
                found = rule(ctx)
                if found is not None:
                    break
    if found is None:
        found = SyntaxExplanation(
            line,
            column,
            "the file's structure is broken here; check the indentation (spaces only, the fields of "
            "one mapping at the same column) and put texts containing ': ', ' #' or starting with a "
            "special character in quotes",
        )
    return found._replace(message=f"{found.message} [YAML: {original}]")
