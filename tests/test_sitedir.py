"""sitedir: a build never writes outside the folder it owns, and what it publishes a web server can read.

The refusals are tried through the real command, as a webmaster would type
them; each asserts the one Chinese line and that nothing in the project
changed. The published site is then served by Debian's nginx, with exactly
the lines the README gives, through its unprivileged worker.
"""

from __future__ import annotations

import gzip
import hashlib
import os
import random
import re
import shutil
import signal
import socket
import stat
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path

import pytest
from conftest import AS_OF, REPO, copy_project

from generator import sitedir
from generator.asof import epoch_of
from generator.publication_record import PublicationRecord

GONGSHI = Path(sys.executable).parent / "gongshi"
MKDOCS = Path(sys.executable).parent / "mkdocs"


def _run(args: list[str], cwd: Path, **env: str) -> subprocess.CompletedProcess:
    environment = {k: v for k, v in os.environ.items() if k not in ("SOURCE_DATE_EPOCH", "GONGSHI_AS_OF")}
    environment["SOURCE_DATE_EPOCH"] = str(epoch_of(AS_OF))  # the live site's "today"
    environment.update(env)
    return subprocess.run(args, check=False, cwd=cwd, env=environment, capture_output=True, text=True, encoding="utf-8", timeout=600)


def _digest(folder: Path) -> str:
    """Every path, mode and byte below `folder` (the project's own files: nothing may change them)."""
    h = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        if ".gongshi" in path.parts:
            continue  # the build lock lives there
        h.update(path.relative_to(folder).as_posix().encode())
        if path.is_file():
            h.update(path.read_bytes())
    return h.hexdigest()


@pytest.fixture
def small_project(tmp_path: Path) -> Path:
    root = copy_project(tmp_path / "project")
    subprocess.run(["git", "init", "-q", str(root)], check=True)
    return root


@pytest.mark.e2e
@pytest.mark.parametrize(
    "site_dir",
    [".", "data", "data/site", "content", "content/site", "overrides", ".git", "..", "data/.."],
)
def test_a_site_dir_that_would_replace_the_project_or_its_data_is_refused(small_project: Path, site_dir: str) -> None:
    before = _digest(small_project)
    result = _run([str(GONGSHI), "build", "--as-of", AS_OF.isoformat(), "--site-dir", site_dir], small_project)
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(f"--site-dir {site_dir}：不能")
    assert "请使用默认的 site/" in lines[0]
    assert _digest(small_project) == before
    assert not list(small_project.parent.glob("*.new-*")) and not list(small_project.glob("*.new-*"))


def test_a_folder_of_other_files_is_refused_but_an_earlier_gongshi_site_upgrades(tmp_path: Path) -> None:
    root = tmp_path / "project"
    (root / "data").mkdir(parents=True)
    foreign = tmp_path / "www"
    foreign.mkdir()
    (foreign / "report.docx").write_bytes(b"not ours")
    with pytest.raises(sitedir.SiteDirError, match="不是 gongshi 生成的网站"):
        sitedir.check_site_dir(root, foreign)
    # A site from before the marker: the files every gongshi site has.
    earlier = tmp_path / "site"
    (earlier / "api").mkdir(parents=True)
    for rel in ("index.html", "sitemap.xml", "api/tasks.json"):
        (earlier / rel).write_text("{}", encoding="utf-8")
    assert sitedir.check_site_dir(root, earlier) == earlier.resolve()
    empty = tmp_path / "empty"
    empty.mkdir()
    assert sitedir.check_site_dir(root, empty) == empty.resolve()
    a_file = tmp_path / "file"
    a_file.write_text("x", encoding="utf-8")
    with pytest.raises(sitedir.SiteDirError, match="不是目录"):
        sitedir.check_site_dir(root, a_file)
    with pytest.raises(sitedir.SiteDirError, match="是文件而不是目录"):
        sitedir.check_site_dir(root, a_file / "site")


def test_a_mount_point_is_refused_with_what_to_do(tmp_path: Path) -> None:
    root = tmp_path / "project"
    root.mkdir()
    mount = Path("/proc") if os.path.ismount("/proc") else Path("/")
    with pytest.raises(sitedir.SiteDirError, match="挂载点"):
        sitedir.check_site_dir(root, mount)


@pytest.mark.e2e
def test_site_dir_in_mkdocs_yml_is_guarded_for_a_plain_mkdocs_build(small_project: Path) -> None:
    config = small_project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("site_dir: site", "site_dir: data"), encoding="utf-8")
    before = _digest(small_project / "data")
    result = _run([str(MKDOCS), "build"], small_project, GONGSHI_AS_OF=AS_OF.isoformat())
    assert result.returncode != 0
    assert re.search(r"mkdocs.yml site_dir \S*/data：不能是、包含或位于项目的 data/ 目录", result.stderr), result.stderr
    assert _digest(small_project / "data") == before


def test_a_build_for_an_earlier_date_than_the_live_site_is_refused_with_the_preview_command(tmp_path: Path) -> None:
    site = tmp_path / "site"
    sitedir.check_not_older(site, AS_OF, AS_OF)  # the same date rebuilds
    with pytest.raises(sitedir.SiteDirError, match="预览较早日期的网站请用 gongshi build --preview --as-of 2026-11-27"):
        sitedir.check_not_older(site, AS_OF.replace(day=AS_OF.day - 1), AS_OF)


def test_swap_in_replaces_the_site_in_one_step_and_leaves_nothing_beside_it(tmp_path: Path) -> None:
    site = tmp_path / "out" / "site"
    site.mkdir(parents=True)
    (site / "old.html").write_text("old", encoding="utf-8")
    journal = sitedir.Journal(tmp_path / "project")
    staging = journal.new_folder(site)
    (staging / "new.html").write_text("new", encoding="utf-8")
    sitedir.swap_in(staging, site, journal)
    assert sorted(p.name for p in site.iterdir()) == ["new.html"]
    assert sorted(p.name for p in site.parent.iterdir()) == ["site"]


def test_only_the_folders_a_build_journaled_are_removed_never_a_backup_beside_the_site(tmp_path: Path) -> None:
    site = tmp_path / "out" / "site"
    site.mkdir(parents=True)
    for name in ("site.new-abc", "site.old-20261201", "site.newer", "sites.new-x"):
        (site.parent / name).mkdir()
        (site.parent / name / "index.html").write_text(name, encoding="utf-8")
    journal = sitedir.Journal(tmp_path / "project")
    ours = [journal.new_folder(site), journal.new_folder(site)]  # as a killed build leaves them
    (ours[0] / "page.html").write_text("half a site", encoding="utf-8")
    journal.remove_leftovers()
    assert sorted(p.name for p in site.parent.iterdir()) == [
        "site", "site.new-abc", "site.newer", "site.old-20261201", "sites.new-x"
    ]
    journal.remove_leftovers()  # an empty journal removes nothing more
    assert len(list(site.parent.iterdir())) == 5


@pytest.mark.e2e
def test_a_build_keeps_the_webmasters_backup_and_make_clean_too(tmp_path: Path) -> None:
    root = copy_project(tmp_path / "project")
    assert _run([str(GONGSHI), "build"], root).returncode == 0
    shutil.copytree(root / "site", root / "site.old-20261201")
    (root / "site.new-mine").mkdir()
    backup = _digest(root / "site.old-20261201")
    later = str(epoch_of(AS_OF) + 86400)
    result = _run([str(GONGSHI), "build"], root, SOURCE_DATE_EPOCH=later)
    assert result.returncode == 0, result.stderr
    assert _run(["make", "-s", "-f", str(REPO / "Makefile"), "clean", f"VENV={Path(sys.executable).parent.parent}"], root).returncode == 0
    assert sorted(p.name for p in root.iterdir() if p.name.startswith("site")) == ["site", "site.new-mine", "site.old-20261201"]
    assert _digest(root / "site.old-20261201") == backup


@pytest.mark.e2e
def test_a_site_dir_inside_the_live_site_is_refused_for_a_preview_and_a_live_build(tmp_path: Path) -> None:
    root = copy_project(tmp_path / "project")
    assert _run([str(GONGSHI), "build"], root).returncode == 0
    live = _digest(root / "site")
    for args in (["--preview", "--as-of", "2026-12-14"], []):
        result = _run([str(GONGSHI), "build", *args, "--site-dir", "site/preview"], root)
        assert result.returncode == 1
        assert result.stderr.splitlines() == [
            f"--site-dir site/preview：位于正式网站 {root / 'site'} 之中，网站服务器会把其中的文件公开；请换一个正式网站以外的目录"
        ]
    result = _run([str(GONGSHI), "build", "--preview", "--as-of", "2026-12-14", "--site-dir", "site"], root)
    assert result.returncode == 1 and "是正式网站的目录，预览不能写到这里" in result.stderr
    assert _digest(root / "site") == live and not (root / "site" / "preview").exists()


@pytest.mark.e2e
def test_a_live_site_elsewhere_is_remembered_so_no_preview_lands_in_it(tmp_path: Path) -> None:
    root = copy_project(tmp_path / "project")
    www = tmp_path / "www" / "gongshi"
    assert _run([str(GONGSHI), "build", "--site-dir", str(www)], root).returncode == 0
    result = _run([str(GONGSHI), "build", "--preview", "--as-of", "2026-12-14", "--site-dir", str(www / "p")], root)
    assert result.returncode == 1 and "位于正式网站" in result.stderr
    (www / ".gongshi-site.json").unlink()  # even with its marker gone, the project remembers it
    result = _run([str(GONGSHI), "build", "--preview", "--as-of", "2026-12-14", "--site-dir", str(www)], root)
    assert result.returncode == 1 and "是正式网站的目录" in result.stderr


@pytest.mark.e2e
def test_a_site_dir_reaching_the_data_through_a_bind_mount_is_refused(small_project: Path, tmp_path: Path) -> None:
    mount = tmp_path / "mnt"
    mount.mkdir()
    done = subprocess.run(["mount", "--bind", str(small_project / "data"), str(mount)], capture_output=True, check=False)
    if done.returncode != 0:
        pytest.skip(f"bind mounts are not permitted here: {done.stderr.decode(errors='replace').strip()}")
    try:
        before = _digest(small_project / "data")
        result = _run([str(GONGSHI), "build", "--site-dir", str(mount / "site")], small_project)
        assert result.returncode == 1
        assert "不能是、包含或位于项目的 data/ 目录" in result.stderr
        assert _digest(small_project / "data") == before
    finally:
        subprocess.run(["umount", str(mount)], check=False)


@pytest.mark.e2e
def test_a_site_dir_reaching_the_data_through_a_link_is_refused(small_project: Path, tmp_path: Path) -> None:
    link = tmp_path / "link"
    link.symlink_to(small_project / "content")
    result = _run([str(GONGSHI), "build", "--site-dir", str(link / "site")], small_project)
    assert result.returncode == 1 and "不能是、包含或位于项目的 content/ 目录" in result.stderr


@pytest.mark.e2e
def test_a_plain_mkdocs_build_refuses_the_live_site_and_previews_elsewhere_without_stray_copies(
    small_project: Path, tmp_path: Path
) -> None:
    assert _run([str(GONGSHI), "build"], small_project).returncode == 0
    live = _digest(small_project / "site")
    result = _run([str(MKDOCS), "build"], small_project, GONGSHI_AS_OF=AS_OF.isoformat(), NO_MKDOCS_2_WARNING="1")
    assert result.returncode == 1
    assert "Aborted" not in result.stderr  # the refusal stands alone, not inside MkDocs' English frame
    assert f"mkdocs build 不能生成正式网站 {small_project / 'site'}（它不核对公开记录，也不能整体替换网站）；正式网站请用 gongshi build 生成" in result.stderr
    assert _digest(small_project / "site") == live
    preview = tmp_path / "preview"
    (preview / ".gongshi-search-left").mkdir(parents=True)  # what a killed plain build left
    (preview / ".gongshi-search-left" / "index.html").write_text("x", encoding="utf-8")
    (preview / ".gongshi-site.json").write_text(PublicationRecord(AS_OF, mode="preview").text(), encoding="utf-8")
    result = _run([str(MKDOCS), "build", "-d", str(preview)], small_project, GONGSHI_AS_OF=AS_OF.isoformat())
    assert result.returncode == 0, result.stderr
    assert not list(preview.glob(".gongshi-search-*"))
    assert '"mode": "preview"' in (preview / ".gongshi-site.json").read_text(encoding="utf-8")


# ---------------------------------------------------------------- readable by the web server


def _nginx_lines() -> str:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    (block,) = re.findall(r"```nginx\n(.*?)```", readme, re.DOTALL)
    return block


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _fetch(url: str, headers: dict[str, str] | None = None) -> tuple[int, dict[str, str], bytes]:
    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):  # type: ignore[no-untyped-def]
            return None

    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(urllib.request.Request(url, headers=headers or {}), timeout=10) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory):
    """The shipped site built under umask 077 into a folder nginx's worker can reach, served with the README's lines."""
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    if not Path(nginx).exists():
        pytest.fail("nginx is not installed: `make test` installs Debian's nginx")
    root = copy_project(tmp_path_factory.mktemp("served") / "project")
    www = Path(tempfile.mkdtemp(prefix="gongshi-www-"))  # under /tmp, not pytest's 0700 folders
    os.chmod(www, 0o755)
    site = www / "site"
    build = subprocess.run(
        ["sh", "-c", 'umask 077 && exec "$0" build --as-of "$1" --site-dir "$2"', str(GONGSHI), AS_OF.isoformat(), str(site)],
        check=False, cwd=root, capture_output=True, text=True, encoding="utf-8", timeout=600,
        env={**os.environ, "SOURCE_DATE_EPOCH": str(epoch_of(AS_OF))},
    )
    assert build.returncode == 0, build.stderr
    prefix = www / "nginx"
    (prefix / "logs").mkdir(parents=True)
    port = _free_port()
    lines = _nginx_lines().replace("/var/www/gongshi/site/", f"{site}/")
    user = "user nobody nogroup;\n" if os.geteuid() == 0 else ""
    (prefix / "nginx.conf").write_text(
        f"{user}worker_processes 1;\npid {prefix}/nginx.pid;\nerror_log {prefix}/logs/error.log;\n"
        "events { worker_connections 64; }\n"
        "http {\n  include /etc/nginx/mime.types;\n  default_type application/octet-stream;\n"
        f"  access_log off;\n  client_body_temp_path {prefix}/body;\n  proxy_temp_path {prefix}/proxy;\n"
        f"  fastcgi_temp_path {prefix}/fastcgi;\n  uwsgi_temp_path {prefix}/uwsgi;\n  scgi_temp_path {prefix}/scgi;\n"
        f"  server {{\n    listen 127.0.0.1:{port};\n{lines}\n  }}\n}}\n",
        encoding="utf-8",
    )
    server = subprocess.Popen(
        [nginx, "-p", str(prefix), "-c", str(prefix / "nginx.conf"), "-g", "daemon off;"],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
    )
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            break
        except OSError:
            if server.poll() is not None:
                pytest.fail(f"nginx did not start: {server.stdout.read().decode() if server.stdout else ''}")
            time.sleep(0.1)
    try:
        yield site, f"http://127.0.0.1:{port}"
    finally:
        server.terminate()
        server.wait(timeout=10)
        shutil.rmtree(www, ignore_errors=True)


@pytest.mark.e2e
def test_every_folder_is_0755_and_every_file_0644_whatever_the_umask(served) -> None:
    site, _ = served
    wrong = []
    for path in [site, *site.rglob("*")]:
        mode = stat.S_IMODE(path.lstat().st_mode)
        expected = 0o755 if path.is_dir() else 0o644
        if mode != expected:
            wrong.append(f"{path.relative_to(site)} {oct(mode)}")
    assert wrong == []
    assert (site / sitedir.MARKER).is_file()


@pytest.mark.e2e
def test_nginx_with_the_readme_lines_serves_pages_feeds_calendar_and_the_404_page(served) -> None:
    site, base = served
    status, headers, body = _fetch(f"{base}/zt/ducha/")
    assert status == 200 and body == (site / "index.html").read_bytes()
    assert headers["Content-Type"].startswith("text/html")
    status, _, body = _fetch(f"{base}/zt/ducha/tasks/")
    assert status == 200 and body == (site / "tasks" / "index.html").read_bytes()
    status, headers, body = _fetch(f"{base}/zt/ducha/feed.xml")
    assert status == 200 and body == (site / "feed.xml").read_bytes()
    assert "xml" in headers["Content-Type"]
    status, headers, body = _fetch(f"{base}/zt/ducha/notices.ics")
    assert status == 200 and body == (site / "notices.ics").read_bytes()
    assert headers["Content-Type"] == "text/calendar; charset=utf-8"
    status, headers, _ = _fetch(f"{base}/zt/ducha")
    assert status == 301 and headers["Location"].endswith("/zt/ducha/")
    status, headers, body = _fetch(f"{base}/zt/ducha/no-such-page/")
    assert status == 404 and body == (site / "404.html").read_bytes()
    assert headers["Content-Type"].startswith("text/html")


@pytest.mark.e2e
def test_nginx_with_the_readme_lines_redirects_by_path_and_compresses_styles_and_scripts(served) -> None:
    """Behind the portal's proxy the site is on port 80 of www.ordos.gov.cn: a redirect naming nginx's own
    host and port would send readers nowhere; and Debian's nginx compresses only HTML unless told."""
    site, base = served
    for path in ("/zt/ducha", "/zt/ducha/tasks", "/zt/ducha/banners"):
        status, headers, _ = _fetch(f"{base}{path}")
        assert (status, headers["Location"]) == (301, f"{path}/")
    styles = sorted((site / "assets" / "stylesheets").glob("main.*.min.css"))
    scripts = sorted((site / "assets" / "javascripts").glob("bundle.*.min.js"))
    assert styles and scripts
    for file in (styles[0], scripts[0], site / "feed.xml", site / "api" / "tasks.json"):
        url = f"{base}/zt/ducha/{file.relative_to(site).as_posix()}"
        status, headers, body = _fetch(url, {"Accept-Encoding": "gzip"})
        assert (status, headers.get("Content-Encoding")) == (200, "gzip"), file.name
        assert gzip.decompress(body) == file.read_bytes()
        assert _fetch(url)[2] == file.read_bytes()  # and as it is to a client that cannot unpack it


# ---------------------------------------------------------------- killed at any instant


def _tree_files(folder: Path) -> dict[str, str]:
    """Each file of a tree by its path, as a digest of its content."""
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*")) if path.is_file()
    }


def _tree_digest(folder: Path) -> str:
    return hashlib.sha256(repr(sorted(_tree_files(folder).items())).encode()).hexdigest()


def _tree_difference(files: dict[str, str], other: dict[str, str]) -> list[str]:
    """The paths whose content differs between two trees, or that only one has: what a failure names."""
    return sorted(p for p in files.keys() | other.keys() if files.get(p) != other.get(p))


def _processes_mentioning(text: str) -> list[str]:
    found = []
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            cmdline = (proc / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
            environ = (proc / "environ").read_bytes()
        except OSError:
            continue
        if text in cmdline or text.encode() in environ:
            found.append(f"{proc.name}: {cmdline[:120]}")
    return found


@pytest.mark.e2e
def test_a_build_killed_at_any_instant_leaves_the_old_site_or_the_new_one(tmp_path: Path) -> None:
    root = copy_project(tmp_path / "project")
    site = root / "site"
    day_one, day_two = AS_OF, AS_OF.replace(day=AS_OF.day + 1)
    tag = uuid.uuid4().hex  # in the environment of this test's builds and every process they start

    def start(day) -> subprocess.Popen:
        env = {k: v for k, v in os.environ.items() if k not in ("SOURCE_DATE_EPOCH", "GONGSHI_AS_OF")}
        env["SOURCE_DATE_EPOCH"] = str(epoch_of(day))
        env["GONGSHI_KILL_TEST"] = tag
        return subprocess.Popen(
            [str(GONGSHI), "build", "--as-of", day.isoformat(), "--site-dir", str(site)],
            cwd=root, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
        )

    first = start(day_one)
    assert first.wait(timeout=600) == 0
    old_files = _tree_files(site)
    old = _tree_digest(site)
    timed = time.monotonic()
    second = start(day_two)
    assert second.wait(timeout=600) == 0
    duration = time.monotonic() - timed
    new_files = _tree_files(site)
    new = _tree_digest(site)
    assert old != new
    # Back to day one's site for each try, then kill a day-two build part-way.
    rng = random.Random(20261128)
    instants = sorted(rng.uniform(0.05, 1.0) * duration for _ in range(4))
    for instant in instants:
        shutil.rmtree(site)
        restore = start(day_one)
        assert restore.wait(timeout=600) == 0
        assert _tree_difference(_tree_files(site), old_files) == [], "day one built again differs"
        build = start(day_two)
        time.sleep(instant)
        build.send_signal(signal.SIGKILL)
        build.wait(timeout=60)
        assert site.is_dir(), f"no site after a kill at {instant:.2f}s"
        files = _tree_files(site)
        assert _tree_digest(site) in (old, new), (
            f"a mixed site after a kill at {instant:.2f}s: {_tree_difference(files, old_files)[:10]} differ from "
            f"the old site, {_tree_difference(files, new_files)[:10]} from the new one"
        )
        deadline = time.monotonic() + 10
        while _processes_mentioning(tag) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert _processes_mentioning(tag) == [], f"processes outlived a kill at {instant:.2f}s"
    # The next build clears what the killed ones left beside the site.
    final = start(day_two)
    assert final.wait(timeout=600) == 0
    assert _tree_difference(_tree_files(site), new_files) == []
    assert sorted(p.name for p in root.iterdir() if p.name.startswith("site")) == ["site"]
