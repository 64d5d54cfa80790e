"""Subcommands of ``nibrs-desk``; every module here with NAME and run() is one command."""
