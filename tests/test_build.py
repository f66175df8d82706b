"""build: the whole pipeline run as a webmaster runs it (`gongshi build`, `mkdocs build`).

Already covered elsewhere, so not repeated here:
- a failed build (bad data) leaves the published site untouched and writes
  nothing beside it: every failing case of tests/test_corpus.py checks that,
  half of them over a previously published site;
- content.write keeping a hand-written page at a generated path:
  tests/test_content.py (here the same is checked through a whole build).
"""

from __future__ import annotations

import datetime as dt
import difflib
import os
import re
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import lxml.html
import pytest
from conftest import AS_OF, REPO, copy_project

from generator import titles, urls
from generator.asof import CHINA, epoch_of
from generator.load import load_dataset

pytestmark = pytest.mark.e2e  # Each test builds a whole site or runs gongshi.

BIN = Path(sys.executable).parent
GONGSHI = BIN / "gongshi"
MKDOCS = BIN / "mkdocs"


def _env(**values: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("SOURCE_DATE_EPOCH", "GONGSHI_AS_OF", "LC_ALL", "LANGUAGE")}
    env["SOURCE_DATE_EPOCH"] = str(epoch_of(AS_OF))  # the live site's "today" (a test may set another)
    env.update(values)
    return env


def _run(command: list[str], cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess:
    result = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, encoding="utf-8", timeout=300)
    assert result.returncode == 0, f"{command} failed:\n{result.stdout}\n{result.stderr}"
    assert "Traceback" not in result.stderr
    return result


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _home_as_of(site: Path) -> str:
    doc = lxml.html.fromstring((site / "index.html").read_bytes())
    (lede,) = doc.xpath("//article//div[contains(@class,'gs-lede')]")
    found = re.findall(r"数据截至(\d{4}年\d{1,2}月\d{1,2}日)", lede.text_content())
    assert len(found) == 1
    return found[0]


def _explain(name: str, a: bytes, b: bytes) -> str:
    """The first differing lines of one file, for the failure message."""
    if name.endswith(".gz"):
        import gzip

        a, b = gzip.decompress(a), gzip.decompress(b)
    try:
        left, right = a.decode("utf-8"), b.decode("utf-8")
    except UnicodeDecodeError:
        return f"{name}: binary, {len(a)} vs {len(b)} bytes"
    if left.count("\n") < 5:  # minified HTML, JSON on one line: cut at the first difference
        at = next((i for i, (x, y) in enumerate(zip(left, right)) if x != y), min(len(left), len(right)))
        return f"{name}: first difference at character {at}:\n  {left[max(0, at - 80):at + 80]!r}\n  {right[max(0, at - 80):at + 80]!r}"
    diff = difflib.unified_diff(left.splitlines(), right.splitlines(), "build A", "build B", n=1, lineterm="")
    return f"{name}:\n" + "\n".join(list(diff)[:20])


# ---------------------------------------------------------------- reproducible


def test_same_data_and_date_give_a_byte_identical_site_whatever_the_machine(tmp_path: Path) -> None:
    machines = {
        # A cron job's bare C locale, with Python's UTF-8 coercion off: the locale encoding is ASCII.
        "a": _env(TZ="UTC", LANG="C", LC_ALL="C", PYTHONCOERCECLOCALE="0", PYTHONUTF8="0", PYTHONHASHSEED="1"),
        # A Chinese desktop a day ahead of China (zh_CN may not be installed; C.UTF-8 is then what applies).
        "b": _env(TZ="Pacific/Kiritimati", LANG="zh_CN.UTF-8", LC_ALL="C.UTF-8", PYTHONHASHSEED="2"),
    }
    roots = {name: copy_project(tmp_path / name / "project") for name in machines}

    def build(name: str) -> subprocess.CompletedProcess:
        site = roots[name] / "site"
        command = [str(GONGSHI), "build", "--as-of", AS_OF.isoformat(), "--site-dir", str(site)]
        return _run(command, roots[name], machines[name])

    with ThreadPoolExecutor(2) as pool:
        list(pool.map(build, machines))
    a, b = _tree(roots["a"] / "site"), _tree(roots["b"] / "site")
    assert len(a) > 100
    assert sorted(a) == sorted(b), f"files only in A: {sorted(set(a) - set(b))[:10]}, only in B: {sorted(set(b) - set(a))[:10]}"
    differing = [name for name in a if a[name] != b[name]]
    assert differing == [], "\n\n".join([f"{len(differing)} files differ"] + [_explain(n, a[n], b[n]) for n in differing[:3]])
    # Both say the same date, and not the machine's: Kiritimati was already a day ahead of China.
    assert _home_as_of(roots["a"] / "site") == f"{AS_OF.year}年{AS_OF.month}月{AS_OF.day}日"


def test_mkdocs_over_two_processes_writes_the_pages_one_process_writes(tmp_path: Path) -> None:
    """A region's build shares the pages out to two MkDocs processes: no page may tell which one made it."""
    from generator.build import build_site

    root = copy_project(tmp_path / "project")
    build_site(root, AS_OF, tmp_path / "one", live=False, mkdocs_shards=1)
    build_site(root, AS_OF, tmp_path / "two", live=False, mkdocs_shards=2)
    a, b = _tree(tmp_path / "one"), _tree(tmp_path / "two")
    assert len([n for n in a if n.endswith(".html")]) > 100
    assert sorted(a) == sorted(b), f"only in one: {sorted(set(a) - set(b))[:10]}, only in two: {sorted(set(b) - set(a))[:10]}"
    differing = [name for name in a if a[name] != b[name]]
    assert differing == [], "\n\n".join([f"{len(differing)} files differ"] + [_explain(n, a[n], b[n]) for n in differing[:3]])


# ---------------------------------------------------------------- SOURCE_DATE_EPOCH


def test_without_as_of_the_date_is_china_s_date_at_source_date_epoch(tmp_path: Path) -> None:
    # 2026-11-30 17:30 UTC is already 1 December in China (and still 30 November in UTC).
    instant = dt.datetime(2026, 11, 30, 17, 30, tzinfo=dt.timezone.utc)
    assert instant.astimezone(CHINA).date() == dt.date(2026, 12, 1)
    root = copy_project(tmp_path / "project")
    site = root / "site"
    result = _run(
        [str(GONGSHI), "build", "--site-dir", str(site)],
        root,
        _env(TZ="UTC", SOURCE_DATE_EPOCH=str(int(instant.timestamp()))),
    )
    assert result.stdout.endswith("（数据截至 2026-12-01）\n"), result.stdout
    assert _home_as_of(site) == "2026年12月1日"
    footer = lxml.html.fromstring((site / "tasks" / "index.html").read_bytes()).xpath("//div[contains(@class,'gs-govfooter')]")
    assert "数据截至2026年12月1日" in footer[0].text_content()


# ---------------------------------------------------------------- plain mkdocs build, hand-written pages


HAND_WRITTEN = "# 关于本站（手写）\n\n本页由网站管理员手工编写。\n"


@pytest.fixture(scope="module")
def mkdocs_built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """`mkdocs build` in a fresh copy (no generated content yet), with a hand-written about page."""
    root = copy_project(tmp_path_factory.mktemp("mkdocs") / "project")
    assert not (root / "content" / "plans").exists()
    (root / "content" / "about").mkdir(parents=True)
    (root / "content" / "about" / "index.md").write_text(HAND_WRITTEN, encoding="utf-8")
    # A plain mkdocs build is a preview: never into the live site/, which it would replace without any check.
    _run([str(MKDOCS), "build", "--strict", "-d", "preview"], root, _env(TZ="UTC", GONGSHI_AS_OF=AS_OF.isoformat()))
    return root


def test_plain_mkdocs_build_runs_the_generator(mkdocs_built: Path) -> None:
    dataset, _ = load_dataset(REPO)
    site = mkdocs_built / "preview"
    for plan in dataset.plans:
        for task in plan.tasks:
            page = site / "plans" / plan.id / "tasks" / str(task.no) / "index.html"
            assert page.is_file(), page
            doc = lxml.html.fromstring(page.read_bytes())
            assert [h.text_content().strip() for h in doc.iter("h1")] == [titles.task_name(task)]
    for banner in dataset.plans[0].banners:
        assert (site / "banners" / banner.slug / "index.html").is_file()
    assert (site / "api" / "tasks.json").is_file()
    assert _home_as_of(site) == f"{AS_OF.year}年{AS_OF.month}月{AS_OF.day}日"
    assert (site / "pagefind" / "pagefind-entry.json").is_file()  # the plugin indexes the site after MkDocs
    assert list((site / "pagefind" / "fragment").glob("*.pf_fragment"))


def test_a_hand_written_page_at_a_generated_path_wins_in_the_built_site(mkdocs_built: Path) -> None:
    doc = lxml.html.fromstring((mkdocs_built / "preview" / "about" / "index.html").read_bytes())
    assert [h.text_content().strip() for h in doc.iter("h1")] == ["关于本站（手写）"]
    assert "本页由网站管理员手工编写。" in doc.text_content()
    # The hand-written file is left as it was, and the generator does not claim it.
    assert (mkdocs_built / "content" / "about" / "index.md").read_text(encoding="utf-8") == HAND_WRITTEN
    ignored = (mkdocs_built / "content" / ".gitignore").read_text(encoding="utf-8").splitlines()
    assert "/about/index.md" not in ignored
    assert "/tasks/index.md" in ignored


# ---------------------------------------------------------------- queued text already public


def _no_bool_loader() -> type:
    """PyYAML's safe loader without YAML 1.1 booleans: a notice's `completion_by_measure` items have a key `no`
    (the measure's number), which safe_load reads as False; gongshi reads it as the word (yamlsrc)."""
    import yaml

    class Loader(yaml.SafeLoader):
        pass

    Loader.yaml_implicit_resolvers = {
        first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:bool"]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }
    return Loader


def test_a_queued_notice_quoting_public_text_builds_and_its_own_words_stay_withheld(tmp_path: Path) -> None:
    import yaml

    root = copy_project(tmp_path / "project")
    dataset, _ = load_dataset(root)
    task = dataset.plans[0].task(7)
    assert task is not None
    path = root / "data" / "notices" / "2026-12-07-task7.yaml"
    notice = yaml.load(path.read_text(encoding="utf-8"), Loader=_no_bool_loader())
    assert notice["start"] > AS_OF  # queued on the build's date
    own_words = "第7项整改任务的验收组于现场核查时逐一核对了台账和影像资料"
    notice["completion"] = f"{task.measures[0]}\n\n{own_words}\n"
    path.write_text(yaml.safe_dump(notice, allow_unicode=True, sort_keys=False), encoding="utf-8")
    site = root / "site"
    _run([str(GONGSHI), "build", "--as-of", AS_OF.isoformat(), "--site-dir", str(site)], root, _env())
    task_page = lxml.html.fromstring((site / urls.task(task) / "index.html").read_bytes()).text_content()
    assert task.measures[0][:40] in task_page  # the quoted line was public already
    assert not any(own_words.encode() in p.read_bytes() for p in site.rglob("*") if p.is_file())


def test_a_queued_notice_signed_and_dated_as_a_document_does_not_stop_the_build(tmp_path: Path) -> None:
    """A 落款 (the publishing office) and a date line say nothing of a queued notice, and the site shows both
    for other reasons (the footer; a published notice accepted that day): they must not be taken for a leak,
    which stopped every nightly build until the notice started. Its own words stay withheld."""
    import yaml

    from generator.asof import chinese_date

    root = copy_project(tmp_path / "project")
    dataset, _ = load_dataset(root)
    published_day = min(n.acceptance.date for n in dataset.notices if n.start <= AS_OF)
    path = root / "data" / "notices" / "2026-12-07-task7.yaml"
    notice = yaml.load(path.read_text(encoding="utf-8"), Loader=_no_bool_loader())
    assert notice["start"] > AS_OF  # queued on the build's date
    own_words = "第7项整改任务的验收组于现场核查时逐一核对了台账和影像资料"
    notice["completion"] = f"{own_words}\n{dataset.site.publisher}\n{chinese_date(published_day)}\n"
    notice["acceptance"]["opinion"] = f"同意验收销号。\n{dataset.site.publisher}\n截至{chinese_date(AS_OF)}\n"
    path.write_text(yaml.safe_dump(notice, allow_unicode=True, sort_keys=False), encoding="utf-8")
    site = root / "site"
    _run([str(GONGSHI), "build", "--as-of", AS_OF.isoformat(), "--site-dir", str(site)], root, _env())
    files = [p.read_bytes() for p in site.rglob("*") if p.is_file()]
    assert any(chinese_date(published_day).encode() in f for f in files)  # the date was public already
    assert any(dataset.site.publisher.encode() in f for f in files)
    assert not any(own_words.encode() in f for f in files)


# ---------------------------------------------------------------- what MkDocs would hang on


def test_a_fifo_or_endless_link_among_the_pages_stops_the_build_before_mkdocs(tmp_path: Path) -> None:
    """A FIFO would keep the nightly build waiting for ever and a link to /dev/zero would fill the disk:
    each is named in Chinese, the build exits 1 and the published site is left as it was."""
    root = copy_project(tmp_path / "project")
    site = tmp_path / "site"
    env = _env(GONGSHI_AS_OF=AS_OF.isoformat())
    _run([str(GONGSHI), "build", "--site-dir", str(site)], root, env)
    before = _tree(site)

    os.mkfifo(root / "content" / "notes.md")
    (root / "content" / "assets").mkdir(exist_ok=True)
    (root / "content" / "assets" / "zero.bin").symlink_to("/dev/zero")
    (root / "overrides" / "gone.html").symlink_to(root / "overrides" / "missing.html")
    (root / "content" / "loop").mkdir()
    (root / "content" / "loop" / "again").symlink_to(root / "content")
    (root / "content" / ".hidden-pipe").mkdir()
    os.mkfifo(root / "content" / ".hidden-pipe" / "p")  # MkDocs leaves dot-names out, and so does the check

    result = subprocess.run(
        [str(GONGSHI), "build", "--site-dir", str(site)], cwd=root, env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert any(line.startswith("content/notes.md:1: ") and "命名管道" in line for line in lines), lines
    assert any(line.startswith("content/assets/zero.bin:1: ") and "设备文件" in line for line in lines), lines
    assert any(line.startswith("overrides/gone.html:1: ") and "指向的文件不存在" in line for line in lines), lines
    assert any(line.startswith("content/loop/again:1: ") and "链接" in line for line in lines), lines
    assert not any(".hidden-pipe" in line for line in lines), lines
    assert "Traceback" not in result.stderr
    assert _tree(site) == before
