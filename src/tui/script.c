/*
 * script.c -- see script.h.
 */
#include "tui/script.h"

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
			char word[16];
			int a, b;
			if (strcmp(tok, "dump") == 0) {
				e.type = EV_DUMP;
			} else if (sscanf(tok, "resize %dx%d", &a, &b) == 2 && a >= 1 && b >= 1 && a <= 1000 && b <= 1000) {
				e.type = EV_RESIZE, e.x = a, e.y = b;
			} else if (sscanf(tok, "%15s %d %d", word, &a, &b) == 3 && a >= 0 && b >= 0) {
				e.type = EV_MOUSE, e.x = a, e.y = b;
				if (strcmp(word, "click") == 0)
					e.bstate = BUTTON1_CLICKED;
				else if (strcmp(word, "dclick") == 0)
					e.bstate = BUTTON1_DOUBLE_CLICKED;
				else if (strcmp(word, "wheelup") == 0)
					e.bstate = BUTTON4_PRESSED;
				else if (strcmp(word, "wheeldown") == 0)
					e.bstate = BUTTON5_PRESSED;
				else
					e.bstate = 0;
				if (!e.bstate) {
					sb_addf(err, "script line %d: unknown mouse event <%s>", line, tok);
					return -1;
				}
			} else {
				int k = keys_parse_name(tok);
				if (k < 0) {
					sb_addf(err, "script line %d: unknown key <%.40s>", line, tok);
					return -1;
				}
				e.type = EV_KEY, e.key = k;
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
