/*
 * json.c -- see json.h.
 */
#include "core/json.h"

#include <string.h>

#include "core/utf8.h"

/* True for a code point JSON allows raw that must not reach a terminal raw. */
static int unsafe(uint32_t cp, size_t nbytes)
{
	return cp == 0x7F || (cp >= 0x80 && cp < 0xA0) || utf8_is_bidi_control(cp) ||
	       (cp == UTF8_REPLACEMENT && nbytes == 1);
}

/* Append s[0..len) to sb with the unsafe characters as \uXXXX; with `quote`, also quotes,
 * backslashes and C0 controls (the escaping of a string literal's contents). */
static void escape(struct strbuf *sb, const char *s, size_t len, int quote)
{
	size_t i = 0;
	while (i < len) {
		uint32_t cp;
		size_t n = utf8_decode(s + i, len - i, &cp);
		if (quote && (cp == '"' || cp == '\\'))
			sb_addf(sb, "\\%c", (char)cp);
		else if (quote && cp < 0x20)
			sb_addf(sb, "\\u%04x", (unsigned)cp);
		else if (unsafe(cp, n))
			sb_addf(sb, "\\u%04X", (unsigned)cp);
		else
			sb_addn(sb, s + i, n);
		i += n;
	}
}

void json_quote(struct strbuf *sb, const char *s)
{
	if (!s) {
		sb_add(sb, "null");
		return;
	}
	sb_addc(sb, '"');
	escape(sb, s, strlen(s), 1);
	sb_addc(sb, '"');
}

void json_put_string(FILE *fp, const char *s)
{
	struct strbuf sb = {0};
	json_quote(&sb, s);
	fputs(sb_str(&sb), fp);
	sb_free(&sb);
}

void json_put_text(FILE *fp, const char *json)
{
	struct strbuf sb = {0};
	escape(&sb, json ? json : "null", json ? strlen(json) : 4, 0);
	fputs(sb_str(&sb), fp);
	sb_free(&sb);
}
