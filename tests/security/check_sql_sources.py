#!/usr/bin/env python3
"""check_sql_sources.py -- no SQL is ever built from variables.

    check_sql_sources.py SRC_DIR        scan every .c and .h file under SRC_DIR
    check_sql_sources.py --self-test    show that the rule catches what it should

The rule. Every call of sqlite3_prepare*, sqlite3_exec (and any other SQLite function that
compiles SQL text) takes its SQL text as one of:

  1. a string literal, or literals concatenated with macros that are themselves literals
     ("SELECT " DLT_ROW_COLS " FROM ...");
  2. a macro that is such a concatenation, or a function-like macro whose body concatenates
     literals and its parameters, called with arguments that follow 1 or 2
     (DLT_BATCH_VALUES("(?, ?)"));
  3. NAME[index] where NAME is a const array whose initializer holds only literals, NULL,
     or X-macro expansions of a table whose SQL entries are literals (queries.h);
  4. a const char array: `static const char NAME[] = "...";` in the file, or
     `extern const char NAME[];` (text embedded at build time, e.g. schema/schema.sql);
  5. a local `const char *NAME = <1 or 2>;` never assigned again in the function;
  6. a parameter of the enclosing function -- a wrapper such as exec(imp, sql) -- when
     every call of that wrapper in the file passes, at that position, an argument that
     satisfies this rule (checked recursively).

Also forbidden anywhere: SQLite's string builders (sqlite3_mprintf, sqlite3_vmprintf,
sqlite3_snprintf, sqlite3_str_*), whose only use would be composing SQL. User text reaches
SQL only through sqlite3_bind_*. Exit status 0 when the sources follow the rule; otherwise
each offending call is printed as file:line: reason.
"""
import os
import re
import sys
import tempfile

SQL_FUNCS = {  # function -> index of the SQL argument
    "sqlite3_prepare": 1, "sqlite3_prepare_v2": 1, "sqlite3_prepare_v3": 1,
    "sqlite3_prepare16": 1, "sqlite3_prepare16_v2": 1, "sqlite3_prepare16_v3": 1,
    "sqlite3_exec": 1, "sqlite3_get_table": 1,
}
BANNED = re.compile(r"\b(sqlite3_v?mprintf|sqlite3_v?snprintf|sqlite3_str_\w+)\s*\(")
IDENT = r"[A-Za-z_]\w*"


def strip_comments(text):
    """Blank out comments (keeping newlines and offsets); strings and chars stay."""
    out, i, n = [], 0, len(text)
    while i < n:
        c = text[i]
        if text.startswith("/*", i):
            j = text.find("*/", i + 2)
            j = n if j < 0 else j + 2
            out.append(re.sub(r"[^\n]", " ", text[i:j]))
            i = j
        elif text.startswith("//", i):
            j = text.find("\n", i)
            j = n if j < 0 else j
            out.append(" " * (j - i))
            i = j
        elif c in "\"'":
            j = i + 1
            while j < n and text[j] != c:
                j += 2 if text[j] == "\\" else 1
            out.append(text[i:j + 1])
            i = j + 1
        else:
            out.append(c)
            i += 1
    return "".join(out)


def skip_string(text, i):
    q = text[i]
    j = i + 1
    while j < len(text) and text[j] != q:
        j += 2 if text[j] == "\\" else 1
    return j + 1


def split_args(text, open_paren):
    """Arguments of the call whose '(' is at open_paren: list of (start, text); and the end."""
    depth, i, start, args = 0, open_paren, open_paren + 1, []
    while i < len(text):
        c = text[i]
        if c in "\"'":
            i = skip_string(text, i)
            continue
        if c in "([{":
            depth += 1
        elif c in ")]}":
            depth -= 1
            if depth == 0:
                args.append((start, text[start:i].strip()))
                return args, i
        elif c == "," and depth == 1:
            args.append((start, text[start:i].strip()))
            start = i + 1
        i += 1
    return args, i


def line_of(text, pos):
    return text.count("\n", 0, pos) + 1


class Source:
    def __init__(self, path, text, macros, extern_arrays, fmacros=None):
        self.path = path
        self.text = strip_comments(text)
        self.macros = macros                  # shared: name -> body
        self.fmacros = fmacros or {}          # shared: function-like macro name -> parameters
        self.static = set()                   # names of the file's static functions
        self.extern_arrays = extern_arrays    # shared: names of extern const char X[]
        self.functions = self.find_functions()

    def find_functions(self):
        """(name, params, body_start, body_end) of each function definition."""
        t, funcs, i, depth = self.text, [], 0, 0
        while i < len(t):
            c = t[i]
            if c in "\"'":
                i = skip_string(t, i)
                continue
            if c == "{":
                if depth == 0:
                    m = re.search(r"(" + IDENT + r")\s*\(([^()]*(?:\([^()]*\)[^()]*)*)\)\s*$", t[max(0, i - 2000):i])
                    close = self.match_brace(i)
                    if m and m.group(1) not in ("if", "for", "while", "switch", "return", "sizeof"):
                        params = []
                        for p in m.group(2).split(","):
                            ids = re.findall(IDENT, re.sub(r"\[.*?\]", "", p))
                            if ids and ids[-1] != "void":
                                params.append(ids[-1])
                        head_start = max(t.rfind(";", 0, i), t.rfind("}", 0, i), t.rfind("#", 0, i)) + 1
                        head = t[head_start:max(0, i - 2000) + m.start(1)]
                        self.static.add(m.group(1)) if re.search(r"\bstatic\b", head) else None
                        funcs.append((m.group(1), params, i, close))
                    i = close + 1
                    continue
                depth += 1
            elif c == "}":
                depth -= 1
            i += 1
        return funcs

    def match_brace(self, i):
        t, depth = self.text, 0
        while i < len(t):
            c = t[i]
            if c in "\"'":
                i = skip_string(t, i)
                continue
            if c == "{":
                depth += 1
            elif c == "}":
                depth -= 1
                if depth == 0:
                    return i
            i += 1
        return len(t) - 1

    def enclosing(self, pos):
        for f in self.functions:
            if f[2] <= pos <= f[3]:
                return f
        return None

    # ---- the rule -------------------------------------------------------------------------

    def literal_expr(self, expr, seen=(), params=()):
        """Rule 1/2: literals and literal macros, concatenated (parentheses allowed); inside a
        function-like macro's body, its `params` too."""
        e = expr.strip()
        while e.startswith("(") and e.endswith(")"):
            e = e[1:-1].strip()
        if not e:
            return False
        i, ok = 0, False
        while i < len(e):
            c = e[i]
            if c.isspace():
                i += 1
            elif c == '"':
                i = skip_string(e, i)
                ok = True
            else:
                m = re.match(IDENT, e[i:])
                if not m:
                    return False
                name = m.group(0)
                i += len(name)
                ok = True
                if name in params:
                    continue
                if name in self.fmacros and name not in seen:
                    call = re.match(r"\s*\(", e[i:])
                    if not call:
                        return False
                    args, end = split_args(e, i + call.end() - 1)
                    if len(args) != len(self.fmacros[name]) or \
                            not all(self.literal_expr(a, seen, params) for _, a in args) or \
                            not self.literal_expr(self.macros[name], seen + (name,), tuple(self.fmacros[name])):
                        return False
                    i = end + 1
                    continue
                if name in seen or name not in self.macros or \
                        not self.literal_expr(self.macros[name], seen + (name,), ()):
                    return False
        return ok

    def const_array_ok(self, name):
        """Rule 3: a const array of literals (or an X-macro table of literal SQL)."""
        m = re.search(r"\bconst\s+char\s*\*\s*const\s+" + name + r"\s*\[[^\]]*\]\s*=\s*\{", self.text)
        if not m:
            return False
        close = self.match_brace(m.end() - 1)
        body = self.text[m.end():close]
        # X-macro: TABLE(ENTRY) where ENTRY(name, sql) expands to sql
        xm = re.fullmatch(r"\s*#define\s+(" + IDENT + r")\(\s*(" + IDENT + r")\s*,\s*(" + IDENT + r")\s*\)\s*(" +
                          IDENT + r")\s*,?\s*(" + IDENT + r")\(\s*\1\s*\)\s*#undef\s+\1\s*", body)
        if xm:
            entry, arg_name, arg_sql, expands, table = xm.groups()
            return expands == arg_sql and self.xmacro_table_ok(table)
        for _, item in self.items(body):
            if item and item != "NULL" and not self.literal_expr(item):
                return False
        return True

    def items(self, body):
        args, _ = split_args("(" + body + ")", 0)
        return args

    def xmacro_table_ok(self, table):
        """Every ENTRY(NAME, SQL) of macro `table` has a literal SQL argument."""
        body = self.macros.get(table)
        if body is None:
            return False
        i, entries = 0, 0
        while i < len(body):   # the top-level ENTRY(...) calls, strings skipped
            if body[i] in "\"'":
                i = skip_string(body, i)
                continue
            m = re.match(IDENT + r"\s*\(", body[i:])
            if not m:
                if not body[i].isspace():
                    return False
                i += 1
                continue
            args, end = split_args(body, i + m.end() - 1)
            if len(args) != 2 or not self.literal_expr(args[1][1]):
                return False
            entries += 1
            i = end + 1
        return entries > 0

    def check_expr(self, expr, pos, depth=0):
        """None when `expr` (an SQL argument at pos) follows the rule, else the reason."""
        e = expr.strip()
        if self.literal_expr(e):
            return None
        m = re.fullmatch(r"(" + IDENT + r")\s*\[[^\[\]]*\]", e)
        if m:
            return None if self.const_array_ok(m.group(1)) else \
                "'%s' is not a const array of SQL literals" % m.group(1)
        if not re.fullmatch(IDENT, e):
            return "SQL argument '%s' is an expression, not constant text" % e[:60]
        name = e
        if re.search(r"\bstatic\s+const\s+char\s+" + name + r"\s*\[\s*\]\s*=", self.text):
            m = re.search(r"\bstatic\s+const\s+char\s+" + name + r"\s*\[\s*\]\s*=\s*", self.text)
            end = self.text.find(";", m.end())
            return None if self.literal_expr(self.text[m.end():end]) else \
                "'%s' is not initialised with literals" % name
        if name in self.extern_arrays:
            return None
        f = self.enclosing(pos)
        if f is None:
            return "'%s' is not a constant" % name
        fname, params, start, end = f
        body = self.text[start:end]
        local = re.search(r"\bconst\s+char\s*\*\s*" + name + r"\s*=\s*", body)
        if local:
            semi = body.find(";", local.end())
            if not self.literal_expr(body[local.end():semi]):
                return "local '%s' is not initialised with literals" % name
            if re.search(r"(?<![=!<>])\b" + name + r"\s*=(?!=)", body[semi:]):
                return "local '%s' is assigned again" % name
            return None
        if name in params:
            if fname not in self.static:
                return "'%s' is a parameter of %s(), which is not static: its callers elsewhere " \
                       "cannot be checked" % (name, fname)
            if depth > 8:
                return "wrapper chain too deep at '%s'" % fname
            k = params.index(name)
            if re.search(r"(?<![=!<>])\b" + name + r"\s*=(?!=)", body):
                return "parameter '%s' of %s() is assigned" % (name, fname)
            callers = 0
            for cm in re.finditer(r"\b" + fname + r"\s*\(", self.text):
                if start <= cm.start() <= end or self.is_definition(cm.start()):
                    continue
                args, _ = split_args(self.text, cm.end() - 1)
                if k >= len(args):
                    return "call of %s() without its SQL argument" % fname
                why = self.check_expr(args[k][1], cm.start(), depth + 1)
                if why:
                    return "%s() called at line %d: %s" % (fname, line_of(self.text, cm.start()), why)
                callers += 1
            return None if callers else "'%s' is a parameter of %s(), which is never called" % (name, fname)
        return "'%s' is neither constant text nor a checked wrapper parameter" % name

    def is_definition(self, pos):
        """Is the name at pos declared (definition or prototype) rather than called? A
        declaration's name follows its type: an identifier or '*' (but not `return`)."""
        before = self.text[:pos].rstrip()
        if not before or not (before[-1] == "*" or before[-1].isalnum() or before[-1] == "_"):
            return False
        return not re.search(r"\breturn$", before)

    def problems(self):
        out = []
        for m in BANNED.finditer(self.text):
            out.append((line_of(self.text, m.start()), "%s builds SQL text" % m.group(1)))
        for m in re.finditer(r"\b(sqlite3_\w+)\s*\(", self.text):
            fn = m.group(1)
            if fn not in SQL_FUNCS:
                continue
            args, _ = split_args(self.text, m.end() - 1)
            k = SQL_FUNCS[fn]
            if k >= len(args):
                out.append((line_of(self.text, m.start()), "%s with too few arguments" % fn))
                continue
            why = self.check_expr(args[k][1], m.start())
            if why:
                out.append((line_of(self.text, m.start()), "%s: %s" % (fn, why)))
        return out


def collect_macros(texts):
    macros, externs, fmacros = {}, set(), {}
    for t in texts:
        t = strip_comments(t).replace("\\\n", " ")
        for m in re.finditer(r"^[ \t]*#[ \t]*define[ \t]+(" + IDENT + r")(\([^)]*\))?[ \t]*(.*)$", t, re.M):
            macros[m.group(1)] = m.group(3).strip()
            if m.group(2) is not None:
                fmacros[m.group(1)] = re.findall(IDENT, m.group(2))
            else:
                fmacros.pop(m.group(1), None)
        for m in re.finditer(r"\bextern\s+const\s+char\s+(" + IDENT + r")\s*\[\s*\]\s*;", t):
            externs.add(m.group(1))
    return macros, externs, fmacros


def scan(files):
    texts = {}
    for p in files:
        with open(p, encoding="utf-8", errors="replace") as f:
            texts[p] = f.read()
    macros, externs, fmacros = collect_macros(texts.values())
    problems, calls = [], 0
    for p, t in sorted(texts.items()):
        s = Source(p, t, macros, externs, fmacros)
        calls += sum(1 for m in re.finditer(r"\b(sqlite3_\w+)\s*\(", s.text) if m.group(1) in SQL_FUNCS)
        for line, why in s.problems():
            problems.append("%s:%d: %s" % (p, line, why))
    return problems, calls


GOOD = r'''
#define COLS "a, b"
#define TWICE(r) r ", " r
#define ROWS(r) TWICE(r) ", " TWICE(r)
#define TABLE(Q) Q(ONE, "SELECT " COLS " FROM t") Q(TWO, "SELECT 2")
static const char *const sql_of[] = {
#define Q_SQL(name, sql) sql,
	TABLE(Q_SQL)
#undef Q_SQL
};
static const char *const checks[] = {"SELECT 1", "SELECT " COLS, NULL};
static const char schema[] = "CREATE TABLE t (a);" "CREATE TABLE u (b);";
extern const char embedded_sql[];
static int exec(sqlite3 *db, const char *sql) { return sqlite3_exec(db, sql, 0, 0, 0); }
static int prep(sqlite3 *db, const char *sql, sqlite3_stmt **st) { return sqlite3_prepare_v2(db, sql, -1, st, 0); }
static void f(sqlite3 *db, int q, sqlite3_stmt **st)
{
	const char *one = "SELECT 1 WHERE x = ?1";
	sqlite3_prepare_v3(db, sql_of[q], -1, 0, st, 0);
	sqlite3_prepare_v2(db, checks[q], -1, st, 0);
	sqlite3_prepare_v2(db, one, -1, st, 0);
	sqlite3_prepare_v2(db, "SELECT " COLS " FROM t WHERE a = ?1", -1, st, 0);
	exec(db, schema);
	exec(db, embedded_sql);
	exec(db, "BEGIN");
	prep(db, "SELECT 3", st);
	sqlite3_prepare_v2(db, "INSERT INTO t VALUES " ROWS("(?, " COLS ")"), -1, st, 0);
}
'''

BAD = [
    ('sqlite3_exec(db, buf, 0, 0, 0);', "a plain variable"),
    ('char q[99]; snprintf(q, 99, "SELECT %s", x); sqlite3_prepare_v2(db, q, -1, &st, 0);', "a formatted buffer"),
    ('sqlite3_prepare_v2(db, sb_str(&sb), -1, &st, 0);', "a string buffer"),
    ('char *s = sqlite3_mprintf("SELECT %q", x);', "sqlite3_mprintf"),
    ('const char *sql = "SELECT 1"; sql = user; sqlite3_exec(db, sql, 0, 0, 0);', "a reassigned local"),
    ('sqlite3_prepare_v2(db, cond ? "SELECT 1" : user, -1, &st, 0);', "a conditional"),
    ('sqlite3_prepare_v2(db, "INSERT INTO t VALUES " TWICE(user), -1, &st, 0);', "a macro called with a variable"),
    ('sqlite3_prepare_v2(db, "SELECT " GLUE("1"), -1, &st, 0);', "a macro whose body is not literal"),
]
BAD_WRAPPER = r'''
static int exec(sqlite3 *db, const char *sql) { return sqlite3_exec(db, sql, 0, 0, 0); }
void g(sqlite3 *db, const char *user) { exec(db, "BEGIN"); exec(db, user); }
'''
BAD_XMACRO = r'''
#define TABLE(Q) Q(ONE, "SELECT 1") Q(TWO, user_sql)
static const char *const sql_of[] = {
#define Q_SQL(name, sql) sql,
	TABLE(Q_SQL)
#undef Q_SQL
};
static void h(sqlite3 *db, sqlite3_stmt **st) { sqlite3_prepare_v2(db, sql_of[1], -1, st, 0); }
'''
BAD_ARRAY = r'''
static const char *const qs[] = {"SELECT 1", user_text};
static void h(sqlite3 *db, sqlite3_stmt **st) { sqlite3_prepare_v2(db, qs[0], -1, st, 0); }
'''


def self_test():
    failures = 0
    d = tempfile.mkdtemp()

    def run(code, name):
        p = os.path.join(d, name)
        with open(p, "w") as f:
            f.write(code)
        probs, _ = scan([p])
        os.unlink(p)
        return probs

    probs = run(GOOD, "good.c")
    if probs:
        failures += 1
        print("self-test: good code rejected:\n  " + "\n  ".join(probs))
    whole = [(BAD_WRAPPER, "a wrapper called with user text"), (BAD_ARRAY, "an array with a variable"),
             (BAD_XMACRO, "a query table with a variable")]
    for code, what in BAD + [(None, w) for _, w in whole]:
        if code is None:
            src = dict((w, c) for c, w in whole)[what]
        else:
            src = "#define TWICE(r) r \", \" r\n#define GLUE(r) r user\n" \
                  "void f(sqlite3 *db, const char *user, const char *buf, int cond) {\n%s\n}\n" % code
        if not run(src, "bad.c"):
            failures += 1
            print("self-test: not caught: %s" % what)
    os.rmdir(d)
    print("self-test: %s" % ("passed" if not failures else "%d failures" % failures))
    return failures


def main():
    if len(sys.argv) == 2 and sys.argv[1] == "--self-test":
        return 1 if self_test() else 0
    if len(sys.argv) != 2:
        print(__doc__)
        return 2
    if self_test():
        return 1
    files = []
    for root, _, names in os.walk(sys.argv[1]):
        files += [os.path.join(root, n) for n in names if n.endswith((".c", ".h"))]
    problems, calls = scan(files)
    for p in problems:
        print(p)
    print("%d SQL-compiling calls in %d files checked, %d problems" % (calls, len(files), len(problems)))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
