"""The real `gongshi` console script on an unfriendly terminal: no traceback, no English, whatever the terminal.

A log without Chinese in its encoding gets UTF-8, a reader that leaves early stops
the command without a word, `serve` takes the addresses a webmaster types (IPv6
included) or refuses them in Chinese, and click's usage words are Chinese too.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import click
import pytest
from click.testing import CliRunner
from conftest import AS_OF, REPO, copy_project
from mkdocs.config.config_options import IpAddress

from generator import messages as M
from generator.cli import DEFAULT_PORT, dev_address, main, mkdocs_address

GONGSHI = Path(sys.executable).parent / "gongshi"
WORKDAYS = ["workdays", "2026-12-01"]
EXPECTED = (
    "2026-12-01 起 10 个工作日 → 2026-12-14 届满\n"
    "工作日：2026-12-01 2026-12-02 2026-12-03 2026-12-04 2026-12-07 2026-12-08 2026-12-09 2026-12-10 2026-12-11"
    " 2026-12-14\n"
)


def _gongshi(args: list[str], env: dict[str, str], stdout: int = subprocess.PIPE) -> subprocess.CompletedProcess[bytes]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("LC_", "PYTHONIO", "PYTHONUTF8", "LANG"))}
    return subprocess.run(
        [str(GONGSHI), *args], cwd=REPO, env={**clean, **env}, stdout=stdout, stderr=subprocess.PIPE, timeout=120
    )


TERMINALS = {
    "PYTHONIOENCODING=latin-1": {"PYTHONIOENCODING": "latin-1"},
    "PYTHONIOENCODING=ascii:strict": {"PYTHONIOENCODING": "ascii:strict"},
    "LANG=C": {"LANG": "C"},
    # The C locale as Python sees it when neither locale coercion nor UTF-8 mode steps in: ASCII.
    "LC_ALL=C, no coercion": {"LC_ALL": "C", "PYTHONCOERCECLOCALE": "0", "PYTHONUTF8": "0"},
}


@pytest.mark.parametrize("terminal", sorted(TERMINALS))
def test_a_terminal_without_chinese_gets_utf8(terminal: str) -> None:
    result = _gongshi(WORKDAYS, TERMINALS[terminal])
    assert (result.returncode, result.stderr) == (0, b"")
    assert result.stdout.decode("utf-8") == EXPECTED


@pytest.mark.parametrize("terminal", sorted(TERMINALS))
def test_an_error_on_a_terminal_without_chinese_is_its_chinese_line(terminal: str) -> None:
    result = _gongshi(["workdays", "2026/12/1"], TERMINALS[terminal])
    assert result.returncode == 1 and result.stdout == b""
    lines = result.stderr.decode("utf-8").splitlines()
    assert len(lines) == 1 and lines[0].startswith("开始日期：") and "2026-12-01" in lines[0], lines


def test_a_reader_that_left_stops_the_command_quietly() -> None:
    """Every write goes to a pipe nobody reads: the command stops with the status of SIGPIPE and no word."""
    for args in (["notice", "list", "--as-of", AS_OF.isoformat()], ["--help"], ["notice", "list", "--help"]):
        read, write = os.pipe()
        os.close(read)
        try:
            result = _gongshi(args, {}, stdout=write)
        finally:
            os.close(write)
        assert (result.returncode, result.stderr) == (141, b""), args


def test_gongshi_piped_into_head_says_nothing_of_it() -> None:
    """`gongshi notice list | head -c1`: whether head leaves before the last line (141) or after (0)."""
    script = f'set -o pipefail; "{GONGSHI}" notice list --as-of {AS_OF.isoformat()} | head -c1'
    for _ in range(3):
        result = subprocess.run(["bash", "-c", script], cwd=REPO, capture_output=True, timeout=120)
        assert result.returncode in (0, 141) and result.stderr == b""
        assert result.stdout == "数".encode()[:1]


# --- serve's address ---------------------------------------------------------------------------

ADDRESSES = {
    "127.0.0.1:8000": ("127.0.0.1", 8000),
    "0.0.0.0:8080": ("0.0.0.0", 8080),
    "localhost:8001": ("localhost", 8001),
    "127.0.0.1": ("127.0.0.1", DEFAULT_PORT),
    "::1": ("::1", DEFAULT_PORT),
    "[::1]": ("::1", DEFAULT_PORT),
    "[::1]:8000": ("::1", 8000),
    "[0:0:0:0:0:0:0:1]:9000": ("::1", 9000),
    "fe80::1%eth0": ("fe80::1%eth0", DEFAULT_PORT),
    "::": ("::", DEFAULT_PORT),
    "127.0.0.1:65535": ("127.0.0.1", 65535),
}
REFUSED = [
    "", ":", ":8000", "127.0.0.1:", "127.0.0.1:0", "127.0.0.1:65536", "127.0.0.1:80a", "127.0.0.1:８０",
    "example.com:80", "localhost:-1", "[::1]:", "[::1]x", "[127.0.0.1]:8000", "[localhost]:8000", "::1:8000x",
    "[::1", "::1]", "1.2.3:80", "::g",
]


@pytest.mark.parametrize("text", sorted(ADDRESSES))
def test_serve_reads_the_address_as_mkdocs_does(text: str) -> None:
    host, port = dev_address(text) or ("", 0)
    assert (host, port) == ADDRESSES[text]
    # What gongshi hands MkDocs is what MkDocs' own dev_addr option reads back.
    value = IpAddress().validate(mkdocs_address(host, port))
    assert (value.host, value.port) == (host, port)


@pytest.mark.parametrize("text", REFUSED)
def test_serve_refuses_what_is_not_an_address(text: str) -> None:
    assert dev_address(text) is None


def test_a_refused_address_is_one_chinese_line(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        main, prog_name="gongshi", args=["--root", str(tmp_path), "serve", "--dev-addr", "example.com:80"]
    )
    assert result.exit_code == 1
    assert result.output.splitlines() == [M.SERVE_ADDR_FORM.format(addr="example.com:80")]


@pytest.mark.parametrize(("text", "host", "port"), [("::1:8124", "::1", "8124"), ("fe80::1:9000", "fe80::1", "9000")])
def test_an_ipv6_address_and_port_without_brackets_is_asked_for_in_brackets(
    tmp_path: Path, text: str, host: str, port: str
) -> None:
    result = CliRunner().invoke(main, prog_name="gongshi", args=["--root", str(tmp_path), "serve", "--dev-addr", text])
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        f"--dev-addr {text}：地址中有冒号又要写端口时，请把地址写在方括号中，例如 [{host}]:{port}；只写地址时也请加方括号，例如 [{text}]"
    ]


def _ipv6_loopback_port() -> int | None:
    try:
        with socket.socket(socket.AF_INET6) as probe:
            probe.bind(("::1", 0))
            return int(probe.getsockname()[1])
    except OSError:
        return None


@pytest.mark.e2e
def test_serve_previews_on_the_ipv6_loopback(tmp_path: Path) -> None:
    port = _ipv6_loopback_port()
    if port is None:
        pytest.skip("this machine has no IPv6 loopback (::1) to serve on")
    root = copy_project(tmp_path / "project")
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    server = subprocess.Popen(
        [str(GONGSHI), "serve", "--as-of", AS_OF.isoformat(), "--dev-addr", f"[::1]:{port}"],
        cwd=root, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 240
        while True:
            assert server.poll() is None, server.communicate()[1].decode("utf-8", errors="replace")
            try:
                with urllib.request.urlopen(f"http://[::1]:{port}/", timeout=5) as response:
                    page = response.read().decode("utf-8")
                break
            except OSError:
                assert time.monotonic() < deadline, "gongshi serve did not answer on [::1]"
                time.sleep(1)
        assert "<html" in page and re.search(r"[\u4e00-\u9fff]", page)
    finally:
        server.terminate()
        server.wait(timeout=30)


# --- click's own words -------------------------------------------------------------------------


def _params(command: click.Command, path: tuple[str, ...]) -> list[tuple[str, str]]:
    ctx = click.Context(command, info_name=" ".join(path))
    found = [(" ".join(path), piece) for piece in command.collect_usage_pieces(ctx)]
    found += [(" ".join(path), param.make_metavar(ctx)) for param in command.params if not getattr(param, "is_flag", 0)]
    if isinstance(command, click.Group):
        for name, sub in sorted(command.commands.items()):
            found += _params(sub, (*path, name))
    return found


def test_usage_lines_name_their_arguments_in_chinese() -> None:
    """click names a value after its parameter in capitals (FILES..., TEXT, INTEGER) unless told otherwise."""
    english = [(path, word) for path, word in _params(main, ("gongshi",))
               if re.sub(r"YYYY-MM-DD|\bN\b", "", word) and re.search(r"[A-Z]{2,}", word)]
    assert english == []


def test_a_missing_argument_is_named_in_chinese(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, prog_name="gongshi", args=["--root", str(tmp_path), "progress", "import"])
    assert result.exit_code == 2
    assert result.output.splitlines()[0] == "用法： gongshi progress import [选项] 表格文件..."
    assert result.output.splitlines()[-1] == "错误：缺少参数 '表格文件...'。"
