/*
 * merge.c — mentions into events (docs/merging.md).  Every event is a pure
 * function of the set of mentions in its group, computed with SQL GROUP BY
 * over keys derived from mention fields, so the result does not depend on
 * the order documents arrived in.  Only groups touched since the last merge
 * (the dirty_groups table, filled in the same transaction as the mentions)
 * are recomputed; a merge interrupted by a crash is simply redone.
 */
#include "core/core.h"
#include "store/store.h"

#include <string.h>

#define DIRTY "group_key IN (SELECT group_key FROM dirty_groups)"

/* A coarse-dated mention (week, month, year, none) joins the day-dated event
 * of its group when exactly one day inside its period is present there. */
static const char resolve_dates_sql[] =
    "UPDATE mentions SET merge_date = COALESCE("
    " (SELECT CASE WHEN COUNT(DISTINCT f.date) = 1 THEN MIN(f.date) END"
    "  FROM mentions f WHERE f.group_key = mentions.group_key AND f.precision_rank = 1"
    "  AND substr(f.date, 1, length(mentions.merge_prefix)) = mentions.merge_prefix),"
    " mentions.date)"
    " WHERE precision_rank <> 1 AND " DIRTY;

static const char set_event_ids_sql[] =
    "UPDATE mentions SET event_id = group_key || '|' || merge_date"
    " WHERE precision_rank <> 1 AND " DIRTY;

static const char delete_events_sql[] = "DELETE FROM events WHERE " DIRTY;

static const char insert_events_sql[] =
    "INSERT INTO events (id, group_key, source_code, source_country, source_agent,"
    " target_code, target_country, target_agent, family, status, date, date_precision,"
    " num_mentions, num_articles, num_sources, first_seen, last_seen, confidence)"
    " SELECT event_id, MIN(group_key), MIN(source_code), MIN(source_country),"
    " MIN(source_agent), MIN(target_code), MIN(target_country), MIN(target_agent),"
    " MIN(family),"
    " CASE MIN(status_rank) WHEN 0 THEN 'asserted' WHEN 1 THEN 'reported'"
    "  WHEN 2 THEN 'planned' WHEN 3 THEN 'negated' WHEN 4 THEN 'denied'"
    "  ELSE 'hypothetical' END,"
    " MIN(merge_date),"
    " CASE MIN(precision_rank) WHEN 1 THEN 'day' WHEN 2 THEN 'week' WHEN 3 THEN 'month'"
    "  WHEN 4 THEN 'year' ELSE 'none' END,"
    " COUNT(*), COUNT(DISTINCT document_id), COUNT(DISTINCT outlet_key),"
    " MIN(article_date), MAX(article_date), MAX(confidence)"
    " FROM mentions WHERE " DIRTY " GROUP BY event_id";

/* The event's code is its most frequent mention code (ties: the smallest);
 * names likewise; its URL is the earliest article's. */
static const char fill_events_sql[] =
    "UPDATE events SET"
    " code = (SELECT m.code FROM mentions m WHERE m.event_id = events.id"
    "  GROUP BY m.code ORDER BY COUNT(*) DESC, length(m.code) DESC, m.code LIMIT 1),"
    " source_name = (SELECT m.source_text FROM mentions m WHERE m.event_id = events.id"
    "  AND m.source_text IS NOT NULL GROUP BY m.source_text"
    "  ORDER BY COUNT(*) DESC, m.source_text LIMIT 1),"
    " target_name = (SELECT m.target_text FROM mentions m WHERE m.event_id = events.id"
    "  AND m.target_text IS NOT NULL GROUP BY m.target_text"
    "  ORDER BY COUNT(*) DESC, m.target_text LIMIT 1),"
    " url = (SELECT COALESCE(m.url, '') FROM mentions m WHERE m.event_id = events.id"
    "  ORDER BY COALESCE(m.article_date, ''), COALESCE(m.url, '') LIMIT 1)"
    " WHERE " DIRTY;

static const char delete_actors_sql[] = "DELETE FROM actors";

static const char insert_actors_sql[] =
    "INSERT INTO actors (code, country, agent, name, mention_count)"
    " SELECT code, MIN(country), MIN(agent), MIN(name), COUNT(*) FROM ("
    "  SELECT source_code AS code, source_country AS country, source_agent AS agent,"
    "  source_text AS name FROM mentions WHERE source_code <> ''"
    "  UNION ALL SELECT target_code, target_country, target_agent, target_text"
    "  FROM mentions WHERE target_code <> '') AS sides GROUP BY code";

static const char clear_dirty_sql[] = "DELETE FROM dirty_groups";

static const char *const merge_steps[] = {
    resolve_dates_sql, set_event_ids_sql, delete_events_sql, insert_events_sql,
    fill_events_sql,   delete_actors_sql, insert_actors_sql, clear_dirty_sql,
};

int an_merge_dirty(an_db *db, an_error *error) {
  long long dirty = 0;
  if (an_db_query_int(db, "SELECT COUNT(*) FROM dirty_groups", NULL, &dirty, error))
    return AN_ERROR_DATABASE;
  if (dirty == 0) return AN_OK;
  if (db->ops->exec(db, "BEGIN", error)) return AN_ERROR_DATABASE;
  for (size_t i = 0; i < sizeof merge_steps / sizeof merge_steps[0]; i++) {
    if (db->ops->exec(db, merge_steps[i], error)) {
      db->ops->exec(db, "ROLLBACK", NULL);
      return AN_ERROR_DATABASE;
    }
  }
  if (db->ops->exec(db, "COMMIT", error)) {
    db->ops->exec(db, "ROLLBACK", NULL);
    return AN_ERROR_DATABASE;
  }
  return AN_OK;
}

int an_store_merge(an_store *store, an_error *error) {
  if (store->read_only)
    return an_error_set(error, AN_ERROR_USAGE, "%s: opened read-only", store->db->location);
  if (an_store_commit(store, error)) return AN_ERROR_DATABASE;
  return an_merge_dirty(store->db, error);
}
