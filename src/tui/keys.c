/*
 * keys.c -- see keys.h.
 */
#include "tui/keys.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tui/curses.h"

static const struct tui_action_info actions[ACT__COUNT] = {
	[ACT_NONE] = {"none", "", ""},
#define TUI_ACTION_INFO(id, name, group, help) [ACT_##id] = {name, group, help},
	TUI_ACTIONS(TUI_ACTION_INFO)
#undef TUI_ACTION_INFO
};

const struct tui_action_info *keys_action_info(enum tui_action a)
{
	return &actions[a < ACT__COUNT ? a : ACT_NONE];
}

enum tui_action keys_action_by_name(const char *name)
{
	for (int a = ACT_NONE + 1; a < ACT__COUNT; a++)
		if (strcmp(actions[a].name, name) == 0)
			return (enum tui_action)a;
	return ACT_NONE;
}

static const struct { const char *name; int key; } key_names[] = {
	{"Enter", '\n'}, {"Esc", 27}, {"Tab", '\t'}, {"BTab", KEY_BTAB}, {"Space", ' '},
	{"Backspace", KEY_BACKSPACE}, {"Up", KEY_UP}, {"Down", KEY_DOWN}, {"Left", KEY_LEFT},
	{"Right", KEY_RIGHT}, {"PgUp", KEY_PPAGE}, {"PgDn", KEY_NPAGE}, {"Home", KEY_HOME},
	{"End", KEY_END}, {"Del", KEY_DC}, {"Ins", KEY_IC}, {"Lt", '<'}, {"Gt", '>'},
};

int keys_parse_name(const char *name)
{
	size_t len = strlen(name);
	if (len == 1)
		return (unsigned char)name[0];
	if (len == 2 && name[0] == '^' && name[1] >= '?' && name[1] <= '_')
		return name[1] == '?' ? 127 : name[1] & 0x1F;
	if (len == 2 && name[0] == '^' && islower((unsigned char)name[1]))
		return name[1] & 0x1F;
	if (len == 3 && (name[0] == 'C' || name[0] == 'c') && name[1] == '-' && isalpha((unsigned char)name[2]))
		return tolower((unsigned char)name[2]) & 0x1F;
	for (size_t i = 0; i < DLT_ARRAY_LEN(key_names); i++)
		if (str_ieq(key_names[i].name, name))
			return key_names[i].key;
	if ((name[0] == 'F' || name[0] == 'f') && len <= 3) {
		long n;
		if (parse_long(name + 1, 1, 12, &n) == 0)
			return KEY_F((int)n);
	}
	return -1;
}

void keys_name(int key, char *buf, size_t size)
{
	for (size_t i = 0; i < DLT_ARRAY_LEN(key_names); i++)
		if (key_names[i].key == key && key != '<' && key != '>') {
			snprintf(buf, size, "%s", key_names[i].name);
			return;
		}
	if (key == KEY_ENTER || key == '\r')
		snprintf(buf, size, "Enter");
	else if (key == 127 || key == 8)
		snprintf(buf, size, "Backspace");
	else if (key >= KEY_F(1) && key <= KEY_F(12))
		snprintf(buf, size, "F%d", key - KEY_F(0));
	else if (key > 0 && key < 32)
		snprintf(buf, size, "^%c", key + '@');
	else if (key > 32 && key < 127)
		snprintf(buf, size, "%c", key);
	else
		snprintf(buf, size, "#%d", key);
}

int keymap_bind(struct keymap *km, int key, enum tui_action a)
{
	for (size_t i = 0; i < km->n; i++)
		if (km->b[i].key == key) {
			km->b[i].action = a;
			return 0;
		}
	if (km->n == KEYMAP_MAX)
		return -1;
	km->b[km->n].key = key;
	km->b[km->n].action = a;
	km->n++;
	return 0;
}

enum tui_action keymap_lookup(const struct keymap *km, int key)
{
	for (size_t i = 0; i < km->n; i++)
		if (km->b[i].key == key)
			return km->b[i].action;
	return ACT_NONE;
}

void keymap_keys_of(const struct keymap *km, enum tui_action a, struct strbuf *sb)
{
	int first = 1;
	for (size_t i = 0; i < km->n; i++) {
		if (km->b[i].action != a)
			continue;
		/* aliases that mean the same key are not worth listing twice */
		int k = km->b[i].key;
		if (k == KEY_ENTER || k == '\r' || k == 8 || k == 127)
			continue;
		char name[32];
		keys_name(k, name, sizeof name);
		sb_addf(sb, "%s%s", first ? "" : ", ", name);
		first = 0;
	}
}

void keymap_defaults(struct keymap *km)
{
	static const struct { int key; enum tui_action a; } defaults[] = {
		{'j', ACT_MOVE_DOWN}, {KEY_DOWN, ACT_MOVE_DOWN}, {'k', ACT_MOVE_UP}, {KEY_UP, ACT_MOVE_UP},
		{KEY_NPAGE, ACT_PAGE_DOWN}, {' ', ACT_PAGE_DOWN}, {KEY_PPAGE, ACT_PAGE_UP}, {'b', ACT_PAGE_UP},
		{KEY_HOME, ACT_FIRST}, {'g', ACT_FIRST}, {KEY_END, ACT_LAST}, {'G', ACT_LAST},
		{'y', ACT_YEAR_JUMP}, {'[', ACT_YEAR_PREV}, {']', ACT_YEAR_NEXT},
		{'e', ACT_ERA_PICK}, {'{', ACT_ERA_PREV}, {'}', ACT_ERA_NEXT},
		{'\n', ACT_OPEN}, {'\r', ACT_OPEN}, {KEY_ENTER, ACT_OPEN},
		{'\t', ACT_LINK_NEXT}, {KEY_BTAB, ACT_LINK_PREV},
		{KEY_BACKSPACE, ACT_BACK}, {127, ACT_BACK}, {8, ACT_BACK}, {KEY_LEFT, ACT_BACK},
		{KEY_RIGHT, ACT_FORWARD}, {'H', ACT_HISTORY},
		{'/', ACT_SEARCH}, {'n', ACT_MATCH_NEXT}, {'N', ACT_MATCH_PREV},
		{'f', ACT_FILTER}, {'F', ACT_FILTER_CLEAR},
		{'a', ACT_LINEAGE}, {'p', ACT_PATH}, {'c', ACT_CHART}, {'z', ACT_FOLD},
		{'m', ACT_BOOKMARK}, {'\'', ACT_BOOKMARKS}, {'o', ACT_OPEN_URL}, {'Y', ACT_COPY_URL},
		{'?', ACT_HELP}, {KEY_F(1), ACT_HELP}, {'q', ACT_QUIT}, {27, ACT_CLOSE}, {12, ACT_REDRAW},
	};
	km->n = 0;
	for (size_t i = 0; i < DLT_ARRAY_LEN(defaults); i++)
		keymap_bind(km, defaults[i].key, defaults[i].a);
}

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
	if (xdg && *xdg)
		sb_addf(&path, "%s/dltimeline/config", xdg);
	else if (home && *home)
		sb_addf(&path, "%s/.config/dltimeline/config", home);
	if (path.len && config_load_file(cfg, sb_str(&path)) < 0 && errno != ENOENT)
		sb_addf(&cfg->errors, "%s: %s\n", sb_str(&path), strerror(errno));
	sb_free(&path);
}

void config_free(struct config *cfg)
{
	sb_free(&cfg->errors);
}
