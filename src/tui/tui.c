/* placeholder while the browser is being written */
#include <stdio.h>
#include "tui/tui.h"
int tui_run(const struct tui_options *opts)
{
	(void)opts;
	fputs("dltimeline: the interactive browser is not built yet; try 'dltimeline list'\n", stderr);
	return 2;
}
