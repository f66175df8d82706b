"""deploy/ and the README's daily rebuild: what a webmaster copies onto a Debian server works as written.

The systemd units are checked by systemd's own tools where systemd is installed;
the cron line's time zone arithmetic is checked everywhere, since Debian's cron
ignores CRON_TZ and runs in the server's zone (UTC on most servers).
"""

from __future__ import annotations

import configparser
import datetime as dt
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from conftest import REPO

README = (REPO / "README.md").read_text(encoding="utf-8")
DEPLOY = REPO / "deploy"
BEIJING = ZoneInfo("Asia/Shanghai")
UTC = ZoneInfo("UTC")
SITE = "/var/www/gongshi/site"  # the folder the README's nginx lines serve
PROJECT = "/srv/gongshi"


def _unit(name: str) -> configparser.ConfigParser:
    unit = configparser.ConfigParser(interpolation=None, strict=True)
    unit.optionxform = str  # type: ignore[assignment, method-assign]
    unit.read_string((DEPLOY / name).read_text(encoding="utf-8"))
    return unit


def _block(kind: str, containing: str = "") -> str:
    (block,) = [b for b in re.findall(rf"```{kind}\n(.*?)```", README, re.DOTALL) if containing in b]
    return block


def _cron_entry() -> tuple[list[str], str]:
    (line,) = [ln for ln in _block("cron").splitlines() if ln.strip() and not ln.startswith("#")]
    fields = line.split(None, 5)
    return fields[:5], fields[5]


def test_the_timer_starts_the_build_at_0005_beijing_time() -> None:
    timer = _unit("gongshi-build.timer")
    assert timer["Timer"]["OnCalendar"] == "*-*-* 00:05:00 Asia/Shanghai"
    assert timer["Timer"]["Persistent"] == "true"
    assert timer["Install"]["WantedBy"] == "timers.target"
    assert f"`OnCalendar={timer['Timer']['OnCalendar']}`" in README


@pytest.mark.e2e
def test_the_service_builds_the_site_nginx_serves() -> None:
    service = _unit("gongshi-build.service")["Service"]
    assert service["Type"] == "oneshot"
    assert service["WorkingDirectory"] == PROJECT
    assert service["ExecStart"] == f"{PROJECT}/.venv/bin/gongshi build --site-dir {SITE}"
    assert f"alias {SITE}/;" in _block("nginx")


def test_the_readme_installs_the_units_as_shipped() -> None:
    install = _block("sh", "systemctl")
    assert "cp deploy/gongshi-build.service deploy/gongshi-build.timer /etc/systemd/system/" in install
    for step in ("systemctl daemon-reload", "systemctl enable --now gongshi-build.timer",
                 "journalctl -u gongshi-build.service"):
        assert step in install
    assert sorted(p.name for p in DEPLOY.iterdir()) == ["gongshi-build.service", "gongshi-build.timer"]


def test_the_cron_line_runs_at_0005_beijing_time_on_a_utc_server() -> None:
    (minute, hour, day, month, weekday), command = _cron_entry()
    assert (day, month, weekday) == ("*", "*", "*")
    assert "CRON_TZ" not in _block("cron")
    # Debian's cron runs the line at this time of the server's clock, here UTC, on every day.
    for utc_day in (dt.date(2026, 12, 6), dt.date(2026, 12, 31), dt.date(2027, 6, 30)):
        fired = dt.datetime.combine(utc_day, dt.time(int(hour), int(minute)), UTC).astimezone(BEIJING)
        assert (fired.date(), fired.time()) == (utc_day + dt.timedelta(days=1), dt.time(0, 5))
    assert command.startswith(f"cd {PROJECT} && .venv/bin/gongshi build --site-dir {SITE} ")
    assert "北京时间每天 00:05 = UTC 前一天 16:05" in _block("cron")


def test_the_cron_line_is_the_site_owner_s_and_logs_where_that_user_can_write() -> None:
    _, command = _cron_entry()
    log = command.split(">>", 1)[1].split()[0].strip('"')
    assert log.startswith("$HOME/"), log  # not /var/log/, which only root can write
    assert "crontab -e" in README and "不要放进 root 的 crontab" in README


def _systemd_analyze() -> str:
    found = shutil.which("systemd-analyze")
    if found is None:
        pytest.skip("systemd-analyze is not installed (Debian's systemd package): the unit files are checked only as text")
    return found


def test_systemd_accepts_the_units(tmp_path: Path) -> None:
    """`systemd-analyze verify` on the units as a webmaster edits them: paths of this machine, an existing user."""
    analyze = _systemd_analyze()
    service = (DEPLOY / "gongshi-build.service").read_text(encoding="utf-8")
    venv_gongshi = Path(sys.executable).parent / "gongshi"  # the running interpreter's venv, activated or not
    service = service.replace(f"{PROJECT}/.venv/bin/gongshi", str(venv_gongshi)).replace(PROJECT, str(REPO))
    service = service.replace(SITE, str(tmp_path / "site"))
    user = os.environ.get("USER") or "root"
    service = re.sub(r"(?m)^(User|Group)=gongshi$", lambda m: f"{m[1]}={user if m[1] == 'User' else 'root'}", service)
    (tmp_path / "gongshi-build.service").write_text(service, encoding="utf-8")
    shutil.copy(DEPLOY / "gongshi-build.timer", tmp_path / "gongshi-build.timer")
    result = subprocess.run(
        [analyze, "verify", "gongshi-build.service", "gongshi-build.timer"],
        cwd=tmp_path, capture_output=True, text=True, timeout=60,
    )
    # verify warns of an unknown key and still exits 0: any word from it is a fault in the units.
    assert (result.returncode, result.stdout + result.stderr) == (0, "")


def test_systemd_reads_the_timer_as_0005_beijing_time() -> None:
    analyze = _systemd_analyze()
    spec = _unit("gongshi-build.timer")["Timer"]["OnCalendar"]
    result = subprocess.run(
        [analyze, "calendar", "--iterations=3", spec], capture_output=True, text=True, timeout=60,
        env={**os.environ, "TZ": "UTC", "LC_ALL": "C"},
    )
    assert result.returncode == 0, result.stderr
    elapses = re.findall(r"(?:Next elapse|Iter\. #\d+):\s+\w+ (\d{4}-\d\d-\d\d \d\d:\d\d:\d\d) UTC", result.stdout)
    assert len(elapses) == 3, result.stdout
    for text in elapses:
        when = dt.datetime.fromisoformat(text).replace(tzinfo=UTC).astimezone(BEIJING)
        assert when.time() == dt.time(0, 5), text
