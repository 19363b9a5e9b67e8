/*
 * config.c -- see config.h.
 */
#include "tui/config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- config ------------------------------------------------------------------------------ */

static const char *const element_names[EL__COUNT] = {
#define TUI_ELEMENT_NAME(id, name) name,
	TUI_ELEMENTS(TUI_ELEMENT_NAME)
#undef TUI_ELEMENT_NAME
};

static const char *const color_names[] = {
	"black", "red", "green", "yellow", "blue", "magenta", "cyan", "white",
};

/* A color word: a name, "default", or a number 0-255. Returns 0 and sets *c, or -1. */
static int parse_color(const char *w, short *c)
{
	if (strcmp(w, "default") == 0) {
		*c = -1;
		return 0;
	}
	for (size_t i = 0; i < DLT_ARRAY_LEN(color_names); i++)
		if (strcmp(w, color_names[i]) == 0) {
			*c = (short)i;
			return 0;
		}
	long n;
	if (parse_long(w, 0, 255, &n) == 0) {
		*c = (short)n;
		return 0;
	}
	return -1;
}

static void config_error(struct config *cfg, const char *path, int line, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static void config_error(struct config *cfg, const char *path, int line, const char *fmt, ...)
{
	va_list ap;
	sb_addf(&cfg->errors, "%s:%d: ", path, line);
	va_start(ap, fmt);
	sb_vaddf(&cfg->errors, fmt, ap);
	va_end(ap);
	sb_add(&cfg->errors, " (ignored)\n");
}

static void config_line(struct config *cfg, const char *path, int lineno, char *line)
{
	char *words[8];
	int n = 0;
	for (char *save, *w = strtok_r(line, " \t\r", &save); w && n < 8; w = strtok_r(NULL, " \t\r", &save))
		words[n++] = w;
	if (n == 0 || words[0][0] == '#')
		return;
	if (strcmp(words[0], "bind") == 0 || strcmp(words[0], "unbind") == 0) {
		int unbind = words[0][0] == 'u';
		if (n != (unbind ? 2 : 3)) {
			config_error(cfg, path, lineno, unbind ? "usage: unbind KEY" : "usage: bind KEY ACTION");
			return;
		}
		int key = keys_parse_name(words[1]);
		if (key < 0) {
			config_error(cfg, path, lineno, "unknown key '%.40s'", words[1]);
			return;
		}
		enum tui_action a = unbind ? ACT_NONE : keys_action_by_name(words[2]);
		if (!unbind && a == ACT_NONE) {
			config_error(cfg, path, lineno, "unknown action '%.40s' (see the help screen, ?)", words[2]);
			return;
		}
		if (keymap_bind(&cfg->keys, key, a) < 0)
			config_error(cfg, path, lineno, "too many key bindings");
		return;
	}
	if (strcmp(words[0], "color") == 0) {
		if (n < 4) {
			config_error(cfg, path, lineno, "usage: color ELEMENT FOREGROUND BACKGROUND [bold|underline|reverse|dim]...");
			return;
		}
		int el = -1;
		for (int i = 0; i < EL__COUNT; i++)
			if (strcmp(words[1], element_names[i]) == 0)
				el = i;
		if (el < 0) {
			config_error(cfg, path, lineno, "unknown element '%.40s'", words[1]);
			return;
		}
		struct color_spec cs = {.set = 1};
		if (parse_color(words[2], &cs.fg) < 0 || parse_color(words[3], &cs.bg) < 0) {
			config_error(cfg, path, lineno, "unknown color '%.40s'",
				     parse_color(words[2], &cs.fg) < 0 ? words[2] : words[3]);
			return;
		}
		for (int i = 4; i < n; i++) {
			if (strcmp(words[i], "bold") == 0)
				cs.attrs |= TUI_A_BOLD;
			else if (strcmp(words[i], "underline") == 0)
				cs.attrs |= TUI_A_UNDERLINE;
			else if (strcmp(words[i], "reverse") == 0)
				cs.attrs |= TUI_A_REVERSE;
			else if (strcmp(words[i], "dim") == 0)
				cs.attrs |= TUI_A_DIM;
			else {
				config_error(cfg, path, lineno, "unknown attribute '%.40s'", words[i]);
				return;
			}
		}
		cfg->colors[el] = cs;
		return;
	}
	config_error(cfg, path, lineno, "unknown command '%.40s' (bind, unbind, color)", words[0]);
}

int config_load_file(struct config *cfg, const char *path)
{
	FILE *fp = fopen(path, "r");
	if (!fp)
		return -1;
	char *line = NULL;
	size_t cap = 0;
	int lineno = 0;
	while (getline(&line, &cap, fp) > 0) {
		lineno++;
		line[strcspn(line, "\n")] = '\0';
		if (strlen(line) > 1000) {
			config_error(cfg, path, lineno, "line too long");
			continue;
		}
		config_line(cfg, path, lineno, line);
	}
	free(line);
	fclose(fp);
	return 0;
}

void config_load(struct config *cfg)
{
	memset(cfg, 0, sizeof *cfg);
	keymap_defaults(&cfg->keys);
	struct strbuf path = {0};
	const char *xdg = getenv("XDG_CONFIG_HOME");
	const char *home = getenv("HOME");
	if (xdg && xdg[0] == '/')   /* (the XDG spec: a relative path is to be ignored) */
		sb_addf(&path, "%s/dltimeline/config", xdg);
	else if (home && home[0] == '/')
		sb_addf(&path, "%s/.config/dltimeline/config", home);
	if (path.len && config_load_file(cfg, sb_str(&path)) < 0 && errno != ENOENT)
		sb_addf(&cfg->errors, "%s: %s\n", sb_str(&path), strerror(errno));
	sb_free(&path);
}

void config_free(struct config *cfg)
{
	sb_free(&cfg->errors);
}
