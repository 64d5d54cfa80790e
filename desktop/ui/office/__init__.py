"""The office window: the list of reports, its actions, and the monthly submission (export, import, feedback)."""
