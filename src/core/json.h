/*
 * json.h -- JSON text for output: string literals, and text made by SQLite's JSON functions
 * made safe for a terminal. JSON allows any character in a string except quotes,
 * backslashes and C0 controls; dltimeline also escapes DEL, C1 controls, bidirectional
 * controls and invalid bytes, so that no data reaches a terminal raw through its JSON.
 */
#ifndef DLT_JSON_H
#define DLT_JSON_H

#include <stdio.h>

#include "core/util.h"

/* Append s (NULL: null) to sb as a JSON string literal, escaped as above. */
void json_quote(struct strbuf *sb, const char *s);
/* Write s (NULL: null) to fp as a JSON string literal, escaped as above. */
void json_put_string(FILE *fp, const char *s);
/* Write JSON text (valid JSON, from SQLite) to fp, escaping the characters above inside its
 * strings (outside strings JSON has none of them). */
void json_put_text(FILE *fp, const char *json);

#endif
