"""A region-scale data set for the benchmark, made from the shipped Ordos plan.

Why synthesise from the shipped plan rather than invent text: page weight,
search-index size and jieba segmentation time all depend on realistic Chinese
text lengths and vocabulary, and the shipped plan is the only real example.
Each synthetic plan re-labels it for one city (city name, 旗区, units with
city-unique names and slugs, since banner/unit pages are site-wide), drops or
duplicates tasks to vary its size, and gets close-out notices in every state
with windows inside 2024–2026 (the official working-day calendar ends 2026).

Everything is deterministic for a given (scale, seed).
"""

from __future__ import annotations

import datetime as dt
import random
import re
import shutil
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parents[1]
SHIPPED_PLAN = REPO / "data" / "plans" / "ordos-nmg-r2"
SHIPPED_CITY = "鄂尔多斯市"
SHIPPED_SHORT = "鄂尔多斯"

# Region size at --scale 1.0 (the brief: 12 cities, ~48 plans, ~2,000 tasks, ~6,000 notices).
REGION_PLANS = 48
TASKS_PER_PLAN = (34, 50)  # uniform, mean 42 → ≈2,000 tasks for 48 plans
FIRST_DAY = dt.date(2024, 1, 2)  # first working day the synthetic notices may use
LAST_START = dt.date(2026, 12, 4)  # so that a 15-working-day window still ends in 2026
MIN_GAP_DAYS = 28  # between two notices of one task: windows never overlap


@dataclass(frozen=True)
class City:
    slug: str
    name: str  # 包头市 / 兴安盟
    banners: tuple[str, ...]

    @property
    def short(self) -> str:
        return self.name[:-1]

    @property
    def level(self) -> str:
        """'市' or '盟': the prefix unit names take (市水利局 → 兴安盟水利局)."""
        return self.name[-1]


# The 12 league-level divisions of Inner Mongolia and their 旗县区 (names are unique across the region,
# as banner pages are site-wide). Slugs are `<city>-<nn>` to keep them unique without a pinyin table.
CITIES: tuple[City, ...] = (
    City("huhehaote", "呼和浩特市", ("新城区", "回民区", "玉泉区", "赛罕区", "土默特左旗", "托克托县", "和林格尔县", "清水河县", "武川县")),
    City("baotou", "包头市", ("东河区", "昆都仑区", "青山区", "石拐区", "白云鄂博矿区", "九原区", "土默特右旗", "固阳县", "达尔罕茂明安联合旗")),
    City("wuhai", "乌海市", ("海勃湾区", "海南区", "乌达区")),
    City("chifeng", "赤峰市", ("红山区", "元宝山区", "松山区", "阿鲁科尔沁旗", "巴林左旗", "巴林右旗", "林西县", "克什克腾旗", "翁牛特旗", "喀喇沁旗", "宁城县", "敖汉旗")),
    City("tongliao", "通辽市", ("科尔沁区", "霍林郭勒市", "科尔沁左翼中旗", "科尔沁左翼后旗", "开鲁县", "库伦旗", "奈曼旗", "扎鲁特旗")),
    City("eerduosi", "鄂尔多斯市", ("东胜区", "康巴什区", "达拉特旗", "准格尔旗", "鄂托克前旗", "鄂托克旗", "杭锦旗", "乌审旗", "伊金霍洛旗")),
    City("hulunbeier", "呼伦贝尔市", ("海拉尔区", "扎赉诺尔区", "满洲里市", "牙克石市", "扎兰屯市", "额尔古纳市", "根河市", "阿荣旗", "莫力达瓦达斡尔族自治旗", "鄂伦春自治旗", "鄂温克族自治旗", "陈巴尔虎旗", "新巴尔虎左旗", "新巴尔虎右旗")),
    City("bayannaoer", "巴彦淖尔市", ("临河区", "五原县", "磴口县", "乌拉特前旗", "乌拉特中旗", "乌拉特后旗", "杭锦后旗")),
    City("wulanchabu", "乌兰察布市", ("集宁区", "丰镇市", "卓资县", "化德县", "商都县", "兴和县", "凉城县", "察哈尔右翼前旗", "察哈尔右翼中旗", "察哈尔右翼后旗", "四子王旗")),
    City("xingan", "兴安盟", ("乌兰浩特市", "阿尔山市", "科尔沁右翼前旗", "科尔沁右翼中旗", "扎赉特旗", "突泉县")),
    City("xilinguole", "锡林郭勒盟", ("锡林浩特市", "二连浩特市", "多伦县", "阿巴嘎旗", "苏尼特左旗", "苏尼特右旗", "东乌珠穆沁旗", "西乌珠穆沁旗", "太仆寺旗", "镶黄旗", "正镶白旗", "正蓝旗")),
    City("alashan", "阿拉善盟", ("阿拉善左旗", "阿拉善右旗", "额济纳旗")),
)


@dataclass(frozen=True)
class Round:
    slug: str
    name: str
    body: str  # {n} is replaced by a group number
    start: dt.date
    days: int
    report_after: int  # days from the end of the inspection to the report


ROUNDS: tuple[Round, ...] = (
    Round("nmg2", "第二轮自治区生态环境保护督察", "自治区第{n}生态环境保护督察组", dt.date(2024, 7, 22), 25, 110),
    Round("zy3", "第三轮中央生态环境保护督察", "中央第{n}生态环境保护督察组", dt.date(2023, 11, 20), 30, 120),
    Round("nmg1hk", "第一轮自治区生态环境保护督察“回头看”", "自治区第{n}生态环境保护督察组", dt.date(2023, 5, 8), 25, 100),
    Round("zy2", "第二轮中央生态环境保护督察", "中央第{n}生态环境保护督察组", dt.date(2022, 3, 25), 30, 70),
)
COLLECTIVES = ("市直各有关部门", "相关旗区党委和政府", "相关旗区党委、政府")  # plan_text.COLLECTIVES
GROUP_NUMBERS = "一二三四五六七八"
ORDINALS = "一二三四五六七八九十"

# status.py / notices.py vocabulary, so every published state appears.
PAST_OUTCOMES = (  # (kind, weight) for notices whose window ended before as_of
    ("closed", 55),
    ("dismissed-closed", 12),
    ("upheld", 8),
    ("awaiting", 9),
    ("dismissed-awaiting", 6),
    ("pending-late", 4),
)
RUNNING_OUTCOMES = (("open", 55), ("pending", 30), ("dismissed-open", 15))


@dataclass
class Summary:
    """What was written, for the benchmark's header line."""

    plans: int = 0
    tasks: int = 0
    notices: int = 0
    cities: int = 0
    by_kind: dict[str, int] = field(default_factory=dict)
    progress_files: int = 0


# ---------------------------------------------------------------------------
# YAML output
# ---------------------------------------------------------------------------


class _Dumper(yaml.SafeDumper):
    """Block style for multi-line text (as officers write `completion: |`); no anchors/aliases (refused)."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def _str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str)


def dump(value: Any, path: Path, header: str = "") -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    text = yaml.dump(value, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=10_000)
    path.write_text(header + text, encoding="utf-8")


# ---------------------------------------------------------------------------
# Plans
# ---------------------------------------------------------------------------


def _plain(value: Any) -> Any:
    """yamlsrc's LMap/LList as plain dicts and lists, for the dumper."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def _load_shipped() -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """Read with the generator's own YAML rules (PyYAML alone reads the key `no:` as False)."""
    from generator import yamlsrc
    from generator.errors import Problems

    problems = Problems()
    plan = _plain(yamlsrc.load(SHIPPED_PLAN / "plan.yaml", "plan.yaml", problems))
    tasks = _plain(yamlsrc.load(SHIPPED_PLAN / "tasks.yaml", "tasks.yaml", problems))["tasks"]
    if problems.errors:
        raise SystemExit(f"the shipped plan does not load: {problems.errors[0]}")
    plan["inspection"]["report_date"] = dt.date.fromisoformat(plan["inspection"]["report_date"])
    return plan, tasks


class Relabel:
    """Rewrites the shipped plan's words for one city: place names, 旗区 and unit names."""

    def __init__(self, city: City, shipped_banners: Sequence[str], shipped_units: Sequence[dict[str, str]]) -> None:
        self.city = city
        self.banner = {old: city.banners[i % len(city.banners)] for i, old in enumerate(shipped_banners)}
        self.unit = {u["name"]: self._unit_name(u["name"]) for u in shipped_units}
        self.unit_slug = {self.unit[u["name"]]: f"{city.slug}-{u['slug']}" for u in shipped_units}
        names = sorted(self.banner, key=len, reverse=True)
        self._banner_re = re.compile("|".join(map(re.escape, names)))

    def _unit_name(self, name: str) -> str:
        if name.startswith(SHIPPED_CITY):
            return self.city.name + name[len(SHIPPED_CITY):]
        if name.startswith("市"):
            return self.city.short + self.city.level + name[1:]
        return self.city.short + name

    def text(self, value: str) -> str:
        """Free text: 旗区 first (longest names first), then the city."""
        value = self._banner_re.sub(lambda m: self.banner[m.group(0)], value)
        value = value.replace(SHIPPED_CITY, self.city.name).replace(SHIPPED_SHORT, self.city.short)
        if self.city.level == "盟":
            value = value.replace("市委、市政府", "盟委、行政公署")
        return value

    def units_text(self, value: str) -> str:
        """责任单位/验收单位, part by part, so plan_text.parse_units still reads it."""
        parts = []
        for part in value.split("，"):
            if part in COLLECTIVES:
                parts.append(part)
                continue
            banners = re.fullmatch(r"(?P<names>[^，（）]+?)(?P<tail>党委(?:、|和)政府)(?:（除(?P<ex>[^（）]+)）)?", part)
            if banners:
                names = banners["names"]
                if names != "各旗区":
                    names = "、".join(_unique(self.banner[n] for n in names.split("、")))
                tail = banners["tail"]
                if banners["ex"]:
                    excluded = _unique(self.banner[n] for n in banners["ex"].split("、"))
                    if len(excluded) < len(self.city.banners):
                        tail += f"（除{'、'.join(excluded)}）"
                parts.append(names + tail)
                continue
            suffix = next((s for s in ("共同牵头", "牵头") if part.endswith(s)), "")
            names = part[: len(part) - len(suffix)].split("、")
            parts.append("、".join(self.unit.get(n, n) for n in names) + suffix)
        return "，".join(parts)


def _unique(items: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(items))


def _perturb_numbers(text: str, rng: random.Random) -> str:
    """Change quantities (not years) so duplicated tasks are not word-for-word copies."""

    def change(m: re.Match[str]) -> str:
        digits = m.group(0)
        if len(digits) == 4 and digits.startswith("20"):
            return digits
        return str(max(1, int(int(digits) * rng.uniform(0.5, 1.8))))

    return re.sub(r"\d+", change, text)


def _choose_tasks(shipped: list[dict[str, Any]], count: int, rng: random.Random) -> list[dict[str, Any]]:
    """`count` tasks in problem order: shipped ones dropped (keeping one per problem) or duplicated."""
    chosen = [dict(t, _copy=False) for t in shipped]
    while len(chosen) > count:
        per_problem: dict[int, int] = {}
        for t in chosen:
            per_problem[t["problem_no"]] = per_problem.get(t["problem_no"], 0) + 1
        removable = [i for i, t in enumerate(chosen) if per_problem[t["problem_no"]] > 1]
        if not removable:
            break
        chosen.pop(rng.choice(removable))
    while len(chosen) < count:
        chosen.append(dict(rng.choice(shipped), _copy=True))
    chosen.sort(key=lambda t: t["problem_no"])  # stable: originals keep their order
    return chosen


def write_plan(
    data_dir: Path,
    city: City,
    rnd: Round,
    plan_no: int,
    shipped_plan: dict[str, Any],
    shipped_tasks: list[dict[str, Any]],
    rng: random.Random,
) -> tuple[str, list[dict[str, Any]], dict[str, Any]]:
    """Write data/plans/<city>-<round>/; returns (plan id, task rows, plan fields)."""
    relabel = Relabel(city, [b["name"] for b in shipped_plan["banners"]], shipped_plan["units"])
    plan_id = f"{city.slug}-{rnd.slug}"
    start = rnd.start + dt.timedelta(days=rng.randint(0, 20))
    end = start + dt.timedelta(days=rnd.days)
    report = end + dt.timedelta(days=rnd.report_after + rng.randint(0, 20))
    body = rnd.body.format(n=GROUP_NUMBERS[plan_no % len(GROUP_NUMBERS)])

    rows = []
    for no, src in enumerate(_choose_tasks(shipped_tasks, rng.randint(*TASKS_PER_PLAN), rng), start=1):
        measures = [relabel.text(m) for m in src["measures"]]
        problem = relabel.text(src["problem"])
        if src["_copy"]:
            rng.shuffle(measures)
            if len(measures) > 2 and rng.random() < 0.5:
                measures.pop()
            problem = _perturb_numbers(problem, rng)
            measures = [_perturb_numbers(m, rng) for m in measures]
        rows.append({
            "no": no,
            "problem_no": src["problem_no"],
            "problem": problem,
            "goal": relabel.text(src["goal"]),
            "measures": measures,
            "responsible_units": relabel.units_text(src["responsible_units"]),
            "acceptance_units": relabel.units_text(src["acceptance_units"]),
            "deadline": src["deadline"],
        })

    used: set[str] = set()
    for row in rows:
        for key in ("responsible_units", "acceptance_units"):
            used.update(n for part in row[key].split("，") for n in part.removesuffix("共同牵头").removesuffix("牵头").split("、"))
    units = [{"name": name, "slug": relabel.unit_slug[name]} for name in relabel.unit.values() if name in used]
    banners = [{"name": name, "slug": f"{city.slug}-{i:02d}"} for i, name in enumerate(city.banners, start=1)]

    plan = {
        "title": f"{city.name}贯彻落实{rnd.name}报告整改方案",
        "area": city.name,
        "inspection": {
            "body": body,
            "round": rnd.name,
            "start": start,
            "end": end,
            "report_date": report,
            "report_title": f"{city.name}{rnd.name}报告",
        },
        "preamble": relabel.text(shipped_plan["preamble"]),
        "requirements": {
            "title": shipped_plan["requirements"]["title"],
            "paragraphs": [relabel.text(p) for p in shipped_plan["requirements"]["paragraphs"]],
        },
        "tasks_intro": relabel.text(shipped_plan["tasks_intro"]),
        "chapters": shipped_plan["chapters"],
        "safeguards": [
            {"title": s["title"], "paragraphs": [relabel.text(p) for p in s["paragraphs"]]} for s in shipped_plan["safeguards"]
        ],
        "appendix": {k: relabel.text(v) for k, v in shipped_plan["appendix"].items()},
        "procedure": [
            {"title": s["title"], "paragraphs": [relabel.text(p) for p in s["paragraphs"]]} for s in shipped_plan["procedure"]
        ],
        "banners": banners,
        "units": units,
    }
    folder = data_dir / "plans" / plan_id
    dump(plan, folder / "plan.yaml", "# 基准测试合成数据（benchmarks/synth.py）：由随附的鄂尔多斯方案改写。\n")
    dump({"tasks": rows}, folder / "tasks.yaml")
    return plan_id, rows, plan


# ---------------------------------------------------------------------------
# Notices
# ---------------------------------------------------------------------------


def _task_banners(row: dict[str, Any], city: City) -> list[str]:
    """The 旗区 a task names, as plan_text.parse_units reads them (used for scoped notices)."""
    found: list[str] = []
    for part in row["responsible_units"].split("，"):
        if part in COLLECTIVES:
            continue
        m = re.fullmatch(r"(?P<names>[^，（）]+?)党委(?:、|和)政府(?:（除(?P<ex>[^（）]+)）)?", part)
        if not m:
            continue
        names = list(city.banners) if m["names"] == "各旗区" else m["names"].split("、")
        excluded = set(m["ex"].split("、")) if m["ex"] else set()
        found += [n for n in names if n not in excluded and n not in found]
    return [b for b in city.banners if b in found]


def _weighted(rng: random.Random, options: Sequence[tuple[str, int]]) -> str:
    return rng.choices([o for o, _ in options], weights=[w for _, w in options])[0]


def _starts(rng: random.Random, first: dt.date, last: dt.date, count: int) -> list[dt.date]:
    """`count` sorted start dates in [first, last], at least MIN_GAP_DAYS apart."""
    span = (last - first).days - (count - 1) * MIN_GAP_DAYS
    if span < 0:
        return []
    offsets = sorted(rng.randint(0, span) for _ in range(count))
    return [first + dt.timedelta(days=o + i * MIN_GAP_DAYS) for i, o in enumerate(offsets)]


def _cn(day: dt.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


class NoticeWriter:
    """Writes one task's notices: per-旗区 groups or the whole task, in sequence, every state."""

    def __init__(self, data_dir: Path, as_of: dt.date, calendar: Any, rng: random.Random, summary: Summary) -> None:
        self.folder = data_dir / "notices"
        self.folder.mkdir(parents=True, exist_ok=True)
        self.as_of = as_of
        self.calendar = calendar
        self.rng = rng
        self.summary = summary
        self.serial = 0

    def task(self, plan_id: str, plan: dict[str, Any], row: dict[str, Any], city: City) -> None:
        rng = self.rng
        banners = _task_banners(row, city)
        slug_of = {b["name"]: b["slug"] for b in plan["banners"]}
        # Scopes: one per group of 旗区 (分旗区验收), or the whole task; sometimes a first try was upheld.
        if len(banners) >= 2 and rng.random() < 0.6:
            rng.shuffle(banners)
            groups = rng.randint(2, min(len(banners), 8))
            cuts = sorted(rng.sample(range(1, len(banners)), groups - 1))
            scopes = [tuple(banners[a:b]) for a, b in zip([0] + cuts, cuts + [len(banners)])]
        else:
            scopes = [()] * rng.choices((0, 1, 2, 3), weights=(6, 34, 36, 24))[0]
        retries = [s for s in scopes if rng.random() < 0.12]
        scopes = retries + scopes  # a retried scope: first notice upheld, then again
        first = max(FIRST_DAY, plan["inspection"]["report_date"] + dt.timedelta(days=60))
        starts = _starts(rng, first, LAST_START, len(scopes))
        forced_upheld = set(range(len(retries)))
        closed_on: dt.date | None = None  # the whole task's close-out: a later notice may not reopen it (附件 二（一）)
        # Each part's objection awaiting verification, until when: no notice starts for it before (附件 一).
        held: dict[str, dt.date] = {}
        for index, (start, scope) in enumerate(zip(starts, scopes)):
            order = [b for b in city.banners if b in scope]
            day = self.calendar.next_workday(start)
            if closed_on is not None and closed_on <= day:
                break
            parts = tuple(order) or tuple(banners) or ("",)
            if any(held.get(p, dt.date.min) >= day for p in parts):
                continue
            closed, until = self._write(plan_id, plan, row, city, day, tuple(order), slug_of, index in forced_upheld)
            if until is not None:
                for p in parts:
                    held[p] = max(held.get(p, dt.date.min), until)
            if closed is not None and not scope:
                closed_on = closed

    def _write(
        self,
        plan_id: str,
        plan: dict[str, Any],
        row: dict[str, Any],
        city: City,
        start: dt.date,
        scope: tuple[str, ...],
        slug_of: dict[str, str],
        upheld: bool,
    ) -> tuple[dt.date | None, dt.date | None]:
        """Writes the notice; its close-out date, if it was closed out, and until when an objection of it
        awaits verification (its latest decision, or date.max while one is pending), if it has any."""
        rng, as_of = self.rng, self.as_of
        self.serial += 1
        serial = self.serial
        workdays = rng.choices((10, 10, 10, 12, 15))[0]
        window = self.calendar.window(start, workdays)
        if start > as_of:
            kind = "queued"
        elif window.end >= as_of:
            kind = _weighted(rng, RUNNING_OUTCOMES)
        else:
            kind = "upheld" if upheld else _weighted(rng, PAST_OUTCOMES)
        objections: list[dict[str, Any]] = []
        closed_out: dt.date | None = None
        seen = [d for d in window.workdays if d <= as_of]

        def objection(outcome: str, resolve_by: dt.date | None) -> dt.date | None:
            received = rng.choice(seen[: max(1, len(seen) - 1)]) if len(seen) > 1 else seen[0]
            item: dict[str, Any] = {
                "received": received,
                "summary": f"群众反映{rng.choice(scope or city.banners)}××{rng.choice(('镇', '苏木', '街道'))}"
                f"{rng.choice(('仍有', '存在', '发现'))}{row['problem'][:rng.randint(20, 45)]}……",
                "outcome": outcome,
            }
            resolved = None
            if outcome != "pending":
                resolved = received + dt.timedelta(days=rng.randint(3, 15))
                if resolve_by is not None and resolved > resolve_by:
                    resolved = max(received, resolve_by)
                item["resolved"] = resolved
            objections.append(item)
            return resolved

        if kind in ("pending", "pending-late"):
            objection("pending", None)
        elif kind == "upheld":
            objection("upheld", as_of)
        elif kind in ("dismissed-open", "dismissed-closed", "dismissed-awaiting"):
            objection("dismissed", as_of)
        if kind in ("closed", "dismissed-closed"):
            earliest = max([window.end + dt.timedelta(days=1)] + [o["resolved"] for o in objections])
            latest = min(as_of, earliest + dt.timedelta(days=30))
            if earliest <= latest:
                closed_out = earliest + dt.timedelta(days=rng.randint(0, (latest - earliest).days))
            else:
                kind = "awaiting"
        self.summary.by_kind[kind] = self.summary.by_kind.get(kind, 0) + 1

        scope_text = f"（{'、'.join(scope)}）" if scope else ""
        where = "、".join(scope) if scope else city.name
        tag = f"{city.short}督整〔{start.year}〕{serial}号"
        measures = row["measures"][: rng.randint(2, 4)]
        completion = "\n\n".join(
            f"{ORDINALS[i]}是{where}{m[: rng.randint(30, 80)].rstrip('，。；')}，截至{_cn(start - dt.timedelta(days=rng.randint(10, 40)))}"
            f"已完成，累计投入资金{rng.randint(20, 9000)}万元（台账{tag}-{i + 1}）。"
            for i, m in enumerate(measures)
        )
        accept = self._lead_acceptance(row)
        notice: dict[str, Any] = {"plan": plan_id, "task": row["no"]}
        if scope:
            notice["scope"] = list(scope)
        notice["start"] = start
        if workdays != 10 or rng.random() < 0.3:
            notice["workdays"] = workdays
        notice["completion"] = completion + "\n"
        notice["acceptance"] = {
            "unit": accept,
            "date": start - dt.timedelta(days=rng.randint(2, 12)),
            "opinion": f"经{rng.choice(('资料审核和现场核查', '资料审核、现场核查和走访群众', '现场核查和论证评估'))}，"
            f"{plan['title'][:-4]}第{row['no']}项整改任务{scope_text}已完成整改，同意验收销号（{tag}）。",
        }
        # The committee's consent, required before a notice goes public (附件 一); no draw, so the rest stays as it was.
        notice["approved"] = notice["acceptance"]["date"] + dt.timedelta(days=1)
        if rng.random() < 0.2:
            notice["contact"] = {"phone": f"0{rng.randint(470, 483)}-{rng.randint(1000000, 9999999)}（示例）",
                                 "address": f"{city.name}生态环境保护委员会办公室（示例地址）"}
        channels = [{"name": f"{city.short}日报", "date": start}]
        if rng.random() < 0.4:
            channels.append({"name": f"{rng.choice(scope or city.banners)}融媒体中心微信公众号", "date": start})
        notice["channels"] = channels
        notice["objections"] = objections
        if closed_out is not None:
            notice["closed_out"] = closed_out
        parts = [start.isoformat(), plan_id, f"task{row['no']}"] + [slug_of[b] for b in scope]
        name = "-".join(parts)
        dump(notice, self.folder / f"{name}.yaml", f"# 基准测试合成数据：{kind}\n")
        self.summary.notices += 1
        if not objections:
            return closed_out, None
        if any(o["outcome"] == "pending" for o in objections):
            return closed_out, dt.date.max
        return closed_out, max(o["resolved"] for o in objections)

    @staticmethod
    def _lead_acceptance(row: dict[str, Any]) -> str:
        first = row["acceptance_units"].split("，")[0]
        return first.removesuffix("共同牵头").removesuffix("牵头").split("、")[0]


# ---------------------------------------------------------------------------
# Yearly progress reports (data/progress/<year>-<plan>.yaml)
# ---------------------------------------------------------------------------

PROGRESS_STATUSES = (("达到序时进度", 55), ("已完成", 30), ("进展滞后", 15))
LAST_REPORT_YEAR = 2026
YEARS_PER_PLAN = 5  # the brief: five years of reports


def _shipped_progress_texts() -> list[str]:
    """Every measure's progress text in the shipped example reports: real lengths and wording."""
    texts = []
    for path in sorted((REPO / "data" / "progress").glob("*.yaml")):
        for entry in yaml.safe_load(path.read_text(encoding="utf-8"))["tasks"]:
            texts += [m["progress"] for m in entry["measures"]]
    return texts


class ProgressWriter:
    """Up to five yearly reports per plan, from the year of its inspection report to 2026.

    Every task gets a status and a line per measure; some tasks report per 旗区,
    and some overdue ones record an approved extension. Rebounds are not
    written: they need a close-out before them, which the notices decide.
    """

    def __init__(self, data_dir: Path, as_of: dt.date, rng: random.Random, summary: Summary, several: bool) -> None:
        self.folder = data_dir / "progress"
        self.as_of, self.rng, self.summary, self.several = as_of, rng, summary, several
        self.texts = _shipped_progress_texts()

    def plan(self, plan_id: str, plan: dict[str, Any], rows: list[dict[str, Any]], city: City) -> None:
        from generator.plan_text import parse_deadline

        first = max(plan["inspection"]["report_date"].year, LAST_REPORT_YEAR - YEARS_PER_PLAN + 1)
        for year in range(first, LAST_REPORT_YEAR + 1):
            published = dt.date(year + 1, 1, 20) if year < LAST_REPORT_YEAR else dt.date(year, 11, 20)
            if published > self.as_of and year == LAST_REPORT_YEAR:
                published = self.as_of  # still public at the build's date, so its pages are built
            tasks = []
            for row in rows:
                entry: dict[str, Any] = {
                    "task": row["no"],
                    "status": _weighted(self.rng, PROGRESS_STATUSES),
                    "measures": [
                        {"no": no, "progress": self.rng.choice(self.texts)} for no in range(1, len(row["measures"]) + 1)
                    ],
                }
                banners = _task_banners(row, city)
                if len(banners) >= 2 and self.rng.random() < 0.3:
                    entry["banners"] = [
                        {"banner": b, "status": _weighted(self.rng, PROGRESS_STATUSES), "progress": self.rng.choice(self.texts)}
                        for b in self.rng.sample(banners, 2)
                    ]
                deadline = parse_deadline(row["deadline"])
                if (deadline.date and not deadline.milestone and deadline.date < published
                        and entry["status"] != "已完成" and self.rng.random() < 0.3):
                    entry["extension"] = {
                        "requested": max(deadline.date, published - dt.timedelta(days=30)),
                        "reason": "受用地、环评等前置手续办理影响，工程未能按期完工。",
                        "new_deadline": deadline.date + dt.timedelta(days=365),
                        "approved_by": "市委、市人民政府",
                    }
                tasks.append(entry)
            name = f"{year}-{plan_id}.yaml" if self.several else f"{year}.yaml"
            dump({"published": published, "tasks": tasks}, self.folder / name,
                 f"# 基准测试合成数据（benchmarks/synth.py）：{plan['title']}{year}年度整改进展。\n")
            self.summary.progress_files += 1


# ---------------------------------------------------------------------------
# The project
# ---------------------------------------------------------------------------


def copy_skeleton(target: Path, with_data: bool) -> Path:
    """mkdocs.yml, overrides/, hand-written content/ (tests/conftest.py's copy_project), data/site.yaml."""
    sys.path.insert(0, str(REPO / "tests"))
    try:
        from conftest import copy_project  # type: ignore[import-not-found]
    finally:
        sys.path.pop(0)
    copy_project(target, data=with_data)
    if not with_data:
        (target / "data").mkdir(parents=True, exist_ok=True)
        shutil.copy(REPO / "data" / "site.yaml", target / "data" / "site.yaml")
        if (REPO / "data" / "calendar").is_dir():
            shutil.copytree(REPO / "data" / "calendar", target / "data" / "calendar", dirs_exist_ok=True)
    return target


def synthesise(target: Path, scale: float, as_of: dt.date, seed: int = 20261128) -> Summary:
    """A project folder at `target` holding a region of `scale` × (48 plans, ≈2,000 tasks, ≈6,000 notices)."""
    from generator.workcalendar import WorkCalendar

    copy_skeleton(target, with_data=False)
    data_dir = target / "data"
    rng = random.Random(seed)
    shipped_plan, shipped_tasks = _load_shipped()
    calendar = WorkCalendar()
    summary = Summary()
    writer = NoticeWriter(data_dir, as_of, calendar, rng, summary)
    plan_count = max(1, round(REGION_PLANS * scale))
    reports = ProgressWriter(data_dir, as_of, rng, summary, several=plan_count > 1)
    cities_used = set()
    for k in range(plan_count):
        city = CITIES[k % len(CITIES)]
        round_index = k // len(CITIES)
        rnd = ROUNDS[round_index % len(ROUNDS)]
        if round_index >= len(ROUNDS):  # beyond region size (scale > 1): more rounds, distinct ids
            rnd = Round(f"{rnd.slug}x{round_index // len(ROUNDS)}", rnd.name, rnd.body, rnd.start, rnd.days, rnd.report_after)
        plan_id, rows, plan = write_plan(data_dir, city, rnd, k, shipped_plan, shipped_tasks, rng)
        cities_used.add(city.slug)
        summary.plans += 1
        summary.tasks += len(rows)
        for row in rows:
            writer.task(plan_id, plan, row, city)
        reports.plan(plan_id, plan, rows, city)
    summary.cities = len(cities_used)
    return summary


if __name__ == "__main__":  # a quick look: python benchmarks/synth.py /tmp/region 0.1
    out = Path(sys.argv[1])
    result = synthesise(out, float(sys.argv[2]) if len(sys.argv) > 2 else 0.1, dt.date(2026, 11, 28))
    print(result)
