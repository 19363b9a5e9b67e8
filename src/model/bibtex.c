/*
 * bibtex.c -- see bibtex.h.
 */
#include "model/bibtex.h"

#include <assert.h>
#include <string.h>

/* Append one character of text, escaped for BibTeX and LaTeX. */
static void escape_char(char ch, struct strbuf *out)
{
	switch (ch) {
	case '{':
		sb_add(out, "\\textbraceleft{}");
		break;
	case '}':
		sb_add(out, "\\textbraceright{}");
		break;
	case '\\':
		sb_add(out, "\\textbackslash{}");
		break;
	case '~':
		sb_add(out, "\\textasciitilde{}");
		break;
	case '^':
		sb_add(out, "\\textasciicircum{}");
		break;
	case '%':
	case '&':
	case '#':
	case '_':
	case '$':
		sb_addc(out, '\\');
		sb_addc(out, ch);
		break;
	default:
		sb_addc(out, ch);
	}
}

/* Characters of a word that capitals are judged in: letters, digits, '-', '/', '+', '\''
 * and every byte of a multibyte UTF-8 character. */
static int word_char(char ch)
{
	unsigned char u = (unsigned char)ch;
	return (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || (u >= '0' && u <= '9') || u >= 0x80 ||
	       ch == '-' || ch == '/' || ch == '+' || ch == '\'';
}

/* True at an en or em dash (U+2013, U+2014), which separates words like a space. */
static int is_dash(const char *p)
{
	return p[0] == '\xE2' && p[1] == '\x80' && (p[2] == '\x93' || p[2] == '\x94');
}

/* The length of the word at p: its word characters, up to a dash. */
static size_t word_len(const char *p)
{
	size_t n = 0;
	while (word_char(p[n]) && !is_dash(p + n))
		n++;
	return n;
}

static int upper(char ch)
{
	return ch >= 'A' && ch <= 'Z';
}

/* True when a style must not lower-case w[0..n): a part of it (between '-' and '/') has a
 * capital after its first character ("ImageNet", "BERT", "3D"), or is one capital other than
 * "A" ("Q-learning"). */
static int needs_braces(const char *w, size_t n)
{
	size_t i = 0;
	while (i < n) {
		size_t j = i;
		while (j < n && w[j] != '-' && w[j] != '/')
			j++;
		if (j - i == 1 && upper(w[i]) && w[i] != 'A')
			return 1;
		for (size_t k = i + 1; k < j; k++)
			if (upper(w[k]))
				return 1;
		i = j + 1;
	}
	return 0;
}

void dlt_bibtex_text(const char *s, int protect, struct strbuf *out)
{
	assert(out);
	const char *p = s ? s : "";
	while (*p == ' ' || *p == '\n' || *p == '\t')
		p++;
	while (*p) {
		if (*p == ' ' || *p == '\n' || *p == '\t') {
			while (*p == ' ' || *p == '\n' || *p == '\t')
				p++;
			if (*p)
				sb_addc(out, ' ');
			continue;
		}
		size_t n = word_len(p);
		if (is_dash(p)) {
			sb_addn(out, p, 3);
			p += 3;
			continue;
		}
		if (!n) {
			escape_char(*p++, out);
			continue;
		}
		int braces = protect && needs_braces(p, n);
		if (braces)
			sb_addc(out, '{');
		sb_addn(out, p, n);   /* word characters need no escaping */
		if (braces)
			sb_addc(out, '}');
		p += n;
	}
}

/* "  name         = {", the value's start. */
static void field_start(struct strbuf *out, const char *name)
{
	sb_addf(out, "  %-12s = {", name);
}

static void field_text(struct strbuf *out, const char *name, const char *value, int protect)
{
	if (!value || !*value)
		return;
	field_start(out, name);
	dlt_bibtex_text(value, protect, out);
	sb_add(out, "},\n");
}

/* A verbatim field (url, doi, eprint): as it is, but braces, backslashes and spaces
 * percent-encoded, so that it cannot unbalance the entry. */
static void field_verbatim(struct strbuf *out, const char *name, const char *value)
{
	if (!value || !*value)
		return;
	field_start(out, name);
	for (const char *p = value; *p; p++) {
		if (*p == '{' || *p == '}' || *p == '\\' || *p == ' ' || *p == '\n')
			sb_addf(out, "%%%02X", (unsigned char)*p);
		else
			sb_addc(out, *p);
	}
	sb_add(out, "},\n");
}

/* One name: "Family, Given", "Family, Suffix, Given", "Family", or "{Organization}". */
static void name(const struct dlt_name *n, struct strbuf *out)
{
	if (n->corporate) {
		sb_addc(out, '{');
		dlt_bibtex_text(n->family, 0, out);
		sb_addc(out, '}');
		return;
	}
	dlt_bibtex_text(n->family, 0, out);
	if (n->suffix) {
		sb_add(out, ", ");
		dlt_bibtex_text(n->suffix, 0, out);
	}
	if (n->given) {
		sb_add(out, ", ");
		dlt_bibtex_text(n->given, 0, out);
	}
}

static void field_names(struct strbuf *out, const char *field, const struct dlt_name *v, size_t n, int more)
{
	if (!n)
		return;
	field_start(out, field);
	for (size_t i = 0; i < n; i++) {
		if (i)
			sb_add(out, " and ");
		name(&v[i], out);
	}
	if (more)
		sb_add(out, " and others");
	sb_add(out, "},\n");
}

static const char *entry_type(enum dlt_cite_type t)
{
	static const char *const names[] = {
		[DLT_CITE_ARTICLE] = "article", [DLT_CITE_PROCEEDINGS] = "inproceedings", [DLT_CITE_BOOK] = "book",
		[DLT_CITE_CHAPTER] = "incollection", [DLT_CITE_INBOOK] = "inbook", [DLT_CITE_PHDTHESIS] = "phdthesis",
		[DLT_CITE_MASTERSTHESIS] = "mastersthesis", [DLT_CITE_REPORT] = "techreport",
		[DLT_CITE_PREPRINT] = "misc", [DLT_CITE_MISC] = "misc",
	};
	assert(t >= DLT_CITE_ARTICLE && t <= DLT_CITE_MISC);
	return names[t];
}

/* The fields from the venue, for its type. */
static void venue_fields(const struct dlt_cite *c, struct strbuf *out)
{
	int thesis = c->type == DLT_CITE_PHDTHESIS || c->type == DLT_CITE_MASTERSTHESIS;
	field_text(out, c->type == DLT_CITE_ARTICLE ? "journal" : "booktitle", c->container, 0);
	field_text(out, "publisher", c->publisher, 0);
	field_text(out, thesis ? "school" : "institution", c->institution, 0);
	field_text(out, "volume", c->volume, 0);
	field_text(out, "number", c->number, 0);
}

void dlt_bibtex_entry(const struct dlt_cite *c, const char *key, struct strbuf *out)
{
	static const char *const months[] = {"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep",
		"oct", "nov", "dec"};
	assert(c && c->m && key && *key && out);
	const struct dlt_milestone *m = c->m;
	sb_addf(out, "@%s{%s,\n", entry_type(c->type), key);
	field_names(out, "author", c->authors, c->nauthors, c->more_authors);
	field_names(out, "editor", c->editors, c->neditors, 0);
	field_text(out, "title", c->title, 1);
	venue_fields(c, out);
	sb_addf(out, "  %-12s = {%d},\n", "year", m->row.year);
	if (m->row.month >= 1 && m->row.month <= 12)
		sb_addf(out, "  %-12s = %s,\n", "month", months[m->row.month - 1]);
	field_text(out, "howpublished", c->howpublished, 0);
	if (c->type == DLT_CITE_MISC && m->nauthors)
		field_text(out, "organization", m->organization, 0);
	field_text(out, "type", c->kind_label, 0);
	if (m->arxiv && *m->arxiv) {
		field_verbatim(out, "eprint", m->arxiv);
		field_text(out, "eprinttype", "arxiv", 0);
	}
	field_verbatim(out, "doi", m->doi);
	field_verbatim(out, "url", m->url);
	if (m->ntags) {
		struct strbuf kw = {0};
		for (size_t i = 0; i < m->ntags; i++)
			sb_addf(&kw, "%s%s", i ? ", " : "", m->tags[i].slug);
		field_text(out, "keywords", sb_str(&kw), 0);
		sb_free(&kw);
	}
	field_text(out, "note", c->remark, 0);
	field_text(out, "annote", m->summary, 0);
	sb_add(out, "}\n");
}
