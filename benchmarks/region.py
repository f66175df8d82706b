"""How the build grows from one city to a region: time per stage, memory, page and search weight.

Prints figures only; nothing here asserts a time. Each build runs in a fresh
Python process (this script re-invoked with --worker), so peak memory
(ru_maxrss) belongs to that build alone and imports are counted as the
daily cron job pays them.

    .venv/bin/python benchmarks/region.py --scale 0.25
    .venv/bin/python benchmarks/region.py --scale 1.0 --no-city --no-verify
    .venv/bin/python benchmarks/region.py --growth 0.125 --no-city --scale 0   # growth series only
    .venv/bin/python benchmarks/region.py --json > figures.json

Stages are timed by calling the build's own functions in order (load_dataset,
status.snapshot, pages.generate, content.write, run_mkdocs, search.index_site,
minify_and_check_site), with light wrappers that attribute calendar, feed and MkDocs
sub-steps; a separate uninstrumented `build_site` run checks that the stages
add up to the real thing.
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

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(HERE))

CITY_AS_OF = dt.date(2026, 11, 28)
PAGE_TARGET_GZ = 15 * 1024
SEARCH_TARGET = 1024 * 1024
GENERATOR_SHARE_TARGET = 0.10

# Stage keys in build order, with the labels the table prints.
STAGES = (
    ("imports", "imports (generator, MkDocs)"),
    ("load", "load and validate"),
    ("calendar", "calendar (windows)"),
    ("status", "status"),
    ("render", "render (pages.generate)"),
    ("feeds", "feeds"),
    ("write", "write content"),
    ("mkdocs", "MkDocs build"),
    ("search", "search index (Pagefind)"),
    ("publish", "minify + checks (one pass per file)"),
    ("other", "other (config, temp dir, swap)"),
)
MKDOCS_PARTS = (
    ("markdown", "  markdown → HTML"),
    ("theme", "  Material page templates"),
    ("other", "  config, nav, assets"),
)


# ---------------------------------------------------------------------------
# Instrumentation (worker side)
# ---------------------------------------------------------------------------


class Meter:
    """Seconds per name; a wrapped call counts only at its outermost level, so nesting never double-counts."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}
        self.calls: dict[str, int] = {}
        self._depth: dict[str, int] = {}

    def add(self, name: str, seconds: float) -> None:
        self.seconds[name] = self.seconds.get(name, 0.0) + seconds

    def wrap(self, owner: Any, attr: str, name: str, materialise: bool = False) -> Callable[..., Any]:
        """Replace owner.attr by a timed version; `materialise` drains a returned generator inside the timing."""
        original = getattr(owner, attr)
        meter = self

        def timed(*args: Any, **kwargs: Any) -> Any:
            depth = meter._depth.get(name, 0)
            meter._depth[name] = depth + 1
            start = time.perf_counter()
            try:
                result = original(*args, **kwargs)
                if materialise:
                    result = iter(list(result))
                return result
            finally:
                meter._depth[name] = depth
                if depth == 0:
                    meter.add(name, time.perf_counter() - start)
                    meter.calls[name] = meter.calls.get(name, 0) + 1

        timed.__wrapped__ = original  # type: ignore[attr-defined]
        setattr(owner, attr, timed)
        return original

    @contextmanager
    def stage(self, name: str, record: dict[str, float], cpu: dict[str, float]) -> Iterator[None]:
        """Wall time into `record`, CPU time of this process and its children (minify workers) into `cpu`."""
        start, cpu_start = time.perf_counter(), _cpu_seconds()
        try:
            yield
        finally:
            record[name] = record.get(name, 0.0) + time.perf_counter() - start
            cpu[name] = cpu.get(name, 0.0) + _cpu_seconds() - cpu_start

    def snapshot(self) -> dict[str, float]:
        return dict(self.seconds)


def _import_generator_modules() -> list[Any]:
    import generator

    modules = []
    for info in pkgutil.iter_modules(generator.__path__):
        if info.name in ("__main__", "mkdocs_plugin"):
            continue
        try:
            modules.append(importlib.import_module(f"generator.{info.name}"))
        except Exception as exc:  # a module another helper is half-way through writing
            print(f"benchmark: cannot import generator.{info.name}: {exc}", file=sys.stderr)
    return modules


def instrument(meter: Meter) -> dict[str, bool]:
    """Attach timers for the calendar, feeds (if generator/feeds.py exists) and MkDocs' sub-steps."""
    modules = _import_generator_modules()
    from generator import workcalendar

    cls = workcalendar.WorkCalendar
    for attr in ("window", "remaining_workdays", "workdays_between", "next_workday", "is_workday", "_year", "known_until"):
        if hasattr(cls, attr):
            meter.wrap(cls, attr, "calendar")
    if isinstance(cls.__dict__.get("load"), classmethod):  # reading data/calendar/*.yaml
        holder = types.SimpleNamespace(load=cls.load)
        meter.wrap(holder, "load", "calendar")
        cls.load = staticmethod(lambda *a, **k: holder.load(*a, **k))  # type: ignore[method-assign]

    has_feeds = (REPO / "generator" / "feeds.py").exists()
    if has_feeds:
        feeds = importlib.import_module("generator.feeds")
        for name, fn in list(vars(feeds).items()):
            if callable(fn) and getattr(fn, "__module__", "") == "generator.feeds" and not isinstance(fn, type):
                wrapped_in = [m for m in modules if getattr(m, name, None) is fn]
                for module in wrapped_in:
                    if module is not feeds:
                        meter.wrap(module, name, "feeds")
                meter.wrap(feeds, name, "feeds")

    import mkdocs.commands.build as mk

    meter.wrap(mk, "_populate_page", "markdown")
    meter.wrap(mk, "_build_page", "page")
    return {"feeds": has_feeds}


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
    from generator import checks, minify, parallel

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

    for module in (parallel, minify, checks):
        if getattr(module, "map_files", None) is original:
            module.map_files = measured  # type: ignore[attr-defined]


def _cpu_seconds() -> float:
    """User + system CPU of this process, its finished children and the pool workers: robust when other jobs share the cores."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime + POOL_WORKERS["cpu"]


def _rss_mb() -> tuple[float, float]:
    """Peak resident memory (MB) of this process and of its largest worker (minify and checks pools)."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return own, max(children, POOL_WORKERS["rss_mb"])


def run_staged(root: Path, as_of: dt.date) -> dict[str, Any]:
    """One build, stage by stage, in this (fresh) process.

    Mirrors `build.build_site` step for step; if build_site gains a step, the
    whole-run comparison (`run_whole`) shows the gap.
    """
    started = time.perf_counter()
    meter = Meter()
    found = instrument(meter)
    imported = time.perf_counter() - started
    from generator import content, pages, search, status
    from generator.build import Generated, load_mkdocs_config, run_mkdocs, withheld_notices
    from generator.checks import minify_and_check_site
    from generator.load import load_dataset
    from generator.sitedir import swap_in

    raw: dict[str, float] = {}
    cpu: dict[str, float] = {}
    inner: dict[str, dict[str, float]] = {}

    def stage(name: str, fn: Callable[[], Any]) -> Any:
        before = meter.snapshot()
        with meter.stage(name, raw, cpu):
            result = fn()
        after = meter.snapshot()
        inner[name] = {k: after.get(k, 0.0) - before.get(k, 0.0) for k in after}
        return result

    raw["imports"] = imported
    load_avg = os.getloadavg()[0]
    site_url = load_mkdocs_config(root)["site_url"] or ""
    dataset, calendar = stage("load", lambda: load_dataset(root))
    snap = stage("status", lambda: status.snapshot(dataset, as_of, calendar))
    output = stage("render", lambda: pages.generate(dataset, snap, site_url))
    written = stage("write", lambda: content.write(output, root / "content", root / "overrides"))
    generated = Generated(dataset, calendar, snap, written)
    site_dir = (root / "site").resolve()
    staging = Path(tempfile.mkdtemp(prefix="site.new-", dir=root))
    stage("mkdocs", lambda: run_mkdocs(root, staging, as_of))
    stage("search", lambda: search.index_site(staging))
    _, problems = stage("publish", lambda: minify_and_check_site(staging, site_url, withheld_notices(generated)))
    if problems:
        raise SystemExit("benchmark build failed its checks:\n" + "\n".join(problems[:20]))
    swap_in(staging, site_dir)
    total = time.perf_counter() - started
    rss_self, rss_children = _rss_mb()

    # Exclusive times: calendar and feed work is taken out of the stage it happened in.
    stages = {name: raw.get(name, 0.0) for name, _ in STAGES}
    stages["calendar"] = sum(inner[s].get("calendar", 0.0) for s in inner)
    stages["feeds"] = sum(inner[s].get("feeds", 0.0) for s in inner) if found["feeds"] else None
    for name in inner:
        if name in stages and stages[name] is not None:
            stages[name] -= inner[name].get("calendar", 0.0) + (inner[name].get("feeds", 0.0) if found["feeds"] else 0.0)
    m = inner["mkdocs"]
    mk_total = stages["mkdocs"]
    parts = {"markdown": m.get("markdown", 0.0), "theme": m.get("page", 0.0)}
    parts["other"] = mk_total - (parts["markdown"] + parts["theme"])

    stages["other"] = total - sum(v for k, v in stages.items() if k != "other" and v is not None)

    states: dict[str, int] = {}
    for n in snap.notices:
        states[n.state.name.lower()] = states.get(n.state.name.lower(), 0) + 1
    states["queued"] = len(dataset.notices) - len(snap.notices)
    states["with_dismissed_objection"] = sum(any(o.outcome == "dismissed" for o in n.objections) for n in dataset.notices)
    return {
        "mode": "staged",
        "as_of": as_of.isoformat(),
        "plans": len(dataset.plans),
        "tasks": sum(len(p.tasks) for p in dataset.plans),
        "notices": len(dataset.notices),
        "notice_states": states,
        "progress_reports": len(getattr(dataset, "progress", ()) or ()),
        "stages": stages,
        "mkdocs_parts": parts,
        "total": total,
        "cpu_total": _cpu_seconds(),
        "cpu_stages": cpu,
        "load_average_at_start": load_avg,
        "load_average_at_end": os.getloadavg()[0],
        "rss_self_mb": rss_self,
        "rss_children_mb": rss_children,
        "feeds_module": found["feeds"],
        **measure_site(site_dir),
    }


def run_whole(root: Path, as_of: dt.date) -> dict[str, Any]:
    """The real `build_site`, uninstrumented, to check the staged sum against."""
    load_avg = os.getloadavg()[0]
    started = time.perf_counter()
    _import_generator_modules()
    import mkdocs.commands.build  # noqa: F401  (imported lazily by the build; counted as in the staged run)

    from generator.build import build_site

    build_site(root, as_of, root / "site")
    total = time.perf_counter() - started
    rss_self, rss_children = _rss_mb()
    return {"mode": "whole", "total": total, "cpu_total": _cpu_seconds(), "rss_self_mb": rss_self,
            "rss_children_mb": rss_children, "load_average_at_start": load_avg, "load_average_at_end": os.getloadavg()[0]}


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
    WebAssembly, the entry and meta files), one index chunk per word and one
    fragment per result shown. The bound takes the largest chunk and the
    `shown` largest fragments; benchmarks/search_weight.py measures real
    queries in a browser.
    """
    bundle = site_dir / "pagefind"
    files = [f for f in bundle.rglob("*") if f.is_file()] if bundle.is_dir() else []
    if not files:
        return {"search_bundle_bytes": 0, "search_bundle_files": 0, "first_search_gz": 0, "search_chunks": None}
    fixed = [bundle / n for n in ("pagefind-ui.js", "pagefind-ui.css", "pagefind.js", "pagefind-entry.json")]
    fixed += sorted(bundle.glob("*.pf_meta")) + sorted(bundle.glob("wasm.*"))
    chunks = sorted(f.stat().st_size for f in bundle.glob("index/*.pf_index"))
    fragments = sorted((f.stat().st_size for f in bundle.glob("fragment/*.pf_fragment")), reverse=True)
    fixed_gz = sum(_served_gz(f) for f in fixed if f.exists())
    return {
        "search_bundle_bytes": sum(f.stat().st_size for f in files),
        "search_bundle_files": len(files),
        "search_fixed_gz": fixed_gz,
        "search_chunks": {"count": len(chunks), "median": statistics.median(chunks), "max": chunks[-1]} if chunks else None,
        "first_search_gz": fixed_gz + (chunks[-1] if chunks else 0) + sum(fragments[:shown]),
    }


def measure_site(site_dir: Path) -> dict[str, Any]:
    files = [p for p in site_dir.rglob("*") if p.is_file()]
    html = [p for p in files if p.suffix == ".html"]
    task_pages = sorted(site_dir.glob("plans/*/tasks/*/index.html"))
    notice_pages = sorted(site_dir.glob("notices/*/index.html"))

    def median_gz(pages: list[Path]) -> dict[str, float] | None:
        if not pages:
            return None
        sizes = [(len(b), _gz(b)) for b in (p.read_bytes() for p in pages)]
        return {
            "count": len(pages),
            "median_raw": statistics.median(s[0] for s in sizes),
            "median_gz": statistics.median(s[1] for s in sizes),
            "max_gz": max(s[1] for s in sizes),
        }

    largest = sorted(html, key=lambda p: p.stat().st_size, reverse=True)[:3]
    return {
        "pages": len(html),
        "site_files": len(files),
        "site_bytes": sum(p.stat().st_size for p in files),
        "site_disk_bytes": sum(p.stat().st_blocks * 512 for p in files),
        **search_weight(site_dir),
        "task_page": median_gz(task_pages),
        "notice_page": median_gz(notice_pages),
        "largest_pages": [
            {"page": p.relative_to(site_dir).as_posix(), "raw": p.stat().st_size, "gz": _gz(p.read_bytes())} for p in largest
        ],
    }


# ---------------------------------------------------------------------------
# Orchestration (parent side)
# ---------------------------------------------------------------------------


def worker(mode: str, root: Path, as_of: dt.date) -> dict[str, Any]:
    """Run one build in a fresh interpreter; its JSON result is the last line of stdout."""
    cmd = [sys.executable, str(Path(__file__).resolve()), "--worker", mode, str(root), as_of.isoformat()]
    proc = subprocess.run(cmd, cwd=str(REPO), capture_output=True, text=True)
    if proc.returncode != 0:
        sys.stderr.write(proc.stderr[-4000:])
        raise SystemExit(f"benchmark worker failed ({mode} {root})")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def fresh_copy(source: Path, target: Path) -> Path:
    """The data and site skeleton without anything a previous build wrote."""
    ignore = shutil.ignore_patterns("site", "site.new-*", "site.old-*")
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
    kind: str, scale: float, work: Path, as_of: dt.date, verify: bool, log: Callable[[str], None], staged: bool = True
) -> dict[str, Any]:
    source, info = prepare(kind, scale, work, as_of, log)
    label = "city (shipped)" if kind == "city" else f"region ×{scale:g}"
    result: dict[str, Any] = {"label": label, **info}
    if staged:
        log(f"  building {label} stage by stage…")
        result.update(worker("staged", fresh_copy(source, work / f"{source.name[:-4]}-staged"), as_of))
        log(f"    {result['total']:.1f} s, {result['pages']} pages")
    if verify:
        log(f"  building {label} with build_site…")
        whole = worker("whole", fresh_copy(source, work / f"{source.name[:-4]}-whole"), as_of)
        result["whole"] = whole
        log(f"    {whole['total']:.1f} s")
        shutil.rmtree(work / f"{source.name[:-4]}-whole", ignore_errors=True)
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


def shares(run: dict[str, Any]) -> dict[str, float]:
    """Generator share = everything but MkDocs and the imports (Pagefind's indexing counts as the generator's); content = generate_content."""
    total = run["total"]
    st = run["stages"]
    content = sum(st[k] or 0.0 for k in ("load", "calendar", "status", "render", "feeds", "write"))
    return {"generator": (total - st["mkdocs"] - st["imports"]) / total, "content": content / total}


def table(runs: list[dict[str, Any]]) -> str:
    head = ["figure"] + [r["label"] for r in runs]
    rows: list[list[str]] = []

    def row(name: str, fn: Callable[[dict[str, Any]], str]) -> None:
        rows.append([name] + [fn(r) for r in runs])

    row("plans / tasks / notices", lambda r: f"{r['plans']} / {r['tasks']} / {r['notices']}")
    for state in ("queued", "open", "objection", "awaiting_close_out", "closed_out", "upheld", "with_dismissed_objection"):
        row(f"  notices {state.replace('_', ' ')}", lambda r, state=state: str(r["notice_states"].get(state, 0)))
    for key, name in STAGES:
        row(name, lambda r, key=key: _sec(r["stages"].get(key)) + (f"  {100 * r['stages'][key] / r['total']:.0f}%" if r["stages"].get(key) else ""))
        if key == "mkdocs":
            for part, label in MKDOCS_PARTS:
                row(label, lambda r, part=part: _sec(r["mkdocs_parts"][part]))
    row("sum of stages (instrumented)", lambda r: _sec(r["total"]))
    row("CPU time (self + pool workers)", lambda r: _sec(r.get("cpu_total")))
    row("  CPU: MkDocs / search / minify + checks", lambda r: " / ".join(_sec(r.get("cpu_stages", {}).get(k)) for k in ("mkdocs", "search", "publish")))
    row("whole build_site run", lambda r: _sec(r["whole"]["total"]) + f"  ({100 * (r['total'] / r['whole']['total'] - 1):+.0f}% staged)" if "whole" in r else "—")
    row("ms per page (staged)", lambda r: f"{1000 * r['total'] / r['pages']:.1f}")
    row("generator share (all but MkDocs)", lambda r: f"{100 * shares(r)['generator']:.1f}%  (target {100 * GENERATOR_SHARE_TARGET:.0f}%)")
    row("  of which generate_content", lambda r: f"{100 * shares(r)['content']:.1f}%")
    row("peak RSS self / largest child (pool worker, Pagefind)", lambda r: f"{r['rss_self_mb']:,.0f} / {r['rss_children_mb']:,.0f} MB")
    row("pages (HTML)", lambda r: f"{r['pages']:,}")
    row("site size (files)", lambda r: f"{_mb(r['site_bytes'])} ({r['site_files']:,} files)")
    row("search bundle (files)", lambda r: f"{_mb(r['search_bundle_bytes'])} ({r['search_bundle_files']:,} files)")
    row("  index chunk median / largest", lambda r: "—" if not r["search_chunks"] else
        f"{_kb(r['search_chunks']['median'])} / {_kb(r['search_chunks']['max'])} ({r['search_chunks']['count']:,} chunks)")
    row("first search download, bound (gzip)", lambda r: f"{_mb(r['first_search_gz'])}  {'OK' if r['first_search_gz'] <= SEARCH_TARGET else 'over'} vs 1 MB")
    for kind in ("task_page", "notice_page"):
        row(f"median {kind.replace('_', ' ')} gzip (raw)", lambda r, kind=kind: "—" if not r[kind] else
            f"{_kb(r[kind]['median_gz'])} ({_kb(r[kind]['median_raw'])})  {'OK' if r[kind]['median_gz'] <= PAGE_TARGET_GZ else 'over'} vs 15 KB")
    row("largest page gzip", lambda r: f"{r['largest_pages'][0]['page']} {_kb(r['largest_pages'][0]['gz'])}" if r["largest_pages"] else "—")
    row("load average at start / end", lambda r: f"{r['load_average_at_start']:.2f} / {r.get('load_average_at_end', float('nan')):.2f}")
    widths = [max(len(str(line[i])) for line in [head] + rows) for i in range(len(head))]
    out = ["  ".join(str(c).ljust(w) for c, w in zip(head, widths)), "  ".join("-" * w for w in widths)]
    out += ["  ".join(str(c).ljust(w) for c, w in zip(line, widths)) for line in rows]
    return "\n".join(out)


def growth_table(runs: list[dict[str, Any]]) -> str:
    base = runs[0]
    lines = ["scale   tasks  notices  pages   build     ×base  s/1k pages  CPU       MkDocs    generator  site        search dl   gen share",
             "------  -----  -------  ------  --------  -----  ----------  --------  --------  ---------  ----------  ----------  ---------"]
    for r in runs:
        gen = r["total"] - r["stages"]["mkdocs"] - r["stages"]["imports"]
        lines.append(
            f"{r['scale']:<6g}  {r['tasks']:>5}  {r['notices']:>7}  {r['pages']:>6}  {r['total']:>6.1f} s  "
            f"{r['total'] / base['total']:>5.2f}  {1000 * r['total'] / r['pages']:>8.1f} s  {r.get('cpu_total', 0.0):>6.1f} s  "
            f"{r['stages']['mkdocs']:>6.1f} s  "
            f"{gen:>7.1f} s  {_mb(r['site_bytes']):>10}  {_mb(r['first_search_gz']):>10}  {100 * shares(r)['generator']:>7.1f}%"
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
    parser.add_argument("--as-of", type=dt.date.fromisoformat, default=CITY_AS_OF, help="build date (default 2026-11-28)")
    parser.add_argument("--growth", type=float, nargs="?", const=0.125, default=None, metavar="BASE_SCALE",
                        help="also build at 1×, 2× and 4× BASE_SCALE (default base 0.125)")
    parser.add_argument("--no-city", action="store_true", help="skip the shipped city data")
    parser.add_argument("--no-verify", action="store_true", help="skip the uninstrumented build_site runs")
    parser.add_argument("--whole-only", action="store_true",
                        help="only the uninstrumented build_site runs (to check a staged run made separately)")
    parser.add_argument("--json", action="store_true", help="print one JSON document instead of tables")
    parser.add_argument("--keep", type=Path, help="work in this folder and keep it (default: a temporary folder)")
    parser.add_argument("--worker", nargs=3, metavar=("MODE", "ROOT", "AS_OF"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.worker:
        mode, root, as_of = args.worker
        fn = run_staged if mode == "staged" else run_whole
        instrument_pool()
        print(json.dumps(fn(Path(root), dt.date.fromisoformat(as_of))))
        return 0

    log = (lambda msg: print(msg, file=sys.stderr, flush=True)) if args.json else (lambda msg: print(msg, flush=True))
    work = args.keep or Path(tempfile.mkdtemp(prefix="gongshi-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    log(f"gongshi region benchmark: {os.cpu_count()} cores, work folder {work}")
    started = time.perf_counter()
    report: dict[str, Any] = {"cores": os.cpu_count(), "python": sys.version.split()[0], "runs": [], "growth": []}
    try:
        staged = not args.whole_only
        verify = args.whole_only or not args.no_verify
        if not args.no_city:
            report["runs"].append(measure("city", 0, work, CITY_AS_OF, verify, log, staged))
        if args.scale > 0:
            report["runs"].append(measure("region", args.scale, work, args.as_of, verify, log, staged))
        if args.growth:
            for factor in (1, 2, 4):
                scale = args.growth * factor
                same = [r for r in report["runs"] if r.get("scale") == scale]
                report["growth"].append(same[0] if same else measure("region", scale, work, args.as_of, False, log))
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
    if args.whole_only:
        for r in report["runs"]:
            w = r["whole"]
            print(f"{r['label']}: build_site {w['total']:.1f} s, peak RSS {w['rss_self_mb']:,.0f} MB "
                  f"(+ workers {w['rss_children_mb']:,.0f} MB), load average at start {w['load_average_at_start']:.2f}")
    elif report["runs"]:
        print()
        print(table(report["runs"]))
    if report["growth"]:
        extra = [r for r in report["growth"] if r not in report["runs"]]
        if extra:
            print()
            print(table(extra))
        print()
        print("growth (whole build, instrumented):")
        print(growth_table(report["growth"]))
    ex = report.get("extrapolated_region")
    if ex:
        print(f"\nextrapolated to the full region (~{ex['pages']:,} pages, linear fit of the growth runs): "
              f"build {ex['total']:,.0f} s, site {_mb(ex['site_bytes'])}, search bundle {_mb(ex['search_bundle_bytes'])}")
    print(f"\nbenchmark took {report['benchmark_seconds']:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
