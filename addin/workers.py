"""One way to run work in other processes: forked workers that die with their parent.

Reading a folder of workbooks, writing the reps' plan workbooks and storing the history
while the report is written all run here. On Linux the workers are forked (they start with
everything already imported) and:
- end within moments when their parent dies, even by kill -9 (PR_SET_PDEATHSIG, with a
  watcher thread as the fallback), so no worker is left blocked on a pipe;
- ignore Ctrl-C, which the parent handles once: it stops the workers and the run ends
  with one line, not a traceback per process;
- hand back results in the order of the items, whatever order they finish in.
Elsewhere (Windows, macOS) or for a handful of items, the work runs in this process.

Nothing here imports pandas: the rollup forks its readers before pandas is imported.
"""

from __future__ import annotations

import contextlib
import ctypes
import gc
import os
import pickle
import queue
import signal
import sys
import threading
from collections.abc import Callable, Iterable, Iterator
from multiprocessing import connection, get_context
from typing import Any

from .errors import SalesbookError

CAN_FORK = sys.platform.startswith("linux")
_PR_SET_PDEATHSIG = 1


class WorkerError(SalesbookError):
    """A worker failed in a way its function did not report (it crashed or was killed)."""

    def __init__(self, detail: object):
        super().__init__("run.worker_died", detail=detail)


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Python's cycle collector rests meanwhile. Hundreds of thousands of new objects (a
    rollup's rows; pandas' own import) set it off thousands of times, each pass walking
    every live object, and they hold no cycles worth finding."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


def _die_with(parent: int) -> None:
    """Make this (forked) process end when `parent` ends."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):  # no prctl: watch the parent instead
        def watch() -> None:
            while os.getppid() == parent:
                threading.Event().wait(0.5)
            os._exit(1)
        threading.Thread(target=watch, daemon=True).start()
    if os.getppid() != parent:  # the parent died before prctl took effect
        os._exit(1)


def _child_setup(parent: int) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C, once
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    _die_with(parent)
    gc.disable()  # workers build many small objects and no cycles


def _send(conn: Any, message: tuple) -> None:
    try:
        conn.send(message)
    except (pickle.PicklingError, TypeError, AttributeError) as e:  # an unpicklable result
        conn.send(("error", *message[1:-1], f"{type(e).__name__}: {e}"))


def _serve(conn: Any, fn: Callable[[Any], Any], items: list[Any],
           take: Callable[[], range | None]) -> None:
    """Worker loop: take the next batch of item indexes until none is left, and answer each
    with its result. A thread sends the answers, so the work goes on while the parent is
    busy elsewhere (importing, say) and the pipe is full."""
    outbox: queue.SimpleQueue = queue.SimpleQueue()
    sender = threading.Thread(target=_pump, args=(conn, outbox), daemon=True)
    sender.start()
    try:
        while (batch := take()) is not None:
            for i in batch:
                try:
                    outbox.put(("done", i, fn(items[i])))
                except Exception as e:  # reported to the parent, which raises it there
                    outbox.put(("error", i, e))
    finally:
        outbox.put(None)
        sender.join()


def _pump(conn: Any, outbox: queue.SimpleQueue) -> None:
    """Send the worker's answers in order; the parent gone, stop."""
    try:
        while (message := outbox.get()) is not None:
            _send(conn, message)
    except (OSError, EOFError):
        return
    finally:
        with contextlib.suppress(OSError):
            conn.close()


class Pool:
    """`fn` over `items` on up to `processes` forked workers (fewer than `parallel_from`
    items, or no fork: in this process). Iterate `results()` for them in order."""

    def __init__(self, fn: Callable[[Any], Any], items: Iterable[Any], *,
                 processes: int | None = None, parallel_from: int = 2,
                 batch: int | None = None):
        self.fn = fn
        self.items = list(items)
        n = min(processes or os.cpu_count() or 1, len(self.items))
        self.parallel = CAN_FORK and n > 1 and len(self.items) >= parallel_from
        self.batch = batch or max(1, len(self.items) // (16 * max(n, 1)))
        self._workers: list[tuple[Any, Any]] = []  # (process, connection)
        if self.parallel:
            self._start(n)

    def _start(self, n: int) -> None:
        """Fork the workers; they start at once, taking batches from a shared counter, so
        no answer from this process is needed for the work to go on."""
        ctx = get_context("fork")
        parent = os.getpid()
        taken, lock = ctx.RawValue("q", 0), ctx.Lock()
        size, total = self.batch, len(self.items)

        def take() -> range | None:
            with lock:
                first = taken.value
                if first >= total:
                    return None
                taken.value = min(first + size, total)
                return range(first, taken.value)

        for _ in range(n):
            ours, theirs = ctx.Pipe(duplex=False)
            process = ctx.Process(target=_worker_main, args=(theirs, parent, self.fn,
                                                              self.items, take), daemon=True)
            process.start()
            theirs.close()
            self._workers.append((process, ours))

    def results(self, progress: Callable[[int], None] | None = None) -> Iterator[Any]:
        """Each item's result, in the order of the items; a worker's exception is raised."""
        if not self.parallel:
            for item in self.items:
                yield self.fn(item)
                if progress:
                    progress(1)
            return
        done: dict[int, Any] = {}
        expected = 0
        live = {conn: process for process, conn in self._workers}
        try:
            while expected < len(self.items):
                if not live:  # every worker ended and some items were never answered
                    raise WorkerError(detail="-")
                for conn in connection.wait(list(live)):
                    try:
                        kind, i, value = conn.recv()
                    except (EOFError, OSError):  # the worker ended: all sent, or it died
                        process = live.pop(conn)
                        process.join(timeout=1)
                        if process.exitcode != 0:
                            raise WorkerError(detail=f"exit {process.exitcode}") from None
                        continue
                    if kind == "error":
                        raise value if isinstance(value, BaseException) else WorkerError(value)
                    done[i] = value
                    if progress:
                        progress(1)
                while expected in done:
                    yield done.pop(expected)
                    expected += 1
        finally:
            self.close()

    def close(self) -> None:
        """Stop every worker at once (work left undone is dropped)."""
        for process, conn in self._workers:
            with contextlib.suppress(OSError):
                conn.close()
            if process.is_alive():
                process.kill()
        for process, _ in self._workers:
            process.join(timeout=2)
        self._workers = []

    def __enter__(self) -> Pool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _worker_main(conn: Any, parent: int, fn: Callable, items: list,
                 take: Callable[[], range | None]) -> None:
    _child_setup(parent)
    _serve(conn, fn, items, take)
    os._exit(0)  # no interpreter teardown, no inherited atexit handlers


class Background:
    """`fn(*args, **kwargs, gate=gate)` running in a forked process while this one goes on;
    `gate()`, called by fn just before it makes its work permanent, waits for this
    process's `commit()` (True) or `abort()` (False). Without fork, fn runs in `commit()`."""

    def __init__(self, fn: Callable[..., Any], *args: Any, **kwargs: Any):
        self.fn, self.args, self.kwargs = fn, args, kwargs
        self.committed = False
        self._process: Any = None
        self._conn: Any = None
        self._finished = False
        if CAN_FORK and (os.cpu_count() or 1) > 1:
            ctx = get_context("fork")
            self._conn, theirs = ctx.Pipe(duplex=True)
            self._process = ctx.Process(target=_background_main,
                                        args=(theirs, os.getpid(), fn, args, kwargs),
                                        daemon=True)
            self._process.start()
            theirs.close()

    def commit(self) -> Any:
        """Let the work become permanent and return its result (raise its error)."""
        if self._finished:
            raise RuntimeError("background work already finished")
        self._finished = True
        if self._process is None:
            result = self.fn(*self.args, **self.kwargs, gate=self._agree)
            return result
        try:
            message = self._receive()
            if message[0] == "ready":
                self._conn.send(True)
                self.committed = True
                message = self._receive()
            return self._outcome(message)
        finally:
            self._stop()

    def _agree(self) -> bool:
        self.committed = True
        return True

    def abort(self) -> None:
        """Drop the work (nothing is made permanent); never raises."""
        if self._finished:
            return
        self._finished = True
        if self._process is None:
            return
        with contextlib.suppress(Exception):
            message = self._receive() if self._conn.poll(5) else ("gone",)
            if message[0] == "ready":
                self._conn.send(False)
                self._conn.poll(5) and self._conn.recv()
        self._stop()

    def _receive(self) -> tuple:
        try:
            return self._conn.recv()
        except (EOFError, OSError):
            self._process.join(timeout=2)
            return ("error", WorkerError(detail=f"exit {self._process.exitcode}"))

    @staticmethod
    def _outcome(message: tuple) -> Any:
        if message[0] == "error":
            error = message[1]
            raise error if isinstance(error, BaseException) else WorkerError(error)
        return message[1]

    def _stop(self) -> None:
        with contextlib.suppress(OSError):
            self._conn.close()
        self._process.join(timeout=5)
        if self._process.is_alive():
            self._process.kill()
            self._process.join(timeout=2)


def _background_main(conn: Any, parent: int, fn: Callable, args: tuple, kwargs: dict
                     ) -> None:
    _child_setup(parent)

    def gate() -> bool:
        conn.send(("ready",))
        try:
            return bool(conn.recv())
        except (EOFError, OSError):
            return False  # the parent is gone: make nothing permanent

    try:
        _send(conn, ("done", fn(*args, **kwargs, gate=gate)))
    except BaseException as e:  # reported to the parent, which raises it there
        with contextlib.suppress(Exception):
            _send(conn, ("error", e))
    finally:
        with contextlib.suppress(OSError):
            conn.close()
    os._exit(0)
