using Microsoft.Data.Sqlite;

namespace Hark.Storage;

/// <summary>
/// Creates and migrates the schema. PRAGMA user_version is the schema version; migration N takes version N to
/// N + 1 and sets user_version itself, inside the same transaction, so a crash mid-migration leaves the old version.
/// </summary>
internal static class SqliteSchema
{
    // Append new migrations; never edit a released one (existing databases already ran it).
    private static readonly string[] s_migrations =
    [
        """
        CREATE TABLE calls (
            id             TEXT NOT NULL PRIMARY KEY,
            application_id TEXT NOT NULL,
            state          TEXT NOT NULL,
            resource_json  TEXT NOT NULL,
            created_at     TEXT NOT NULL,
            ended_at       TEXT NULL
        );
        CREATE INDEX calls_ended_at ON calls (ended_at);

        CREATE TABLE operations (
            call_id       TEXT NOT NULL,
            id            TEXT NOT NULL,
            status        TEXT NOT NULL,
            resource_json TEXT NOT NULL,
            updated_at    TEXT NOT NULL,
            PRIMARY KEY (call_id, id)
        );

        CREATE TABLE recordings (
            id               TEXT NOT NULL PRIMARY KEY,
            call_id          TEXT NOT NULL,
            operation_id     TEXT NOT NULL,
            sample_rate      INTEGER NOT NULL,
            duration_samples INTEGER NOT NULL,
            created_at       TEXT NOT NULL
        );
        CREATE INDEX recordings_call_id ON recordings (call_id);

        -- AUTOINCREMENT: a sequence is never reused, so a stale handle can never mark another message.
        CREATE TABLE outbox (
            sequence        INTEGER PRIMARY KEY AUTOINCREMENT,
            id              TEXT NOT NULL UNIQUE,
            call_id         TEXT NOT NULL,
            application_id  TEXT NOT NULL,
            target_uri      TEXT NOT NULL,
            payload         TEXT NOT NULL,
            created_at      TEXT NOT NULL,
            attempts        INTEGER NOT NULL DEFAULT 0,
            next_attempt_at TEXT NOT NULL,
            delivered_at    TEXT NULL,
            abandoned_at    TEXT NULL,
            last_error      TEXT NULL
        );
        -- Only unsettled messages: small however long the history, and it answers "each call's head" directly.
        CREATE INDEX outbox_unsettled ON outbox (call_id, sequence)
            WHERE delivered_at IS NULL AND abandoned_at IS NULL;

        PRAGMA user_version = 1;
        """,

        // 2: a call's whole notification history (delivered ones too), read by the replayable notification log.
        """
        CREATE INDEX outbox_call_history ON outbox (call_id, sequence);

        PRAGMA user_version = 2;
        """,

        // 3: each call's head (its oldest unsettled message) kept in a table of its own by triggers, so the delivery
        // loop's "what is due" and "when is the next due" cost a look at the heads, not a pass over every unsettled
        // message (thousands while notifications run behind). A call's head changes only when one of its messages is
        // inserted, settled, rescheduled, revived or deleted; the triggers see every such write, whoever makes it.
        """
        CREATE TABLE outbox_heads (
            call_id         TEXT NOT NULL PRIMARY KEY,
            sequence        INTEGER NOT NULL,
            next_attempt_at TEXT NOT NULL
        );
        CREATE INDEX outbox_heads_due ON outbox_heads (next_attempt_at);
        -- Due heads in sequence order: walked in order and stopped after the batch, rather than all sorted.
        CREATE INDEX outbox_heads_order ON outbox_heads (sequence, next_attempt_at);

        INSERT INTO outbox_heads (call_id, sequence, next_attempt_at)
        SELECT call_id, sequence, next_attempt_at FROM outbox
        WHERE sequence IN (
            SELECT MIN(sequence) FROM outbox WHERE delivered_at IS NULL AND abandoned_at IS NULL GROUP BY call_id);

        -- Sequences only grow, so a new message is the head only of a call that had none.
        CREATE TRIGGER outbox_heads_insert AFTER INSERT ON outbox
        BEGIN
            INSERT OR IGNORE INTO outbox_heads (call_id, sequence, next_attempt_at)
            VALUES (NEW.call_id, NEW.sequence, NEW.next_attempt_at);
        END;

        CREATE TRIGGER outbox_heads_update AFTER UPDATE OF delivered_at, abandoned_at, next_attempt_at, call_id ON outbox
        BEGIN
            DELETE FROM outbox_heads WHERE call_id IN (OLD.call_id, NEW.call_id);
            INSERT INTO outbox_heads (call_id, sequence, next_attempt_at)
            SELECT call_id, sequence, next_attempt_at FROM outbox
            WHERE call_id = OLD.call_id AND delivered_at IS NULL AND abandoned_at IS NULL
            ORDER BY sequence LIMIT 1;
            INSERT OR IGNORE INTO outbox_heads (call_id, sequence, next_attempt_at)
            SELECT call_id, sequence, next_attempt_at FROM outbox
            WHERE call_id = NEW.call_id AND delivered_at IS NULL AND abandoned_at IS NULL
            ORDER BY sequence LIMIT 1;
        END;

        -- Deleting a settled message (retention) leaves the head as it was.
        CREATE TRIGGER outbox_heads_delete AFTER DELETE ON outbox
        WHEN OLD.delivered_at IS NULL AND OLD.abandoned_at IS NULL
        BEGIN
            DELETE FROM outbox_heads WHERE call_id = OLD.call_id;
            INSERT INTO outbox_heads (call_id, sequence, next_attempt_at)
            SELECT call_id, sequence, next_attempt_at FROM outbox
            WHERE call_id = OLD.call_id AND delivered_at IS NULL AND abandoned_at IS NULL
            ORDER BY sequence LIMIT 1;
        END;

        PRAGMA user_version = 3;
        """,
    ];

    public static int CurrentVersion => s_migrations.Length;

    /// <summary>Brings the database to <see cref="CurrentVersion"/>; returns the version it found.</summary>
    public static int Migrate(SqliteConnection connection)
    {
        using (var wal = connection.CreateCommand())
        {
            // WAL is stored in the file, so this only does work the first time; it cannot run inside a transaction.
            wal.CommandText = "PRAGMA journal_mode = WAL;";
            var mode = wal.ExecuteScalar() as string;
            if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidOperationException($"SQLite refused WAL journal mode (got '{mode}').");
            }
        }

        // IMMEDIATE: two processes opening the same new file must not both create the schema.
        using var transaction = connection.BeginTransaction(deferred: false);
        int found;
        using (var read = connection.CreateCommand())
        {
            read.Transaction = transaction;
            read.CommandText = "PRAGMA user_version;";
            found = Convert.ToInt32(read.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
        }

        if (found > CurrentVersion)
        {
            throw new InvalidOperationException(
                $"The database has schema version {found}, newer than this Hark's {CurrentVersion}; upgrade Hark.");
        }

        for (var version = found; version < CurrentVersion; version++)
        {
            using var migrate = connection.CreateCommand();
            migrate.Transaction = transaction;
            migrate.CommandText = s_migrations[version];
            migrate.ExecuteNonQuery();
        }

        transaction.Commit();
        return found;
    }
}
