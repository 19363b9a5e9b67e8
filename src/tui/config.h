/*
 * config.h -- the user's config file: key bindings ("bind KEY ACTION", "unbind KEY") and the
 * colors of the screen elements ("color ELEMENT FG BG [bold|underline|reverse|dim]...").
 */
#ifndef DLT_TUI_CONFIG_H
#define DLT_TUI_CONFIG_H

#include "core/util.h"
#include "tui/keys.h"

/* Screen elements whose colors the config can set. */
#define TUI_ELEMENTS(E) \
	E(NORMAL, "normal") E(HEADER, "header") E(STATUS, "status") E(SELECTED, "selected") \
	E(DATE, "date") E(KIND, "kind") E(TAG, "tag") E(YEAR, "year-separator") \
	E(MATCH, "match") E(TITLE, "title") E(LABEL, "label") E(HEADING, "heading") \
	E(LINK, "link") E(CODE, "code") E(DIM, "dim") E(ERROR, "error") E(SCROLLBAR, "scrollbar")

enum tui_element {
#define TUI_ELEMENT_ENUM(id, name) EL_##id,
	TUI_ELEMENTS(TUI_ELEMENT_ENUM)
#undef TUI_ELEMENT_ENUM
	EL__COUNT
};

/* A color setting: curses color numbers (-1 = default) and attribute flags. */
struct color_spec {
	short fg, bg;
	unsigned attrs;      /* TUI_A_* below */
	int set;             /* given by the config */
};
#define TUI_A_BOLD 1u
#define TUI_A_UNDERLINE 2u
#define TUI_A_REVERSE 4u
#define TUI_A_DIM 8u

struct config {
	struct keymap keys;
	struct color_spec colors[EL__COUNT];
	struct strbuf errors;   /* "config:LINE: message" lines, "" when none */
};

/* Defaults, then the user's config file ($XDG_CONFIG_HOME/dltimeline/config, else
 * ~/.config/dltimeline/config; a relative XDG_CONFIG_HOME or HOME is ignored, as the XDG
 * spec says; a missing file is fine). Each bad line is reported in
 * cfg->errors with its line number and ignored; the defaults stay in force. */
void config_load(struct config *cfg);
/* Parse config text from a file at path (exposed for tests). Returns 0 if it could be read. */
int config_load_file(struct config *cfg, const char *path);
void config_free(struct config *cfg);

#endif
