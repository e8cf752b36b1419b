"""quizapp: a trilingual (Turkish, English, Kazakh) quiz and self-study app for the terminal."""

__version__ = "0.1.0"
