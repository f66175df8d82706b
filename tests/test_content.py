"""content: the generator rewrites only its own files; hand-written pages win."""

from __future__ import annotations

from pathlib import Path

import pytest

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


def test_a_lost_or_broken_manifest_never_keeps_last_builds_pages_as_hand_written(tmp_path: Path) -> None:
    content, overrides = tmp_path / "content", tmp_path / "overrides"
    write(output(index="old", tasks__a="old"), content, overrides)
    manifest = content / ".gongshi" / "manifest.json"
    for damage in ("", "{not json", '{"files": "tasks/a.md"}', '["x"]'):
        manifest.write_text(damage, encoding="utf-8")
        result = write(output(index="new", tasks__a="new"), content, overrides)
        assert result.hand_written == ()
        assert (content / "tasks" / "a.md").read_text(encoding="utf-8") == "new"
    manifest.unlink()
    result = write(output(index="newer", tasks__a="newer"), content, overrides)
    assert result.hand_written == ()
    assert (content / "index.md").read_text(encoding="utf-8") == "newer"


def test_a_tampered_manifest_cannot_make_the_build_delete_outside_content(tmp_path: Path) -> None:
    content, overrides = tmp_path / "content", tmp_path / "overrides"
    outside = tmp_path / "data.yaml"
    outside.write_text("keep", encoding="utf-8")
    (content / ".gongshi").mkdir(parents=True)
    (content / ".gongshi" / "manifest.json").write_text('{"files": ["../data.yaml", "/etc/hostname"]}', encoding="utf-8")
    write(output(index="a"), content, overrides)
    assert outside.read_text(encoding="utf-8") == "keep"
    assert not list(content.rglob("*.tmp"))


def test_writing_on_every_core_writes_what_writing_here_does(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Region scale writes its pages in forked copies; the tree, bytes and kept files must not differ."""
    from generator import content as content_module

    pages = {f"tasks__{i}__index": f"# 第{i}项\n" for i in range(30)}
    pages["notices__ics"] = "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n"
    trees = []
    for apart_from in (10**6, 1):
        monkeypatch.setattr(content_module, "WRITE_APART_FROM", apart_from)
        content, overrides = tmp_path / str(apart_from) / "content", tmp_path / str(apart_from) / "overrides"
        (content / "about").mkdir(parents=True)
        (content / "about" / "index.md").write_text("# 手写\n", encoding="utf-8")
        result = write(output(about__index="# 生成\n", **pages), content, overrides)
        write(output(about__index="# 生成\n", **{k: v + "又一天\n" for k, v in pages.items()}), content, overrides)
        files = sorted(p for p in content.rglob("*") if p.is_file())
        trees.append((result, [(p.relative_to(content).as_posix(), p.read_bytes()) for p in files]))
    assert trees[0] == trees[1]
    assert ("tasks/7/index.md", "# 第7项\n又一天\n".encode()) in trees[1][1]
    assert ("notices/ics.md", b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n\xe5\x8f\x88\xe4\xb8\x80\xe5\xa4\xa9\n") in trees[1][1]
