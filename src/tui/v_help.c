/*
 * v_help.c -- the help: every action with the keys bound to it now, by group, generated
 * from the action table and the live key map, so it never drifts from the bindings.
 */
#include <stdlib.h>
#include <string.h>

#include "tui/draw.h"
#include "tui/listbox.h"
#include "tui/views.h"

struct help {
	char **lines;
	size_t n, cap;
	struct listbox lb;
};

static void add(struct help *h, char *line)
{
	DLT_GROW(h->lines, h->n + 1, h->cap);
	h->lines[h->n++] = line;
}

/* The help text as lines: groups, then "keys  description" per action. */
static void help_lines(struct app *app, struct help *h)
{
	const char *group = "";
	for (int a = ACT_NONE + 1; a < ACT__COUNT; a++) {
		const struct tui_action_info *info = keys_action_info((enum tui_action)a);
		if (strcmp(info->group, group) != 0) {
			group = info->group;
			if (h->n)
				add(h, xstrdup(""));
			add(h, xstrdup(group));
		}
		struct strbuf keys = {0}, sb = {0};
		keymap_keys_of(&app->cfg.keys, (enum tui_action)a, &keys);
		sb_addf(&sb, "  %-16s %s", keys.len ? sb_str(&keys) : "(unbound)", info->help);
		sb_free(&keys);
		add(h, sb_detach(&sb));
	}
	static const char *const extra[] = {
		"",
		"Mouse",
		"  wheel            Scroll the timeline",
		"  click            Select a milestone; double-click opens it",
		"",
		"In prompts and pickers: type to narrow, Up/Down to choose, Enter to accept,",
		"Esc to cancel. Keys can be rebound in ~/.config/dltimeline/config",
		"(\"bind KEY ACTION\", \"color ELEMENT FG BG [bold]\"); actions are named",
		"as listed by 'man dltimeline'.",
	};
	for (size_t i = 0; i < DLT_ARRAY_LEN(extra); i++)
		add(h, xstrdup(extra[i]));
	h->lb.n = (int)h->n;
}

static void help_draw(struct app *app, struct view *v, struct rect r)
{
	(void)app;
	struct help *h = v->priv;
	struct rect b = draw_overlay(r, 86, (int)h->n + 2, "Keys (q or Esc closes; j/k scroll)");
	int rows = b.h - 1;
	listbox_fit(&h->lb, rows > 0 ? rows : 1);
	for (int y = 0; y < rows && (size_t)(h->lb.scroll + y) < h->n; y++) {
		const char *l = h->lines[h->lb.scroll + y];
		attr_t a = l[0] && l[0] != ' ' ? draw_attr(EL_HEADING) : A_NORMAL;
		draw_str(b.y + 1 + y, b.x + 2, b.w - 4, l, a);
	}
}

static enum handled help_key(struct app *app, struct view *v, enum tui_action a, int key)
{
	(void)app, (void)key;
	struct help *h = v->priv;
	if (listbox_key(&h->lb, a))
		return HANDLED;
	if (a == ACT_QUIT || a == ACT_CLOSE || a == ACT_HELP)
		return CLOSE;
	return HANDLED;
}

static void help_close(struct app *app, struct view *v)
{
	(void)app;
	struct help *h = v->priv;
	for (size_t i = 0; i < h->n; i++)
		free(h->lines[i]);
	free(h->lines);
	free(h);
}

static const struct view_ops help_ops = {
	.name = "help",
	.draw = help_draw,
	.key = help_key,
	.close = help_close,
	.overlay = 1,
};

void help_open(struct app *app)
{
	struct help *h = xcalloc(1, sizeof *h);
	h->lb.no_cursor = 1;
	help_lines(app, h);
	app_push(app, &help_ops, h);
}
