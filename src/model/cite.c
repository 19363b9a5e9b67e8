/*
 * cite.c -- see cite.h: the entry type, the venue read as a container, names split.
 * Keys are in citekey.c.
 */
#include "model/cite.h"

#include <assert.h>
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/vocab.h"

/* ---- small text helpers ------------------------------------------------------------------------- */

/* s[0..n) without the spaces, commas and semicolons around it, as a new string; NULL when
 * nothing is left. */
static char *trimmed(const char *s, size_t n)
{
	while (n && (*s == ' ' || *s == ',' || *s == ';')) {
		s++;
		n--;
	}
	while (n && (s[n - 1] == ' ' || s[n - 1] == ',' || s[n - 1] == ';'))
		n--;
	return n ? xstrndup(s, n) : NULL;
}

/* True when s[0..n) is a year: four digits. */
static int is_year(const char *s, size_t n)
{
	if (n != 4)
		return 0;
	for (size_t i = 0; i < 4; i++)
		if (!isdigit((unsigned char)s[i]))
			return 0;
	return 1;
}

/* The length of s[0..n) without a final word w (after a space or comma), or n. */
static size_t drop_final_word(const char *s, size_t n, int (*w)(const char *, size_t))
{
	size_t start = n;
	while (start && s[start - 1] != ' ' && s[start - 1] != ',')
		start--;
	if (start == n || !w(s + start, n - start))
		return n;
	while (start && (s[start - 1] == ' ' || s[start - 1] == ','))
		start--;
	return start;
}

static int is_month(const char *s, size_t n)
{
	static const char *const months[] = {"January", "February", "March", "April", "May", "June", "July",
		"August", "September", "October", "November", "December"};
	for (size_t i = 0; i < DLT_ARRAY_LEN(months); i++)
		if (strlen(months[i]) == n && strncmp(months[i], s, n) == 0)
			return 1;
	return 0;
}

/* Append a remark to *remark, joined by "; ". */
static void add_remark(char **remark, const char *s, size_t n)
{
	char *t = trimmed(s, n);
	if (!t)
		return;
	if (!*remark) {
		*remark = t;
		return;
	}
	struct strbuf sb = {0};
	sb_addf(&sb, "%s; %s", *remark, t);
	free(*remark);
	free(t);
	*remark = sb_detach(&sb);
}

/* ---- the venue ------------------------------------------------------------------------------------ */

/* The venue without its final year (and a month before it), remarks moved to *remark:
 * a final parenthesis that is not a year, and what follows "; ". Returns the length of what
 * is left of v. */
static size_t venue_head(const char *v, char **remark)
{
	size_t n = strlen(v);
	const char *semi = strstr(v, "; ");
	if (semi) {
		add_remark(remark, semi + 2, n - (size_t)(semi + 2 - v));
		n = (size_t)(semi - v);
	}
	while (n && v[n - 1] == ' ')
		n--;
	if (n && v[n - 1] == ')') {   /* a final parenthesis: its opening one, at depth 0 */
		size_t open = n - 1;
		int depth = 0;
		while (open > 0) {
			open--;
			if (v[open] == ')')
				depth++;
			else if (v[open] == '(' && depth-- == 0)
				break;
		}
		if (v[open] == '(' && open > 0 && v[open - 1] == ' ') {
			if (!is_year(v + open + 1, n - open - 2))
				add_remark(remark, v + open + 1, n - open - 2);
			n = open;
		}
	}
	while (n && (v[n - 1] == ' ' || v[n - 1] == ','))
		n--;
	n = drop_final_word(v, n, is_year);
	return drop_final_word(v, n, is_month);
}

/* A journal's final volume ("Nature 538") or volume(number) ("... 2(1)") into the reference;
 * returns the length of the journal's name. */
static size_t journal_volume(struct dlt_cite *c, const char *v, size_t n)
{
	size_t end = n, num_open = 0;
	if (end && v[end - 1] == ')') {
		size_t k = end - 1;
		while (k && isdigit((unsigned char)v[k - 1]))
			k--;
		if (k == end - 1 || !k || v[k - 1] != '(')
			return n;
		num_open = k - 1;
		end = num_open;
	}
	size_t start = end;
	while (start && isdigit((unsigned char)v[start - 1]))
		start--;
	if (start == end || end - start > 4 || !start || v[start - 1] != ' ')
		return n;
	c->volume = xstrndup(v + start, end - start);
	if (num_open)
		c->number = xstrndup(v + num_open + 1, n - num_open - 2);
	return start - 1;
}

/* A chapter's "BOOK (EDITORS, eds.), PUBLISHER": the editors and the publisher, and the
 * length of the book's title; n when the venue does not name editors. */
static size_t chapter_editors(struct dlt_cite *c, const char *v, size_t n)
{
	const char *open = memchr(v, '(', n);
	const char *close = open ? memchr(open, ')', n - (size_t)(open - v)) : NULL;
	if (!close)
		return n;
	static const char *const marks[] = {", eds.)", ", ed.)"};
	size_t inner = (size_t)(close + 1 - open), mark = 0;
	for (size_t i = 0; i < DLT_ARRAY_LEN(marks) && !mark; i++) {
		size_t k = strlen(marks[i]);
		if (inner > k && strncmp(close + 1 - k, marks[i], k) == 0)
			mark = k;
	}
	if (!mark)
		return n;
	char *names = xstrndup(open + 1, inner - mark - 1);
	/* "Dale and Michie", "A. Smith, B. Jones and C. Brown" */
	size_t cap = 0;
	for (char *p = names, *next; p; p = next) {
		char *and = strstr(p, " and "), *comma = strstr(p, ", ");
		char *cut = and && (!comma || and < comma) ? and : comma;
		next = cut ? cut + (cut == and ? 5 : 2) : NULL;
		if (cut)
			*cut = '\0';
		char *one = trimmed(p, strlen(p));
		if (one) {
			DLT_GROW(c->editors, c->neditors + 1, cap);
			dlt_name_split(one, &c->editors[c->neditors++]);
			free(one);
		}
	}
	free(names);
	c->publisher = trimmed(close + 1, n - (size_t)(close + 1 - v));
	return (size_t)(open - v);
}

/* Fill the container and the other fields the venue gives for the type chosen so far. */
static void read_venue(struct dlt_cite *c, const char *venue)
{
	size_t n = venue_head(venue, &c->remark);
	switch (c->type) {
	case DLT_CITE_ARTICLE:
		n = journal_volume(c, venue, n);
		c->container = trimmed(venue, n);
		break;
	case DLT_CITE_PROCEEDINGS:
		c->container = trimmed(venue, n);
		break;
	case DLT_CITE_BOOK: {
		const char *mark = strstr(venue, "(book)");
		if (mark && (size_t)(mark - venue) < n)
			c->publisher = trimmed(mark + 6, n - (size_t)(mark + 6 - venue));
		else
			c->publisher = trimmed(venue, n);
		break;
	}
	case DLT_CITE_CHAPTER:
		n = chapter_editors(c, venue, n);
		c->container = trimmed(venue, n);
		break;
	case DLT_CITE_PHDTHESIS:
	case DLT_CITE_MASTERSTHESIS: {
		/* "PhD thesis, University of Toronto 1995" */
		const char *comma = strstr(venue, ", ");
		const char *thesis = strstr(venue, "thesis");
		const char *from = venue;
		if (comma && thesis && thesis < comma && (size_t)(comma - venue) < n)
			from = comma + 2;
		c->institution = trimmed(from, n - (size_t)(from - venue));
		break;
	}
	case DLT_CITE_REPORT:
		c->institution = trimmed(venue, n);
		break;
	case DLT_CITE_PREPRINT:
		c->howpublished = trimmed(venue, n);
		break;
	default:
		c->howpublished = xstrdup(venue);
		break;
	}
}

/* ---- names ---------------------------------------------------------------------------------------- */

static int is_particle(const char *w, size_t n)
{
	static const char *const particles[] = {"van", "von", "der", "den", "de", "del", "della", "di", "da",
		"du", "dos", "das", "do", "la", "le", "las", "los", "ter", "ten", "zu", "bin", "al"};
	for (size_t i = 0; i < DLT_ARRAY_LEN(particles); i++)
		if (strlen(particles[i]) == n && strncasecmp(particles[i], w, n) == 0)
			return 1;
	return 0;
}

static int is_suffix(const char *w, size_t n)
{
	static const char *const suffixes[] = {"Jr.", "Jr", "Sr.", "Sr", "II", "III", "IV"};
	for (size_t i = 0; i < DLT_ARRAY_LEN(suffixes); i++)
		if (strlen(suffixes[i]) == n && strncmp(suffixes[i], w, n) == 0)
			return 1;
	return 0;
}

void dlt_name_split(const char *s, struct dlt_name *out)
{
	assert(s && out);
	memset(out, 0, sizeof *out);
	size_t len = strlen(s);
	char *whole = trimmed(s, len);
	if (!whole)
		whole = xstrdup("");
	if (strchr(whole, ',') || strchr(whole, '&') || strstr(whole, " and ") || !strchr(whole, ' ')) {
		out->family = whole;
		out->corporate = strchr(whole, ' ') != NULL;
		return;
	}
	/* words: [0, nw) at starts[i], lengths lens[i] */
	size_t nw = 0, cap = 0, *starts = NULL, *lens = NULL, capl = 0;
	for (size_t i = 0; whole[i];) {
		while (whole[i] == ' ')
			i++;
		if (!whole[i])
			break;
		size_t j = i;
		while (whole[j] && whole[j] != ' ')
			j++;
		DLT_GROW(starts, nw + 1, cap);
		DLT_GROW(lens, nw + 1, capl);
		starts[nw] = i;
		lens[nw++] = j - i;
		i = j;
	}
	size_t last = nw;   /* words [0, last) are the name without its suffix */
	if (nw > 2 && is_suffix(whole + starts[nw - 1], lens[nw - 1])) {
		out->suffix = xstrndup(whole + starts[nw - 1], lens[nw - 1]);
		last--;
	}
	size_t fam = last - 1;   /* the family name starts at the first particle after the first word */
	for (size_t k = 1; k + 1 < last; k++)
		if (is_particle(whole + starts[k], lens[k])) {
			fam = k;
			break;
		}
	out->given = trimmed(whole, starts[fam]);
	out->family = trimmed(whole + starts[fam], starts[last - 1] + lens[last - 1] - starts[fam]);
	free(starts);
	free(lens);
	free(whole);
}

void dlt_name_clear(struct dlt_name *n)
{
	free(n->family);
	free(n->given);
	free(n->suffix);
	memset(n, 0, sizeof *n);
}

/* ---- the reference ------------------------------------------------------------------------------- */

/* The type a venue type calls for, before the fields it needs are checked. */
static enum dlt_cite_type type_of(const struct dlt_milestone *m)
{
	switch (dlt_venue_type_parse(m->venue_type)) {
	case DLT_VENUE_JOURNAL:
		return DLT_CITE_ARTICLE;
	case DLT_VENUE_CONFERENCE:
	case DLT_VENUE_WORKSHOP:
		return DLT_CITE_PROCEEDINGS;
	case DLT_VENUE_BOOK:
		return DLT_CITE_BOOK;
	case DLT_VENUE_CHAPTER:
		return DLT_CITE_CHAPTER;
	case DLT_VENUE_PHD_THESIS:
		return DLT_CITE_PHDTHESIS;
	case DLT_VENUE_MASTERS_THESIS:
		return DLT_CITE_MASTERSTHESIS;
	case DLT_VENUE_REPORT:
		return DLT_CITE_REPORT;
	case DLT_VENUE_PREPRINT:
		return DLT_CITE_PREPRINT;
	default:   /* lecture, web; none: a paper on arXiv and nowhere else is a preprint */
		if (!m->venue_type && !(m->venue && *m->venue) && m->arxiv &&
		    dlt_kind_parse(m->row.kind) == DLT_KIND_PAPER)
			return DLT_CITE_PREPRINT;
		return DLT_CITE_MISC;
	}
}

/* "Model", "Dataset"... for a reference to something that is not a paper. */
static const char *kind_label(const char *kind)
{
	static const char *const labels[] = {
		[DLT_KIND_MODEL] = "Model", [DLT_KIND_SYSTEM] = "System", [DLT_KIND_PRODUCT] = "Product",
		[DLT_KIND_EVENT] = "Event", [DLT_KIND_DATASET] = "Dataset", [DLT_KIND_FRAMEWORK] = "Software",
		[DLT_KIND_HARDWARE] = "Hardware", [DLT_KIND_COMPETITION] = "Competition",
	};
	enum dlt_kind k = dlt_kind_parse(kind);
	return k > DLT_KIND_PAPER && k < DLT_KIND__END ? labels[k] : NULL;
}

/* True when the reference has what its type needs. */
static int complete(const struct dlt_cite *c)
{
	switch (c->type) {
	case DLT_CITE_ARTICLE:
	case DLT_CITE_PROCEEDINGS:
	case DLT_CITE_INBOOK:
		return c->nauthors && c->container;
	case DLT_CITE_CHAPTER:
		return c->nauthors && c->container && c->neditors;
	case DLT_CITE_BOOK:
		return c->nauthors;
	case DLT_CITE_PHDTHESIS:
	case DLT_CITE_MASTERSTHESIS:
	case DLT_CITE_REPORT:
		return c->nauthors && c->institution;
	default:
		return 1;
	}
}

/* Forget what the venue gave, to read it again for another type. */
static void forget_venue(struct dlt_cite *c)
{
	char **fields[] = {&c->container, &c->publisher, &c->institution, &c->volume, &c->number,
			   &c->howpublished, &c->remark};
	for (size_t i = 0; i < DLT_ARRAY_LEN(fields); i++) {
		free(*fields[i]);
		*fields[i] = NULL;
	}
	for (size_t i = 0; i < c->neditors; i++)
		dlt_name_clear(&c->editors[i]);
	free(c->editors);
	c->editors = NULL;
	c->neditors = 0;
}

void dlt_cite_make(const struct dlt_milestone *m, struct dlt_cite *c)
{
	assert(m && c);
	memset(c, 0, sizeof *c);
	c->m = m;
	c->title = xstrdup(m->paper_title && *m->paper_title ? m->paper_title : m->row.title);
	if (m->nauthors) {
		c->authors = xcalloc(m->nauthors, sizeof *c->authors);
		for (size_t i = 0; i < m->nauthors; i++)
			dlt_name_split(m->authors[i], &c->authors[c->nauthors++]);
		c->more_authors = m->author_count > 0 && (size_t)m->author_count > m->nauthors;
	} else if (m->organization && *m->organization) {
		c->authors = xcalloc(1, sizeof *c->authors);
		c->authors[0] = (struct dlt_name){.family = xstrdup(m->organization), .corporate = 1};
		c->nauthors = 1;
	}
	c->type = type_of(m);
	if (m->venue && *m->venue)
		read_venue(c, m->venue);
	if (c->type == DLT_CITE_CHAPTER && !c->neditors)
		c->type = DLT_CITE_INBOOK;
	if ((c->type == DLT_CITE_PHDTHESIS || c->type == DLT_CITE_MASTERSTHESIS || c->type == DLT_CITE_REPORT) &&
	    m->organization && *m->organization) {
		free(c->institution);   /* the organization names it best */
		c->institution = xstrdup(m->organization);
		if (c->type == DLT_CITE_REPORT && m->venue && *m->venue) {
			free(c->remark);   /* then the venue says how it was published */
			c->remark = xstrdup(m->venue);
		}
	}
	if (c->type == DLT_CITE_PREPRINT && !c->howpublished && m->arxiv)
		c->howpublished = xstrdup("arXiv");
	if (!complete(c)) {
		forget_venue(c);
		c->type = DLT_CITE_MISC;
		if (m->venue && *m->venue)
			c->howpublished = xstrdup(m->venue);
	}
	if (c->type == DLT_CITE_MISC)
		c->kind_label = kind_label(m->row.kind);
}

void dlt_cite_clear(struct dlt_cite *c)
{
	forget_venue(c);
	for (size_t i = 0; i < c->nauthors; i++)
		dlt_name_clear(&c->authors[i]);
	free(c->authors);
	free(c->title);
	memset(c, 0, sizeof *c);
}
