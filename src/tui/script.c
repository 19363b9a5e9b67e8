/*
 * script.c -- see script.h.
 */
#include "tui/script.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/utf8.h"
#include "tui/curses.h"
#include "tui/keys.h"

static void script_add(struct script *s, struct event e)
{
	DLT_GROW(s->ev, s->n + 1, s->cap);
	s->ev[s->n++] = e;
}

/* Two whole numbers in [lo, hi] joined by one `sep` and nothing else ("80x24", "3 5").
 * Returns 0 and sets *a and *b, or -1 (never reads past a number's range: no sscanf %d). */
static int two_numbers(const char *text, char sep, long lo, long hi, int *a, int *b)
{
	const char *p = strchr(text, sep);
	if (!p || p - text > 15 || !isdigit((unsigned char)text[0]) || !isdigit((unsigned char)p[1]))
		return -1;
	char first[16];
	memcpy(first, text, (size_t)(p - text));
	first[p - text] = '\0';
	long x, y;
	if (parse_long(first, lo, hi, &x) < 0 || parse_long(p + 1, lo, hi, &y) < 0)
		return -1;
	*a = (int)x;
	*b = (int)y;
	return 0;
}

/* The event of a named token (what stands between < and >): <dump>, <resize WxH>, a mouse
 * event <click|dclick|wheelup|wheeldown X Y>, or a key's name. Returns 0, or -1 (e->bstate
 * set when it was a mouse event with a bad position). */
static int parse_token(const char *tok, struct event *e)
{
	static const struct { const char *name; int bstate; } mouse[] = {
		{"click", BUTTON1_CLICKED}, {"dclick", BUTTON1_DOUBLE_CLICKED},
		{"wheelup", BUTTON4_PRESSED}, {"wheeldown", BUTTON5_PRESSED},
	};
	int a, b;
	if (strcmp(tok, "dump") == 0) {
		e->type = EV_DUMP;
		return 0;
	}
	if (str_starts(tok, "resize")) {
		if (!str_starts(tok, "resize ") || two_numbers(tok + 7, 'x', 1, 1000, &a, &b) < 0)
			return -1;
		e->type = EV_RESIZE, e->x = a, e->y = b;
		return 0;
	}
	size_t word = strcspn(tok, " ");
	for (size_t i = 0; i < DLT_ARRAY_LEN(mouse); i++)
		if (tok[word] == ' ' && strlen(mouse[i].name) == word && strncmp(tok, mouse[i].name, word) == 0) {
			e->bstate = mouse[i].bstate;
			if (two_numbers(tok + word + 1, ' ', 0, 100000, &a, &b) < 0)
				return -1;
			e->type = EV_MOUSE, e->x = a, e->y = b;
			return 0;
		}
	int k = keys_parse_name(tok);
	if (k < 0)
		return -1;
	e->type = EV_KEY, e->key = k;
	return 0;
}

/* Parse a key script: characters are keys; <Name> is a named key (see keys_parse_name),
 * <resize WxH>, <click X Y>, <dclick X Y>, <wheelup X Y>, <wheeldown X Y>, <dump>;
 * whitespace is ignored (type a space as <Space>); '#' starts a comment line.
 * Returns 0, or -1 with a message in err. */
static int script_parse(const char *text, size_t len, struct script *s, struct strbuf *err)
{
	size_t i = 0;
	int line = 1;
	while (i < len) {
		unsigned char c = (unsigned char)text[i];
		if (c == '\n') {
			line++;
			i++;
			if (i < len && text[i] == '#')
				while (i < len && text[i] != '\n')
					i++;
			continue;
		}
		if (i == 0 && c == '#') {
			while (i < len && text[i] != '\n')
				i++;
			continue;
		}
		if (c == ' ' || c == '\t' || c == '\r') {
			i++;
			continue;
		}
		if (c == '<') {
			const char *end = memchr(text + i, '>', len - i);
			if (!end || end - (text + i) > 64) {
				sb_addf(err, "script line %d: '<' without a closing '>' (type < as <Lt>)", line);
				return -1;
			}
			char tok[80];
			snprintf(tok, sizeof tok, "%.*s", (int)(end - text - i - 1), text + i + 1);
			i = (size_t)(end - text) + 1;
			struct event e = {0};
			if (parse_token(tok, &e) < 0) {
				if (str_starts(tok, "resize") || e.bstate)
					sb_addf(err, "script line %d: <%.40s>: %s", line, tok,
						e.bstate ? "the position is X Y, each 0 to 100000"
							 : "the size is WxH, each 1 to 1000");
				else
					sb_addf(err, "script line %d: unknown key <%.40s>", line, tok);
				return -1;
			}
			script_add(s, e);
			continue;
		}
		uint32_t cp;
		i += utf8_decode(text + i, len - i, &cp);
		script_add(s, (struct event){.type = EV_KEY, .key = TUI_CHAR(cp)});
	}
	return 0;
}

int script_read(const char *path, struct script *s, struct strbuf *err)
{
	FILE *fp = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
	if (!fp) {
		sb_addf(err, "%s: %s", path, strerror(errno));
		return -1;
	}
	struct strbuf text = {0};
	char buf[4096];
	size_t n;
	while ((n = fread(buf, 1, sizeof buf, fp)) > 0 && text.len < (8u << 20))
		sb_addn(&text, buf, n);
	int bad = ferror(fp);
	if (fp != stdin)
		fclose(fp);
	if (bad) {
		sb_addf(err, "%s: read error", path);
		sb_free(&text);
		return -1;
	}
	int rc = script_parse(sb_str(&text), text.len, s, err);
	sb_free(&text);
	return rc;
}

void script_free(struct script *s)
{
	free(s->ev);
	memset(s, 0, sizeof *s);
}
