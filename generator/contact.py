"""A contact for objections (phone, hours, email, address, hotlines): read the same way in site.yaml and in a notice.

Its own module so that load.py and notices.py both use it without importing each other.
The one home of what makes a contact usable: a number a phone can dial, an
address a mail program can write to, and which contact a notice shows.
"""

from __future__ import annotations

import re
from urllib.parse import quote

from . import messages as M
from . import yamlsrc
from .model import Contact, Hotline

# A number inside a phone text (0477-8581234（工作日）): what a tap-to-call link dials.
PHONE_NUMBER = re.compile(r"\+?\d[\d\- ]{5,}\d")
# A hotline's number as written alone: 12345, 0477-12369.
HOTLINE_NUMBER = re.compile(r"\d[\d-]{1,18}\d")
EMAIL = re.compile(r"[^@\s<>\"']+@[^@\s<>\"']+\.[^@\s<>\"'.]+")


def read_contact(fields: yamlsrc.Fields) -> Contact | None:
    """`phone`, `email`, `address`: at least one, so a citizen can always object; `hours` and `hotlines` optional."""
    phone, email, address = fields.value("phone"), fields.value("email"), fields.value("address")
    hours = fields.value("hours")
    hotlines = _hotlines(fields)
    read = fields.done()  # every field of the right kind: otherwise a missing value is no news
    ok = read and hotlines is not None
    if phone and not PHONE_NUMBER.search(phone):
        fields.error(fields.line_of("phone"), "phone", M.CONTACT_PHONE_FORM.format(phone=phone))
        ok = False
    if email and not EMAIL.fullmatch(email):
        fields.error(fields.line_of("email"), "email", M.CONTACT_EMAIL_FORM.format(email=email))
        ok = False
    if read and not (phone or email or address):
        fields.error(fields.line, "", M.CONTACT_NEEDS_ONE)
        return None
    if not ok or hotlines is None:
        return None
    return Contact(phone=phone, email=email, address=address, hours=hours, hotlines=hotlines)


def _hotlines(fields: yamlsrc.Fields) -> tuple[Hotline, ...] | None:
    """Each hotline with a dialable number, no number twice; None if any is wrong (already reported)."""
    found: list[Hotline] = []
    seen: dict[str, int] = {}
    ok = True
    for item in fields.records("hotlines", required=False):
        name, number, hours = item.value("name"), item.value("number"), item.value("hours")
        if not item.done() or not name or not number:
            ok = False
            continue
        if not HOTLINE_NUMBER.fullmatch(number):
            item.error(item.line_of("number"), "number", M.HOTLINE_NUMBER_FORM.format(number=number))
            ok = False
        elif number in seen:
            item.error(item.line_of("number"), "number", M.HOTLINE_TWICE.format(number=number, line=seen[number]))
            ok = False
        else:
            seen[number] = item.line
            found.append(Hotline(name=name, number=number, hours=hours))
    return tuple(found) if ok else None


def shown_contact(own: Contact | None, site: Contact) -> Contact:
    """The contact a notice shows: its own, if it has one, else the site's.

    The hotlines are the city's, not one office's: a notice's own contact
    that lists none keeps the site's, so the page can always say where to
    report once the window has ended.
    """
    if own is None:
        return site
    if own.hotlines:
        return own
    return Contact(own.phone, own.email, own.address, own.hours, site.hotlines)


def contact_lines(contact: Contact) -> list[str]:
    """The contact as plain lines (联系电话：…), for a calendar event's description."""
    lines = [M.CONTACT_TEXT_PHONE.format(phone=contact.phone)] if contact.phone else []
    lines += [M.CONTACT_TEXT_HOURS.format(hours=contact.hours)] if contact.hours else []
    lines += [M.CONTACT_TEXT_EMAIL.format(email=contact.email)] if contact.email else []
    lines += [M.CONTACT_TEXT_ADDRESS.format(address=contact.address)] if contact.address else []
    for h in contact.hotlines:
        line = M.CONTACT_TEXT_HOTLINE.format(name=h.name, number=h.number)
        lines.append(line + (f"（{h.hours}）" if h.hours else ""))
    return lines


def dial(number: str) -> str:
    """tel: digits (and a leading +) of a number as written."""
    return re.sub(r"[^\d+]", "", number)


def mailto(email: str, subject: str, body: str) -> str:
    """mailto: with subject and body percent-encoded as RFC 6068 asks (UTF-8; spaces as %20, not +; CRLF line ends)."""
    body = body.replace("\r\n", "\n").replace("\n", "\r\n")
    return f"mailto:{email}?subject={quote(subject, safe='')}&body={quote(body, safe='')}"
