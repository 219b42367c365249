/*
 * directory.c — a recursive walk over a directory: regular files in sorted
 * (byte) order, depth first, names starting with '.' skipped.  One sorted
 * listing per open level is held, so memory grows with the depth and the
 * widest directory, never with the total number of files.
 */
#include "read/read_internal.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

typedef struct walk_level {
  char *path;    /* this directory; owned */
  char **names;  /* sorted entries; owned */
  size_t count;
  size_t next;   /* index of the next entry to visit */
} walk_level;

struct an_walk {
  walk_level levels[AN_READ_MAX_DEPTH];
  size_t depth; /* levels in use */
};

static void level_clear(walk_level *level) {
  for (size_t i = 0; i < level->count; i++) free(level->names[i]);
  free(level->names);
  free(level->path);
  memset(level, 0, sizeof *level);
}

static int compare_names(const void *left, const void *right) {
  return strcmp(*(char *const *)left, *(char *const *)right);
}

static int add_name(walk_level *level, size_t *capacity, const char *name) {
  if (level->count == *capacity) {
    size_t grown_capacity = *capacity ? *capacity * 2 : 32;
    char **grown = realloc(level->names, grown_capacity * sizeof *grown);
    if (!grown) return AN_ERROR_MEMORY;
    level->names = grown;
    *capacity = grown_capacity;
  }
  if (!(level->names[level->count] = an_strdup(name))) return AN_ERROR_MEMORY;
  level->count++;
  return AN_OK;
}

/* Lists path into level (sorted, hidden names left out). */
static int level_open(walk_level *level, const char *path, an_error *error) {
  memset(level, 0, sizeof *level);
  DIR *directory = opendir(path);
  if (!directory)
    return an_error_set(error, AN_ERROR_IO, "%s: cannot list: %s", path, strerror(errno));
  size_t capacity = 0;
  int status = AN_OK;
  struct dirent *entry;
  while (status == AN_OK && (entry = readdir(directory)) != NULL) {
    if (entry->d_name[0] == '.') continue;
    if (level->count >= AN_READ_MAX_DIRECTORY_ENTRIES) {
      status = an_error_set(error, AN_ERROR_LIMIT, "%s: more than %d entries; the rest skipped",
                            path, AN_READ_MAX_DIRECTORY_ENTRIES);
      break;
    }
    if (add_name(level, &capacity, entry->d_name) != AN_OK)
      status = an_error_set(error, AN_ERROR_MEMORY, "%s: out of memory", path);
  }
  closedir(directory);
  if (level->count) qsort(level->names, level->count, sizeof *level->names, compare_names);
  if (!(level->path = an_strdup(path)) && status == AN_OK)
    status = an_error_set(error, AN_ERROR_MEMORY, "%s: out of memory", path);
  if (status != AN_OK && status != AN_ERROR_LIMIT) level_clear(level);
  return status; /* AN_ERROR_LIMIT: the level is usable, with its first entries */
}

an_walk *an_walk_new(const char *root, an_error *error) {
  an_walk *walk = calloc(1, sizeof *walk);
  if (!walk) {
    an_error_set(error, AN_ERROR_MEMORY, "%s: out of memory", root);
    return NULL;
  }
  int status = level_open(&walk->levels[0], root, error);
  if (status != AN_OK && status != AN_ERROR_LIMIT) {
    free(walk);
    return NULL;
  }
  walk->depth = 1;
  return walk;
}

void an_walk_free(an_walk *walk) {
  if (!walk) return;
  for (size_t i = 0; i < walk->depth; i++) level_clear(&walk->levels[i]);
  free(walk);
}

static char *join(const char *directory, const char *name) {
  size_t length = strlen(directory);
  bool slash = length > 0 && directory[length - 1] == '/';
  char *path = malloc(length + strlen(name) + 2);
  if (path) sprintf(path, "%s%s%s", directory, slash ? "" : "/", name);
  return path;
}

int an_walk_next(an_walk *walk, char **path, an_error *error) {
  *path = NULL;
  while (walk->depth > 0) {
    walk_level *level = &walk->levels[walk->depth - 1];
    if (level->next >= level->count) {
      level_clear(level);
      walk->depth--;
      continue;
    }
    char *child = join(level->path, level->names[level->next++]);
    if (!child) return an_error_set(error, AN_ERROR_MEMORY, "%s: out of memory", level->path);
    struct stat info;
    if (stat(child, &info) != 0) {
      int status = an_error_set(error, AN_ERROR_IO, "%s: %s", child, strerror(errno));
      free(child);
      return status;
    }
    if (S_ISREG(info.st_mode)) {
      *path = child;
      return AN_OK;
    }
    if (!S_ISDIR(info.st_mode)) {
      free(child);
      continue;
    }
    int status = AN_OK;
    if (walk->depth >= AN_READ_MAX_DEPTH)
      status = an_error_set(error, AN_ERROR_LIMIT, "%s: deeper than %d levels; skipped", child,
                            AN_READ_MAX_DEPTH);
    else if ((status = level_open(&walk->levels[walk->depth], child, error)) == AN_OK ||
             status == AN_ERROR_LIMIT)
      walk->depth++;
    free(child);
    if (status != AN_OK) return status;
  }
  return AN_OK;
}
