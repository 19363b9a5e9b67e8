/*
 * export_timelinejs.c -- milestones as TimelineJS 3 JSON, the document a teacher publishes
 * with Knight Lab's TimelineJS: a title slide, one slide per milestone (its date, its name as
 * the headline, and as text its summary, how it came in, and its reference with links) in
 * a row per kind, and the eras over those years as TimelineJS eras. Text from the data is
 * HTML-escaped: TimelineJS puts headlines and texts into the page as HTML.
 */
#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli_int.h"
#include "core/json.h"
#include "core/util.h"
#include "model/detail.h"

/* Append s with the characters HTML reads as markup as entities. */
static void html_text(struct strbuf *sb, const char *s)
{
	for (const char *p = s ? s : ""; *p; p++) {
		switch (*p) {
		case '&':
			sb_add(sb, "&amp;");
			break;
		case '<':
			sb_add(sb, "&lt;");
			break;
		case '>':
			sb_add(sb, "&gt;");
			break;
		case '"':
			sb_add(sb, "&quot;");
			break;
		case '\'':
			sb_add(sb, "&#39;");
			break;
		default:
			sb_addc(sb, *p);
		}
	}
}

/* Append <a href="url">text</a>. */
static void html_link(struct strbuf *sb, const char *text, const char *url)
{
	sb_add(sb, "<a href=\"");
	html_text(sb, url);
	sb_add(sb, "\">");
	html_text(sb, text);
	sb_add(sb, "</a>");
}

/* The reference of m in HTML: "Authors (year). <i>Title</i>. Venue. links". */
static void html_reference(struct strbuf *sb, const struct dlt_milestone *m)
{
	for (size_t i = 0; i < m->nauthors; i++) {
		if (i)
			sb_add(sb, i + 1 == m->nauthors && m->author_count <= (int)m->nauthors ? " and " : ", ");
		html_text(sb, m->authors[i]);
	}
	if (m->nauthors && m->author_count > (int)m->nauthors)
		sb_add(sb, " et al.");
	if (!m->nauthors)
		html_text(sb, m->organization);
	sb_addf(sb, "%s(%d). <i>", sb->len ? " " : "", m->row.year);
	html_text(sb, m->paper_title && *m->paper_title ? m->paper_title : m->row.title);
	sb_add(sb, "</i>.");
	if (m->venue && *m->venue) {
		sb_addc(sb, ' ');
		html_text(sb, m->venue);
		sb_addc(sb, '.');
	}
	struct strbuf text = {0}, url = {0};
	if (m->arxiv) {
		sb_addf(&text, "arXiv:%s", m->arxiv);
		sb_addf(&url, "https://arxiv.org/abs/%s", m->arxiv);
		sb_addc(sb, ' ');
		html_link(sb, sb_str(&text), sb_str(&url));
	}
	if (m->doi) {
		sb_reset(&text);
		sb_reset(&url);
		sb_addf(&text, "doi:%s", m->doi);
		sb_addf(&url, "https://doi.org/%s", m->doi);
		sb_addc(sb, ' ');
		html_link(sb, sb_str(&text), sb_str(&url));
	}
	sb_reset(&url);
	if (m->arxiv)
		sb_addf(&url, "https://arxiv.org/abs/%s", m->arxiv);
	if (m->url && strcmp(m->url, sb_str(&url)) != 0 &&
	    !(m->doi && str_starts(m->url, "https://doi.org/") && strcmp(m->url + 16, m->doi) == 0)) {
		sb_addc(sb, ' ');   /* the address, unless it is the arXiv or DOI page */
		html_link(sb, m->url, m->url);
	}
	sb_free(&text);
	sb_free(&url);
}

/* One slide: {"unique_id", "start_date", "group", "text": {"headline", "text"}}. */
static void event_json(const struct dlt_milestone *m, const char *context, struct strbuf *sb)
{
	struct strbuf html = {0};
	sb_add(sb, "{\"unique_id\": ");
	json_quote(sb, m->row.slug);
	sb_addf(sb, ", \"start_date\": {\"year\": %d", m->row.year);
	if (m->row.month >= 1 && m->row.month <= 12)
		sb_addf(sb, ", \"month\": %d", m->row.month);
	sb_add(sb, "}, \"group\": ");
	json_quote(sb, m->row.kind);
	sb_add(sb, ",\n  \"text\": {\"headline\": ");
	html_text(&html, dlt_row_name(&m->row));
	json_quote(sb, sb_str(&html));
	sb_reset(&html);
	sb_add(&html, "<p>");
	html_text(&html, m->summary ? m->summary : m->row.title);
	sb_add(&html, "</p>");
	if (context) {
		sb_add(&html, "<p>");
		html_text(&html, context);
		sb_add(&html, "</p>");
	}
	sb_add(&html, "<p>");
	html_reference(&html, m);
	sb_add(&html, "</p>");
	sb_add(sb, ", \"text\": ");
	json_quote(sb, sb_str(&html));
	sb_add(sb, "}}");
	sb_free(&html);
}

/* The eras that overlap years first..last, an open one ending at last. */
static void eras_json(const struct cli *c, int first, int last, struct strbuf *sb)
{
	int k = 0;
	struct strbuf html = {0};
	sb_add(sb, "\"eras\": [");
	for (size_t i = 0; i < c->neras; i++) {
		const struct dlt_period *e = &c->eras[i];
		if (e->start > last || (e->end && e->end < first))
			continue;
		sb_addf(sb, "%s\n{\"start_date\": {\"year\": %d}, \"end_date\": {\"year\": %d}, ", k++ ? "," : "", e->start,
			e->end ? e->end : last);
		sb_add(sb, "\"text\": {\"headline\": ");
		sb_reset(&html);
		html_text(&html, e->name);
		json_quote(sb, sb_str(&html));
		sb_add(sb, "}}");
	}
	sb_add(sb, k ? "\n]" : "]");
	sb_free(&html);
}

/* An event and its place in the caller's list. */
struct placed {
	struct tljs_event ev;
	size_t order;
};

/* Order of events: by milestone, then as given (the first of a milestone is kept). */
static int by_milestone(const void *a, const void *b)
{
	const struct placed *x = a, *y = b;
	if (x->ev.id != y->ev.id)
		return (x->ev.id > y->ev.id) - (x->ev.id < y->ev.id);
	return (x->order > y->order) - (x->order < y->order);
}

/* The title slide: the title, and how many milestones from which years. */
static void title_json(const char *title, size_t n, int first, int last, struct strbuf *sb)
{
	struct strbuf html = {0};
	sb_add(sb, "{\"title\": {\"text\": {\"headline\": ");
	html_text(&html, title);
	json_quote(sb, sb_str(&html));
	sb_reset(&html);
	if (first == last)
		sb_addf(&html, "<p>%zu milestone%s, %d.</p>", n, n == 1 ? "" : "s", first);
	else
		sb_addf(&html, "<p>%zu milestones, %d–%d.</p>", n, first, last);
	sb_add(sb, ", \"text\": ");
	json_quote(sb, sb_str(&html));
	sb_add(sb, "}},\n\"events\": [");
	sb_free(&html);
}

int export_timelinejs(struct cli *c, const char *title, const struct tljs_event *ev, size_t n)
{
	assert(c && title && (ev || !n));
	struct placed *v = xmalloc((n ? n : 1) * sizeof *v);
	for (size_t i = 0; i < n; i++)
		v[i] = (struct placed){ev[i], i};
	qsort(v, n, sizeof *v, by_milestone);
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		if (!k || v[k - 1].ev.id != v[i].ev.id)
			v[k++] = v[i];
	struct dlt_row first = {0}, last = {0};
	int rc = 0;
	if (k && (dlt_row_load(c->db, v[0].ev.id, &first) < 0 || dlt_row_load(c->db, v[k - 1].ev.id, &last) < 0))
		rc = -1;
	struct strbuf sb = {0};
	title_json(title, k, first.year, last.year, &sb);
	fputs(sb_str(&sb), stdout);
	for (size_t i = 0; i < k && rc == 0; i++) {
		struct dlt_milestone m;
		if (dlt_milestone_load(c->db, v[i].ev.id, &m) < 0) {
			rc = -1;
			break;
		}
		sb_reset(&sb);
		sb_add(&sb, i ? ",\n" : "\n");
		event_json(&m, v[i].ev.context, &sb);
		fputs(sb_str(&sb), stdout);
		dlt_milestone_clear(&m);
		out_check();
	}
	sb_reset(&sb);
	sb_add(&sb, k ? "\n],\n" : "],\n");
	eras_json(c, first.year, last.year, &sb);
	sb_add(&sb, "}\n");
	fputs(sb_str(&sb), stdout);
	sb_free(&sb);
	dlt_row_clear(&first);
	dlt_row_clear(&last);
	free(v);
	return rc;
}
