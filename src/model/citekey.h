/*
 * citekey.h -- citation keys ("vaswani2017attention"): readable, stable, and unique in the
 * whole timeline, so that a key is the same in every export of it.
 */
#ifndef DLT_CITEKEY_H
#define DLT_CITEKEY_H

#include "core/util.h"
#include "model/model.h"

/* The key of m before it is made unique: the first author's family name (or the
 * organization's first word) in lower-case ASCII letters, the year, and the first
 * significant word (not a number, an initial or a small word such as "the") of the paper
 * title, else the short name, else the title ("he2015deep"). Appended to out; never empty
 * ("anon" stands for a missing name). */
void dlt_cite_key_base(const struct dlt_milestone *m, struct strbuf *out);

/* Unique keys: milestones of one year whose base keys collide get, in timeline order, the
 * base key, then the base key with "a", "b", ... "z", "aa", ... (as JabRef does), so a key
 * depends on the whole timeline, never on what part of it is written. The milestones of the
 * last year asked about are remembered: ask in timeline order. */
struct dlt_citekeys;
/* A key maker for db (freed with dlt_citekeys_free). Never fails. */
struct dlt_citekeys *dlt_citekeys_new(struct dlt_db *db);
void dlt_citekeys_free(struct dlt_citekeys *k);
/* The unique key of m, appended to out. Returns 0, or -1 on a database error (out then holds
 * the base key alone). */
int dlt_citekey(struct dlt_citekeys *k, const struct dlt_milestone *m, struct strbuf *out);

#endif
