"""A contact for objections (phone, email, address): read the same way in site.yaml and in a notice.

Its own module so that load.py and notices.py both use it without importing each other.
"""

from __future__ import annotations

from . import messages as M
from . import yamlsrc
from .model import Contact


def read_contact(fields: yamlsrc.Fields | None) -> Contact | None:
    """`phone`, `email`, `address`: at least one, so a citizen can always object."""
    if fields is None:
        return None
    contact = Contact(phone=fields.value("phone"), email=fields.value("email"), address=fields.value("address"))
    if not fields.done():
        return None
    if not (contact.phone or contact.email or contact.address):
        fields.error(fields.line, "", M.CONTACT_NEEDS_ONE)
        return None
    return contact
