"""Safe YAML that remembers where every value came from.

PyYAML alone keeps the last of two duplicate keys, reads `no:` as a boolean and
turns `2025-02-30` into a traceback. Here a file becomes plain Python values
wrapped in `LMap`/`LList`, which record the line of every key and item, so each
later check can name the file, line and field. Only strings, integers,
booleans (true/false), null, mappings and lists exist; dates stay strings and
are parsed by `Fields.value` with a clear message.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import errno
import os
import re
import stat
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from . import messages as M
from . import schema
from .errors import Problems, display_path

MAX_FILE_BYTES = 1_000_000
T = TypeVar("T")


class LMap(dict):
    """A mapping with the line of the mapping, of each key and of each value."""

    line: int
    key_lines: dict[str, int]

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, self.line)


class LList(list):
    """A list with the line of the list and of each item."""

    line: int
    item_lines: list[int]

    def line_of(self, index: int) -> int:
        return self.item_lines[index] if index < len(self.item_lines) else self.line


# Characters an officer cannot see but that break XML or layout. Tab, newline
# and carriage return are ordinary; everything else here is refused by name.
_INVISIBLE = M.INVISIBLE


def bad_character(ch: str) -> str | None:
    """What `ch` is when no officer's text may hold it (invisible, control, private-use, unassigned), else None.

    The one bad-character rule: YAML files and imported sheet cells (`progress_sheet.check_cell`) both apply
    it, and `M.BAD_CHARACTER` says what was found. Tab, line feed and carriage return are ordinary.
    """
    if ch in _INVISIBLE:
        return _INVISIBLE[ch]
    if ch in "\t\n\r":
        return None
    category = unicodedata.category(ch)
    if category == "Cc":
        return M.CONTROL_CHARACTER
    if category in ("Cs", "Co", "Cn"):
        return M.INVALID_CHARACTER
    return None


_ORDINARY_BREAKS = str.maketrans("", "", "\t\n\r")


def first_bad_character(text: str) -> tuple[str, str] | None:
    """The first character of `text` that `bad_character` refuses, with what it says of it; None if none.

    Exact shortcut: every character it refuses is non-printable, and tab, newline
    and carriage return, the non-printable ones it allows, are set aside first.
    """
    if text.isprintable() or text.translate(_ORDINARY_BREAKS).isprintable():
        return None
    return next(((ch, what) for ch in text if (what := bad_character(ch))), None)


class _Resolver(yaml.resolver.BaseResolver):
    """Implicit types limited to what the data needs (no yes/no, no timestamps)."""


_Resolver.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)
_Resolver.add_implicit_resolver("tag:yaml.org,2002:int", re.compile(r"^[-+]?(?:0|[1-9][0-9]*)$"), list("-+0123456789"))
_Resolver.add_implicit_resolver("tag:yaml.org,2002:null", re.compile(r"^(?:~|null|Null|NULL|)$"), ["~", "n", "N", ""])


MAX_DEPTH = 20


class _Refused(yaml.MarkedYAMLError):
    """Valid YAML that the data files do not allow (aliases, deep nesting)."""


class _Loader(
    yaml.reader.Reader, yaml.scanner.Scanner, yaml.parser.Parser, yaml.composer.Composer, _Resolver
):
    def __init__(self, stream: str) -> None:
        yaml.reader.Reader.__init__(self, stream)
        yaml.scanner.Scanner.__init__(self)
        yaml.parser.Parser.__init__(self)
        yaml.composer.Composer.__init__(self)
        _Resolver.__init__(self)
        self._depth = 0

    def compose_node(self, parent: Node | None, index: Any) -> Node | None:
        # An alias repeats a value by reference: a few lines can expand to
        # billions of values ("billion laughs"), and no data file needs one.
        # Nesting is bounded so a hostile file cannot exhaust the stack.
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent):
            message = M.YAML_ALIAS.format(anchor=event.anchor)
            raise _Refused(None, None, message, event.start_mark)  # type: ignore[arg-type]
        if self._depth >= MAX_DEPTH:
            raise _Refused(None, None, M.YAML_TOO_DEEP.format(depth=MAX_DEPTH), event.start_mark)
        self._depth += 1
        try:
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


@dataclass(frozen=True)
class Source:
    """A data file and the name it is reported under."""

    path: Path
    name: str


def _decode(raw: bytes, source: Source, problems: Problems) -> str | None:
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    head = raw[:200]
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")) or (head and head.count(0) * 4 >= len(head)):
        # Notepad's "Unicode": every other byte is zero, so any line number would mislead.
        problems.add(source.name, 1, "", M.FILE_NOT_UTF8_UTF16)
        return None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        try:
            raw.decode("gb18030")
            message = M.FILE_NOT_UTF8_GBK
        except UnicodeDecodeError:
            message = M.FILE_NOT_UTF8
        problems.add(source.name, line, "", message)
        return None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _control_characters(text: str) -> tuple[str, list[tuple[int, str, str]]]:
    """Find each invisible character by line; return the text with them blanked out."""
    found: list[tuple[int, str, str]] = []
    for lineno, line in enumerate(text.split("\n"), start=1):
        if line.isprintable():  # exact shortcut: every character bad_character names is non-printable
            continue
        for ch in line:
            what = bad_character(ch)
            if what:
                found.append((lineno, ch, what))
    if not found:
        return text, found
    return "".join(" " if ch != "\n" and bad_character(ch) else ch for ch in text), found


def _scalar_paths(node: Node, where: str, spans: list[tuple[int, int, str]]) -> None:
    """Collect (first line, last line, field path) for every scalar value."""
    if isinstance(node, ScalarNode):
        spans.append((node.start_mark.line + 1, node.end_mark.line + 1, where))
    elif isinstance(node, SequenceNode):
        for index, child in enumerate(node.value):
            _scalar_paths(child, f"{where}[{index + 1}]", spans)
    elif isinstance(node, MappingNode):
        for key_node, value_node in node.value:
            key = str(getattr(key_node, "value", ""))
            _scalar_paths(value_node, f"{where}.{key}" if where else key, spans)


_SYNTAX_HINTS = (
    ("mapping values are not allowed here", M.YAML_HINT_COLON),
    ("that cannot start any token", M.YAML_HINT_TAB),
    ("expected <block end>", M.YAML_HINT_INDENT),
)


_OPENED = {
    "while parsing a flow sequence": M.YAML_OPENED_BRACKET.format(bracket="["),
    "while parsing a flow mapping": M.YAML_OPENED_BRACKET.format(bracket="{"),
    "while scanning a quoted scalar": M.YAML_OPENED_QUOTE,
}


_BLOCK_KEY = re.compile(r"^( *)(?:- +)?([^\s#:][^:#]*?): *[|>][-+0-9]* *(?:#.*)?$")


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _unindented_block(text: str, exc: yaml.MarkedYAMLError) -> tuple[int, str] | None:
    """`completion: |` followed by text that is not indented under it.

    PyYAML reads such a block as empty and the text as new keys, then
    complains about a colon somewhere below; the fix is the indentation of
    the lines under the `|`. Found by walking back from the error to a
    block-text key whose first line of text (the first line that is neither
    blank nor a comment) is not indented under it, whatever the later lines do.
    """
    marks = [m for m in (exc.problem_mark, exc.context_mark) if m is not None]
    if not marks:
        return None
    lines = text.splitlines()
    last = max(m.line for m in marks)
    for i in range(min(last, len(lines) - 1), -1, -1):
        found = _BLOCK_KEY.match(lines[i])
        if found is None:
            continue
        depth = _indent(lines[i])
        below = [(n, line) for n, line in enumerate(lines[i + 1:last + 1], i + 2)
                 if line.strip() and not line.lstrip().startswith("#")]
        if not below or _indent(below[0][1]) > depth:
            return None
        return below[0][0], M.YAML_BLOCK_NOT_INDENTED.format(key=found.group(2).strip())
    return None


def _syntax_error(exc: yaml.MarkedYAMLError) -> tuple[int, str]:
    """The line to fix and a message naming what is wrong there.

    PyYAML reports an unclosed quote or bracket where the file ends, and a
    missing ': ' on the line after; both are named at the line where they
    begin instead.
    """
    problem, context = exc.problem or "", exc.context or ""
    mark, cmark = exc.problem_mark, exc.context_mark
    if "end of stream" in problem or "<stream end>" in problem:
        bracket = getattr(exc, "open_bracket", None)
        if bracket is not None and context != "while scanning a quoted scalar":
            opener = bracket.buffer[bracket.pointer]
            what = M.YAML_OPENED_BRACKET.format(bracket=opener)
            return bracket.line + 1, M.YAML_UNCLOSED.format(what=what, column=bracket.column + 1)
        if cmark is not None:
            opened = _OPENED.get(context, M.YAML_PROBLEM)
            return cmark.line + 1, M.YAML_UNCLOSED.format(what=opened, column=cmark.column + 1)
    if cmark is not None and context == "while scanning a simple key":
        return cmark.line + 1, M.YAML_NEEDS_SPACE.format(column=cmark.column + 1)
    hint = next((h for key, h in _SYNTAX_HINTS if key in problem), "")
    if context == "expected a single document in the stream":
        said = M.YAML_SECOND_DOCUMENT
    else:
        said = next((zh for en, zh in M.YAML_PROBLEMS.items() if problem.startswith(en)), M.YAML_PROBLEM)
    if mark is None:
        return 1, said
    return mark.line + 1, said + M.YAML_COLUMN.format(column=mark.column + 1) + hint


def _libyaml_loader() -> type | None:
    """libyaml's parser and composer with this module's implicit types, if PyYAML has them.

    libyaml from 0.2.5 on refuses nesting over 1,000 levels, so its recursive
    composer cannot exhaust the C stack on a hostile file.
    """
    try:
        from yaml._yaml import get_version
        from yaml.cyaml import CParser  # type: ignore[attr-defined]
    except ImportError:
        return None
    if get_version() < (0, 2, 5):
        return None

    class LibyamlLoader(CParser, _Resolver):
        def __init__(self, stream: str) -> None:
            CParser.__init__(self, stream)
            _Resolver.__init__(self)

    return LibyamlLoader


_LibyamlLoader = _libyaml_loader()
_UNSURE = object()
# Where libyaml and PyYAML part ways, found by comparing the two on mutated data
# files: libyaml takes a tab as a space and a "#" straight after a block
# scalar's "|" or ">" as a comment, and in a file without a final line break
# it puts an empty value that ends the file a line lower.
_LIBYAML_DIFFERS = re.compile(r"\t|[|>][-+0-9]*#")


def _compose_with_libyaml(text: str) -> Node | None | object:
    """The nodes `_Loader` would give, in a fraction of the time; `_UNSURE` when only `_Loader` can tell.

    Short of the differences above, libyaml gives the same nodes on the same
    lines (a collection's end line aside, which nothing reads), but it words
    its errors otherwise and lets through what `_Loader` refuses on purpose:
    aliases and deep nesting, looked for in the nodes. Whatever libyaml
    refuses, `_Loader` reads again to name the problem its own way.
    """
    if _LibyamlLoader is None or not text.endswith("\n") or _LIBYAML_DIFFERS.search(text):
        return _UNSURE
    loader = _LibyamlLoader(text)
    try:
        node = loader.get_single_node()
    except yaml.YAMLError:
        return _UNSURE
    finally:
        loader.dispose()
    return node if node is None or _plain_tree(node) else _UNSURE


def _plain_tree(root: Node) -> bool:
    """No node reached twice (an alias) and none nested `MAX_DEPTH` deep: what `_Loader` refuses."""
    seen: set[int] = set()
    stack = [(root, 0)]
    while stack:
        node, depth = stack.pop()
        if depth >= MAX_DEPTH or id(node) in seen:
            return False
        seen.add(id(node))
        if isinstance(node, SequenceNode):
            stack.extend((child, depth + 1) for child in node.value)
        elif isinstance(node, MappingNode):
            stack.extend((part, depth + 1) for pair in node.value for part in pair)
    return True


def _compose(text: str) -> Node | None:
    node = _compose_with_libyaml(text)
    if node is not _UNSURE:
        return node  # type: ignore[return-value]
    loader = _Loader(text)
    try:
        return loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        # The innermost '[' or '{' still open, for an error at the end of the file.
        opened = [m for m in loader.marks if text[m.index : m.index + 1] in ("[", "{")]
        exc.open_bracket = opened[-1] if opened else None  # type: ignore[attr-defined]
        raise
    finally:
        loader.dispose()


def special_file(mode: int) -> str | None:
    """What a path that is not an ordinary file is, in words an officer knows; None for an ordinary file."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return M.SPECIAL_FOLDER
    if stat.S_ISFIFO(mode):
        return M.SPECIAL_FIFO
    if stat.S_ISSOCK(mode):
        return M.SPECIAL_SOCKET
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return M.SPECIAL_DEVICE
    return M.SPECIAL_OTHER


def read_limited(
    path: Path, name: str, problems: Problems, limit: int = MAX_FILE_BYTES, replace: str = M.SPECIAL_REPLACE_YAML
) -> bytes | None:
    """The bytes of an ordinary file of at most `limit` bytes; None (reported) for anything else.

    The type is judged before anything is read, following a symbolic link to
    what it points at: a link to /dev/zero would otherwise be read without
    end and a FIFO would wait for a writer for ever. The file is opened
    without waiting, its type checked again on the open file (it may have
    been swapped since), and at most one byte beyond the limit is read.
    """
    try:
        mode = os.stat(path).st_mode
        what = special_file(mode)
        if what is not None:
            problems.add(name, 1, "", M.SPECIAL_FILE.format(what=what, replace=replace))
            return None
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
        with os.fdopen(fd, "rb") as handle:
            info = os.fstat(handle.fileno())
            what = special_file(info.st_mode)
            if what is not None:
                problems.add(name, 1, "", M.SPECIAL_FILE.format(what=what, replace=replace))
                return None
            if info.st_size > limit:
                problems.add(name, 1, "", M.FILE_TOO_BIG.format(size=info.st_size, limit=limit))
                return None
            raw = handle.read(limit + 1)
    except FileNotFoundError:
        # A symbolic link whose target is gone is missing as well.
        problems.add(name, 1, "", M.FILE_MISSING if not path.is_symlink() else M.FILE_BROKEN_LINK)
        return None
    except OSError as exc:
        problems.add(name, 1, "", M.FILE_UNREADABLE.format(reason=os_reason(exc)))
        return None
    if len(raw) > limit:  # grew after the check
        problems.add(name, 1, "", M.FILE_TOO_BIG_GROWING.format(limit=limit))
        return None
    return raw


def os_reason(exc: OSError) -> str:
    """The Chinese reason for a failed read, with what to do."""
    code = errno.errorcode.get(exc.errno or 0, "")
    return M.OS_ERRORS.get(code) or M.OS_ERROR_OTHER.format(reason=exc.strerror or exc)


def load(path: Path, name: str, problems: Problems) -> Any:
    """Read one YAML file; on any problem record it and return None."""
    source = Source(path, name)
    raw = read_limited(path, name, problems)
    if raw is None:
        return None
    text = _decode(raw, source, problems)
    if text is None:
        return None
    text, invisible = _control_characters(text)
    if not text.strip():
        problems.add(name, 1, "", M.FILE_EMPTY)
        return None
    try:
        node = _compose(text)
    except _Refused as exc:
        mark = exc.problem_mark
        line, column = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
        problems.add(name, line, "", f"{exc.problem}{M.YAML_COLUMN.format(column=column)}")
        return None
    except yaml.MarkedYAMLError as exc:
        line, message = _unindented_block(text, exc) or _syntax_error(exc)
        problems.add(name, line, "", M.YAML_SYNTAX.format(detail=message))
        return None
    except yaml.YAMLError:
        problems.add(name, 1, "", M.YAML_SYNTAX.format(detail=M.YAML_PROBLEM))
        return None
    if node is None:
        problems.add(name, 1, "", M.FILE_EMPTY)
        return None
    if invisible:
        spans: list[tuple[int, int, str]] = []
        _scalar_paths(node, "", spans)
        for lineno, ch, what in invisible:
            field_name = next((path for first, last, path in spans if first <= lineno <= last), "")
            problems.add(name, lineno, field_name, M.BAD_CHARACTER.format(code=ord(ch), what=what))
        return None
    before = len(problems.items)
    value = _convert(node, source, problems, "")
    # A refused value (a tag, an escaped control character) would otherwise
    # be reported again as empty or missing: the file is refused once.
    return value if len(problems.items) == before else None


_CONSTRUCT = yaml.constructor.SafeConstructor()
_STANDARD_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:map",
    "tag:yaml.org,2002:seq",
}


_COLLECTION_TAGS: dict[type[Node], str] = {SequenceNode: "tag:yaml.org,2002:seq", MappingNode: "tag:yaml.org,2002:map"}


def _misfit(node: Node, source: Source, problems: Problems, where: str) -> None:
    """A standard tag on a value of another kind, as pasted from another system."""
    tag = node.tag.rsplit(":", 1)[-1]
    message = M.YAML_TAG_MISFIT.format(tag=tag)
    problems.add(source.name, node.start_mark.line + 1, where, message)


def _convert(node: Node, source: Source, problems: Problems, where: str) -> Any:
    line = node.start_mark.line + 1
    if node.tag not in _STANDARD_TAGS:
        problems.add(source.name, line, where, M.YAML_TAG.format(tag=node.tag))
        return None
    if _COLLECTION_TAGS.get(type(node)) not in (None, node.tag) or (
        isinstance(node, ScalarNode) and node.tag in _COLLECTION_TAGS.values()
    ):
        return _misfit(node, source, problems, where)
    if isinstance(node, ScalarNode):
        try:
            value = _CONSTRUCT.construct_object(node)
        except (ValueError, KeyError, TypeError, yaml.YAMLError):  # "!!int 鄂尔多斯", "!!bool maybe"
            return _misfit(node, source, problems, where)
        # An escape in double quotes ("\x0b", "\ud800") yields characters the
        # raw-text check never saw.
        if isinstance(value, str) and (bad := first_bad_character(value)):
            message = M.BAD_CHARACTER.format(code=ord(bad[0]), what=bad[1])
            problems.add(source.name, line, where, message)
            return None
        return value
    if isinstance(node, SequenceNode):
        items = LList()
        items.line = line
        items.item_lines = []
        for index, child in enumerate(node.value):
            items.item_lines.append(child.start_mark.line + 1)
            items.append(_convert(child, source, problems, f"{where}[{index + 1}]"))
        return items
    assert isinstance(node, MappingNode)
    mapping = LMap()
    mapping.line = line
    mapping.key_lines = {}
    for key_node, value_node in node.value:
        key_line = key_node.start_mark.line + 1
        if not isinstance(key_node, ScalarNode) or key_node.tag == "tag:yaml.org,2002:merge":
            problems.add(source.name, key_line, where, M.KEY_NOT_PLAIN)
            continue
        key = str(key_node.value)
        if bad := first_bad_character(key):
            problems.add(source.name, key_line, where, M.KEY_BAD_CHARACTER.format(what=bad[1]))
            continue
        child_where = f"{where}.{key}" if where else key
        if key in mapping.key_lines:
            problems.add(
                source.name, key_line, child_where, M.DUPLICATE_KEY.format(line=mapping.key_lines[key])
            )
            continue
        mapping.key_lines[key] = key_line
        mapping[key] = _convert(value_node, source, problems, child_where)
    return mapping


class Items(tuple):
    """The valid items of a list field, each with its line and field name (`scope[2]`) for messages.

    Wrong items are reported and left out, so checks across the rest still run
    and the officer sees every problem in one pass; `complete` says none was.
    """

    places: tuple[tuple[int, str], ...]
    written: int

    @property
    def complete(self) -> bool:
        return len(self) == self.written


class Records(tuple):
    """The `Fields` of each item written in a list of records (an item that is not a mapping says so in its own).

    `ok` is False when the list itself is wrong: not a list, or required and
    missing (reported). `empty` says it was written as an empty list `[]`,
    which some lists refuse in words of their own.
    """

    ok: bool
    empty: bool


class Fields:
    """Reads the fields of one mapping against its `schema.Record`, recording a problem for each wrong one.

    The whole reader API is three calls, each driven by the field's declaration
    in `schema.py` (its kind, whether it is required, its bounds and words):

    - `value(name)`: the checked value, None when absent or wrong (reported).
      A list of texts or dates gives `Items`; a record gives its `Fields`.
    - `records(name)`: the `Fields` of each item of a list of records, and
      whether the list itself is right (`Records.ok`) or empty (`Records.empty`).
    - `optional_record(name, read)`: an optional record, read by `read` when
      present: `(True, None)` when absent, `(False, None)` when wrong (reported).

    Each value is checked by `schema.check_value` with the field's spec, so
    the YAML reader and any other reader (an Excel importer) give the same
    verdict on the same value; this class only adds the file, line and field.
    Call `done()` last: every field not in the record is reported as unknown,
    with the close name when there is one, so a misspelt field never vanishes silently.
    """

    def __init__(
        self,
        mapping: Any,
        source_name: str,
        problems: Problems,
        record: schema.Record,
        where: str = "",
        line: int = 1,
    ):
        self.source_name = source_name
        self.problems = problems
        self.where = where
        self.record = record
        self.ok = True
        self.missing: dict[str, object] = {}  # required field -> its "missing" problem
        self.broken = not isinstance(mapping, LMap)
        if isinstance(mapping, LMap):
            self.mapping: LMap = mapping
        else:
            self.error(getattr(mapping, "line", line), "", M.EXPECTED_MAPPING.format(got=schema.kind_of(mapping)))
            self.mapping = LMap()
            self.mapping.line = getattr(mapping, "line", line)
            self.mapping.key_lines = {}

    @property
    def line(self) -> int:
        return self.mapping.line

    def path(self, name: str) -> str:
        if not name:
            return self.where
        return f"{self.where}.{name}" if self.where else name

    def line_of(self, name: str) -> int:
        return self.mapping.line_of(name)

    def error(self, line: int, name: str, message: str) -> None:
        self.ok = False
        self.problems.add(self.source_name, line, self.path(name), message)

    def warn(self, line: int, name: str, message: str) -> None:
        self.problems.add(self.source_name, line, self.path(name), message, warning=True)

    def has(self, name: str) -> bool:
        return name in self.mapping and self.mapping[name] is not None

    def _raw(self, name: str, required: bool) -> Any:
        value = self.mapping.get(name)
        if value is None and required and not self.broken:
            if name in self.mapping:
                self.error(self.line_of(name), name, M.EMPTY)
            else:
                self.error(self.line, name, M.REQUIRED_MISSING)
                self.missing.setdefault(name, self.problems.items[-1])
        return value

    def value(self, name: str, required: bool | None = None) -> Any:
        """The field's value checked against the record's spec; None when absent or wrong (reported).

        `required` overrides the declaration where another field decides it
        (an example note is required when the site is marked as examples).
        """
        spec = self.record.field(name)
        if required is not None and required != spec.required:
            spec = dataclasses.replace(spec, required=required)
        value = self._raw(name, spec.required)
        if value is None:
            return None
        if spec.kind in (schema.TEXTS, schema.DATES):
            return self._items(spec, value)
        if spec.kind == schema.RECORD:
            assert spec.record is not None
            return Fields(value, self.source_name, self.problems, spec.record, self.path(name), self.line_of(name))
        result = schema.check_value(spec, value)
        if result.problem is not None:
            self.error(self.line_of(name), name, result.problem)
        return result.value

    def _items(self, spec: schema.Field, values: Any) -> Items | None:
        """Each item of a list of texts or dates checked on its own line; wrong ones reported and left out."""
        if not isinstance(values, LList):
            self.error(self.line_of(spec.name), spec.name, M.EXPECTED_LIST.format(got=schema.kind_of(values)))
            return None
        kind = schema.DATE if spec.kind == schema.DATES else schema.TEXT
        item_spec = schema.Field(spec.name, kind, spec.label, max_chars=spec.max_chars)
        kept: list[Any] = []
        places: list[tuple[int, str]] = []
        for index, item in enumerate(values):
            checked = schema.check_value(item_spec, item)
            place = (values.line_of(index), f"{spec.name}[{index + 1}]")
            if checked.problem is not None:
                problem = checked.problem
                if problem == M.EMPTY:
                    problem = schema.date_problem(item) if kind == schema.DATE else M.EXPECTED_TEXT.format(
                        got=schema.shown(item)
                    )
                self.error(*place, problem)
                continue
            kept.append(checked.value)
            places.append(place)
        items = Items(kept)
        items.places = tuple(places)
        items.written = len(values)
        return items

    def records(self, name: str, required: bool | None = None) -> Records:
        """Each item of a list of records, as `Fields` of the item's declared record."""
        spec = self.record.field(name)
        assert spec.record is not None, name
        required = spec.required if required is None else required
        values = self._raw(name, required)
        items: list[Fields] = []
        if isinstance(values, LList):
            for index, item in enumerate(values):
                where = f"{self.path(name)}[{index + 1}]"
                items.append(Fields(item, self.source_name, self.problems, spec.record, where, values.line_of(index)))
        elif values is not None:
            self.error(self.line_of(name), name, M.EXPECTED_LIST.format(got=schema.kind_of(values)))
        found = Records(items)
        found.ok = isinstance(values, LList) or (values is None and not required)
        found.empty = isinstance(values, LList) and not values
        return found

    def optional_record(self, name: str, read: Callable[[Fields], T | None]) -> tuple[bool, T | None]:
        """An optional record read by `read`: (True, None) when absent or empty, (False, None) when wrong (reported)."""
        assert self.record.field(name).kind == schema.RECORD and not self.record.field(name).required, name
        if not self.has(name):
            return True, None
        found = read(self.value(name))
        return found is not None, found

    def done(self) -> bool:
        known = list(self.record.names)
        misspelt: list[object] = []
        for key in self.mapping:
            if key in known:
                continue
            close = schema.closest(key, known)
            if close:
                hint = M.DID_YOU_MEAN.format(name=close)
            else:
                hint = M.KNOWN_FIELDS.format(names="、".join(f"'{k}'" for k in known))
            self.error(self.mapping.line_of(key), key, M.UNKNOWN_FIELD.format(hint=hint))
            if close and close in self.missing:
                misspelt.append(self.missing.pop(close))
        # A misspelt required field is one problem: "did you mean" says it all.
        if misspelt:
            self.problems.items[:] = [p for p in self.problems.items if not any(p is m for m in misspelt)]
        return self.ok


def record_files(folder: Path, root: Path, kind: str, problems: Problems) -> Iterator[tuple[Path, str]]:
    """(path, shown name) of each .yaml file directly in `folder`, one record per file.

    Hidden files are skipped; a sub-folder or a file with another ending is
    reported, not silently left out.
    """
    shown_folder = display_path(folder, root)
    if os.path.lexists(folder) and not folder.is_dir():  # a file, or a link to nothing or to itself
        problems.add(shown_folder, 0, "", M.DATA_NOT_FOLDER.format(kind=kind, folder=shown_folder))
        return
    if not folder.is_dir():
        return
    for path in sorted(folder.iterdir()):
        name = display_path(path, root)
        if path.name.startswith("."):
            continue
        if path.is_dir():
            problems.add(name, 0, "", M.IS_A_FOLDER.format(kind=kind, folder=shown_folder))
        elif path.suffix != ".yaml":
            problems.add(name, 0, "", M.WRONG_SUFFIX.format(kind=kind, folder=shown_folder))
        else:
            yield path, name


def parse_date(value: Any) -> dt.date | None:
    """A `YYYY-MM-DD` text as a date; None for anything else."""
    return schema.as_date(value) if isinstance(value, str) else None

