"""Do two commits build the same site, and as fast against the plain MkDocs peer?

    .venv/bin/python benchmarks/compare_commits.py HEAD~1 HEAD
    .venv/bin/python benchmarks/compare_commits.py main my-branch --timing

Both commits are checked out into temporary git worktrees (removed afterwards).
Each builds two projects as previews (`gongshi build --preview --as-of D
--site-dir DIR`, its own code, mkdocs.yml, overrides/ and hand-written
content/), with the same as-of date and SOURCE_DATE_EPOCH:

- the city: the commit's own shipped data/;
- the region: the benchmark's synthetic region at --scale (default ×0.05),
  synthesised once by the first commit's benchmarks/synth.py (deterministic),
  the same data/ for both commits.

Every file of the two sites is compared byte for byte, except
`.gongshi-pages.json` (it fingerprints the code, so it differs by design);
every differing file is listed and the exit status is 1 when any differs.

With --timing, each commit's build (a fresh process, as cron runs it) and the
plain MkDocs peer of its content/ (region.py's `peer_build`) run --runs times
(default 3) on a fresh copy of each project, pinned to CPUs 0 and 1 with
region.py's `pin_prefix`, the two commits' runs interleaved; it prints the
median ratio build/peer of each commit and the change in percent (issue 26's
target: within +5 %). Timing never changes the exit status.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import region  # noqa: E402  (benchmarks/ is not a package)

REPO = HERE.parent
IGNORED = {".gongshi-pages.json"}  # fingerprints the code that built the site
SKELETON = ("mkdocs.yml", "overrides", "content")  # what a commit brings to a project besides data/
RATIO_TARGET_PERCENT = 5.0


def git(*args: str, cwd: Path = REPO) -> str:
    return subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, text=True).stdout.strip()


@contextmanager
def worktree(rev: str, where: Path) -> Iterator[Path]:
    """`rev` checked out (detached) at `where`, removed again afterwards."""
    git("worktree", "add", "--quiet", "--detach", str(where), rev)
    try:
        yield where
    finally:
        git("worktree", "remove", "--force", str(where))


def project(checkout: Path, data: Path, target: Path) -> Path:
    """A fresh project: the checkout's mkdocs.yml, overrides/ and content/ (a fresh checkout holds no generated
    files), with `data` as its data/."""
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir(parents=True)
    for name in SKELETON:
        source = checkout / name
        if source.is_dir():
            shutil.copytree(source, target / name)
        elif source.is_file():
            shutil.copy(source, target / name)
    (target / "content").mkdir(exist_ok=True)
    shutil.copytree(data, target / "data")
    return target


def code_env(checkout: Path, as_of: dt.date) -> dict[str, str]:
    """The environment in which this venv's Python imports the checkout's `generator`, at a pinned today."""
    from generator.asof import epoch_of

    return {**os.environ, "PYTHONPATH": str(checkout), "SOURCE_DATE_EPOCH": str(epoch_of(as_of))}


def build_command(root: Path, as_of: dt.date, site: Path) -> list[str]:
    """`gongshi build --preview`, run by the checkout's own code (see `code_env`)."""
    return [sys.executable, "-c", "from generator.cli import run; run()", "--root", str(root),
            "build", "--preview", "--as-of", as_of.isoformat(), "--site-dir", str(site)]


def build(checkout: Path, root: Path, as_of: dt.date, site: Path, pin: list[str]) -> float:
    """Build `root` with the checkout's code; the process's wall seconds."""
    seconds, code, _, said = region.run_process(pin + build_command(root, as_of, site), checkout, code_env(checkout, as_of))
    if code != 0:
        sys.stderr.write(said[-4000:])
        raise SystemExit(f"the build failed: {root} with the code of {checkout}")
    return seconds


def synthesise(checkout: Path, target: Path, scale: float, as_of: dt.date) -> Path:
    """The synthetic region by the checkout's own benchmarks/synth.py and code; its data/ folder."""
    script = (
        "import sys, datetime as dt; from pathlib import Path; sys.path.insert(0, sys.argv[1]);"
        "import synth; synth.synthesise(Path(sys.argv[2]), float(sys.argv[3]), dt.date.fromisoformat(sys.argv[4]))"
    )
    command = [sys.executable, "-c", script, str(checkout / "benchmarks"), str(target), str(scale), as_of.isoformat()]
    subprocess.run(command, cwd=checkout, env=code_env(checkout, as_of), check=True)
    return target / "data"


def files(site: Path) -> dict[str, Path]:
    return {p.relative_to(site).as_posix(): p for p in sorted(site.rglob("*")) if p.is_file() and p.name not in IGNORED}


def differences(a: Path, b: Path) -> list[str]:
    """One line per file that is not the same in both sites."""
    left, right = files(a), files(b)
    lines = [f"  only in A: {rel}" for rel in sorted(left.keys() - right.keys())]
    lines += [f"  only in B: {rel}" for rel in sorted(right.keys() - left.keys())]
    lines += [
        f"  differs:   {rel}"
        for rel in sorted(left.keys() & right.keys())
        if left[rel].read_bytes() != right[rel].read_bytes()
    ]
    return sorted(lines, key=lambda line: line.split(": ", 1)[1])


def timing(
    checkouts: dict[str, Path], data: dict[str, dict[str, Path]], work: Path, as_of: dt.date, runs: int
) -> None:
    """Median ratio build/peer of each commit, per project, and the change from A to B."""
    pin, pinned = region.pin_prefix(True)
    print(f"\ntiming: {runs} runs per commit and project, {pinned}, load average {os.getloadavg()[0]:.2f}")
    for kind in ("city", "region"):
        ratios: dict[str, list[float]] = {label: [] for label in checkouts}
        for i in range(runs):
            for label, checkout in checkouts.items():  # interleaved, so that a busier minute weighs on both
                root = project(checkout, data[label][kind], work / "timing" / label / kind)
                seconds = build(checkout, root, as_of, root / "preview-site", pin)
                peer = region.peer_build(root, work / "timing" / label / f"{kind}-peer", as_of, pin)["total"]
                ratios[label].append(seconds / peer)
                print(f"  {kind} run {i + 1} {label}: build {seconds:.2f} s, peer {peer:.2f} s, ratio {seconds / peer:.3f}",
                      flush=True)
        a, b = (statistics.median(ratios[label]) for label in checkouts)
        change = (b / a - 1) * 100
        verdict = "within" if change <= RATIO_TARGET_PERCENT else "NOT within"
        print(f"{kind}: median ratio build/peer A {a:.3f}, B {b:.3f}, change {change:+.1f} % "
              f"({verdict} +{RATIO_TARGET_PERCENT:g} %)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("rev_a", metavar="REV_A", help="the commit before (any git revision)")
    parser.add_argument("rev_b", metavar="REV_B", help="the commit after")
    parser.add_argument("--scale", type=float, default=0.05, help="size of the synthetic region (default 0.05)")
    parser.add_argument("--as-of", type=dt.date.fromisoformat, default=region.CITY_AS_OF,
                        help="the build date of both sites (default 2026-11-28)")
    parser.add_argument("--timing", action="store_true", help="also time build and peer, pinned to CPUs 0 and 1")
    parser.add_argument("--runs", type=int, default=3, help="timed runs per commit and project (default 3)")
    parser.add_argument("--keep", type=Path, help="work in this folder and keep the sites (default: a temporary one)")
    args = parser.parse_args(argv)

    commits = {"A": git("rev-parse", "--verify", f"{args.rev_a}^{{commit}}"),
               "B": git("rev-parse", "--verify", f"{args.rev_b}^{{commit}}")}
    work = args.keep or Path(tempfile.mkdtemp(prefix="gongshi-compare-"))
    work.mkdir(parents=True, exist_ok=True)
    print(f"A = {args.rev_a} ({commits['A'][:10]}), B = {args.rev_b} ({commits['B'][:10]}), as of {args.as_of}, "
          f"region ×{args.scale:g}; work folder {work}", flush=True)
    differing = 0
    try:
        with worktree(commits["A"], work / "checkout-A") as a, worktree(commits["B"], work / "checkout-B") as b:
            checkouts = {"A": a, "B": b}
            region_data = synthesise(a, work / "region-src", args.scale, args.as_of)
            data = {label: {"city": checkout / "data", "region": region_data} for label, checkout in checkouts.items()}
            for kind in ("city", "region"):
                sites = {}
                for label, checkout in checkouts.items():
                    root = project(checkout, data[label][kind], work / label / kind)
                    sites[label] = work / label / f"{kind}-site"
                    seconds = build(checkout, root, args.as_of, sites[label], [])
                    print(f"{kind} {label}: built {len(files(sites[label])):,} files in {seconds:.1f} s", flush=True)
                lines = differences(sites["A"], sites["B"])
                differing += len(lines)
                print(f"{kind}: {len(lines)} files differ" + ("" if lines else " (identical but for .gongshi-pages.json)"))
                for line in lines:
                    print(line)
            if args.timing:
                timing(checkouts, data, work, args.as_of, args.runs)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    return 1 if differing else 0


if __name__ == "__main__":
    sys.exit(main())
