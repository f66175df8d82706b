"""parallel: the same results, in the same order, whether or not work leaves the process."""

from __future__ import annotations

from generator.parallel import map_files


def test_map_files_keeps_order_in_and_out_of_process() -> None:
    items = [f"第{i}项" for i in range(40)]
    assert map_files(len, items, workers=2) == map_files(len, items, workers=1) == [len(i) for i in items]


def test_little_work_stays_in_this_process() -> None:
    import os

    assert map_files(lambda _: os.getpid(), [1, 2, 3], workers=2) == [os.getpid()] * 3  # a lambda cannot be pickled


def test_map_items_forked_keeps_order_and_takes_closures() -> None:
    import os

    from generator.parallel import forked_workers, map_items_forked

    offset = 7  # a closure over data this process holds: inherited by the copies, never pickled
    items = list(range(41))
    assert map_items_forked(lambda i: i + offset, items, apart_from=1) == [i + offset for i in items]
    pids = set(map_items_forked(lambda _: os.getpid(), items, apart_from=1))
    assert (os.getpid() not in pids) == (forked_workers(len(items), 1) > 1)
    assert map_items_forked(lambda _: os.getpid(), items, apart_from=100) == [os.getpid()] * len(items)
