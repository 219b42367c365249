/*
 * tabari_petrarch.c — reads PETRARCH2 / Phoenix dictionaries (see
 * ../shared/peers/phoenix/dictionaries-format.rst) into the same structures
 * as TABARI's.  (Filled in below.)
 */
#include "tabari/tabari_internal.h"

an_tabari_dict *an_tabari_load_petrarch(const char *directory, an_warn_fn warn,
                                        void *warn_context, an_error *error) {
  (void)warn; (void)warn_context;
  an_error_set(error, AN_ERROR_USAGE, "%s: PETRARCH dictionaries not supported yet", directory);
  return NULL;
}
