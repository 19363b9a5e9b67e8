/*
 * yfast_flow.c -- the fast YAML reader's values on one line (see yfast.c for the subset):
 * plain scalars, single- and double-quoted scalars, flow sequences and mappings.
 */
#include <stdint.h>
#include <string.h>

#include "import/yfast_int.h"

/* A quoted scalar at y->p (single or double); y->p after it. */
static int quoted(struct yfast *y, struct ynode **out)
{
	const char *q = y->p + 1;
	char quote = *y->p;
	/* the common case: no escape before the closing quote, on this line */
	const char *s = memchr(q, quote, (size_t)(y->end - q));
	if (s && !memchr(q, '\n', (size_t)(s - q)) && !(quote == '"' && memchr(q, '\\', (size_t)(s - q))) &&
	    !(quote == '\'' && s + 1 < y->end && s[1] == '\'')) {
		if ((size_t)(s - q) > YNODE_MAX_SCALAR)
			return -1;
		struct ynode *n = new_node(y, YN_SCALAR, y->p);
		set_value(y, n, q, (size_t)(s - q), 0);
		y->p = s + 1;
		*out = n;
		return 0;
	}
	struct strbuf *sb = &y->esc;
	sb_reset(sb);
	for (;;) {
		if (eol(y, q) || sb->len > YNODE_MAX_SCALAR)
			goto decline;
		char c = *q++;
		if (c == quote) {
			if (quote == '\'' && q < y->end && *q == '\'') {
				sb_addc(sb, '\'');
				q++;
				continue;
			}
			break;
		}
		if (quote == '"' && c == '\\') {
			if (eol(y, q))
				goto decline;
			char e = *q++;
			const char *rep = e == '"' ? "\"" : e == '\\' ? "\\" : e == '/' ? "/" : e == 'n' ? "\n" :
					  e == 't' ? "\t" : e == 'r' ? "\r" : NULL;
			if (!rep)
				goto decline;
			sb_addc(sb, rep[0]);
			continue;
		}
		sb_addc(sb, c);
	}
	if (sb->len > YNODE_MAX_SCALAR)
		goto decline;
	struct ynode *n = new_node(y, YN_SCALAR, y->p);
	set_value(y, n, sb_str(sb), sb->len, 0);
	y->p = q;
	*out = n;
	return 0;
decline:
	return -1;
}

static int flow_node(struct yfast *y, struct ynode **out, int depth);

/* A flow sequence or mapping at y->p, closed on this line; y->p after it. */
static int flow_collection(struct yfast *y, struct ynode **out, int depth)
{
	int is_map = *y->p == '{';
	char close = is_map ? '}' : ']';
	struct ynode *n = new_node(y, is_map ? YN_MAP : YN_SEQ, y->p), **tail = n ? &n->child : NULL;
	struct keys ks = {.n = 0};
	if (depth > YF_MAX_DEPTH)
		goto decline;
	y->p = skip_spaces(y, y->p + 1);
	if (y->p < y->end && *y->p == close) {
		y->p++;
		*out = n;
		return 0;
	}
	for (;;) {
		const char *key = NULL, *kat = NULL;
		size_t klen = 0;
		if (is_map) {
			kat = key = y->p;
			klen = key_len(y, y->p, 1);
			if (!klen || keys_add(&ks, key, klen) < 0)
				goto decline;
			y->p = skip_spaces(y, y->p + klen + 1);
		}
		struct ynode *c = NULL;
		if (flow_node(y, &c, depth + 1) < 0)
			goto decline;
		attach(y, n, &tail, c, key, klen, kat);
		y->p = skip_spaces(y, y->p);
		if (eol(y, y->p))
			goto decline;
		if (*y->p == close) {
			y->p++;
			*out = n;
			return 0;
		}
		if (*y->p != ',')
			goto decline;
		y->p = skip_spaces(y, y->p + 1);
		if (eol(y, y->p) || *y->p == close)
			goto decline;   /* a trailing comma */
	}
decline:
	return -1;
}

/* A plain scalar in a flow collection: up to ',', ']' or '}'. */
static int flow_plain(struct yfast *y, struct ynode **out)
{
	const char *q = y->p, *s = q;
	while (!eol(y, s) && *s != ',' && *s != ']' && *s != '}') {
		if (*s == ':' || *s == '#' || *s == '[' || *s == '{')
			return -1;
		s++;
	}
	const char *t = s;
	while (t > q && t[-1] == ' ')
		t--;
	if (t == q || (size_t)(t - q) > YNODE_MAX_SCALAR)
		return -1;
	struct ynode *n = new_node(y, YN_SCALAR, q);
	set_value(y, n, q, (size_t)(t - q), 1);
	y->p = s;
	*out = n;
	return 0;
}

static int flow_node(struct yfast *y, struct ynode **out, int depth)
{
	if (eol(y, y->p))
		return -1;
	char c = *y->p;
	if (c == '"' || c == '\'')
		return quoted(y, out);
	if (c == '[' || c == '{')
		return flow_collection(y, out, depth);
	if (indicator(c))
		return -1;
	return flow_plain(y, out);
}

/* A value on its key's (or dash's) line, which must end after it. */
int yf_inline_value(struct yfast *y, struct ynode **out, int depth)
{
	char c = *y->p;
	int rc;
	if (c == '"' || c == '\'') {
		rc = quoted(y, out);
	} else if (c == '[' || c == '{') {
		rc = flow_collection(y, out, depth);
	} else if (indicator(c)) {
		return -1;
	} else {
		/* a plain scalar: the rest of the line */
		const char *q = y->p, *s = q;
		for (; !eol(y, s); s++) {
			if (*s == ':' && (s + 1 >= y->end || s[1] == ' ' || s[1] == '\n'))
				return -1;
			if (*s == '#' && s[-1] == ' ')
				return -1;
		}
		const char *t = s;
		while (t > q && t[-1] == ' ')
			t--;
		if ((size_t)(t - q) > YNODE_MAX_SCALAR)
			return -1;
		struct ynode *n = new_node(y, YN_SCALAR, q);
		set_value(y, n, q, (size_t)(t - q), 1);
		y->p = s;
		*out = n;
		return 0;
	}
	if (rc < 0)
		return -1;
	y->p = skip_spaces(y, y->p);
	if (!eol(y, y->p)) {
		*out = NULL;
		return -1;
	}
	return 0;
}

