/*
 * ynode.c -- see ynode.h.
 */
#include "import/ynode.h"

#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "core/util.h"
#include "import/symtab.h"

struct reader {
	yaml_parser_t parser;
	ynode_item_fn item;
	ynode_error_fn error;
	void *ctx;
	size_t errors;
	int fatal;             /* a syntax error: stop reading */
	FILE *fp;              /* the input, re-read to locate reader errors */
};

/* Line and column of byte `offset` of the input (reader errors only know the offset). */
static yaml_mark_t mark_of_offset(FILE *fp, size_t offset)
{
	yaml_mark_t m = {0};
	if (fseek(fp, 0, SEEK_SET) != 0)
		return m;
	for (size_t i = 0; i < offset; i++) {
		int c = getc(fp);
		if (c == EOF)
			break;
		if (c == '\n') {
			m.line++;
			m.column = 0;
		} else if ((c & 0xC0) != 0x80) {
			m.column++;
		}
	}
	return m;
}

/* libyaml reports "invalid trailing UTF-8 octet" at the offending continuation byte, which
 * may be a plain character; move back to the lead byte where the bad sequence starts. */
static size_t sequence_start(FILE *fp, size_t offset)
{
	unsigned char b[3];
	size_t back = offset < sizeof b ? offset : sizeof b;
	if (back == 0 || fseek(fp, (long)(offset - back), SEEK_SET) != 0 || fread(b, 1, back, fp) != back)
		return offset;
	for (size_t k = back; k > 0; k--) {
		if (b[k - 1] >= 0xC0)
			return offset - (back - k + 1);
		if ((b[k - 1] & 0xC0) != 0x80)
			break;
	}
	return offset;
}

static void report(struct reader *r, const yaml_mark_t *m, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void report(struct reader *r, const yaml_mark_t *m, const char *fmt, ...)
{
	struct strbuf sb = {0};
	va_list ap;
	va_start(ap, fmt);
	sb_vaddf(&sb, fmt, ap);
	va_end(ap);
	r->error(r->ctx, m ? (unsigned)m->line + 1 : 0, m ? (unsigned)m->column + 1 : 0, sb_str(&sb));
	sb_free(&sb);
	r->errors++;
}

/* Fetch the next event; on a parser error report it and mark the reader fatal. */
static int next_event(struct reader *r, yaml_event_t *ev)
{
	if (r->fatal)
		return 0;
	if (!yaml_parser_parse(&r->parser, ev)) {
		const char *problem = r->parser.problem ? r->parser.problem : "unreadable YAML";
		yaml_mark_t m = r->parser.problem_mark;
		if (r->parser.error == YAML_READER_ERROR) {
			/* libyaml gives reader errors a byte offset, not a line. */
			size_t off = r->parser.problem_offset;
			if (strstr(problem, "trailing"))
				off = sequence_start(r->fp, off);
			m = mark_of_offset(r->fp, off);
			if (strstr(problem, "UTF-8") || strstr(problem, "utf-8") || strstr(problem, "octet") ||
			    strstr(problem, "Unicode character"))
				report(r, &m, "invalid UTF-8 (%s)", problem);
			else
				report(r, &m, "%s", problem);
		} else if (r->parser.context) {
			report(r, &m, "YAML syntax error: %s %s", problem, r->parser.context);
		} else {
			report(r, &m, "YAML syntax error: %s", problem);
		}
		r->fatal = 1;
		return 0;
	}
	return 1;
}

void ynode_free(struct ynode *n)
{
	while (n) {
		struct ynode *next = n->next;
		ynode_free(n->child);
		free(n->key);
		free(n->value);
		free(n);
		n = next;
	}
}

/* Too deep: report it and stop reading the file. Skipping the rest instead would make
 * libyaml walk all of it, and its time grows with the square of the depth. */
static void too_deep(struct reader *r, const yaml_mark_t *m)
{
	report(r, m, "nesting deeper than %d levels", YNODE_MAX_DEPTH);
	r->fatal = 1;
}

/* Skip the rest of a node whose start event was already consumed (depth counts open
 * collections). Returns 0 on a fatal error. */
static int skip_rest(struct reader *r, int depth)
{
	while (depth > 0) {
		yaml_event_t ev;
		if (!next_event(r, &ev))
			return 0;
		if (ev.type == YAML_SEQUENCE_START_EVENT || ev.type == YAML_MAPPING_START_EVENT)
			depth++;
		else if (ev.type == YAML_SEQUENCE_END_EVENT || ev.type == YAML_MAPPING_END_EVENT)
			depth--;
		if (depth > YNODE_MAX_DEPTH)
			too_deep(r, &ev.start_mark);
		yaml_event_delete(&ev);
		if (r->fatal)
			return 0;
	}
	return 1;
}

static struct ynode *build(struct reader *r, yaml_event_t *ev, int depth);

/* Scalar event ev into node n; 0, or -1 when it is rejected (reported). */
static int build_scalar(struct reader *r, const yaml_event_t *ev, struct ynode *n)
{
	const yaml_mark_t *m = &ev->start_mark;
	size_t len = ev->data.scalar.length;
	n->type = YN_SCALAR;
	if (len > YNODE_MAX_SCALAR) {
		report(r, m, "value too long (%zu bytes, at most %d)", len, YNODE_MAX_SCALAR);
		return -1;
	}
	if (memchr(ev->data.scalar.value, '\0', len)) {
		report(r, m, "value contains a NUL byte");
		return -1;
	}
	n->value = xstrndup((const char *)ev->data.scalar.value, len);
	n->value_len = len;
	n->plain = ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
	return 0;
}

/* A mapping key kev that is not a scalar: reported, skipped with its value. 0, or -1 on a
 * fatal error. Deletes kev. */
static int skip_bad_key(struct reader *r, yaml_event_t *kev)
{
	report(r, &kev->start_mark, "mapping keys must be plain names");
	int nested = kev->type == YAML_SEQUENCE_START_EVENT || kev->type == YAML_MAPPING_START_EVENT;
	yaml_event_delete(kev);
	if (nested && !skip_rest(r, 1))
		return -1;
	yaml_event_t vev;
	if (!next_event(r, &vev))
		return -1;
	if (vev.type == YAML_SEQUENCE_START_EVENT || vev.type == YAML_MAPPING_START_EVENT)
		skip_rest(r, 1);
	yaml_event_delete(&vev);
	return 0;
}

/* The keys of a mapping so far, to report duplicates: compared one by one while there are
 * few, then through a hash table (a mapping of 40,000 keys took 5.8 s compared one by one). */
struct keyset {
	const struct ynode *map;
	size_t n;
	struct symtab *big;
};

static int keyset_has(const struct keyset *ks, const char *key)
{
	if (ks->big)
		return symtab_get(ks->big, key, 0) != 0;
	for (const struct ynode *c = ks->map->child; c; c = c->next)
		if (c->key && strcmp(c->key, key) == 0)
			return 1;
	return 0;
}

static void keyset_add(struct keyset *ks, const char *key)
{
	if (++ks->n == 32) {
		ks->big = xcalloc(1, sizeof *ks->big);
		for (const struct ynode *c = ks->map->child; c; c = c->next)
			if (c->key)
				symtab_get(ks->big, c->key, 1);
	}
	if (ks->big)
		symtab_get(ks->big, key, 1);
}

/* The members of the collection n (a mapping when is_map) up to its end event. 0, or -1 on a
 * fatal error. */
static int build_members(struct reader *r, struct ynode *n, int is_map, int depth)
{
	struct ynode **tail = &n->child;
	struct keyset ks = {n, 0, NULL};
	int rc = 0;
	for (;;) {
		yaml_event_t kev;
		if (!next_event(r, &kev)) {
			rc = -1;
			break;
		}
		if (kev.type == YAML_SEQUENCE_END_EVENT || kev.type == YAML_MAPPING_END_EVENT) {
			yaml_event_delete(&kev);
			break;
		}
		char *key = NULL;
		yaml_mark_t km = kev.start_mark;
		if (is_map) {
			if (kev.type != YAML_SCALAR_EVENT) {
				if (skip_bad_key(r, &kev) == 0)
					continue;
				rc = -1;
				break;
			}
			key = xstrndup((const char *)kev.data.scalar.value, kev.data.scalar.length);
			yaml_event_delete(&kev);
			if (!next_event(r, &kev)) {
				free(key);
				rc = -1;
				break;
			}
			if (keyset_has(&ks, key))
				report(r, &km, "duplicate key '%s'", key);
		}
		struct ynode *c = build(r, &kev, depth + 1);
		yaml_event_delete(&kev);
		if (r->fatal || !c) {
			free(key);
			ynode_free(c);
			if (!r->fatal)
				continue;   /* the member was rejected (reported) */
			rc = -1;
			break;
		}
		c->key = key;
		if (key) {
			c->key_line = (unsigned)km.line + 1;
			c->key_col = (unsigned)km.column + 1;
			keyset_add(&ks, key);
		}
		*tail = c;
		tail = &c->next;
	}
	if (ks.big)
		symtab_free(ks.big);
	free(ks.big);
	return rc;
}

/* Build a node from the event `ev` (already fetched, owned by the caller). Returns NULL when
 * the node was rejected (reported) or on a fatal error. */
static struct ynode *build(struct reader *r, yaml_event_t *ev, int depth)
{
	yaml_mark_t m = ev->start_mark;
	if (ev->type == YAML_ALIAS_EVENT) {
		report(r, &m, "YAML aliases (*name) are not supported");
		return NULL;
	}
	if (depth > YNODE_MAX_DEPTH) {
		too_deep(r, &m);
		return NULL;
	}
	struct ynode *n = xcalloc(1, sizeof *n);
	n->line = (unsigned)m.line + 1;
	n->col = (unsigned)m.column + 1;
	if (ev->type == YAML_SCALAR_EVENT) {
		if (build_scalar(r, ev, n) == 0)
			return n;
		free(n);
		return NULL;
	}
	int is_map = ev->type == YAML_MAPPING_START_EVENT;
	if (!is_map && ev->type != YAML_SEQUENCE_START_EVENT) {
		report(r, &m, "unexpected YAML content");
		free(n);
		return NULL;
	}
	n->type = is_map ? YN_MAP : YN_SEQ;
	if (build_members(r, n, is_map, depth) < 0) {
		ynode_free(n);
		return NULL;
	}
	return n;
}

/* Read one top-level section value: a scalar goes to item() whole; a sequence goes element
 * by element. */
static void read_section(struct reader *r, const char *section, const yaml_mark_t *km)
{
	yaml_event_t ev;
	if (!next_event(r, &ev))
		return;
	unsigned kl = (unsigned)km->line + 1, kc = (unsigned)km->column + 1;
	if (ev.type == YAML_SEQUENCE_START_EVENT) {
		yaml_event_delete(&ev);
		for (;;) {
			if (!next_event(r, &ev))
				return;
			if (ev.type == YAML_SEQUENCE_END_EVENT) {
				yaml_event_delete(&ev);
				return;
			}
			struct ynode *n = build(r, &ev, 1);
			yaml_event_delete(&ev);
			if (r->fatal) {
				ynode_free(n);
				return;
			}
			if (n) {
				n->in_list = 1;
				r->item(r->ctx, section, kl, kc, n);
			}
			ynode_free(n);
		}
	}
	struct ynode *n = build(r, &ev, 1);
	yaml_event_delete(&ev);
	if (n)
		r->item(r->ctx, section, kl, kc, n);
	ynode_free(n);
}

size_t ynode_read(FILE *fp, ynode_item_fn item, ynode_error_fn error, void *ctx)
{
	struct reader r = {.item = item, .error = error, .ctx = ctx, .fp = fp};
	if (!yaml_parser_initialize(&r.parser)) {
		error(ctx, 0, 0, "cannot initialise the YAML parser");
		return 1;
	}
	yaml_parser_set_input_file(&r.parser, fp);
	yaml_parser_set_encoding(&r.parser, YAML_UTF8_ENCODING);

	int done = 0, docs = 0;
	while (!done && !r.fatal) {
		yaml_event_t ev;
		if (!next_event(&r, &ev))
			break;
		switch (ev.type) {
		case YAML_STREAM_END_EVENT:
			done = 1;
			break;
		case YAML_DOCUMENT_START_EVENT:
			if (++docs > 1)
				report(&r, &ev.start_mark, "only one YAML document per file is allowed");
			break;
		case YAML_MAPPING_START_EVENT:
			for (;;) {
				yaml_event_t kev;
				if (!next_event(&r, &kev))
					break;
				if (kev.type == YAML_MAPPING_END_EVENT) {
					yaml_event_delete(&kev);
					break;
				}
				if (kev.type != YAML_SCALAR_EVENT) {
					report(&r, &kev.start_mark, "top-level keys must be plain names");
					if (kev.type == YAML_SEQUENCE_START_EVENT ||
					    kev.type == YAML_MAPPING_START_EVENT)
						skip_rest(&r, 1);
					yaml_event_delete(&kev);
					yaml_event_t vev;
					if (next_event(&r, &vev)) {
						if (vev.type == YAML_SEQUENCE_START_EVENT ||
						    vev.type == YAML_MAPPING_START_EVENT)
							skip_rest(&r, 1);
						yaml_event_delete(&vev);
					}
					continue;
				}
				char *key = xstrndup((const char *)kev.data.scalar.value, kev.data.scalar.length);
				yaml_mark_t km = kev.start_mark;
				yaml_event_delete(&kev);
				read_section(&r, key, &km);
				free(key);
			}
			break;
		case YAML_SEQUENCE_START_EVENT:
		case YAML_SCALAR_EVENT:
			report(&r, &ev.start_mark,
			       "a data file must be a mapping of sections (title, eras, paradigms, tags, milestones)");
			if (ev.type == YAML_SEQUENCE_START_EVENT)
				skip_rest(&r, 1);
			break;
		default:
			break;
		}
		yaml_event_delete(&ev);
	}
	yaml_parser_delete(&r.parser);
	return r.errors;
}
