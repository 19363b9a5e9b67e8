/*
 * record.c -- see record.h: the encoder and the decoder of each record, generated from its
 * one list of fields.
 */
#include "import/record.h"

static void put_f64(struct strbuf *sb, double v)
{
	sb_addn(sb, (const char *)&v, sizeof v);
}

static double get_f64(struct rec_reader *r)
{
	double v;
	memcpy(&v, r->p, sizeof v);
	r->p += sizeof v;
	return v;
}

/* A string (NULL allowed): its length (UINT32_MAX for NULL), the bytes and a NUL. */
static void put_str(struct strbuf *sb, const char *s)
{
	if (!s) {
		rec_put_u32(sb, UINT32_MAX);
		return;
	}
	size_t n = strlen(s);
	rec_put_u32(sb, (uint32_t)n);
	sb_addn(sb, s, n + 1);
}

static void put_list(struct strbuf *sb, const struct rec_list *l, int note)
{
	rec_put_u32(sb, l->n);
	for (uint32_t i = 0; i < l->n; i++) {
		put_str(sb, l->v[i].text);
		if (note)
			put_str(sb, l->v[i].note);
		rec_put_u32(sb, l->v[i].line);
		rec_put_u32(sb, l->v[i].col);
	}
}

/* A list decoded: its items are left encoded, and skipped. */
static void get_list(struct rec_reader *r, struct rec_list *l, int note)
{
	l->n = rec_get_u32(r);
	l->v = NULL;
	l->at = r->p;
	l->note = note;
	struct rec_cursor c = rec_list_begin(l);
	struct rec_item it;
	while (rec_list_next(&c, &it))
		;
	r->p = c.r.p;
}

#define PUT_U32(n) rec_put_u32(sb, x->n);
#define PUT_F64(n) put_f64(sb, x->n);
#define PUT_STR(n) put_str(sb, x->n);
#define PUT_STRS(n, k) for (size_t i_ = 0; i_ < (k); i_++) put_str(sb, x->n[i_]);
#define PUT_LIST(n, note) put_list(sb, &x->n, note);

#define GET_U32(n) x->n = rec_get_u32(r);
#define GET_F64(n) x->n = get_f64(r);
#define GET_STR(n) x->n = rec_get_str(r);
#define GET_STRS(n, k) for (size_t i_ = 0; i_ < (k); i_++) x->n[i_] = rec_get_str(r);
#define GET_LIST(n, note) get_list(r, &x->n, note);

/* The encoder and the decoder of record `type`, from its fields X. */
#define CODEC(type, X) \
	void type##_put(struct strbuf *sb, const struct type *x) \
	{ \
		X(PUT_U32, PUT_F64, PUT_STR, PUT_STRS, PUT_LIST) \
	} \
	void type##_get(struct rec_reader *r, struct type *x) \
	{ \
		x->encoded = r->p; \
		X(GET_U32, GET_F64, GET_STR, GET_STRS, GET_LIST) \
		x->encoded_len = (size_t)(r->p - x->encoded); \
	}

CODEC(rec_title, REC_TITLE)
CODEC(rec_period, REC_PERIOD)
CODEC(rec_tag, REC_TAG)
CODEC(ms_record, REC_MS)
CODEC(rec_doc, REC_DOC)
