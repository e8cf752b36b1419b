"""A class at once: serving quizapp to browsers, knowing who is who, and the teacher's report.

- :mod:`~quizapp.classroom.report` computes the teacher's figures (per student, per topic, item
  analysis per question) from answer rows; pure, no Textual, no I/O.
- :mod:`~quizapp.classroom.exports` reads ``quizapp results --format json`` files and merges them.
- :mod:`~quizapp.classroom.render` writes a report as text, CSV, JSON or self-contained HTML.
- :mod:`~quizapp.classroom.roster` reads the ``name,pin`` roster; :mod:`~quizapp.classroom.lockout`
  slows down PIN guessing across every browser tab.
- :mod:`~quizapp.classroom.preset` reads the exam preset (a YAML file, validated like a bank).
- :mod:`~quizapp.classroom.serve` runs ``quizapp serve`` on textual-serve.
"""
