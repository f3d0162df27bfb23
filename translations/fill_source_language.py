"""Fill the English catalog from the source strings (they are English).

Run by ``make translations`` after ``pybabel update``: English entries that are
still empty get their msgid; Danish ones are left for a translator, and the test
suite fails while any is missing.
"""

import sys
from pathlib import Path

from babel.messages.pofile import read_po, write_po

path = Path(sys.argv[1] if len(sys.argv) > 1 else "translations/en/LC_MESSAGES/messages.po")
with path.open("rb") as handle:
    catalog = read_po(handle, locale="en")
for message in catalog:
    if not message.id:
        continue
    if isinstance(message.id, tuple | list):
        if not all(message.string):
            message.string = (message.id[0], message.id[1])
    elif not message.string:
        message.string = message.id
    message.flags.discard("fuzzy")
with path.open("wb") as handle:
    write_po(handle, catalog, width=100, sort_output=True, omit_header=False)
