"""Bringing question banks in from other tools and taking them out again.

One module per foreign format, each a ``read`` (foreign file → drafts of questions) and/or a
``write`` (bank → foreign file) over the core model:

======================  ==========  =========================================================
module                  direction   format
======================  ==========  =========================================================
:mod:`.gift`            in, out     Moodle's GIFT text format
:mod:`.moodlexml`       in, out     Moodle XML (read through ``defusedxml`` only)
:mod:`.aiken`           in          Aiken, Moodle's simplest multiple-choice text format
:mod:`.spreadsheet`     in, out     our CSV layout: one row per question, a column per language
:mod:`.anki`            out         the Anki manual's text-file import format
======================  ==========  =========================================================

Shared parts: :mod:`.text` decodes files, cleans texts and makes ids; :mod:`.html` turns the
HTML those tools store into plain text and back; :mod:`.multilang` splits Moodle's
multi-language markup into our ``tr``/``en``/``kk``; :mod:`.drafts` holds what readers produce
and the problems they report; :mod:`.importing` turns drafts into a bank, checks it with the
bank loader and writes it through :mod:`.bankwriter` (YAML that ``quizapp validate`` accepts);
:mod:`.exporting` loads a bank and hands it to a writer, with :mod:`.answers` for the words a
writer needs in the export's language; :mod:`.refs` is the one place that knows how a question
cites its sources.

Nothing here imports Textual or Rich: the CLI (``quizapp import``/``quizapp export``) only
parses arguments and calls :func:`.importing.import_files` or :func:`.exporting.export_bank`.
"""

from __future__ import annotations

#: Formats ``quizapp import`` reads.
IMPORT_FORMATS: tuple[str, ...] = ("gift", "moodle-xml", "aiken", "csv")
#: Formats ``quizapp export`` writes.
EXPORT_FORMATS: tuple[str, ...] = ("gift", "moodle-xml", "anki", "csv")
