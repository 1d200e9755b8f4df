"""addin.workers.Pool: forked workers that hand back results in order, raise what failed,
and work on while their parent is busy elsewhere."""

from __future__ import annotations

import multiprocessing
import os
import threading
import time
from pathlib import Path

import pytest

from addin import workers
from addin.errors import SalesbookError

pytestmark = pytest.mark.skipif(not workers.CAN_FORK or (os.cpu_count() or 1) < 2,
                                reason="forked workers need Linux and two cores")


def _slow_square(x: int) -> int:
    time.sleep(0.002 * (x % 5))  # items finish out of order
    return x * x


def test_results_come_back_in_the_order_of_the_items():
    pool = workers.Pool(_slow_square, range(200), parallel_from=2)
    assert pool.parallel
    seen: list[int] = []
    assert list(pool.results(progress=seen.append)) == [x * x for x in range(200)]
    assert len(seen) == 200


def test_the_workers_go_on_while_the_parent_does_not_collect(tmp_path: Path):
    """The rollup forks its readers, then imports pandas for a second before it asks for
    anything: by then the work must be done, even with answers larger than a pipe holds
    (a socket buffer holds about 200 KB; here each worker sends about 2 MB)."""
    def mark(i: int) -> bytes:
        (tmp_path / f"{i}").touch()
        return bytes(100_000)

    pool = workers.Pool(mark, range(40), parallel_from=2)
    deadline = time.monotonic() + 20
    while len(list(tmp_path.iterdir())) < 40 and time.monotonic() < deadline:
        time.sleep(0.05)  # nothing collected meanwhile
    assert len(list(tmp_path.iterdir())) == 40
    assert [len(r) for r in pool.results()] == [100_000] * 40


def _fails_on_seven(x: int) -> int:
    if x == 7:
        raise ValueError("seven")
    return x


def test_an_error_in_a_worker_is_raised_in_the_parent():
    pool = workers.Pool(_fails_on_seven, range(30), parallel_from=2)
    with pytest.raises(ValueError, match="seven"):
        list(pool.results())


def _dies_on_three(x: int) -> int:
    if x == 3:
        os._exit(9)  # a crash that reports nothing
    return x


def test_a_worker_that_dies_is_one_clear_error():
    pool = workers.Pool(_dies_on_three, range(30), parallel_from=2)
    with pytest.raises(workers.WorkerError) as e:
        list(pool.results())
    assert isinstance(e.value, SalesbookError) and "exit 9" in str(e.value)


def test_an_unpicklable_answer_is_one_clear_error():
    pool = workers.Pool(lambda x: threading.Lock() if x == 2 else x, range(30),
                        parallel_from=2)
    with pytest.raises(workers.WorkerError) as e:
        list(pool.results())
    assert e.value.code == "run.worker_died" and "pickle" in str(e.value).lower()


def test_closing_stops_the_workers_at_once():
    pool = workers.Pool(time.sleep, [5.0] * 8, parallel_from=2)
    processes = multiprocessing.active_children()
    assert len(processes) >= 2
    started = time.monotonic()
    pool.close()
    assert time.monotonic() - started < 3
    assert not any(p.is_alive() for p in processes)


def test_few_items_run_in_this_process():
    here = workers.Pool(lambda _: os.getpid(), range(3), parallel_from=24)
    assert not here.parallel and set(here.results()) == {os.getpid()}
