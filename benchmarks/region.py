"""How the build grows from one city to a region, against the plain MkDocs build a user would run instead.

Prints figures only; nothing here asserts a time. Every build runs in a fresh
Python process (this script re-invoked with --worker, or `python -m mkdocs`),
pinned to CPUs 0 and 1 with `taskset` unless --no-pin, so imports are counted
as the daily cron job pays them and peak memory (ru_maxrss) belongs to that
build alone.

    .venv/bin/python benchmarks/region.py --scale 0.25
    .venv/bin/python benchmarks/region.py --scale 1.0 --no-city
    .venv/bin/python benchmarks/region.py --growth 0.125 --no-city --scale 0   # growth series only
    .venv/bin/python benchmarks/region.py --json > figures.json

For each project (the shipped city, a synthetic region):

1. one measured build: the real `build.build_site`, which records its own stage
   times into a `build.Timings`; light wrappers (`Meter.wrap`) around the
   build's functions show the sub-stages inside them (calendar, status,
   render, feeds, write, MkDocs' Markdown and Material templates);
2. the peer build: a copy of the built project (content/, overrides/, and
   mkdocs.yml with `plugins:` replaced by Material's own `search`) built by a
   plain `python -m mkdocs build -q`, and the ratio of the two;
3. rebuilds into the same site: the day after (the next working day, no data
   change), then one new notice published at once at that same date.
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import gzip
import importlib
import json
import os
import pkgutil
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import types
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

STARTED = time.perf_counter()  # a worker's imports count from here
HERE = Path(__file__).resolve().parent
REPO = HERE.parent
PREVIEW = "preview"  # the benchmark builds previews: any day, never the live site folder
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(HERE))

CITY_AS_OF = dt.date(2026, 11, 28)
PIN_CPUS = "0,1"

# Targets (issue 16), printed beside the figures.
RATIO_TARGET, RATIO_STRETCH = 1.0, 0.5
REGION_TARGET_S = 120.0  # region ×1.0, whole build
CITY_TARGET_S = 3.0  # city, after imports
MEMORY_TARGET_MB = 2048.0
PAGE_TARGET_GZ = 15 * 1024
SEARCH_TARGET = 1024 * 1024
DAY_AFTER_TARGET_S = 30.0

# build.Timings' stages in build order, with the labels the tables print. "search" (Pagefind's own wall
# time) runs beside "checks" and is shown apart; "other" is what build_site spends outside its stages.
STAGES = (
    ("load", "load and validate (+ mkdocs.yml)"),
    ("record", "record check (live site)"),
    ("generate", "generate content"),
    ("reuse", "reuse (keys, live pages taken, digests)"),
    ("mkdocs", "MkDocs build"),
    ("sitemap", "sitemap"),
    ("minify", "minify"),
    ("checks", "checks (Pagefind beside them)"),
    ("search wait", "search wait (for Pagefind afterwards)"),
    ("search check", "search check"),
    ("swap", "swap"),
    ("other", "other (site-dir checks, lock, withheld texts)"),
)
# What the benchmark's wrappers find inside each stage (exclusive seconds); the rest of the stage is `REST`.
INNER = {
    "load": (("calendar", "calendar (windows)"),),
    "generate": (
        ("status", "status.snapshot"),
        ("render", "render (pages.generate)"),
        # From 1,000 pages the feeds are made in a forked worker beside the pages, where these
        # wrappers cannot count them: they are then part of render, and this row reads 0.
        ("feeds", "feeds (from 1,000 pages: within render)"),
        ("write", "write content"),
        ("calendar", "calendar (windows)"),
    ),
    "mkdocs": (("markdown", "Markdown → HTML"), ("templates", "Material page templates")),
}
REST = {"load": "YAML, validation, mkdocs.yml", "generate": "rest", "mkdocs": "config, nav, assets, plugins"}


# ---------------------------------------------------------------------------
# Instrumentation (worker side)
# ---------------------------------------------------------------------------


class Meter:
    """Exclusive seconds per name: a wrapped call's time less the wrapped calls inside it, so nothing counts twice."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}
        self.calls: dict[str, int] = {}
        self._inside: list[list[float]] = []  # per open call: seconds of the wrapped calls it made

    def wrap(self, owner: Any, attr: str, name: str, materialise: bool = False) -> Callable[..., Any]:
        """Replace owner.attr by a timed version; `materialise` drains a returned generator inside the timing."""
        original = getattr(owner, attr)
        meter = self

        def timed(*args: Any, **kwargs: Any) -> Any:
            nested = [0.0]
            meter._inside.append(nested)
            start = time.perf_counter()
            try:
                result = original(*args, **kwargs)
                if materialise:
                    result = iter(list(result))
                return result
            finally:
                elapsed = time.perf_counter() - start
                meter._inside.pop()
                meter.seconds[name] = meter.seconds.get(name, 0.0) + elapsed - nested[0]
                meter.calls[name] = meter.calls.get(name, 0) + 1
                if meter._inside:
                    meter._inside[-1][0] += elapsed

        timed.__wrapped__ = original  # type: ignore[attr-defined]
        setattr(owner, attr, timed)
        return original

    def snapshot(self) -> dict[str, float]:
        return dict(self.seconds)


def _import_generator_modules() -> list[Any]:
    import generator

    modules = []
    for info in pkgutil.iter_modules(generator.__path__):
        if info.name == "__main__":
            continue
        try:
            modules.append(importlib.import_module(f"generator.{info.name}"))
        except Exception as exc:  # a module another helper is half-way through writing
            print(f"benchmark: cannot import generator.{info.name}: {exc}", file=sys.stderr)
    return modules


def instrument(meter: Meter) -> None:
    """Import what a build imports and attach timers to the functions whose time the tables show."""
    modules = _import_generator_modules()
    for name in ("mkdocs.commands.build", "mkdocs.config.defaults", "mkdocs.theme", "markdown", "jinja2", "material"):
        try:
            importlib.import_module(name)
        except ImportError as exc:
            print(f"benchmark: cannot import {name}: {exc}", file=sys.stderr)
    from generator import content, pages, status, workcalendar

    cls = workcalendar.WorkCalendar
    for attr in ("window", "remaining_workdays", "workdays_between", "next_workday", "is_workday", "_year", "known_until"):
        if hasattr(cls, attr):
            meter.wrap(cls, attr, "calendar")
    if isinstance(cls.__dict__.get("load"), classmethod):  # reading data/calendar/*.yaml
        holder = types.SimpleNamespace(load=cls.load)
        meter.wrap(holder, "load", "calendar")
        cls.load = staticmethod(lambda *a, **k: holder.load(*a, **k))  # type: ignore[method-assign]

    feeds = importlib.import_module("generator.feeds")
    for name, fn in list(vars(feeds).items()):
        if callable(fn) and getattr(fn, "__module__", "") == "generator.feeds" and not isinstance(fn, type):
            for module in modules:
                if module is not feeds and getattr(module, name, None) is fn:
                    meter.wrap(module, name, "feeds")
            meter.wrap(feeds, name, "feeds")

    # build.generate_content calls these through their modules, so wrapping the module attribute is enough.
    meter.wrap(status, "snapshot", "status")
    meter.wrap(pages, "generate", "render")
    meter.wrap(content, "write", "write")

    import mkdocs.commands.build as mk

    meter.wrap(mk, "_populate_page", "markdown")
    meter.wrap(mk, "_build_page", "templates")


# What the pool workers of generator.parallel used: they are the fork server's
# children, not this process's, so RUSAGE_CHILDREN never sees them.
POOL_WORKERS = {"rss_mb": 0.0, "cpu": 0.0}


def _measured(function: Callable[[Any], Any], item: Any) -> tuple[Any, int, float, float]:
    """Runs in a pool worker: the result, and the worker's pid, peak RSS (MB) and CPU seconds so far."""
    result = function(item)
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return result, os.getpid(), usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime


def instrument_pool() -> None:
    """Make generator.parallel.map_files report its workers' memory and CPU into POOL_WORKERS."""
    from generator import minify, parallel, site_checks

    original = parallel.map_files

    def measured(function: Callable[[Any], Any], items: Any, workers: int | None = None, serial_below: int = 8) -> list[Any]:
        out = original(functools.partial(_measured, function), items, workers, serial_below)
        per_worker: dict[int, tuple[float, float]] = {}
        for _, pid, rss, cpu in out:
            old_rss, old_cpu = per_worker.get(pid, (0.0, 0.0))
            per_worker[pid] = (max(old_rss, rss), max(old_cpu, cpu))
        per_worker.pop(os.getpid(), None)  # run in this process: already in RUSAGE_SELF
        if per_worker:
            POOL_WORKERS["rss_mb"] = max(POOL_WORKERS["rss_mb"], *(rss for rss, _ in per_worker.values()))
            POOL_WORKERS["cpu"] += sum(cpu for _, cpu in per_worker.values())
        return [result for result, *_ in out]

    for module in (parallel, minify, site_checks):
        if getattr(module, "map_files", None) is original:
            module.map_files = measured  # type: ignore[attr-defined]


def _cpu_seconds() -> float:
    """User + system CPU of this process, its finished children (Pagefind) and the pool workers."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime + POOL_WORKERS["cpu"]


def _rss_mb() -> tuple[float, float]:
    """Peak resident memory (MB) of this process and of its largest child (pool worker or Pagefind)."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return own, max(children, POOL_WORKERS["rss_mb"])


def metered_timings(meter: Meter) -> Any:
    """A `build.Timings` that also keeps, per stage, what the meter saw inside it and the CPU it took."""
    from generator.build import Timings

    class MeteredTimings(Timings):
        def __init__(self) -> None:
            super().__init__()
            self.inner: dict[str, dict[str, float]] = {}
            self.cpu: dict[str, float] = {}

        @contextmanager
        def stage(self, name: str) -> Iterator[None]:
            before, cpu_before = meter.snapshot(), _cpu_seconds()
            try:
                with super().stage(name):
                    yield
            finally:
                inner = self.inner.setdefault(name, {})
                for key, seconds in meter.snapshot().items():
                    if seconds != before.get(key, 0.0):
                        inner[key] = inner.get(key, 0.0) + seconds - before.get(key, 0.0)
                self.cpu[name] = self.cpu.get(name, 0.0) + _cpu_seconds() - cpu_before

    return MeteredTimings()


def run_build(root: Path, as_of: dt.date, first: bool) -> dict[str, Any]:
    """One `build_site` into root/preview in this fresh process; the first build of a project also weighs the site."""
    meter = Meter()
    instrument(meter)
    instrument_pool()
    imported = time.perf_counter() - STARTED
    from generator.build import build_site

    timings = metered_timings(meter)
    load_avg = os.getloadavg()[0]
    started = time.perf_counter()
    generated = build_site(root, as_of, root / PREVIEW, live=False, timings=timings)
    seconds = time.perf_counter() - started
    cpu = _cpu_seconds()
    rss_self, rss_children = _rss_mb()

    stages = {key: timings.get(key, 0.0) for key, _ in STAGES if key != "other"}
    stages["other"] = seconds - sum(stages.values())
    inner: dict[str, dict[str, float]] = {}
    for stage, parts in INNER.items():
        seen = timings.inner.get(stage, {})
        inner[stage] = {key: seen.get(key, 0.0) for key, _ in parts}
        inner[stage]["rest"] = stages[stage] - sum(inner[stage].values())
    result: dict[str, Any] = {
        "as_of": as_of.isoformat(),
        "imports": imported,
        "build": seconds,
        "stages": stages,
        "inner": inner,
        "search": timings.get("search"),
        "pages_reused": timings.reused_pages,
        "search_reused": timings.reused_search,
        "calendar_total": meter.seconds.get("calendar", 0.0),
        "cpu_total": cpu,
        "cpu_stages": timings.cpu,
        "rss_self_mb": rss_self,
        "rss_children_mb": rss_children,
        "load_average_at_start": load_avg,
        "load_average_at_end": os.getloadavg()[0],
    }
    if first:
        dataset, snap = generated.dataset, generated.snapshot
        states: dict[str, int] = {}
        for n in snap.notices:
            states[n.state.name.lower()] = states.get(n.state.name.lower(), 0) + 1
        states["queued"] = len(dataset.notices) - len(snap.notices)
        states["with_dismissed_objection"] = sum(any(o.outcome == "dismissed" for o in n.objections) for n in dataset.notices)
        result.update({
            "plans": len(dataset.plans),
            "tasks": sum(len(p.tasks) for p in dataset.plans),
            "notices": len(dataset.notices),
            "notice_states": states,
            "progress_reports": len(getattr(dataset, "progress", ()) or ()),
            **measure_site(root / PREVIEW),
        })
    result["measuring"] = time.perf_counter() - started - seconds  # the parent takes it off the process's wall time
    return result


# ---------------------------------------------------------------------------
# The built site's weight
# ---------------------------------------------------------------------------


def _gz(data: bytes) -> int:
    return len(gzip.compress(data))


def _served_gz(path: Path) -> int:
    """Bytes on the wire: Pagefind's index files are compressed already; text files as gzip sends them."""
    return path.stat().st_size if path.suffix.startswith(".pf_") or path.suffix == ".pagefind" else _gz(path.read_bytes())


def search_weight(site_dir: Path, shown: int = 10) -> dict[str, Any]:
    """Pagefind's bundle, and an upper bound of what a first one-word search downloads.

    A first search loads the search page's scripts (Pagefind's UI and API, its
    WebAssembly, the entry and meta files, gongshi's word lists), one index chunk per word and one
    fragment per result shown. The bound takes the largest chunk and the
    `shown` largest fragments; benchmarks/search_weight.py measures real
    queries in a browser.
    """
    from generator.search import BUNDLE_DIRS

    bundles = [site_dir / b for b in BUNDLE_DIRS if (site_dir / b).is_dir()]
    files = [f for bundle in bundles for f in bundle.rglob("*") if f.is_file()]
    if not files:
        return {"search_bundle_bytes": 0, "search_bundle_files": 0, "first_search_gz": 0, "search_chunks": None}
    # The UI and the WebAssembly come from the first bundle; each bundle's entry and meta files are
    # fetched, and a word's chunk and the results' fragments from every bundle.
    first = bundles[0]
    fixed = [first / n for n in ("pagefind-ui.js", "pagefind-ui.css", "pagefind.js")] + sorted(first.glob("wasm.*"))
    for bundle in bundles:
        # The search page's own word list and task/name table (generator/search.py), one per bundle.
        fixed += [bundle / "pagefind-entry.json", bundle / "gongshi-search.json", *sorted(bundle.glob("*.pf_meta"))]
    chunks = sorted(f.stat().st_size for bundle in bundles for f in bundle.glob("index/*.pf_index"))
    largest = sum(max((f.stat().st_size for f in b.glob("index/*.pf_index")), default=0) for b in bundles)
    fragments = sorted((f.stat().st_size for b in bundles for f in b.glob("fragment/*.pf_fragment")), reverse=True)
    fixed_gz = sum(_served_gz(f) for f in fixed if f.exists())
    return {
        "search_bundle_bytes": sum(f.stat().st_size for f in files),
        "search_bundle_files": len(files),
        "search_fixed_gz": fixed_gz,
        "search_chunks": {"count": len(chunks), "median": statistics.median(chunks), "max": chunks[-1]} if chunks else None,
        "first_search_gz": fixed_gz + largest + sum(fragments[:shown]),
    }


def measure_site(site_dir: Path) -> dict[str, Any]:
    """Files and bytes of the site, and every page's gzipped size (the 15 KB target holds for each page)."""
    files = [p for p in site_dir.rglob("*") if p.is_file()]
    html = sorted(p for p in files if p.suffix == ".html")
    sizes = {p: (p.stat().st_size, _gz(p.read_bytes())) for p in html}

    def median_gz(pages: list[Path]) -> dict[str, float] | None:
        if not pages:
            return None
        return {
            "count": len(pages),
            "median_raw": statistics.median(sizes[p][0] for p in pages),
            "median_gz": statistics.median(sizes[p][1] for p in pages),
            "max_gz": max(sizes[p][1] for p in pages),
        }

    largest = sorted(html, key=lambda p: sizes[p][1], reverse=True)[:3]
    return {
        "pages": len(html),
        "site_files": len(files),
        "site_bytes": sum(p.stat().st_size for p in files),
        "site_disk_bytes": sum(p.stat().st_blocks * 512 for p in files),
        **search_weight(site_dir),
        "task_page": median_gz(sorted(site_dir.glob("plans/*/tasks/*/index.html"))),
        "notice_page": median_gz(sorted(site_dir.glob("notices/*/index.html"))),
        "pages_over_target": sum(gz > PAGE_TARGET_GZ for _, gz in sizes.values()),
        "largest_pages": [{"page": p.relative_to(site_dir).as_posix(), "raw": sizes[p][0], "gz": sizes[p][1]} for p in largest],
    }


# ---------------------------------------------------------------------------
# Orchestration (parent side)
# ---------------------------------------------------------------------------


def pin_prefix(pin: bool) -> tuple[list[str], str]:
    """The command prefix that pins a build to CPUs 0 and 1, and a line saying what was done."""
    if not pin:
        return [], "not pinned (--no-pin)"
    taskset = shutil.which("taskset")
    if taskset is None:
        return [], "not pinned: taskset not found"
    if (os.cpu_count() or 1) < 2:
        return [], "not pinned: fewer than two CPUs"
    return [taskset, "-c", PIN_CPUS], f"each build pinned to CPUs {PIN_CPUS} (taskset -c {PIN_CPUS})"


def run_process(cmd: list[str], cwd: Path, env: dict[str, str] | None = None) -> tuple[float, int, resource.struct_rusage, str]:
    """Wall seconds, exit code, resource usage (of it and its waited-for children) and last output of a fresh process."""
    with tempfile.TemporaryFile() as said:
        started = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=str(cwd), env=env, stdin=subprocess.DEVNULL, stdout=said, stderr=said)
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - started
        proc.returncode = os.waitstatus_to_exitcode(status)
        said.seek(0)
        return seconds, proc.returncode, usage, said.read().decode("utf-8", errors="replace")


def worker(root: Path, as_of: dt.date, first: bool, pin: list[str]) -> dict[str, Any]:
    """Run one build_site in a fresh interpreter; its JSON result is the last line of its output."""
    mode = "first" if first else "rebuild"
    cmd = pin + [sys.executable, str(Path(__file__).resolve()), "--worker", mode, str(root), as_of.isoformat()]
    seconds, code, _, said = run_process(cmd, REPO)
    if code != 0:
        sys.stderr.write(said[-4000:])
        raise SystemExit(f"benchmark worker failed ({mode} {root} as of {as_of})")
    result = json.loads(said.strip().splitlines()[-1])
    # As cron pays it: the process from start to exit (interpreter, imports, build_site, shutdown), less the
    # benchmark's own weighing of the site afterwards. The peer build is timed the same way.
    result["total"] = seconds - result["measuring"]
    result["start_exit"] = result["total"] - result["imports"] - result["build"]
    return result


def peer_config(text: str) -> str:
    """mkdocs.yml with its `plugins:` list replaced by Material's own search plugin; everything else as it is."""
    lines = text.splitlines(keepends=True)
    out: list[str] = []
    skipping = False
    for line in lines:
        if skipping:
            if not line.strip() or line.startswith("#"):
                out.append(line)  # blank lines and top-level comments stay
                continue
            if line[0] in " \t-":
                continue  # the plugins' entries and options
            skipping = False
        if re.match(r"plugins\s*:", line):
            out.append("plugins:\n  - search\n")
            skipping = True
            continue
        out.append(line)
    if not any(re.match(r"plugins\s*:", line) for line in lines):
        out.append("\nplugins:\n  - search\n")
    return "".join(out)


def peer_build(root: Path, peer: Path, as_of: dt.date, pin: list[str]) -> dict[str, Any]:
    """A plain `mkdocs build` of the built content/ with Material and its own search, in a fresh process."""
    from generator.asof import epoch_of

    shutil.rmtree(peer, ignore_errors=True)
    peer.mkdir(parents=True)
    shutil.copytree(root / "content", peer / "content")
    shutil.copytree(root / "overrides", peer / "overrides")
    (peer / "mkdocs.yml").write_text(peer_config((root / "mkdocs.yml").read_text(encoding="utf-8")), encoding="utf-8")
    env = {**os.environ, "SOURCE_DATE_EPOCH": str(epoch_of(as_of))}
    load_avg = os.getloadavg()[0]
    seconds, code, usage, said = run_process(pin + [sys.executable, "-m", "mkdocs", "build", "-q"], peer, env)
    if code != 0:
        sys.stderr.write(said[-4000:])
        raise SystemExit(f"the peer build failed (mkdocs build in {peer})")
    site = peer / "site"
    pages = sum(1 for _ in site.rglob("*.html"))
    index = site / "search" / "search_index.json"
    return {
        "total": seconds,
        "cpu_total": usage.ru_utime + usage.ru_stime,
        "rss_mb": usage.ru_maxrss / 1024,
        "pages": pages,
        "search_index_bytes": index.stat().st_size if index.exists() else None,
        "load_average_at_start": load_avg,
        "load_average_at_end": os.getloadavg()[0],
    }


def day_after(as_of: dt.date) -> dt.date:
    """The next working day after `as_of`: a day a nightly build runs and a new notice can start on."""
    from generator.workcalendar import WorkCalendar

    return WorkCalendar().next_workday(as_of + dt.timedelta(days=1))


def add_notice(root: Path, day: dt.date) -> str:
    """One valid whole-task notice starting on `day`, on the first task that has none; its file name.

    The live site is already as of `day`, so the record check would refuse a
    notice starting that day as backdated; it says it was first printed in a
    newspaper that morning (`published_elsewhere`), as an officer records a
    notice added after the nightly build. It is published at once.
    """
    from synth import dump

    from generator.load import load_dataset

    dataset, _ = load_dataset(root)
    noticed = {(n.plan_id, n.task_no) for n in dataset.notices}
    free = [(p, t) for p in dataset.plans for t in p.tasks if (p.id, t.no) not in noticed and t.acceptance.units]
    if not free:
        raise SystemExit(f"no task without a notice in {root}: cannot add one for the rebuild")
    plan, task = free[0]
    channel = "报纸（基准测试）"
    notice = {
        "plan": plan.id,
        "task": task.no,
        "start": day,
        "completion": "".join(
            f"{'一二三四'[i]}是{m[:60].rstrip('，。；')}，已完成（台账基准-{task.no}-{i + 1}）。\n\n" for i, m in enumerate(task.measures[:3])
        ).rstrip() + "\n",
        "acceptance": {
            "unit": task.acceptance.units[0],
            "date": day - dt.timedelta(days=3),
            "opinion": f"经资料审核和现场核查，第{task.no}项整改任务已完成整改，同意验收销号（基准测试新增）。",
        },
        "channels": [{"name": channel, "date": day}],
        "objections": [],
        "published_elsewhere": {"channel": channel, "date": day},
    }
    name = f"{day.isoformat()}-{plan.id}-task{task.no}"
    dump(notice, root / "data" / "notices" / f"{name}.yaml", "# 基准测试合成数据：重建测量新增的一份公示\n")
    return name


def fresh_copy(source: Path, target: Path) -> Path:
    """The data and site skeleton without anything a previous build wrote."""
    ignore = shutil.ignore_patterns("site", "site.new-*", "site.old-*", PREVIEW)
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(source, target, ignore=ignore)
    return target


def prepare(kind: str, scale: float, work: Path, as_of: dt.date, log: Callable[[str], None]) -> tuple[Path, dict[str, Any]]:
    """A project folder for the city (shipped data) or a synthetic region at `scale`."""
    from synth import copy_skeleton, synthesise

    source = work / (f"{kind}-src" if kind == "city" else f"region-{scale:g}-src")
    if source.exists():
        return source, json.loads((source / ".synth.json").read_text())
    started = time.perf_counter()
    if kind == "city":
        copy_skeleton(source, with_data=True)
        info: dict[str, Any] = {"scale": None}
    else:
        summary = synthesise(source, scale, as_of)
        info = {"scale": scale, "cities": summary.cities, "written_kinds": summary.by_kind}
    info["synth_seconds"] = time.perf_counter() - started
    (source / ".synth.json").write_text(json.dumps(info))
    log(f"  prepared {source.name} in {info['synth_seconds']:.1f} s")
    return source, info


def measure(
    kind: str, scale: float, work: Path, as_of: dt.date, pin: list[str], log: Callable[[str], None],
    peer: bool = True, rebuilds: bool = True,
) -> dict[str, Any]:
    """The first build of a fresh project, then (optionally) its peer build and the two rebuilds."""
    source, info = prepare(kind, scale, work, as_of, log)
    label = "city (shipped)" if kind == "city" else f"region ×{scale:g}"
    result: dict[str, Any] = {"label": label, **info}
    root = fresh_copy(source, work / source.name[:-4])
    log(f"  {label}: first build as of {as_of}…")
    result.update(worker(root, as_of, True, pin))
    log(f"    {result['total']:.1f} s, {result['pages']:,} pages")
    if peer:
        log(f"  {label}: peer build (plain mkdocs build, Material + search)…")
        result["peer"] = peer_build(root, work / f"{source.name[:-4]}-peer", as_of, pin)
        result["ratio"] = result["total"] / result["peer"]["total"]
        log(f"    {result['peer']['total']:.1f} s, ratio {result['ratio']:.2f}")
    if rebuilds:
        from generator.workcalendar import CalendarGap

        result["rebuilds"] = []
        try:
            after = day_after(as_of)
        except CalendarGap as gap:
            log(f"  {label}: no rebuilds, the calendar has no working day after {as_of} ({gap})")
            return result
        log(f"  {label}: rebuild the day after (as of {after}, no data change)…")
        run = worker(root, after, False, pin)
        result["rebuilds"].append({"kind": "day_after", "label": f"day after ({after})", **run})
        log(f"    {run['total']:.1f} s")
        name = add_notice(root, after)
        log(f"  {label}: rebuild after one new notice ({name}, as of {after})…")
        run = worker(root, after, False, pin)
        result["rebuilds"].append({"kind": "new_notice", "label": f"new notice ({after})", "notice": name, **run})
        log(f"    {run['total']:.1f} s")
    return result


# ---------------------------------------------------------------------------
# Printing
# ---------------------------------------------------------------------------


def _kb(n: float | None) -> str:
    return "—" if n is None else f"{n / 1024:,.1f} KB"


def _mb(n: float | None) -> str:
    return "—" if n is None else f"{n / 1024 / 1024:,.2f} MB"


def _sec(n: float | None) -> str:
    return "n/a" if n is None else f"{n:,.1f} s"


def _mark(ok: bool) -> str:
    return "OK" if ok else "over"


def _share(seconds: float | None, r: dict[str, Any]) -> str:
    return _sec(seconds) + (f"  {100 * seconds / r['total']:.0f}%" if seconds else "")


def dominates(r: dict[str, Any], top: int = 2) -> str:
    """The stages that take most of a build, with the largest part measured inside each."""
    parts = [("imports", "imports", r["imports"])] + [(key, label, r["stages"][key]) for key, label in STAGES]
    out = []
    for key, label, seconds in sorted(parts, key=lambda p: p[2], reverse=True)[:top]:
        text = f"{label.split(' (')[0]} {100 * seconds / r['total']:.0f}%"
        inner = {k: v for k, v in r.get("inner", {}).get(key, {}).items() if k != "rest"}
        if inner:
            part, part_seconds = max(inner.items(), key=lambda kv: kv[1])
            names = dict(INNER[key])
            text += f" (of which {names[part]} {_sec(part_seconds)})"
        if key in ("checks", "search wait") and r.get("search"):
            text += f" [Pagefind beside it: {_sec(r['search'])}]"
        out.append(text)
    return "; ".join(out)


Row = tuple[str, Callable[[dict[str, Any]], str]]


def _stage_cell(key: str) -> Callable[[dict[str, Any]], str]:
    return lambda r: _share(r["stages"][key], r)


def _inner_cell(key: str, part: str) -> Callable[[dict[str, Any]], str]:
    return lambda r: _sec(r["inner"][key][part])


def _state_cell(state: str) -> Callable[[dict[str, Any]], str]:
    return lambda r: str(r["notice_states"].get(state, 0))


def _median_page_cell(kind: str) -> Callable[[dict[str, Any]], str]:
    return lambda r: "—" if not r[kind] else f"{_kb(r[kind]['median_gz'])} ({_kb(r[kind]['median_raw'])})"


def stage_rows() -> list[Row]:
    """One row per stage of build_site, with the sub-stages the wrappers found inside it."""
    rows: list[Row] = [
        ("python start and exit", lambda r: _share(r["start_exit"], r)),
        ("imports (generator, MkDocs, Material)", lambda r: _share(r["imports"], r)),
    ]
    for key, label in STAGES:
        rows.append((label, _stage_cell(key)))
        for part, part_label in INNER.get(key, ()):
            rows.append((f"  {part_label}", _inner_cell(key, part)))
        if key in INNER:
            rows.append((f"  {REST[key]}", _inner_cell(key, "rest")))
    rows.append(("Pagefind's own wall time (beside the checks)", lambda r: _sec(r.get("search"))))
    return rows


def _whole(r: dict[str, Any]) -> str:
    text = _sec(r["total"])
    if r.get("scale") == 1.0:
        text += f"  {_mark(r['total'] < REGION_TARGET_S)} vs {REGION_TARGET_S:.0f} s"
    elif r.get("scale"):
        text += f"  (target at ×1.0: < {REGION_TARGET_S:.0f} s)"
    return text


def _after_imports(r: dict[str, Any]) -> str:
    text = _sec(r["build"])
    if r.get("scale") is None:  # the city
        text += f"  {_mark(r['build'] < CITY_TARGET_S)} vs {CITY_TARGET_S:.0f} s"
    return text


def _ratio(r: dict[str, Any]) -> str:
    if "ratio" not in r:
        return "—"
    ratio = r["ratio"]
    verdict = "OK, stretch met" if ratio <= RATIO_STRETCH else "OK" if ratio <= RATIO_TARGET else "over"
    return f"{ratio:.2f}  {verdict} vs ≤ {RATIO_TARGET:g} (stretch {RATIO_STRETCH:g})"


def _memory(r: dict[str, Any]) -> str:
    peak = max(r["rss_self_mb"], r["rss_children_mb"])
    return f"{r['rss_self_mb']:,.0f} / {r['rss_children_mb']:,.0f} MB  {_mark(peak < MEMORY_TARGET_MB)} vs 2 GB"


def _largest(r: dict[str, Any]) -> str:
    if not r["largest_pages"]:
        return "—"
    page = r["largest_pages"][0]
    over = r.get("pages_over_target", 0)
    return f"{page['page']} {_kb(page['gz'])}  {_mark(page['gz'] <= PAGE_TARGET_GZ)} vs 15 KB ({over} pages over)"


def build_rows() -> list[Row]:
    rows: list[Row] = [
        ("plans / tasks / notices / reports", lambda r: f"{r['plans']} / {r['tasks']} / {r['notices']} / {r['progress_reports']}"),
    ]
    for state in ("queued", "open", "objection", "awaiting_close_out", "closed_out", "upheld", "with_dismissed_objection"):
        rows.append((f"  notices {state.replace('_', ' ')}", _state_cell(state)))
    rows += stage_rows()
    rows += [
        ("whole build (the process, as cron runs it)", _whole),
        ("build after imports", _after_imports),
        ("peer: plain mkdocs build (Material + search)", lambda r: "—" if "peer" not in r else
            f"{_sec(r['peer']['total'])} (CPU {_sec(r['peer']['cpu_total'])}, peak RSS {r['peer']['rss_mb']:,.0f} MB, "
            f"{r['peer']['pages']:,} pages, search index {_mb(r['peer']['search_index_bytes'])})"),
        ("ratio gongshi build / peer build", _ratio),
        ("CPU time (self, Pagefind, pool workers)", lambda r: _sec(r.get("cpu_total"))),
        ("  CPU: MkDocs / minify / checks / search wait", lambda r: " / ".join(
            _sec(r.get("cpu_stages", {}).get(k)) for k in ("mkdocs", "minify", "checks", "search wait"))),
        ("ms per page (whole build)", lambda r: f"{1000 * r['total'] / r['pages']:.1f}"),
        ("peak RSS self / largest child (pool worker, Pagefind)", _memory),
        ("pages (HTML)", lambda r: f"{r['pages']:,}"),
        ("site size (files)", lambda r: f"{_mb(r['site_bytes'])} ({r['site_files']:,} files)"),
        ("search bundle (files)", lambda r: f"{_mb(r['search_bundle_bytes'])} ({r['search_bundle_files']:,} files)"),
        ("  index chunk median / largest", lambda r: "—" if not r["search_chunks"] else
            f"{_kb(r['search_chunks']['median'])} / {_kb(r['search_chunks']['max'])} ({r['search_chunks']['count']:,} chunks)"),
        ("first search download, bound (gzip)", lambda r: f"{_mb(r['first_search_gz'])}  {_mark(r['first_search_gz'] < SEARCH_TARGET)} vs 1 MB"),
    ]
    for kind in ("task_page", "notice_page"):
        rows.append((f"median {kind.replace('_', ' ')} gzip (raw)", _median_page_cell(kind)))
    rows += [
        ("largest page gzip (every page ≤ 15 KB)", _largest),
        ("dominated by", dominates),
        ("load average at start / end", lambda r: f"{r['load_average_at_start']:.2f} / {r['load_average_at_end']:.2f}"),
    ]
    return rows


def rebuild_rows() -> list[Row]:
    def total(r: dict[str, Any]) -> str:
        text = _sec(r["total"])
        return text + (f"  {_mark(r['total'] < DAY_AFTER_TARGET_S)} vs {DAY_AFTER_TARGET_S:.0f} s" if r["kind"] == "day_after" else "")

    return stage_rows() + [
        ("pages taken from the live site", lambda r: str(r.get("pages_reused", 0))),
        ("search bundles taken from the live site", lambda r: f"{r.get('search_reused', 0)} of 2"),
        ("whole rebuild (the process)", total),
        ("rebuild after imports", lambda r: _sec(r["build"])),
        ("dominated by", dominates),
        ("CPU time (self, Pagefind, pool workers)", lambda r: _sec(r.get("cpu_total"))),
        ("peak RSS self / largest child", _memory),
        ("load average at start / end", lambda r: f"{r['load_average_at_start']:.2f} / {r['load_average_at_end']:.2f}"),
    ]


def table(columns: list[tuple[str, dict[str, Any]]], rows: list[Row]) -> str:
    head = ["figure"] + [label for label, _ in columns]
    lines = [[name] + [fn(r) for _, r in columns] for name, fn in rows]
    widths = [max(len(str(line[i])) for line in [head] + lines) for i in range(len(head))]
    out = ["  ".join(str(c).ljust(w) for c, w in zip(head, widths)).rstrip(), "  ".join("-" * w for w in widths)]
    out += ["  ".join(str(c).ljust(w) for c, w in zip(line, widths)).rstrip() for line in lines]
    return "\n".join(out)


def growth_table(runs: list[dict[str, Any]]) -> str:
    base = runs[0]
    lines = ["scale   tasks  notices  pages   build     ×base  s/1k pages  CPU       MkDocs    minify    Pagefind  site        search dl",
             "------  -----  -------  ------  --------  -----  ----------  --------  --------  --------  --------  ----------  ----------"]
    for r in runs:
        st = r["stages"]
        lines.append(
            f"{r['scale']:<6g}  {r['tasks']:>5}  {r['notices']:>7}  {r['pages']:>6}  {r['total']:>6.1f} s  "
            f"{r['total'] / base['total']:>5.2f}  {1000 * r['total'] / r['pages']:>8.1f} s  {r.get('cpu_total', 0.0):>6.1f} s  "
            f"{st['mkdocs']:>6.1f} s  {st['minify']:>6.1f} s  {r.get('search') or 0.0:>6.1f} s  "
            f"{_mb(r['site_bytes']):>10}  {_mb(r['first_search_gz']):>10}"
        )
    return "\n".join(lines)


def extrapolate(runs: list[dict[str, Any]], pages: int) -> dict[str, float] | None:
    """Least-squares line through (pages, seconds) and (pages, search gz), evaluated at `pages`."""
    if len(runs) < 2:
        return None
    xs = [r["pages"] for r in runs]

    def fit(ys: list[float]) -> float:
        mx, my = statistics.mean(xs), statistics.mean(ys)
        slope = sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / sum((x - mx) ** 2 for x in xs)
        return my + slope * (pages - mx)

    return {
        "pages": pages,
        "total": fit([r["total"] for r in runs]),
        "search_bundle_bytes": fit([r["search_bundle_bytes"] for r in runs]),
        "site_bytes": fit([r["site_bytes"] for r in runs]),
    }


# ---------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=float, default=0.25,
                        help="region size to measure (1.0 = 12 cities, ~48 plans, ~2,000 tasks, ~6,000 notices); 0 skips it")
    parser.add_argument("--as-of", type=dt.date.fromisoformat, default=CITY_AS_OF, help="build date of the region (default 2026-11-28)")
    parser.add_argument("--growth", type=float, nargs="?", const=0.125, default=None, metavar="BASE_SCALE",
                        help="also build at 1×, 2× and 4× BASE_SCALE (default base 0.125): first builds only")
    parser.add_argument("--no-city", action="store_true", help="skip the shipped city data")
    parser.add_argument("--no-peer", action="store_true", help="skip the plain MkDocs peer builds")
    parser.add_argument("--no-rebuilds", action="store_true", help="skip the day-after and new-notice rebuilds")
    parser.add_argument("--no-pin", action="store_true", help="do not pin the builds to CPUs 0 and 1 with taskset")
    parser.add_argument("--json", action="store_true", help="print one JSON document instead of tables")
    parser.add_argument("--keep", type=Path, help="work in this folder and keep it (default: a temporary folder)")
    parser.add_argument("--worker", nargs=3, metavar=("MODE", "ROOT", "AS_OF"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.worker:
        mode, root, as_of = args.worker
        print(json.dumps(run_build(Path(root), dt.date.fromisoformat(as_of), first=mode == "first")))
        return 0

    log = (lambda msg: print(msg, file=sys.stderr, flush=True)) if args.json else (lambda msg: print(msg, flush=True))
    work = args.keep or Path(tempfile.mkdtemp(prefix="gongshi-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    pin, pinned = pin_prefix(not args.no_pin)
    log(f"gongshi region benchmark: {os.cpu_count()} cores, {pinned}, load average {os.getloadavg()[0]:.2f}, work folder {work}")
    started = time.perf_counter()
    report: dict[str, Any] = {"cores": os.cpu_count(), "pinned": pinned, "python": sys.version.split()[0], "runs": [], "growth": []}
    extras = {"peer": not args.no_peer, "rebuilds": not args.no_rebuilds}
    try:
        if not args.no_city:
            report["runs"].append(measure("city", 0, work, CITY_AS_OF, pin, log, **extras))
        if args.scale > 0:
            report["runs"].append(measure("region", args.scale, work, args.as_of, pin, log, **extras))
        if args.growth:
            for factor in (1, 2, 4):
                scale = args.growth * factor
                same = [r for r in report["runs"] if r.get("scale") == scale]
                report["growth"].append(same[0] if same else measure("region", scale, work, args.as_of, pin, log, False, False))
            largest = max([r for r in report["runs"] + report["growth"] if r.get("scale")], key=lambda r: r["scale"], default=None)
            if largest and largest["scale"] < 1.0:
                region_pages = round(largest["pages"] / largest["scale"])
                report["extrapolated_region"] = extrapolate(report["growth"], region_pages)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    report["benchmark_seconds"] = time.perf_counter() - started

    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=1))
        return 0
    print(f"\n{pinned}; targets from issue 16 beside each figure")
    if report["runs"]:
        print("\nfirst build (fresh project, fresh process) and its peer:")
        print(table([(r["label"], r) for r in report["runs"]], build_rows()))
        rebuilt = [(f"{r['label']}: {b['label']}", b) for r in report["runs"] for b in r.get("rebuilds", [])]
        if rebuilt:
            print("\nrebuilds into the same site (the new notice is published at once):")
            print(table(rebuilt, rebuild_rows()))
    if report["growth"]:
        extra = [r for r in report["growth"] if r not in report["runs"]]
        if extra:
            print()
            print(table([(r["label"], r) for r in extra], build_rows()))
        print()
        print("growth (first builds):")
        print(growth_table(report["growth"]))
    ex = report.get("extrapolated_region")
    if ex:
        print(f"\nextrapolated to the full region (~{ex['pages']:,} pages, linear fit of the growth runs): "
              f"build {ex['total']:,.0f} s, site {_mb(ex['site_bytes'])}, search bundle {_mb(ex['search_bundle_bytes'])}")
    print(f"\nbenchmark took {report['benchmark_seconds']:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
