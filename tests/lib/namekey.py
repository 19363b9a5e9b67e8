"""namekey.py -- open a timeline database from a Python test.

The indexes of names are built on the SQL function dlt_name_key() (src/core/utf8.c), which
a connection must have to write a table those indexes cover. This is the same key for the
text the tests write: letters and digits only, lower case, accents removed (Greek letters,
which dltimeline spells out, stay as they are: the tests do not look them up by name).
"""
import sqlite3
import unicodedata


def name_key(text):
    if text is None:
        return None
    out = []
    for ch in unicodedata.normalize("NFKD", text):
        if unicodedata.combining(ch):
            continue
        if ch.isalnum():
            out.append(ch.lower())
    return "".join(out)


def connect(path, **kw):
    c = sqlite3.connect(path, **kw)
    c.create_function("dlt_name_key", 1, name_key, deterministic=True)
    return c
