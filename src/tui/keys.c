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
#include "tui/lineedit.h"

_Static_assert(TUI_KEY_MIN == KEY_MIN, "keys.h: TUI_KEY_MIN is curses' KEY_MIN");

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
	{"Enter", '\n'}, {"Esc", 27}, {"Tab", '\t'}, {"S-Tab", KEY_BTAB}, {"BTab", KEY_BTAB}, {"Space", ' '},
	{"Backspace", KEY_BACKSPACE}, {"Up", KEY_UP}, {"Down", KEY_DOWN}, {"Left", KEY_LEFT},
	{"Right", KEY_RIGHT}, {"PgUp", KEY_PPAGE}, {"PgDn", KEY_NPAGE}, {"Home", KEY_HOME},
	{"End", KEY_END}, {"Del", KEY_DC}, {"Ins", KEY_IC}, {"Lt", '<'}, {"Gt", '>'},
	{"S-Up", KEY_SR}, {"S-Down", KEY_SF},
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
		{KEY_RIGHT, ACT_FORWARD}, {15, ACT_BACK}, {'H', ACT_HISTORY},
		{'v', ACT_DETAIL_PANE}, {'<', ACT_SPLIT_LEFT}, {'>', ACT_SPLIT_RIGHT},
		{'/', ACT_SEARCH}, {'n', ACT_MATCH_NEXT}, {'N', ACT_MATCH_PREV},
		{'f', ACT_FILTER}, {'F', ACT_FILTER_CLEAR},
		{'a', ACT_LINEAGE}, {'p', ACT_PATH}, {'c', ACT_CHART}, {'z', ACT_FOLD},
		{'+', ACT_DEPTH_MORE}, {'=', ACT_DEPTH_MORE}, {'-', ACT_DEPTH_LESS},
		{'m', ACT_BOOKMARK}, {'\'', ACT_BOOKMARKS}, {'u', ACT_BOOKMARK_NEXT}, {'U', ACT_BOOKMARK_PREV},
		{'x', ACT_EXPORT}, {24, ACT_EXPORT},
		{'o', ACT_OPEN_URL}, {'Y', ACT_COPY_URL},
		{'?', ACT_HELP}, {KEY_F(1), ACT_HELP}, {'q', ACT_QUIT}, {27, ACT_CLOSE}, {12, ACT_REDRAW},
	};
	km->n = 0;
	for (size_t i = 0; i < DLT_ARRAY_LEN(defaults); i++)
		keymap_bind(km, defaults[i].key, defaults[i].a);
}

int keys_line_edit(int key, int *cmd, uint32_t *cp)
{
	static const struct { int key; enum le_cmd cmd; } edits[] = {
		{KEY_LEFT, LE_LEFT}, {2, LE_LEFT}, {KEY_RIGHT, LE_RIGHT}, {6, LE_RIGHT},
		{KEY_HOME, LE_HOME}, {1, LE_HOME}, {KEY_END, LE_END}, {5, LE_END},
		{KEY_BACKSPACE, LE_BACKSPACE}, {127, LE_BACKSPACE}, {8, LE_BACKSPACE},
		{KEY_DC, LE_DELETE}, {4, LE_DELETE}, {23, LE_KILL_WORD}, {21, LE_KILL_START},
		{11, LE_KILL_END}, {KEY_SLEFT, LE_WORD_LEFT}, {KEY_SRIGHT, LE_WORD_RIGHT},
	};
	for (size_t i = 0; i < DLT_ARRAY_LEN(edits); i++)
		if (edits[i].key == key) {
			*cmd = (int)edits[i].cmd;
			return 1;
		}
	int c = TUI_CP(key);
	if (c >= 32) {
		*cp = (uint32_t)c;
		return 2;
	}
	return 0;
}
