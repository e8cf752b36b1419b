"""HTML ↔ plain text, for the HTML that Moodle and Anki store in question texts.

Our banks hold plain text, shown literally. Moodle stores HTML (``<p>``, ``<br>``, entities,
images), so every reader turns it into text the way a browser would show it: tags dropped,
``<br>``, ``<p>``, ``<div>``, ``<li>``… become line breaks, entities are decoded, runs of source
white space collapse to one space, and ``<img>`` becomes its ``alt`` text (the caller warns: the
picture itself is lost). The standard library's :class:`html.parser.HTMLParser` does the parsing:
it never fetches anything and never fails on broken markup.

:func:`text_to_html` is the exact inverse for our writers: a text survives
``html_to_text(text_to_html(text))`` unchanged, including ``<b>`` typed as text, ``&amp;``,
double spaces and line breaks. White space that HTML would collapse is written as a character
reference (``&#32;``), which the reader keeps literally, unlike white space in the markup.

Elements whose ``class`` includes ``quizapp-source`` are dropped on reading: that is the source
citation our writers add to Moodle's general feedback, which must not come back as part of the
explanation.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

#: Elements after which text continues on a new line.
_BLOCK = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "dd",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "li",
        "main",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "table",
        "tbody",
        "thead",
        "tfoot",
        "tr",
        "ul",
    ]
)
#: Elements whose content is not text at all.
_HIDDEN = frozenset(("script", "style", "head", "title", "template"))
#: The class our writers put on the source citation in general feedback.
SOURCE_CLASS = "quizapp-source"

_COLLAPSIBLE = re.compile(r"[ \t\n\r\f]+")


# Our writers keep white space that HTML would collapse as character references (&#32; &#9;).
# Browsers collapse those too, but our reader keeps them, so a text survives a round trip. They
# are swapped for noncharacters (never found in real text) before parsing and back after.
_SPACE_REFS = re.compile(r"&#(?:32|x20|X20);|&#(?:9|x9|X9);")
_KEPT_SPACE, _KEPT_TAB = "\ufdd0", "\ufdd1"
_KEPT = str.maketrans({_KEPT_SPACE: " ", _KEPT_TAB: "\t"})


def _keep_space(match: re.Match[str]) -> str:
    return _KEPT_TAB if match.group() in ("&#9;", "&#x9;", "&#X9;") else _KEPT_SPACE


class _TextBuilder(HTMLParser):
    """Collects text pieces: literal text, collapsible white space, and line breaks.

    A line break is hard (``<br>``: each one counts) or soft (the edge of a block element: any
    number of them in a row make one line break).
    """

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        #: Pieces: (kind, text); kind "t" text, "s" collapsible space, "n" hard break, "b" soft.
        self.pieces: list[tuple[str, str]] = []
        self.images: list[str] = []
        self._skip_tags: list[str] = []
        self._pre = 0

    def handle_data(self, data: str) -> None:
        if self._skip_tags:
            return
        if self._pre:
            for index, line in enumerate(data.split("\n")):
                if index:
                    self.pieces.append(("n", ""))
                if line:
                    self.pieces.append(("t", line))
            return
        for index, part in enumerate(_COLLAPSIBLE.split(data)):
            if index:
                self.pieces.append(("s", ""))
            if part:
                self.pieces.append(("t", part))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self._skip_tags:
            if tag == self._skip_tags[-1]:
                self._skip_tags.append(tag)
            return
        classes = next((value or "" for name, value in attrs if name == "class"), "").split()
        if tag in _HIDDEN or SOURCE_CLASS in classes:
            self._skip_tags.append(tag)
        elif tag == "br":
            self.pieces.append(("n", ""))
        elif tag == "img":
            values = dict(attrs)
            alt = (values.get("alt") or "").strip()
            if not alt:
                source = (values.get("src") or "").rsplit("/", 1)[-1].strip()
                alt = f"[{source}]" if source else "[image]"
            self.images.append(alt)
            self.pieces.append(("t", alt))
        elif tag in _BLOCK:
            self.pieces.append(("b", ""))
            if tag == "pre":
                self._pre += 1

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _HIDDEN or tag == "pre":
            return  # <script/> and the like hold nothing and open nothing
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if self._skip_tags:
            if tag == self._skip_tags[-1]:
                self._skip_tags.pop()
                if not self._skip_tags and tag in _BLOCK:
                    self.pieces.append(("b", ""))
            return
        if tag in _BLOCK:
            self.pieces.append(("b", ""))
            if tag == "pre" and self._pre:
                self._pre -= 1

    def text(self) -> str:
        """The collected text: spaces collapsed, none at the ends of lines, breaks kept."""
        out: list[str] = []
        pending_space = False
        hard = 0
        soft = False
        for kind, value in self.pieces:
            if kind == "t":
                if hard or soft:
                    if out:
                        out.append("\n" * (hard + (1 if soft else 0) if hard else 1))
                    hard, soft = 0, False
                elif pending_space and out:
                    out.append(" ")
                pending_space = False
                out.append(value)
            elif kind == "s":
                pending_space = True
            elif kind == "n":
                pending_space = False
                hard += 1
            else:
                pending_space = False
                soft = True
        return "".join(out).translate(_KEPT)


def html_to_text(fragment: str, newlines_are_breaks: bool = False) -> tuple[str, list[str]]:
    """The text an HTML *fragment* shows, and the alt texts of the images it replaced.

    With *newlines_are_breaks* (Moodle's "moodle auto-format"), a newline in the source is a line
    break, not collapsible white space.
    """
    if newlines_are_breaks and "\n" in fragment:
        fragment = fragment.replace("\r\n", "\n").replace("\n", "<br>")
    if "<" not in fragment and "&" not in fragment:
        # The common case: no markup at all. Same result as the parser, much faster.
        if "  " in fragment or "\n" in fragment or "\t" in fragment or "\r" in fragment or "\f" in fragment:
            fragment = _COLLAPSIBLE.sub(" ", fragment)
        return fragment.strip(" "), []
    builder = _TextBuilder()
    builder.feed(_SPACE_REFS.sub(_keep_space, fragment))
    builder.close()
    return builder.text(), builder.images


def _escape_spaces(match: re.Match[str]) -> str:
    run = match.group()
    # One plain space between two words is kept; any other white space is a reference.
    if run == " " and match.start() > 0 and match.end() < len(match.string):
        return " "
    return "".join("<br>" if char == "\n" else f"&#{ord(char)};" for char in run)


_WHITESPACE_RUN = re.compile(r"[ \t\n\r\f]+")


_MLANG_MARK = re.compile(r"\{(?=mlang)", re.IGNORECASE)


def text_to_html(text: str) -> str:
    """*text* as HTML that shows exactly *text* (the inverse of :func:`html_to_text`).

    A ``{mlang`` typed in the text is written with ``&#123;`` so that no reader takes it for
    Moodle's multi-language mark.
    """
    # Plain str.replace calls: this runs for every text of an export, and str.translate with a
    # table is several times slower on non-ASCII text.
    escaped = text
    if "&" in escaped:
        escaped = escaped.replace("&", "&amp;")
    if "<" in escaped:
        escaped = escaped.replace("<", "&lt;")
    if ">" in escaped:
        escaped = escaped.replace(">", "&gt;")
    if "{" in escaped:
        escaped = _MLANG_MARK.sub("&#123;", escaped)
    if "  " not in escaped and not _needs_space_refs(escaped):
        return escaped
    return _WHITESPACE_RUN.sub(_escape_spaces, escaped)


def _needs_space_refs(text: str) -> bool:
    return (
        "\n" in text
        or "\t" in text
        or "\r" in text
        or "\f" in text
        or text.startswith(" ")
        or text.endswith(" ")
    )
