"""yamlsrc: every problem with its file, line and field, in exact words."""

from __future__ import annotations

import os
import random
from pathlib import Path

import pytest
from conftest import REPO

from generator import schema, yamlsrc
from generator.errors import Problems
from generator.yamlsrc import Fields, LList, LMap, bad_character, load


def read(tmp_path: Path, raw: bytes) -> tuple[object, list[str]]:
    path = tmp_path / "x.yaml"
    path.write_bytes(raw)
    problems = Problems()
    value = load(path, "data/x.yaml", problems)
    return value, [str(p) for p in problems.items]


def test_values_remember_their_lines(tmp_path: Path) -> None:
    value, problems = read(tmp_path, b"a: 1\nlist:\n  - x\n  - y: 2\n")
    assert problems == []
    assert isinstance(value, LMap) and value.line_of("list") == 2
    assert isinstance(value["list"], LList) and value["list"].item_lines == [3, 4]


def test_no_is_a_key_not_a_boolean_and_dates_stay_text(tmp_path: Path) -> None:
    value, _ = read(tmp_path, b"no: 12\nyes: on\nstart: 2025-02-30\n")
    assert value == {"no": 12, "yes": "on", "start": "2025-02-30"}


def test_duplicate_key_names_both_lines(tmp_path: Path) -> None:
    _, problems = read(tmp_path, b"task: 1\nstart: 2025-01-02\nstart: 2025-01-03\n")
    assert problems == ["data/x.yaml:3: start: 字段重复（第2行已经写过）"]


def test_gbk_file_is_named_as_such(tmp_path: Path) -> None:
    _, problems = read(tmp_path, "a: 1\nb: 整改\n".encode("gbk"))
    assert problems == [
        "data/x.yaml:2: 文件不是 UTF-8 编码（看起来是 Windows 编辑器保存的 GBK 编码）；请另存为 UTF-8 编码"
    ]


def test_utf8_bom_is_accepted(tmp_path: Path) -> None:
    value, problems = read(tmp_path, b"\xef\xbb\xbf" + "a: 整改\n".encode())
    assert problems == [] and value == {"a": "整改"}


@pytest.mark.parametrize(
    ("char", "what"),
    [("\x0b", "从 Word 粘贴带来的手动换行符"), ("\x0c", "从 Word 粘贴带来的分页符"),
     ("\u200b", "零宽空格"), ("\x07", "控制字符")],
)
def test_invisible_characters_are_refused_with_field(tmp_path: Path, char: str, what: str) -> None:
    _, problems = read(tmp_path, f"a: 1\nb:\n  c: 整改{char}完成\n".encode())
    assert problems == [f"data/x.yaml:3: b.c: 含有 U+{ord(char):04X}（{what}）；请删除它或重新输入这段文字"]


def test_syntax_error_has_line_and_column(tmp_path: Path) -> None:
    _, problems = read(tmp_path, b"a: [1, 2\nb: 3\n")
    assert len(problems) == 1 and problems[0].startswith("data/x.yaml:2: YAML 格式错误：")


@pytest.mark.parametrize("raw", [b"", b"   \n# only a comment\n"])
def test_empty_file(tmp_path: Path, raw: bytes) -> None:
    _, problems = read(tmp_path, raw)
    assert problems == ["data/x.yaml:1: 文件是空的"]


def test_tags_and_aliases_are_refused(tmp_path: Path) -> None:
    _, problems = read(tmp_path, b"a: !!python/name:os.system\n")
    assert problems == ["data/x.yaml:1: a: 不允许使用 YAML 标记 'tag:yaml.org,2002:python/name:os.system'；请直接写内容"]


SUB = schema.Record("sub", "子项", (schema.Field("a", schema.TEXT, "甲"),))
RECORD = schema.Record(
    "x", "记录",
    (
        schema.Field("task", schema.INT, "序号"),
        schema.Field("start", schema.DATE, "开始日期"),
        schema.Field("goal", schema.TEXT, "目标"),
        schema.Field("items", schema.TEXTS, "各项"),
        schema.Field("sub", schema.RECORD, "子项", record=SUB),
        schema.Field("extra", schema.RECORD, "附加", required=False, record=SUB),
        schema.Field("rows", schema.RECORDS, "各行", required=False, record=SUB),
    ),
)


def test_fields_report_types_missing_and_unknown(tmp_path: Path) -> None:
    value, _ = read(tmp_path, "task: 十二\nstart: 2025-02-30\nstrat: 1\nitems: x\nsub:\n  a: true\n".encode())
    problems = Problems()
    fields = Fields(value, "data/x.yaml", problems, RECORD)
    fields.value("task")
    fields.value("start")
    fields.value("goal")
    fields.value("items")
    sub = fields.value("sub")
    sub.value("a")
    sub.done()
    assert fields.optional_record("extra", lambda f: f.value("a")) == (True, None)
    fields.done()
    assert [str(p) for p in problems.items] == [
        "data/x.yaml:1: task: 应为整数，实际是 '十二'",
        "data/x.yaml:2: start: '2025-02-30' 不是有效日期：2025年2月只有 28 天",
        "data/x.yaml:1: goal: 缺少必填字段",
        "data/x.yaml:4: items: 应为列表（每项以“- ”开头），实际是 'x'",
        "data/x.yaml:6: sub.a: 应为文字，实际是 true",
        "data/x.yaml:3: strat: 未知字段；是否应为 'start'？",
    ]


def test_a_list_of_texts_reports_each_wrong_item_on_its_line_and_keeps_the_rest(tmp_path: Path) -> None:
    value, _ = read(tmp_path, b"task: 1\nstart: 2025-01-02\ngoal: g\nitems:\n  - a\n  - {b: 1}\n  - c\nsub: {a: x}\n")
    problems = Problems()
    fields = Fields(value, "data/x.yaml", problems, RECORD)
    items = fields.value("items")
    assert items == ("a", "c") and items.places == ((5, "items[1]"), (7, "items[3]")) and not items.complete
    assert [str(p) for p in problems.items] == ["data/x.yaml:6: items[2]: 应为文字，实际是若干“字段名: 内容”"]


def test_an_optional_record_is_absent_valid_or_wrong(tmp_path: Path) -> None:
    def read_extra(sub: Fields) -> str | None:
        text = sub.value("a")
        return text if sub.done() else None

    for text, expected in (("", (True, None)), ("extra:\n", (True, None)), ("extra: {a: y}\n", (True, "y")),
                           ("extra: {b: y}\n", (False, None)), ("extra: y\n", (False, None))):
        value, _ = read(tmp_path, f"task: 1\nstart: 2025-01-02\ngoal: g\nitems: [a]\nsub: {{a: x}}\n{text}".encode())
        problems = Problems()
        fields = Fields(value, "data/x.yaml", problems, RECORD)
        assert fields.optional_record("extra", read_extra) == expected, text
        assert bool(problems.items) != expected[0], text


@pytest.mark.parametrize(
    ("text", "required", "count", "ok", "empty", "said"),
    [
        ("", False, 0, True, False, []),
        ("rows:\n", False, 0, True, False, []),
        ("rows: []\n", False, 0, True, True, []),
        ("rows:\n  - {a: x}\n  - y\n", False, 2, True, False, ["data/x.yaml:8: rows[2]: 应为若干“字段名: 内容”，实际是 'y'"]),
        ("rows: y\n", False, 0, False, False, ["data/x.yaml:6: rows: 应为列表（每项以“- ”开头），实际是 'y'"]),
        ("", True, 0, False, False, ["data/x.yaml:1: rows: 缺少必填字段"]),
        ("rows: []\n", True, 0, True, True, []),
    ],
)
def test_a_list_of_records_says_whether_the_list_itself_is_right_and_whether_it_is_empty(
    tmp_path: Path, text: str, required: bool, count: int, ok: bool, empty: bool, said: list[str]
) -> None:
    value, _ = read(tmp_path, f"task: 1\nstart: 2025-01-02\ngoal: g\nitems: [a]\nsub: {{a: x}}\n{text}".encode())
    problems = Problems()
    rows = Fields(value, "data/x.yaml", problems, RECORD).records("rows", required=required)
    assert (len(rows), rows.ok, rows.empty) == (count, ok, empty)
    assert [str(p) for p in problems.items] == said


def test_a_list_where_a_mapping_belongs(tmp_path: Path) -> None:
    value, _ = read(tmp_path, b"- a\n- b\n")
    problems = Problems()
    Fields(value, "data/x.yaml", problems, RECORD).done()
    assert [str(p) for p in problems.items] == ["data/x.yaml:1: 应为若干“字段名: 内容”，实际是列表"]


def test_every_refused_character_is_non_printable_so_printable_lines_can_be_skipped() -> None:
    """_control_characters skips lines where str.isprintable(): exact only while this holds."""
    refused_but_printable = [
        hex(code) for code in range(0x110000)
        if bad_character(chr(code)) and chr(code).isprintable()
    ]
    assert refused_but_printable == []


# ---------------------------------------------------------------- libyaml and the pure-Python path

libyaml = pytest.mark.skipif(yamlsrc._LibyamlLoader is None, reason="PyYAML without libyaml")


def both_ways(tmp_path: Path, raw: bytes, monkeypatch: pytest.MonkeyPatch) -> tuple[object, object]:
    """(values with their lines, problems) through libyaml where it applies, and through PyYAML alone."""

    def shape(value: object) -> object:
        if isinstance(value, LMap):
            return ("map", value.line, [(k, value.key_lines[k], shape(v)) for k, v in value.items()])
        if isinstance(value, LList):
            return ("list", value.line, value.item_lines, [shape(v) for v in value])
        return value

    value, problems = read(tmp_path, raw)
    with monkeypatch.context() as patch:
        patch.setattr(yamlsrc, "_LibyamlLoader", None)
        python_value, python_problems = read(tmp_path, raw)
    return (shape(value), problems), (shape(python_value), python_problems)


@libyaml
def test_ordinary_files_are_composed_by_libyaml(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def no_python_loader(text: str) -> None:
        raise AssertionError("composed by PyYAML's Python loader")

    monkeypatch.setattr(yamlsrc, "_Loader", no_python_loader)
    value, problems = read(tmp_path, "a: 1\nlist:\n  - x\n  - {name: 东胜区, slug: dongsheng}\ntext: |\n  一是\n".encode())
    assert problems == [] and value["list"].item_lines == [3, 4] and value["text"] == "一是\n"


@libyaml
@pytest.mark.parametrize(
    "text",
    [
        "a: 1\nb: 2026-\t12-14\n",  # libyaml takes a tab as a space
        "a: 1\nb: |#note\n  x\n",  # libyaml takes a "#" straight after "|" as a comment
        "x:\n  ? \u200b",  # without a final line break libyaml puts the empty value a line lower
        "a: &x 1\nb: *x\n",  # aliases and deep nesting are refused only by the Python loader
        "a: " + "[" * 21 + "]" * 21 + "\n",
        "a: &x 1\nb: &x 2\n",
        "a: [1, 2\nb: 3\n",
    ],
)
def test_where_libyaml_differs_the_python_loader_decides(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str) -> None:
    fast, python = both_ways(tmp_path, text.encode(), monkeypatch)
    assert fast == python


@libyaml
def test_libyaml_gives_the_same_values_lines_and_problems_on_shipped_corpus_and_mutated_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Mutations of real files (characters and whole lines) found every difference `_LIBYAML_DIFFERS` names."""
    files = sorted((REPO / "data").rglob("*.yaml")) + sorted((REPO / "tests" / "corpus").rglob("*.yaml"))
    texts = [f.read_bytes().decode("utf-8", "replace") for f in files]
    rng = random.Random(3)
    pieces = list(":-[]{},'\"|>#&*!?%@`\\~ \n\t") + ["  ", "\n  ", "\n- ", ": ", "- ", "---", "|-", "&a ", "*a", "!!str ", "? "]
    small = [t for t in texts if len(t) < 3000]
    mutated = []
    for _ in range(400):
        text = rng.choice(small)
        for _ in range(rng.randint(1, 4)):
            at = rng.randrange(len(text) + 1)
            text = text[:at] + rng.choice(pieces) + text[at + rng.choice((0, 0, 1, 2)):]
        mutated.append(text)
    for text in texts + mutated:
        fast, python = both_ways(tmp_path, text.encode(), monkeypatch)
        assert fast == python, text


# Files that are not ordinary files are refused by type, and sizes are checked, before any reading.


def _problems_of(path: Path) -> list[str]:
    problems = Problems()
    assert load(path, "data/x.yaml", problems) is None
    return [str(p) for p in problems.items]


def test_a_link_to_an_endless_device_is_refused_unread(tmp_path: Path) -> None:
    link = tmp_path / "x.yaml"
    link.symlink_to("/dev/zero")
    assert _problems_of(link) == [
        "data/x.yaml:1: 这不是普通文件（或指向普通文件的链接），而是一个设备文件，没有读取；"
        "请删除它，换成用文本编辑器保存的 UTF-8 文本文件"
    ]


def test_a_fifo_is_refused_without_waiting(tmp_path: Path) -> None:
    fifo = tmp_path / "x.yaml"
    os.mkfifo(fifo)
    assert "而是一个命名管道，没有读取" in _problems_of(fifo)[0]


def test_a_folder_is_refused(tmp_path: Path) -> None:
    (tmp_path / "x.yaml").mkdir()
    assert "而是一个文件夹，没有读取" in _problems_of(tmp_path / "x.yaml")[0]


def test_size_is_judged_before_reading(tmp_path: Path) -> None:
    """A 4 GB sparse file is refused from its size alone: reading it would take minutes and the memory."""
    big = tmp_path / "x.yaml"
    with big.open("wb") as handle:
        handle.truncate(4 * 1024**3)
    assert _problems_of(big) == ["data/x.yaml:1: 文件有 4,294,967,296 字节，超过上限 1,000,000 字节"]


def test_broken_and_looping_links_are_named(tmp_path: Path) -> None:
    broken = tmp_path / "x.yaml"
    broken.symlink_to(tmp_path / "gone.yaml")
    assert _problems_of(broken) == ["data/x.yaml:1: 这是一个链接，但它指向的文件不存在；请删除该链接，换成真正的文件"]
    loop = tmp_path / "loop.yaml"
    loop.symlink_to(loop)
    assert _problems_of(loop) == [
        "data/x.yaml:1: 无法读取：链接层层相连、指不到真正的文件，请删除该链接，换成真正的文件"
    ]


def test_utf16_is_named_as_such(tmp_path: Path) -> None:
    for encoding in ("utf-16", "utf-16-be", "utf-16-le"):
        path = tmp_path / "x.yaml"
        path.write_bytes("title: 鄂尔多斯\n".encode(encoding))
        assert _problems_of(path) == [
            "data/x.yaml:1: 文件不是 UTF-8 编码（看起来是记事本的“Unicode”，即 UTF-16 编码）；请另存为 UTF-8 编码"
        ]
    # A stray NUL in UTF-8 text is a control character on its line, not another encoding.
    path.write_bytes("title: 鄂尔多斯\nnote: a\x00b\n".encode())
    assert _problems_of(path) == ["data/x.yaml:2: note: 含有 U+0000（控制字符）；请删除它或重新输入这段文字"]
