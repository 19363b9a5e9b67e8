/* embedded_none.c -- the empty stand-in for the embedded database, used only by the
 * bootstrap importer that builds the real one. */
#include "db/embedded.h"

const unsigned char dlt_embedded_db[1] = {0};
const size_t dlt_embedded_db_size = 0;
