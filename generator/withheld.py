"""What no file of the site may show before its day: a queued notice's own words, an unpublished report.

The build hands this to the site checks (`site_checks.check_site`), which
fail the build when a withheld text appears in any file. Which of a notice's
fields are secret until it starts is declared in `schema.py` (`withheld`);
the rest is here: what is public already (and so never a secret), and a
line that is only a date.
"""

from __future__ import annotations

from . import feed_events, urls
from . import messages as M
from .generate import Generated
from .model import Notice
from .plan_text import ONLY_A_DATE
from .schema import NOTICE, model_values

# The notice's fields kept secret until it starts, as declared in the schema.
WITHHELD_FIELDS = NOTICE.paths(lambda spec: spec.withheld)


def notice_secrets(notice: Notice) -> list[str]:
    """The texts of `notice`'s withheld fields, in the schema's order."""
    return [text for path in WITHHELD_FIELDS for text in model_values(notice, NOTICE, path)]


def public_texts(generated: Generated) -> str:
    """Every officer- or plan-written text the site may show as of its date, normalised as the checks read text.

    A queued notice often quotes what is already public (a measure of the
    plan, last year's progress): those lines are not its secret, and
    withholding them would stop every build until the notice starts.
    """
    from .site_checks import normalised_text

    site = generated.dataset.site
    contacts = [site.contact] + [n.notice.contact for n in generated.snapshot.notices if n.notice.contact]
    # Shown on every page (the footer, the examples note) or with every notice: a queued notice
    # signed by the publishing office (落款) quotes them without giving anything away.
    texts: list[str] = [site.title, site.publisher, site.examples_note]
    texts += [part or "" for c in contacts for part in (c.phone, c.email, c.address, c.hours)]
    texts += [part or "" for c in contacts for h in c.hotlines for part in (h.name, h.number, h.hours)]
    for plan in generated.dataset.plans:
        texts += [b.name for b in plan.banners] + [u.name for u in plan.units]
        texts += [plan.title, plan.preamble, plan.tasks_intro, *plan.requirements.paragraphs]
        for section in (*plan.safeguards, *plan.procedure):
            texts += [section.title, *section.paragraphs]
        for chapter in plan.chapters:
            texts += [chapter.title] + [t for g in chapter.problems for t in (g.title, g.note)]
        for task in plan.tasks:
            texts += [task.problem, task.goal, *task.measures, task.responsible.text, task.acceptance.text]
    for n in generated.snapshot.notices:
        if n.withdrawal is not None:
            continue  # its page no longer carries its text
        texts += [*notice_secrets(n.notice), *(o.summary for o in n.notice.objections)]
    for report in generated.snapshot.reports:
        for entry in report.tasks:
            texts += [m.progress for m in entry.measures]
            texts += [text for b in entry.banners for text in (b.progress or "", *(m.progress for m in b.measures))]
            texts += [entry.extension.reason] if entry.extension else []
            texts += [entry.rebound.finding, entry.rebound.notice] if entry.rebound else []
    return "\0".join(normalised_text(line) for text in texts for line in text.splitlines())


def withheld_texts(generated: Generated) -> dict[str, list[str]]:
    """Label → texts no file of the site may contain: queued notices (less what is public already), unpublished reports."""
    from .site_checks import normalised_text

    public = public_texts(generated)

    def unpublished(texts: list[str]) -> list[str]:
        lines = (line for text in texts for line in text.splitlines())
        return [
            line for line in lines
            if (said := normalised_text(line)) and said not in public and not ONLY_A_DATE.fullmatch(said)
        ]

    published = {n.id for n in generated.snapshot.notices}
    withheld = {
        M.WITHHELD_NOTICE.format(source=f"data/notices/{n.id}.yaml"): [urls.notice(n.id), *unpublished(notice_secrets(n))]
        for n in generated.dataset.notices
        if n.id not in published
    }
    # A yearly report is public from its publish date on, like a notice.
    public_reports = set(generated.snapshot.reports)
    for r in generated.dataset.progress:
        if r not in public_reports:
            # By its address and GUID, not its title: 「2027年度整改进展尚未公开」 is what the site says of a due year.
            withheld[M.WITHHELD_REPORT.format(source=r.source)] = [
                urls.progress_year(r), feed_events.guid_report(r.plan_id, r.year),
            ]
    return withheld
