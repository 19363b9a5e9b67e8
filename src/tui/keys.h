/*
 * keys.h -- named actions, the key bindings that trigger them, and key names. The action
 * table is the single source of truth: the dispatcher, the help screen and the config
 * parser (config.h) all read it, so help never drifts from the bindings.
 */
#ifndef DLT_TUI_KEYS_H
#define DLT_TUI_KEYS_H

#include <stddef.h>
#include <stdint.h>

#include "core/util.h"

/* A(ID, "name", "group", "help text") */
#define TUI_ACTIONS(A) \
	A(MOVE_DOWN, "move-down", "Moving", "Select the next milestone") \
	A(MOVE_UP, "move-up", "Moving", "Select the previous milestone") \
	A(PAGE_DOWN, "page-down", "Moving", "Scroll down one page") \
	A(PAGE_UP, "page-up", "Moving", "Scroll up one page") \
	A(FIRST, "first", "Moving", "Go to the first milestone") \
	A(LAST, "last", "Moving", "Go to the last milestone") \
	A(YEAR_JUMP, "year-jump", "Time", "Jump to a year (or the next one with milestones)") \
	A(YEAR_PREV, "year-prev", "Time", "Go to the previous year") \
	A(YEAR_NEXT, "year-next", "Time", "Go to the next year") \
	A(ERA_PICK, "era-pick", "Time", "Choose an era and jump to its first milestone") \
	A(ERA_PREV, "era-prev", "Time", "Go to the previous era") \
	A(ERA_NEXT, "era-next", "Time", "Go to the next era") \
	A(OPEN, "open", "Detail and links", "Open the detail; in it, follow the selected link") \
	A(LINK_NEXT, "link-next", "Detail and links", "Select the next builds-on / led-to link") \
	A(LINK_PREV, "link-prev", "Detail and links", "Select the previous link") \
	A(BACK, "back", "Detail and links", "Go back to where the last jump started") \
	A(FORWARD, "forward", "Detail and links", "Go forward again after going back") \
	A(HISTORY, "history", "Detail and links", "List the jumps (the current one selected)") \
	A(DETAIL_PANE, "detail-pane", "Detail and links", "Show or hide the detail beside the list (wide screens)") \
	A(SPLIT_LEFT, "split-left", "Detail and links", "Move the line between list and detail left") \
	A(SPLIT_RIGHT, "split-right", "Detail and links", "Move the line between list and detail right") \
	A(LINEAGE, "lineage", "Lineage, paths and charts", "Lineage tree of ancestors (again: descendants)") \
	A(PATH, "path", "Lineage, paths and charts", "Chain of links from the selection to another") \
	A(CHART, "chart", "Lineage, paths and charts", "Charts: milestones per year, parameters, compute") \
	A(FOLD, "fold", "Lineage, paths and charts", "Fold or unfold the subtree under the cursor") \
	A(DEPTH_MORE, "depth-more", "Lineage, paths and charts", "Show one more level of the lineage tree") \
	A(DEPTH_LESS, "depth-less", "Lineage, paths and charts", "Show one level less of the lineage tree") \
	A(BOOKMARK, "bookmark", "Bookmarks and references", "Bookmark the selection, note optional (again: remove it)") \
	A(BOOKMARKS, "bookmarks", "Bookmarks and references", "List the bookmarks and jump to one") \
	A(BOOKMARK_NEXT, "bookmark-next", "Bookmarks and references", "Go to the next bookmarked milestone") \
	A(BOOKMARK_PREV, "bookmark-prev", "Bookmarks and references", "Go to the previous bookmarked milestone") \
	A(EXPORT, "export", "Bookmarks and references", "Write the view (list, tree, path, bookmarks) to a file") \
	A(OPEN_URL, "open-url", "Bookmarks and references", "Open the paper's address with $BROWSER") \
	A(COPY_URL, "copy-url", "Bookmarks and references", "Copy the address to the clipboard (OSC 52)") \
	A(SEARCH, "search", "Search and filter", "Search by keyword as you type") \
	A(MATCH_NEXT, "match-next", "Search and filter", "Go to the next search match") \
	A(MATCH_PREV, "match-prev", "Search and filter", "Go to the previous search match") \
	A(FILTER, "filter", "Search and filter", "Filter by words, tag, kind, era or paradigm") \
	A(FILTER_CLEAR, "filter-clear", "Search and filter", "Clear the filter") \
	A(HELP, "help", "Screen", "Show this help") \
	A(QUIT, "quit", "Screen", "Close the pane or overlay; quit from the timeline") \
	A(CLOSE, "close", "Screen", "Close the overlay, prompt or search") \
	A(REDRAW, "redraw", "Screen", "Redraw the screen")

enum tui_action {
	ACT_NONE = 0,
#define TUI_ACTION_ENUM(id, name, group, help) ACT_##id,
	TUI_ACTIONS(TUI_ACTION_ENUM)
#undef TUI_ACTION_ENUM
	ACT__COUNT
};

struct tui_action_info {
	const char *name;
	const char *group;
	const char *help;
};

/* Name, group and help of an action (ACT_NONE < a < ACT__COUNT). */
const struct tui_action_info *keys_action_info(enum tui_action a);
/* The action called `name` ("move-down"), or ACT_NONE. */
enum tui_action keys_action_by_name(const char *name);

/* Keys are ints: curses key codes (KEY_*), and characters. A character whose code point
 * would collide with the KEY_* range (from curses' KEY_MIN, 0401) is moved above it. */
#define TUI_KEY_MIN 0401
#define TUI_CHAR_BASE 0x1000000
#define TUI_CHAR(cp) ((cp) >= TUI_KEY_MIN ? (int)(cp) + TUI_CHAR_BASE : (int)(cp))
/* The code point of a character key, or -1 for a special key or a control character. */
#define TUI_CP(k) ((k) >= TUI_CHAR_BASE ? (k) - TUI_CHAR_BASE \
		   : ((k) >= 32 && (k) != 127 && (k) < TUI_KEY_MIN) ? (k) : -1)

/* Special key codes beyond curses' own, for scripts and the mouse. */
#define TUI_KEY_RESIZE_SCRIPT 0x110000   /* followed by a size in the script reader */

/* Parse a key name: a single character "j", control "^L", or a name such as "Enter", "Esc",
 * "Tab", "BTab", "Space", "Backspace", "Up", "Down", "Left", "Right", "PgUp", "PgDn", "Home",
 * "End", "F1".."F12", "C-x". Returns the curses key code, or -1. */
int keys_parse_name(const char *name);
/* A printable name for a key code into buf ("j", "^L", "Enter", "PgDn"). */
void keys_name(int key, char *buf, size_t size);

/* What a key does in a line being edited (lineedit.h): returns 1 with *cmd set to an
 * enum le_cmd for an editing key (arrows, Home, End, Backspace, Delete, ^A ^E ^B ^F ^D ^W ^U
 * ^K), 2 with *cp set for a character to insert, 0 for any other key. */
int keys_line_edit(int key, int *cmd, uint32_t *cp);

/* The key map. */
#define KEYMAP_MAX 128
struct keymap {
	struct { int key; enum tui_action action; } b[KEYMAP_MAX];
	size_t n;
};

/* The default bindings. */
void keymap_defaults(struct keymap *km);
/* Bind key to action (replacing an earlier binding of the key); ACT_NONE unbinds.
 * Returns 0, or -1 when the map is full. */
int keymap_bind(struct keymap *km, int key, enum tui_action a);
/* The action bound to key, or ACT_NONE. */
enum tui_action keymap_lookup(const struct keymap *km, int key);
/* The names of all keys bound to a, comma-separated, into sb. */
void keymap_keys_of(const struct keymap *km, enum tui_action a, struct strbuf *sb);

#endif
