"""The desktop app's entry points: ``main_window(data_dir)`` builds the office window without
starting the event loop (tests, screenshots, scripts); ``run_app`` starts the app."""

from desktop.ui.app import main_window, run_app  # noqa: F401

__all__ = ["main_window", "run_app"]
