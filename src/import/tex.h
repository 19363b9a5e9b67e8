/*
 * tex.h -- the LaTeX of bibliography fields as plain UTF-8: accents ({\'e}, \"{o}, \c c),
 * letters (\ss, \o, \ae, \l, \i), escaped specials (\&, \%), dashes (-- and ---), quotes,
 * ties (~), math shifts and braces; other commands (\emph, \textit) keep their argument.
 */
#ifndef DLT_TEX_H
#define DLT_TEX_H

#include "core/util.h"

/* Append the plain text of LaTeX s to out. Never fails. */
void tex_to_utf8(const char *s, struct strbuf *out);

#endif
