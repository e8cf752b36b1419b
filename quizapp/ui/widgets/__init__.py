"""Reusable widgets: answer inputs for each question kind."""
