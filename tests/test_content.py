"""content: the generator rewrites only its own files; hand-written pages win."""

from __future__ import annotations

from pathlib import Path

from generator.content import write
from generator.pages import Output


def output(**pages: str) -> Output:
    return Output(content={k.replace("__", "/") + ".md": v for k, v in pages.items()}, theme={"partials/generated/f.html": "x"})


def test_hand_written_page_at_a_generated_path_wins(tmp_path: Path) -> None:
    content, overrides = tmp_path / "content", tmp_path / "overrides"
    (content / "about").mkdir(parents=True)
    (content / "about" / "index.md").write_text("# 手写\n", encoding="utf-8")
    result = write(output(about__index="# 生成\n", index="# 首页\n"), content, overrides)
    assert result.hand_written == ("about/index.md",)
    assert (content / "about" / "index.md").read_text(encoding="utf-8") == "# 手写\n"
    assert (content / "index.md").read_text(encoding="utf-8") == "# 首页\n"
    assert "/index.md" in (content / ".gitignore").read_text(encoding="utf-8").splitlines()
    assert "/about/index.md" not in (content / ".gitignore").read_text(encoding="utf-8").splitlines()


def test_stale_generated_files_go_and_unchanged_ones_stay_untouched(tmp_path: Path) -> None:
    content, overrides = tmp_path / "content", tmp_path / "overrides"
    write(output(index="a", tasks__old="b", keep="c"), content, overrides)
    keep = content / "keep.md"
    before = keep.stat().st_mtime_ns
    write(output(index="a2", keep="c"), content, overrides)
    assert not (content / "tasks").exists()
    assert (content / "index.md").read_text(encoding="utf-8") == "a2"
    assert keep.stat().st_mtime_ns == before


def test_generated_theme_partials(tmp_path: Path) -> None:
    content, overrides = tmp_path / "content", tmp_path / "overrides"
    write(output(index="a"), content, overrides)
    assert (overrides / "partials" / "generated" / "f.html").read_text(encoding="utf-8") == "x"


def test_crlf_text_is_written_as_is_and_not_rewritten_when_unchanged(tmp_path: Path) -> None:
    """notices.ics must keep its CRLF line ends (RFC 5545), and an unchanged one keeps its mtime."""
    content, overrides = tmp_path / "content", tmp_path / "overrides"
    ics = "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n"
    out = Output(content={"notices.ics": ics, "index.md": "a\n"})
    write(out, content, overrides)
    target = content / "notices.ics"
    assert target.read_bytes() == ics.encode("utf-8")
    assert (content / "index.md").read_bytes() == b"a\n"
    before = target.stat().st_mtime_ns
    write(out, content, overrides)
    assert target.stat().st_mtime_ns == before
    write(Output(content={"notices.ics": ics.replace("\r\n", "\n"), "index.md": "a\n"}), content, overrides)
    assert target.read_bytes() == b"BEGIN:VCALENDAR\nEND:VCALENDAR\n"
