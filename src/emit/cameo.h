/*
 * cameo.h — the CAMEO codebook table (generated: src/emit/cameo_table.c).
 */
#ifndef AN_CAMEO_H
#define AN_CAMEO_H

#include <stddef.h>

typedef struct an_cameo_entry {
  const char *code;     /* "0232" */
  const char *name;     /* codebook name */
  double goldstein;     /* Goldstein scale value */
  int quad_class;       /* 1..4 */
  const char *plover_type, *plover_mode, *plover_context;
} an_cameo_entry;

extern const an_cameo_entry an_cameo_entries[]; /* sorted by code */
extern const size_t an_cameo_entry_count;

/* Binary search; NULL when the code is not in the codebook. */
const an_cameo_entry *an_cameo_find(const char *code);

#endif
