/*
 * csl.c -- see csl.h.
 */
#include "model/csl.h"

#include <assert.h>
#include <string.h>

#include "core/json.h"
#include "core/vocab.h"

/* A CSL-JSON object being written: the indentation of its fields, and whether one was. */
struct item {
	struct strbuf *out;
	int indent;
	int fields;
};

/* Start a field: the comma after the previous one, the indentation, the key. */
static void key(struct item *it, const char *name)
{
	sb_addf(it->out, "%s\n%*s\"%s\": ", it->fields++ ? "," : "", it->indent + 2, "", name);
}

static void text(struct item *it, const char *name, const char *value)
{
	if (!value || !*value)
		return;
	key(it, name);
	json_quote(it->out, value);
}

static void names(struct item *it, const char *field, const struct dlt_name *v, size_t n)
{
	if (!n)
		return;
	key(it, field);
	sb_addc(it->out, '[');
	for (size_t i = 0; i < n; i++) {
		sb_add(it->out, i ? ", {" : "{");
		if (v[i].corporate || !v[i].given) {
			sb_add(it->out, v[i].corporate ? "\"literal\": " : "\"family\": ");
			json_quote(it->out, v[i].family);
		} else {
			sb_add(it->out, "\"family\": ");
			json_quote(it->out, v[i].family);
			sb_add(it->out, ", \"given\": ");
			json_quote(it->out, v[i].given);
		}
		if (v[i].suffix) {
			sb_add(it->out, ", \"suffix\": ");
			json_quote(it->out, v[i].suffix);
		}
		sb_addc(it->out, '}');
	}
	sb_addc(it->out, ']');
}

/* The CSL type of a reference. */
static const char *item_type(const struct dlt_cite *c)
{
	switch (c->type) {
	case DLT_CITE_ARTICLE:
		return "article-journal";
	case DLT_CITE_PROCEEDINGS:
		return "paper-conference";
	case DLT_CITE_BOOK:
		return "book";
	case DLT_CITE_CHAPTER:
	case DLT_CITE_INBOOK:
		return "chapter";
	case DLT_CITE_PHDTHESIS:
	case DLT_CITE_MASTERSTHESIS:
		return "thesis";
	case DLT_CITE_REPORT:
		return "report";
	case DLT_CITE_PREPRINT:
		return "article";
	default:
		break;
	}
	switch (dlt_venue_type_parse(c->m->venue_type)) {
	case DLT_VENUE_LECTURE:
		return "speech";
	case DLT_VENUE_WEB:
		return "webpage";
	default:
		break;
	}
	switch (dlt_kind_parse(c->m->row.kind)) {
	case DLT_KIND_MODEL:
	case DLT_KIND_SYSTEM:
	case DLT_KIND_PRODUCT:
	case DLT_KIND_FRAMEWORK:
		return "software";
	case DLT_KIND_DATASET:
		return "dataset";
	case DLT_KIND_EVENT:
	case DLT_KIND_COMPETITION:
		return "event";
	case DLT_KIND_PAPER:
		return c->m->arxiv ? "article" : "manuscript";
	default:
		return "document";
	}
}

/* The note: the venue's remarks, how it was published (misc), the arXiv id of a paper that
 * is not a preprint, and how many authors a cut-short list leaves out. */
static void note(struct item *it, const struct dlt_cite *c)
{
	const struct dlt_milestone *m = c->m;
	struct strbuf sb = {0};
	if (c->remark)
		sb_add(&sb, c->remark);
	if (c->type == DLT_CITE_MISC && c->howpublished)
		sb_addf(&sb, "%s%s", sb.len ? ". " : "", c->howpublished);
	if (m->arxiv && c->type != DLT_CITE_PREPRINT)
		sb_addf(&sb, "%sarXiv:%s", sb.len ? ". " : "", m->arxiv);
	if (c->more_authors)
		sb_addf(&sb, "%sThe first %zu of %d authors", sb.len ? ". " : "", m->nauthors, m->author_count);
	text(it, "note", sb_str(&sb));
	sb_free(&sb);
}

void dlt_csl_item(const struct dlt_cite *c, const char *id, int indent, struct strbuf *out)
{
	assert(c && c->m && id && out && indent >= 0);
	const struct dlt_milestone *m = c->m;
	struct item it = {out, indent, 0};
	sb_addf(out, "%*s{", indent, "");
	text(&it, "id", id);
	text(&it, "type", item_type(c));
	text(&it, "title", c->title);
	names(&it, "author", c->authors, c->nauthors);
	names(&it, "editor", c->editors, c->neditors);
	key(&it, "issued");
	if (m->row.month >= 1 && m->row.month <= 12)
		sb_addf(out, "{\"date-parts\": [[%d, %d]]}", m->row.year, m->row.month);
	else
		sb_addf(out, "{\"date-parts\": [[%d]]}", m->row.year);
	text(&it, "container-title", c->container);
	text(&it, "publisher", c->type == DLT_CITE_PREPRINT && m->arxiv ? "arXiv"
			       : c->institution ? c->institution : c->publisher);
	text(&it, "volume", c->volume);
	text(&it, "issue", c->number);
	text(&it, "genre", c->type == DLT_CITE_PHDTHESIS	 ? "PhD thesis"
			   : c->type == DLT_CITE_MASTERSTHESIS ? "Master's thesis"
							       : c->kind_label);
	if (c->type == DLT_CITE_PREPRINT && m->arxiv) {
		struct strbuf num = {0};
		sb_addf(&num, "arXiv:%s", m->arxiv);
		text(&it, "number", sb_str(&num));
		sb_free(&num);
	}
	text(&it, "DOI", m->doi);
	if (m->url) {
		text(&it, "URL", m->url);
	} else if (m->arxiv) {
		struct strbuf url = {0};
		sb_addf(&url, "https://arxiv.org/abs/%s", m->arxiv);
		text(&it, "URL", sb_str(&url));
		sb_free(&url);
	}
	if (m->ntags) {
		struct strbuf kw = {0};
		for (size_t i = 0; i < m->ntags; i++)
			sb_addf(&kw, "%s%s", i ? ", " : "", m->tags[i].slug);
		text(&it, "keyword", sb_str(&kw));
		sb_free(&kw);
	}
	note(&it, c);
	text(&it, "annote", m->summary);
	sb_addf(out, "\n%*s}", indent, "");
}
