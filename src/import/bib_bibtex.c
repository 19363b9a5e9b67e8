/*
 * bib_bibtex.c -- a BibTeX file read with libbtparse (bibentry.h): @string macros, '#'
 * concatenation and the month macros expanded by the library, names split by it, and the
 * LaTeX of the fields made UTF-8 (tex.h). Built only with libbtparse (DLT_HAVE_BTPARSE);
 * without it, reading a .bib says how to get it.
 */
#include "import/bibentry.h"

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/util.h"

#ifdef DLT_HAVE_BTPARSE

#include <btparse.h>
#include <signal.h>
#include <stdint.h>
#include <sys/wait.h>
#include <unistd.h>

#include "core/utf8.h"
#include "import/tex.h"


/* The plain text of LaTeX s, malloc'd; NULL for an empty text. */
static char *plain(const char *s)
{
	struct strbuf sb = {0};
	tex_to_utf8(s, &sb);
	size_t a = 0;
	while (a < sb.len && sb.buf[a] == ' ')
		a++;
	while (sb.len > a && sb.buf[sb.len - 1] == ' ')
		sb.buf[--sb.len] = '\0';
	char *r = sb.len > a ? xstrdup(sb.buf + a) : NULL;
	sb_free(&sb);
	return r;
}

/* Authors: "Last, First and First Last and others", split by libbtparse. */
static void authors(struct bib_entry *e, char *text, const char *path)
{
	bt_stringlist *list = bt_split_list(text, "and", (char *)path, e->line, "name");
	for (int i = 0; list && i < list->num_items; i++) {
		char *item = list->items[i];
		if (!item)
			continue;
		if (strcmp(item, "others") == 0) {
			e->more_authors = 1;
			continue;
		}
		bt_name *name = bt_split_name(item, (char *)path, e->line, i);
		struct strbuf sb = {0};
		static const bt_namepart order[] = {BTN_FIRST, BTN_VON, BTN_LAST, BTN_JR};
		for (size_t k = 0; k < DLT_ARRAY_LEN(order); k++)
			for (int t = 0; name && t < name->part_len[order[k]]; t++)
				sb_addf(&sb, "%s%s", sb.len ? (order[k] == BTN_JR && t == 0 ? ", " : " ") : "",
					name->parts[order[k]][t]);
		char *full = plain(sb_str(&sb));
		if (full)
			bib_push(&e->authors, &e->nauthors, full);
		free(full);
		sb_free(&sb);
		bt_free_name(name);
	}
	bt_free_list(list);
}

/* Split a list of keywords or keys at ',' and ';' into list. */
static void split(const char *s, char ***list, size_t *n)
{
	char *copy = xstrdup(s);
	for (char *tok = strtok(copy, ",;"); tok; tok = strtok(NULL, ",;")) {
		char *t = plain(tok);
		if (t)
			bib_push(list, n, t);
		free(t);
	}
	free(copy);
}

/* Take over one field of an entry. */
static void field(struct bib_entry *e, const char *name, char *text, const char *path, char **eprinttype)
{
	char **slot = NULL;
	if (!strcasecmp(name, "title"))
		slot = &e->title;
	else if (!strcasecmp(name, "journal") || !strcasecmp(name, "journaltitle") || !strcasecmp(name, "booktitle") ||
		 !strcasecmp(name, "school") || !strcasecmp(name, "institution"))
		slot = e->container ? NULL : &e->container;
	else if (!strcasecmp(name, "publisher") && !e->container)
		slot = &e->container;
	else if (!strcasecmp(name, "abstract"))
		slot = &e->abstract;
	else if (!strcasecmp(name, "url"))
		slot = &e->url;
	else if (!strcasecmp(name, "eprint"))
		slot = &e->arxiv;
	else if (!strcasecmp(name, "eprinttype") || !strcasecmp(name, "archiveprefix"))
		slot = eprinttype;
	if (slot) {
		free(*slot);
		*slot = plain(text);
	} else if (!strcasecmp(name, "doi")) {
		const char *d = strstr(text, "10.");   /* also "https://doi.org/10..." */
		free(e->doi);
		e->doi = d ? xstrdup(d) : NULL;
	} else if (!strcasecmp(name, "author")) {
		authors(e, text, path);
	} else if (!strcasecmp(name, "year") && isdigit((unsigned char)text[0]) && strlen(text) >= 4) {
		char y[5] = {text[0], text[1], text[2], text[3], 0};
		int month = 0;
		if (bib_date(y, &e->year, &month) < 0)
			e->year = 0;
	} else if (!strcasecmp(name, "date")) {
		int month;
		if (bib_date(text, &e->year, &month) == 0 && month)
			e->month = month;
	} else if (!strcasecmp(name, "month")) {
		e->month = bib_month(text);
	} else if (!strcasecmp(name, "keywords")) {
		split(text, &e->keywords, &e->nkeywords);
	} else if (!strcasecmp(name, "crossref")) {
		free(e->crossref);
		e->crossref = plain(text);
	} else if (!strcasecmp(name, "related")) {
		split(text, &e->links, &e->nlinks);
	}
}

/* The first place in s where `word` starts, ignoring case; NULL when nowhere. */
static const char *find_nocase(const char *s, const char *word)
{
	for (size_t n = strlen(word); *s; s++)
		if (strncasecmp(s, word, n) == 0)
			return s;
	return NULL;
}

/* An arXiv id from the entry: eprint when its type is arXiv (or not given), or the
 * "arXiv:ID" in the journal of a preprint as Google Scholar writes it. */
static void arxiv(struct bib_entry *e, const char *eprinttype)
{
	if (e->arxiv && eprinttype && strcasecmp(eprinttype, "arxiv") != 0) {
		free(e->arxiv);
		e->arxiv = NULL;
	}
	const char *at = e->container ? find_nocase(e->container, "arxiv:") : NULL;
	if (!e->arxiv && at) {
		e->arxiv = xstrdup(at + 6);
		e->arxiv[strcspn(e->arxiv, " ,;")] = '\0';
	}
	if (at || (e->container && !strncasecmp(e->container, "arxiv", 5))) {   /* the venue is the preprint */
		free(e->container);
		e->container = NULL;
		free(e->type);
		e->type = xstrdup("preprint");
	}
}

/* Hand libbtparse's messages (caught in said) on to errors in the importer's form:
 * "PATH, line N, what" becomes "PATH:N: what", and a line that does not name the file gets
 * "PATH: " before it. The caller makes each line printable. */
static void hand_on(FILE *said, FILE *errors, const char *path)
{
	rewind(said);
	char *line = NULL;
	size_t cap = 0, plen = strlen(path);
	ssize_t n;
	while ((n = getline(&line, &cap, said)) > 0) {
		if (line[n - 1] == '\n')
			line[--n] = '\0';
		const char *rest = line;
		unsigned long at = 0;
		int used = 0;
		if (strncmp(line, path, plen) == 0 && line[plen] == ',') {
			rest = line + plen + 1 + (line[plen + 1] == ' ');
			if (sscanf(rest, "line %lu,%n", &at, &used) == 1 && used > 0)
				rest += used + (rest[used] == ' ');
		}
		if (at)
			fprintf(errors, "%s:%lu: %s\n", path, at, rest);
		else
			fprintf(errors, "%s: %s\n", path, rest);
	}
	free(line);
}

/* The code points of Windows-1252's 0x80-0x9F (0: not assigned); 0xA0-0xFF are Latin-1's. */
static const uint16_t cp1252[32] = {
	0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0,
	0x017D, 0, 0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A,
	0x0153, 0, 0x017E, 0x0178,
};

/* The file's text in *text: as it is when it is UTF-8; else read as Windows-1252 (which
 * Latin-1 files are too), as older bibliographies are written, with a warning. Returns 0,
 * or -1 when it cannot be read (the reason on errors). */
static int read_text(const char *path, FILE *errors, struct strbuf *text)
{
	if (bib_read_file(path, errors, text) < 0)
		return -1;
	if (utf8_valid_prefix(sb_str(text), text->len) == text->len)
		return 0;
	struct strbuf u = {0};
	for (size_t i = 0; i < text->len; i++) {
		unsigned char c = (unsigned char)text->buf[i];
		uint32_t cp = c < 0x80 ? c : c < 0xA0 ? cp1252[c - 0x80] : c;
		char enc[4];
		sb_addn(&u, enc, utf8_encode(cp ? cp : UTF8_REPLACEMENT, enc));
	}
	sb_free(text);
	*text = u;
	fprintf(errors, "%s: warning: not UTF-8: read as Windows-1252 (Latin-1)\n", path);
	return 0;
}

/* Parse text with libbtparse into l: the child's part of bib_read_bibtex. */
static void parse(const char *path, struct strbuf *text, struct bib_list *l)
{
	FILE *fp = fmemopen(text->buf, text->len, "r");
	if (!fp) {
		fprintf(stderr, "%s\n", strerror(errno));
		l->errors++;
		return;
	}
	bt_initialize();
	bt_set_stringopts(BTE_REGULAR, BTO_FULL);   /* macros expanded, '#' pasted, spaces collapsed */
	bt_set_stringopts(BTE_MACRODEF, BTO_MACRO);
	static const char *const months[] = {"jan", "feb", "mar", "apr", "may", "jun",
					     "jul", "aug", "sep", "oct", "nov", "dec"};
	for (int i = 0; i < 12; i++) {   /* the month macros, as numbers */
		char num[4];
		snprintf(num, sizeof num, "%d", i + 1);
		bt_add_macro_text((char *)months[i], num, NULL, 0);
	}
	boolean ok;
	AST *entry;
	long last = -1;
	for (;;) {
		ok = TRUE;
		if ((entry = bt_parse_entry(fp, (char *)path, 0, &ok)) == NULL) {
			if (ok)
				break;   /* the end: libbtparse has cleaned up after the file */
			/* Very bad input: libbtparse gave up on an entry and keeps its state for the
			 * file. Go on while it reads further; else skip to the end, so that the next
			 * call cleans up. */
			l->errors++;
			long at = ftell(fp);
			if (feof(fp) || at == last)
				while (fgetc(fp) != EOF)
					;
			last = at;
			continue;
		}
		if (!ok)
			l->errors++;   /* (libbtparse has said what and where) */
		if (ok && bt_entry_metatype(entry) == BTE_REGULAR) {
			struct bib_entry *e = bib_add(l);
			e->line = entry->line;
			e->key = bt_entry_key(entry) ? xstrdup(bt_entry_key(entry)) : NULL;
			e->type = xstrdup(bt_entry_type(entry));
			for (char *t = e->type; *t; t++)
				*t = (char)tolower((unsigned char)*t);
			char *name, *eprinttype = NULL;
			for (AST *f = bt_next_field(entry, NULL, &name); f; f = bt_next_field(entry, f, &name)) {
				char *value = bt_get_text(f);
				if (value)
					field(e, name, value, path, &eprinttype);
				free(value);
			}
			arxiv(e, eprinttype);
			free(eprinttype);
		}
		bt_free_ast(entry);
	}
	bt_cleanup();
	fclose(fp);
}

/* The child's first exit handler: end before the others (the parent's) run. */
static void leave_at_once(void)
{
	_exit(4);
}

/* Read the entries in a child process: libbtparse calls exit() or abort() on input it
 * cannot handle ("invalid AST node"), and prints its messages on stderr itself. The child
 * parses with its stderr in said and sends the entries back through a pipe; when it does not
 * end normally, that is reported as an error of the file. */
static void parse_apart(const char *path, struct strbuf *text, FILE *errors, struct bib_list *l)
{
	FILE *said = tmpfile();
	int pipefd[2] = {-1, -1};
	if (!said || pipe(pipefd) < 0) {
		fprintf(errors, "%s: cannot read it: %s\n", path, strerror(errno));
		l->errors++;
		if (said)
			fclose(said);
		return;
	}
	fflush(NULL);
	pid_t pid = fork();
	int forked = errno;
	if (pid == 0) {   /* the child: parse, send, and leave without running the parent's exit handlers */
		static const int sigs[] = {SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGPIPE, SIGABRT, SIGSEGV, SIGBUS, SIGFPE, SIGILL};
		for (size_t i = 0; i < DLT_ARRAY_LEN(sigs); i++)
			signal(sigs[i], SIG_DFL);
		atexit(leave_at_once);   /* (when libbtparse calls exit) */
		close(pipefd[0]);
		dup2(fileno(said), STDERR_FILENO);
		struct bib_list mine = {0};
		parse(path, text, &mine);
		FILE *out = fdopen(pipefd[1], "w");
		_exit(out && bib_send(out, &mine) == 0 && fclose(out) == 0 ? 0 : 3);
	}
	close(pipefd[1]);
	int got = -1, status = 0;
	if (pid > 0) {
		/* all the child sends, then the entries from it (a signal may interrupt a read) */
		struct strbuf sent = {0};
		char buf[65536];
		ssize_t n;
		while ((n = read(pipefd[0], buf, sizeof buf)) != 0)
			if (n > 0)
				sb_addn(&sent, buf, (size_t)n);
			else if (errno != EINTR)
				break;
		close(pipefd[0]);
		while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
			;
		FILE *in = sent.len ? fmemopen(sent.buf, sent.len, "r") : NULL;
		got = in ? bib_receive(in, l) : -1;
		if (in)
			fclose(in);
		sb_free(&sent);
	} else {
		fprintf(errors, "%s: cannot read it: %s\n", path, strerror(forked));
		close(pipefd[0]);
	}
	hand_on(said, errors, path);
	fclose(said);
	int failed = pid < 0 || got < 0 || !WIFEXITED(status) || WEXITSTATUS(status) != 0;
	if (pid > 0 && failed && WIFSIGNALED(status))
		fprintf(errors, "%s: libbtparse gave up on it (signal %d): not imported\n", path, WTERMSIG(status));
	else if (pid > 0 && failed)
		fprintf(errors, "%s: libbtparse gave up on it: not imported\n", path);
	l->errors += (size_t)failed;
}

int bib_read_bibtex(const char *path, FILE *errors, struct bib_list *l)
{
	struct strbuf text = {0};
	int rc = read_text(path, errors, &text);
	if (rc == 0 && text.len > 0)   /* (an empty file has no entries) */
		parse_apart(path, &text, errors, l);
	sb_free(&text);
	bib_inherit(l);
	return rc;
}

#else

int bib_read_bibtex(const char *path, FILE *errors, struct bib_list *l)
{
	(void)l;
	fprintf(errors, "%s: this dltimeline was built without libbtparse, which reads BibTeX "
		"(apt-get install libbtparse-dev, then build again)\n", path);
	return -1;
}

#endif
