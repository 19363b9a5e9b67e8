#!/usr/bin/env python3
"""make_hostile_db.py -- a copy of a timeline database whose every text holds terminal attacks.

    make_hostile_db.py GOOD.db HOSTILE.db

Titles, short names, summaries and every other text field, author and figure lists, era,
paradigm and tag names, aliases, link notes, URLs and the timeline's title get escape
sequences (CSI colour, OSC 52 clipboard write, OSC 0 window title, OSC 8 hyperlink), BEL,
backspace, DEL, CR, the C1 controls CSI/OSC/ST (U+009B, U+009D, U+009C) and bidirectional
overrides and isolates (U+202E, U+202C, U+2066, U+2069, U+200F) -- before and after the
original text, which stays in the middle so that screens still show something. The search
index is left alone (it holds words, not text that is shown).
"""
import os
import shutil
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
import namekey  # noqa: E402 (after the path to it)

ATTACK = ("\x1b[31mRED\x1b[0m\x07\x1b]52;c;cHduZWQ=\x07\u009b31m\u009d0;title\u009c"
          "\u202eevil\u202c\u2066iso\u2069\u200f\x1b]8;;http://x\x1b\\link\x1b]8;;\x1b\\\x08\x7f\r")

TEXT_COLUMNS = ["title", "short", "summary", "problem", "insight", "impact", "formula", "architecture",
                "anecdote", "organization", "venue", "paper_title", "scale_source"]


def main():
    shutil.copyfile(sys.argv[1], sys.argv[2])
    c = namekey.connect(sys.argv[2])
    for col in TEXT_COLUMNS:
        c.execute("UPDATE milestones SET %s = ?1 || coalesce(%s, '') || ?1" % (col, col), (ATTACK,))
    # a URL the browser would open: still http(s), with the attack inside
    c.execute("UPDATE milestones SET url = 'https://example.org/' || ?1", (ATTACK,))
    c.execute("UPDATE milestones SET authors = json_array(?1, 'Ann ' || ?1), figures = json_array(?1)",
              (ATTACK,))
    c.execute("UPDATE eras SET name = ?1 || name || ?1, summary = ?1", (ATTACK,))
    c.execute("UPDATE paradigms SET name = ?1 || name || ?1, summary = ?1", (ATTACK,))
    c.execute("UPDATE tags SET name = ?1 || name || ?1", (ATTACK,))
    c.execute("UPDATE aliases SET alias = alias || ?1", (ATTACK,))
    c.execute("UPDATE links SET note = ?1 || note || ?1", (ATTACK,))
    c.execute("UPDATE meta SET value = ?1 || value || ?1 WHERE key = 'title'", (ATTACK,))
    c.commit()
    c.close()


if __name__ == "__main__":
    main()
