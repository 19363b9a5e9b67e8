/*
 * markdown.c -- see markdown.h.
 */
#include "model/markdown.h"

#include <assert.h>
#include <string.h>

void dlt_md_text(struct strbuf *sb, const char *s)
{
	assert(sb);
	int space = 0;
	for (const char *p = s ? s : ""; *p; p++) {
		if (*p == '\n' || *p == '\t' || *p == ' ') {
			space = 1;
			continue;
		}
		if (space && sb->len)
			sb_addc(sb, ' ');
		space = 0;
		if (strchr("\\`*_[]<>", *p))
			sb_addc(sb, '\\');
		sb_addc(sb, *p);
	}
}

/* Append "[text](url)" with the url's spaces, parentheses and angle brackets
 * percent-encoded. */
static void md_link(struct strbuf *sb, const char *text, const char *url)
{
	sb_addc(sb, '[');
	dlt_md_text(sb, text);
	sb_add(sb, "](");
	for (const char *p = url; *p; p++) {
		if (strchr(" ()<>\n", *p))
			sb_addf(sb, "%%%02X", (unsigned char)*p);
		else
			sb_addc(sb, *p);
	}
	sb_addc(sb, ')');
}

/* End what sb holds with a period, unless it ends in one (or in '?' or '!'). */
static void sentence_end(struct strbuf *sb)
{
	if (sb->len && !strchr(".?!", sb->buf[sb->len - 1]))
		sb_addc(sb, '.');
}

void dlt_md_reference(struct strbuf *sb, const struct dlt_milestone *m)
{
	assert(sb && m);
	int who = m->nauthors || (m->organization && *m->organization);
	for (size_t i = 0; i < m->nauthors; i++) {
		if (i)
			sb_add(sb, i + 1 == m->nauthors && m->author_count <= (int)m->nauthors ? " and " : ", ");
		dlt_md_text(sb, m->authors[i]);
	}
	if (m->nauthors && m->author_count > (int)m->nauthors)
		sb_add(sb, " et al.");
	if (!m->nauthors && who)
		dlt_md_text(sb, m->organization);
	const char *title = m->paper_title && *m->paper_title ? m->paper_title : m->row.title;
	if (who) {
		sb_addf(sb, " (%d). *", m->row.year);
		dlt_md_text(sb, title);
		sb_addc(sb, '*');
		if (!strchr(".?!", title[strlen(title) - 1]))
			sb_addc(sb, '.');
	} else {
		sb_addc(sb, '*');
		dlt_md_text(sb, title);
		sb_addf(sb, "* (%d).", m->row.year);
	}
	if (m->venue && *m->venue) {
		sb_addc(sb, ' ');
		dlt_md_text(sb, m->venue);
		sentence_end(sb);
	}
	struct strbuf url = {0};
	if (m->arxiv) {
		struct strbuf text = {0};
		sb_addf(&text, "arXiv:%s", m->arxiv);
		sb_addf(&url, "https://arxiv.org/abs/%s", m->arxiv);
		sb_addc(sb, ' ');
		md_link(sb, sb_str(&text), sb_str(&url));
		sb_free(&text);
	}
	if (m->doi) {
		struct strbuf text = {0}, link = {0};
		sb_addf(&text, "doi:%s", m->doi);
		sb_addf(&link, "https://doi.org/%s", m->doi);
		sb_addc(sb, ' ');
		md_link(sb, sb_str(&text), sb_str(&link));
		sb_free(&text);
		sb_free(&link);
	}
	if (m->url && strcmp(m->url, sb_str(&url)) != 0 &&
	    !(m->doi && str_starts(m->url, "https://doi.org/") && strcmp(m->url + 16, m->doi) == 0)) {
		sb_addc(sb, ' ');
		md_link(sb, m->url, m->url);
	}
	sb_free(&url);
}
