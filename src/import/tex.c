/*
 * tex.c -- see tex.h.
 */
#include "import/tex.h"

#include <ctype.h>
#include <string.h>

#include "core/utf8.h"

/* Accents precomposed where Unicode has the letter, else the base and a combining mark. */
static const struct { char accent, base; const char *utf8; } composed[] = {
	{'\'', 'a', "á"}, {'\'', 'e', "é"}, {'\'', 'i', "í"}, {'\'', 'o', "ó"}, {'\'', 'u', "ú"}, {'\'', 'y', "ý"},
	{'\'', 'A', "Á"}, {'\'', 'E', "É"}, {'\'', 'I', "Í"}, {'\'', 'O', "Ó"}, {'\'', 'U', "Ú"}, {'\'', 'Y', "Ý"},
	{'\'', 'c', "ć"}, {'\'', 'n', "ń"}, {'\'', 's', "ś"}, {'\'', 'z', "ź"}, {'\'', 'C', "Ć"}, {'\'', 'S', "Ś"},
	{'`', 'a', "à"}, {'`', 'e', "è"}, {'`', 'i', "ì"}, {'`', 'o', "ò"}, {'`', 'u', "ù"},
	{'`', 'A', "À"}, {'`', 'E', "È"}, {'`', 'O', "Ò"}, {'`', 'U', "Ù"},
	{'^', 'a', "â"}, {'^', 'e', "ê"}, {'^', 'i', "î"}, {'^', 'o', "ô"}, {'^', 'u', "û"},
	{'^', 'A', "Â"}, {'^', 'E', "Ê"}, {'^', 'I', "Î"}, {'^', 'O', "Ô"}, {'^', 'U', "Û"},
	{'"', 'a', "ä"}, {'"', 'e', "ë"}, {'"', 'i', "ï"}, {'"', 'o', "ö"}, {'"', 'u', "ü"}, {'"', 'y', "ÿ"},
	{'"', 'A', "Ä"}, {'"', 'E', "Ë"}, {'"', 'I', "Ï"}, {'"', 'O', "Ö"}, {'"', 'U', "Ü"},
	{'~', 'a', "ã"}, {'~', 'n', "ñ"}, {'~', 'o', "õ"}, {'~', 'A', "Ã"}, {'~', 'N', "Ñ"}, {'~', 'O', "Õ"},
	{'c', 'c', "ç"}, {'c', 'C', "Ç"}, {'c', 's', "ş"}, {'c', 'S', "Ş"},
	{'v', 'c', "č"}, {'v', 'C', "Č"}, {'v', 's', "š"}, {'v', 'S', "Š"}, {'v', 'z', "ž"}, {'v', 'Z', "Ž"},
	{'v', 'r', "ř"}, {'v', 'R', "Ř"}, {'v', 'e', "ě"}, {'v', 'n', "ň"},
	{'u', 'g', "ğ"}, {'u', 'a', "ă"}, {'H', 'o', "ő"}, {'H', 'u', "ű"}, {'H', 'O', "Ő"}, {'H', 'U', "Ű"},
	{'r', 'a', "å"}, {'r', 'A', "Å"}, {'r', 'u', "ů"}, {'k', 'a', "ą"}, {'k', 'e', "ę"}, {'.', 'z', "ż"},
	{'.', 'Z', "Ż"}, {'=', 'a', "ā"}, {'=', 'e', "ē"}, {'=', 'i', "ī"}, {'=', 'o', "ō"}, {'=', 'u', "ū"},
};
static const struct { char accent; uint32_t mark; } marks[] = {
	{'\'', 0x301}, {'`', 0x300}, {'^', 0x302}, {'"', 0x308}, {'~', 0x303}, {'=', 0x304}, {'.', 0x307},
	{'c', 0x327}, {'v', 0x30C}, {'u', 0x306}, {'H', 0x30B}, {'r', 0x30A}, {'k', 0x328}, {'d', 0x323},
	{'b', 0x331},
};
/* Commands that stand for a letter or a sign. */
static const struct { const char *name, *utf8; } letters[] = {
	{"ss", "ß"}, {"o", "ø"}, {"O", "Ø"}, {"ae", "æ"}, {"AE", "Æ"}, {"oe", "œ"}, {"OE", "Œ"},
	{"aa", "å"}, {"AA", "Å"}, {"l", "ł"}, {"L", "Ł"}, {"i", "ı"}, {"j", "ȷ"}, {"dh", "ð"}, {"th", "þ"},
	{"ldots", "…"}, {"dots", "…"}, {"textendash", "–"}, {"textemdash", "—"}, {"textquoteright", "’"},
	{"textquoteleft", "‘"}, {"S", "§"}, {"P", "¶"}, {"copyright", "©"}, {"LaTeX", "LaTeX"}, {"TeX", "TeX"},
	{"alpha", "α"}, {"beta", "β"}, {"gamma", "γ"}, {"delta", "δ"}, {"epsilon", "ε"}, {"lambda", "λ"},
	{"mu", "μ"}, {"pi", "π"}, {"sigma", "σ"}, {"tau", "τ"}, {"theta", "θ"}, {"infty", "∞"}, {"times", "×"},
};

static int is_accent(char c)
{
	return strchr("'`^\"~=.", c) != NULL && c != '\0';
}

/* After an accent command at *p: the letter it goes on ({e}, e, {\i}, \i); 0 when none. */
static char accent_base(const char **p)
{
	const char *s = *p;
	while (*s == ' ')
		s++;
	int brace = *s == '{';
	s += brace;
	if (s[0] == '\\' && (s[1] == 'i' || s[1] == 'j') && !isalpha((unsigned char)s[2]))
		s++;   /* \i and \j: dotless, the accent supplies the dot's place */
	char base = isalpha((unsigned char)*s) ? *s : 0;
	if (!base)
		return 0;
	s++;
	if (brace && *s == '}')
		s++;
	*p = s;
	return base;
}

static void put_accented(char accent, char base, struct strbuf *out)
{
	for (size_t i = 0; i < DLT_ARRAY_LEN(composed); i++)
		if (composed[i].accent == accent && composed[i].base == base) {
			sb_add(out, composed[i].utf8);
			return;
		}
	sb_addc(out, base);
	for (size_t i = 0; i < DLT_ARRAY_LEN(marks); i++)
		if (marks[i].accent == accent) {
			char buf[8];
			size_t n = utf8_encode(marks[i].mark, buf);
			sb_addf(out, "%.*s", (int)n, buf);
		}
}

/* A command at p (after its backslash); returns where the text goes on. */
static const char *command(const char *p, struct strbuf *out)
{
	if (!*p)
		return p;
	if (!isalpha((unsigned char)*p)) {   /* \& \% \$ \# \_ \{ \} \' \" ... */
		char c = *p++;
		char base;
		if (is_accent(c) && (base = accent_base(&p)) != 0)
			put_accented(c, base, out);
		else if (c == '\\' || c == ' ')
			sb_addc(out, ' ');
		else if (!is_accent(c))
			sb_addc(out, c);
		return p;
	}
	const char *name = p;
	while (isalpha((unsigned char)*p))
		p++;
	size_t n = (size_t)(p - name);
	char base;
	if (n == 1 && strchr("cvuHrkdb", *name) && (*p == '{' || *p == ' ')) {
		const char *q = p;
		if ((base = accent_base(&q)) != 0) {
			put_accented(*name, base, out);
			return q;
		}
	}
	for (size_t i = 0; i < DLT_ARRAY_LEN(letters); i++)
		if (strlen(letters[i].name) == n && strncmp(letters[i].name, name, n) == 0) {
			sb_add(out, letters[i].utf8);
			if (*p == '{' && p[1] == '}')   /* \ss{} */
				p += 2;
			else
				while (*p == ' ')        /* the space that ends a command's name */
					p++;
			return p;
		}
	while (*p == ' ')   /* another command (\emph, \textbf): its argument stays, braces go */
		p++;
	return p;
}

void tex_to_utf8(const char *s, struct strbuf *out)
{
	const char *p = s;
	while (*p) {
		if (*p == '\\') {
			p = command(p + 1, out);
		} else if (*p == '{' || *p == '}' || *p == '$') {
			p++;
		} else if (*p == '~') {
			sb_addc(out, ' ');
			p++;
		} else if (p[0] == '-' && p[1] == '-') {
			int em = p[2] == '-';
			sb_add(out, em ? "—" : "–");
			p += em ? 3 : 2;
		} else if ((p[0] == '`' && p[1] == '`') || (p[0] == '\'' && p[1] == '\'')) {
			sb_add(out, p[0] == '`' ? "“" : "”");
			p += 2;
		} else {
			sb_addc(out, *p++);
		}
	}
}
