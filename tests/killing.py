"""Run a function in a child process and kill it with SIGKILL: cheap children for kill tests.

Children come from a fork server that has already imported the app, so starting one costs
milliseconds instead of a fresh interpreter's second.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import signal
import time
from typing import Any, Callable

_CTX = None


def context():
    global _CTX
    if _CTX is None:
        _CTX = mp.get_context("forkserver")
        _CTX.set_forkserver_preload(["desktop.store.service", "desktop.store.backup", "desktop.store.transfer",
                                     "kill_targets"])
    return _CTX


def run_and_kill(target: Callable[..., Any], args: tuple, delay: float, *, ready_timeout: float = 60) -> bool:
    """Start ``target(ready, *args)``; once it sets ``ready``, wait ``delay`` and SIGKILL it.

    Returns True when the child had already finished on its own before the kill.
    """
    ctx = context()
    ready = ctx.Event()
    proc = ctx.Process(target=target, args=(ready, *args), daemon=True)
    proc.start()
    if not ready.wait(ready_timeout):
        proc.kill()
        proc.join()
        raise RuntimeError(f"the child never got ready (exit code {proc.exitcode})")
    time.sleep(delay)
    finished = not proc.is_alive()
    if not finished:
        os.kill(proc.pid, signal.SIGKILL)
    proc.join(20)
    return finished


def run_until_it_dies(target: Callable[..., Any], args: tuple, *, timeout: float = 120) -> int:
    """Start ``target(ready, *args)`` (which kills itself at a named step) and wait for it; its exit code."""
    ctx = context()
    ready = ctx.Event()
    proc = ctx.Process(target=target, args=(ready, *args), daemon=True)
    proc.start()
    proc.join(timeout)
    if proc.is_alive():
        proc.kill()
        proc.join()
        raise RuntimeError("the child did not end")
    return proc.exitcode
