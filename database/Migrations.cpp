#include "database/Migrations.h"

namespace dl::db::detail {

namespace {

// Step 9's tables, the same on both engines (only the identity's random draw differs).
const char* const kIdentityTable = "CREATE TABLE database_identity (uuid TEXT NOT NULL)";
const char* const kCopiedRowsTable = R"sql(CREATE TABLE copied_rows (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    source_database TEXT NOT NULL,
    table_name      TEXT NOT NULL,
    source_row      INTEGER NOT NULL,
    target_row      INTEGER NOT NULL,
    UNIQUE (source_database, table_name, source_row)
))sql";

} // namespace

const std::vector<Migration>& migrations()
{
    // Time stamps are ISO-8601 UTC text, JSON columns are TEXT holding compact JSON.
    // AUTOINCREMENT keeps ids of deleted rows from being reused, because ids are
    // shown to users and written into heatmap and report file names.
    static const std::vector<Migration> steps = {
        {1, "datasets, images, models, runs and results", {
            "PRAGMA application_id = 1145849166", // 0x444C454E, kApplicationId
            R"sql(CREATE TABLE datasets (
                id           INTEGER PRIMARY KEY AUTOINCREMENT,
                name         TEXT NOT NULL,
                root_path    TEXT NOT NULL UNIQUE,
                format       TEXT NOT NULL,
                options_json TEXT NOT NULL DEFAULT '{}',
                created_at   TEXT NOT NULL
            ))sql",
            R"sql(CREATE TABLE images (
                id            INTEGER PRIMARY KEY AUTOINCREMENT,
                dataset_id    INTEGER NOT NULL REFERENCES datasets(id) ON DELETE CASCADE,
                path          TEXT NOT NULL,
                relative_path TEXT NOT NULL,
                content_hash  TEXT NOT NULL DEFAULT '',
                width         INTEGER NOT NULL CHECK (width >= 0),
                height        INTEGER NOT NULL CHECK (height >= 0),
                split         TEXT NOT NULL,
                label         INTEGER NOT NULL CHECK (label IN (-1, 0, 1)),
                category      TEXT NOT NULL DEFAULT '',
                defect_type   TEXT NOT NULL DEFAULT '',
                mask_path     TEXT NOT NULL DEFAULT '',
                UNIQUE (dataset_id, relative_path)
            ))sql",
            "CREATE INDEX images_by_content_hash ON images(content_hash)",
            R"sql(CREATE TABLE models (
                id              INTEGER PRIMARY KEY AUTOINCREMENT,
                method          TEXT NOT NULL,
                categories_json TEXT NOT NULL DEFAULT '[]',
                bundle_path     TEXT NOT NULL,
                bundle_checksum TEXT NOT NULL DEFAULT '',
                metrics_json    TEXT NOT NULL DEFAULT '{}',
                parent_model_id INTEGER REFERENCES models(id) ON DELETE SET NULL,
                created_at      TEXT NOT NULL
            ))sql",
            "CREATE INDEX models_by_parent ON models(parent_model_id)",
            R"sql(CREATE TABLE runs (
                id            INTEGER PRIMARY KEY AUTOINCREMENT,
                kind          TEXT NOT NULL,
                params_json   TEXT NOT NULL DEFAULT '{}',
                status        TEXT NOT NULL
                              CHECK (status IN ('queued', 'running', 'succeeded', 'failed', 'cancelled')),
                started_at    TEXT,
                finished_at   TEXT,
                error_message TEXT NOT NULL DEFAULT '',
                model_id      INTEGER REFERENCES models(id) ON DELETE SET NULL
            ))sql",
            "CREATE INDEX runs_by_model ON runs(model_id)",
            "CREATE INDEX runs_by_status ON runs(status)",
            R"sql(CREATE TABLE results (
                id           INTEGER PRIMARY KEY AUTOINCREMENT,
                run_id       INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
                image_id     INTEGER REFERENCES images(id) ON DELETE SET NULL,
                image_path   TEXT NOT NULL,
                score        REAL NOT NULL,
                verdict      TEXT NOT NULL CHECK (verdict IN ('ok', 'defect')),
                heatmap_path TEXT NOT NULL DEFAULT '',
                created_at   TEXT NOT NULL,
                CHECK (image_id IS NOT NULL OR image_path <> '')
            ))sql",
            // Results are listed per run and filtered by score range.
            "CREATE INDEX results_by_run_score ON results(run_id, score)",
            "CREATE INDEX results_by_image ON results(image_id)",
        }},
        {2, "annotations and verdict overrides", {
            R"sql(CREATE TABLE annotations (
                id         INTEGER PRIMARY KEY AUTOINCREMENT,
                image_id   INTEGER NOT NULL REFERENCES images(id) ON DELETE CASCADE,
                mask_png   BLOB NOT NULL,
                author     TEXT NOT NULL,
                created_at TEXT NOT NULL
            ))sql",
            // (image_id, id) answers "latest annotation of an image" from the index alone.
            "CREATE INDEX annotations_by_image ON annotations(image_id, id)",
            R"sql(CREATE TABLE verdict_overrides (
                id         INTEGER PRIMARY KEY AUTOINCREMENT,
                result_id  INTEGER NOT NULL REFERENCES results(id) ON DELETE CASCADE,
                verdict    TEXT NOT NULL CHECK (verdict IN ('ok', 'defect')),
                reason     TEXT NOT NULL DEFAULT '',
                user_name  TEXT NOT NULL,
                created_at TEXT NOT NULL
            ))sql",
            "CREATE INDEX verdict_overrides_by_result ON verdict_overrides(result_id, id)",
        }},
        {3, "engineer notes on models", {
            "ALTER TABLE models ADD COLUMN notes TEXT NOT NULL DEFAULT ''",
        }},
        // The annotation editor records what kind of defect was painted and a remark.
        {4, "defect type and note on annotations", {
            "ALTER TABLE annotations ADD COLUMN defect_type TEXT NOT NULL DEFAULT ''",
            "ALTER TABLE annotations ADD COLUMN note TEXT NOT NULL DEFAULT ''",
        }},
        // The model in use on the line lives in the database, with its history,
        // instead of in one workstation's settings.
        {5, "model promotions", {
            R"sql(CREATE TABLE model_promotions (
                id         INTEGER PRIMARY KEY AUTOINCREMENT,
                model_id   INTEGER NOT NULL REFERENCES models(id) ON DELETE CASCADE,
                user_name  TEXT NOT NULL,
                reason     TEXT NOT NULL DEFAULT '',
                created_at TEXT NOT NULL
            ))sql",
            "CREATE INDEX model_promotions_by_model ON model_promotions(model_id)",
        }},
        // A run whose process was killed or crashed is closed as 'abandoned' the
        // next time the database is opened: each run records which process owns it.
        {6, "run owners and the abandoned status", {
            R"sql(CREATE TABLE runs_v6 (
                id            INTEGER PRIMARY KEY AUTOINCREMENT,
                kind          TEXT NOT NULL,
                params_json   TEXT NOT NULL DEFAULT '{}',
                status        TEXT NOT NULL
                              CHECK (status IN ('queued', 'running', 'succeeded', 'failed', 'cancelled', 'abandoned')),
                started_at    TEXT,
                finished_at   TEXT,
                error_message TEXT NOT NULL DEFAULT '',
                model_id      INTEGER REFERENCES models(id) ON DELETE SET NULL,
                owner_host    TEXT NOT NULL DEFAULT '',
                owner_pid     INTEGER NOT NULL DEFAULT 0,
                owner_start   TEXT NOT NULL DEFAULT ''
            ))sql",
            R"sql(INSERT INTO runs_v6 (id, kind, params_json, status, started_at, finished_at, error_message, model_id)
                  SELECT id, kind, params_json, status, started_at, finished_at, error_message, model_id FROM runs)sql",
            // Keep AUTOINCREMENT's high-water mark: ids of deleted runs stay unused.
            "DELETE FROM sqlite_sequence WHERE name = 'runs_v6'",
            "INSERT INTO sqlite_sequence (name, seq) SELECT 'runs_v6', seq FROM sqlite_sequence WHERE name = 'runs'",
            "DROP TABLE runs",
            "ALTER TABLE runs_v6 RENAME TO runs",
            "CREATE INDEX runs_by_model ON runs(model_id)",
            "CREATE INDEX runs_by_status ON runs(status)",
        }, true, {
            // PostgreSQL changes the constraint and adds the columns in place.
            "ALTER TABLE runs DROP CONSTRAINT runs_status_check",
            R"sql(ALTER TABLE runs ADD CONSTRAINT runs_status_check
                  CHECK (status IN ('queued', 'running', 'succeeded', 'failed', 'cancelled', 'abandoned')))sql",
            "ALTER TABLE runs ADD COLUMN owner_host TEXT NOT NULL DEFAULT ''",
            "ALTER TABLE runs ADD COLUMN owner_pid INTEGER NOT NULL DEFAULT 0",
            "ALTER TABLE runs ADD COLUMN owner_start TEXT NOT NULL DEFAULT ''",
        }},
        // Live inspection of a watch folder keeps a journal of the files it has
        // handled, so that a restart scores what arrived while it was down and
        // nothing twice. A file is known by its path, size and time stamp: a
        // camera that reuses a name later writes a new file.
        {7, "journal of watched files", {
            R"sql(CREATE TABLE watched_files (
                id            INTEGER PRIMARY KEY AUTOINCREMENT,
                watch_folder  TEXT NOT NULL,
                path          TEXT NOT NULL,
                size          INTEGER NOT NULL CHECK (size >= 0),
                modified_ns   INTEGER NOT NULL,
                status        TEXT NOT NULL CHECK (status IN ('scored', 'failed')),
                error_message TEXT NOT NULL DEFAULT '',
                result_id     INTEGER REFERENCES results(id) ON DELETE SET NULL,
                model_id      INTEGER REFERENCES models(id) ON DELETE SET NULL,
                archived_path TEXT NOT NULL DEFAULT '',
                latency_ms    REAL,
                created_at    TEXT NOT NULL,
                UNIQUE (path, size, modified_ns)
            ))sql",
            "CREATE INDEX watched_files_by_folder ON watched_files(watch_folder, id)",
            "CREATE INDEX watched_files_by_result ON watched_files(result_id)",
        }},
        // A promoted model's bundle travels in the database, so that every
        // station following "active" loads the same bytes without a shared folder.
        {8, "model bundles stored in the database", {
            R"sql(CREATE TABLE model_bundles (
                model_id     INTEGER PRIMARY KEY REFERENCES models(id) ON DELETE CASCADE,
                bytes        BLOB NOT NULL,
                size         INTEGER NOT NULL CHECK (size >= 0),
                bytes_sha256 TEXT NOT NULL,
                stored_at    TEXT NOT NULL
            ))sql",
        }},
        // `db migrate` copies a station's database into the line's shared one.
        // Each database names itself with a random identity; the target keeps
        // which source rows it has copied where, so that copying again adds
        // only what is new.
        {9, "database identity and the rows copied from other databases", {
            kIdentityTable,
            "INSERT INTO database_identity (uuid) VALUES (lower(hex(randomblob(16))))",
            kCopiedRowsTable,
        }, false, {
            kIdentityTable,
            "INSERT INTO database_identity (uuid) VALUES (md5(random()::text || clock_timestamp()::text))",
            kCopiedRowsTable,
        }},
        // A watch publishing to MQTT keeps each part's message with its journal
        // entry until the broker has acknowledged it, so that messages a crash,
        // a kill or a broker outage left undelivered are sent at the next start.
        {10, "MQTT messages waiting for the broker's acknowledgement", {
            "ALTER TABLE watched_files ADD COLUMN mqtt_pending TEXT",
            "CREATE INDEX watched_files_pending ON watched_files(watch_folder, id) WHERE mqtt_pending IS NOT NULL",
        }},
    };
    return steps;
}

int latestSchemaVersion()
{
    return migrations().back().version;
}

} // namespace dl::db::detail
