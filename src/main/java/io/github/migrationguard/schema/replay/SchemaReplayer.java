package io.github.migrationguard.schema.replay;

import java.util.ArrayList;
import java.util.List;

/**
 * Replays the DDL of migrations, in order, into the schema they build, without a database: the expected
 * {@link io.github.migrationguard.schema.SchemaModel}, in the same records and, as far as replay can know them, the
 * same renderings as {@link io.github.migrationguard.schema.CatalogReader} reads from a database built by those
 * migrations (types as {@code format_type}, defaults and checks as {@code pg_get_expr}/{@code pg_get_constraintdef},
 * indexes as {@code pg_get_indexdef}, all with an empty search_path), plus what each migration creates, drops and
 * needs.
 *
 * <p>Statements are split as psql splits them and read token by token. Names resolve as the server resolves them:
 * unqualified names through the search path ({@code public}, or what an earlier {@code SET search_path} or
 * {@code set_config('search_path', ...)} of the same migration chose), unquoted identifiers folded to lower case and
 * cut to 63 bytes; generated names ({@code users_pkey}, {@code users_email_key}, {@code orders_user_id_fkey},
 * {@code users_score_check}, {@code users_lower_idx}, {@code users_id_seq}) are chosen as PostgreSQL chooses them,
 * with numeric suffixes on collision.
 *
 * <p>Never throws on bad input: a statement replay cannot read, or whose effect it cannot model (a DO block running
 * DDL, {@code CREATE TABLE ... AS}, ...), is listed in {@link MigrationEffects#notReplayed()} as
 * {@code line N: <excerpt> (<reason>)}, and the replay goes on.
 *
 * <p>Left null in the model because only a database knows them: owners, view definitions, function definitions,
 * extension versions the migration does not name.
 *
 * <p>Effects: {@code creates} lists every object a migration creates (a created table's columns, constraints,
 * indexes and sequences too), named as they were right after the migration; an object a later migration drops or
 * renames appears in that migration's {@code drops}. {@code references} lists what a migration needs that it did
 * not create itself earlier on (ALTER/DROP targets, foreign-key targets, indexed and checked columns, tables written
 * by INSERT/UPDATE/DELETE/COPY/TRUNCATE, parents of partitions). Functions are named {@code name(identity
 * arguments)}.
 */
public final class SchemaReplayer {

    private final boolean searchPathAcrossMigrations;
    private final String user;
    private final String defaultSchema;

    /**
     * A replayer that starts every migration with the default search path, as Flyway does (it restores the session's
     * search path after each migration).
     */
    public SchemaReplayer() {
        this(false);
    }

    /**
     * @param searchPathAcrossMigrations true to keep a {@code SET search_path} for the migrations after the one that
     *                                   ran it (tools that run all migrations in one session without resetting it)
     */
    public SchemaReplayer(boolean searchPathAcrossMigrations) {
        this(searchPathAcrossMigrations, null);
    }

    /**
     * @param searchPathAcrossMigrations as in {@link #SchemaReplayer(boolean)}
     * @param user                       the role the migrations ran as, or null when unknown: with the default
     *                                   search path {@code "$user", public}, unqualified objects go to a schema of
     *                                   that name when migrations created one
     */
    public SchemaReplayer(boolean searchPathAcrossMigrations, String user) {
        this(searchPathAcrossMigrations, user, null);
    }

    /**
     * @param searchPathAcrossMigrations as in {@link #SchemaReplayer(boolean)}
     * @param user                       as in {@link #SchemaReplayer(boolean, String)}
     * @param defaultSchema              a schema the migration tool creates before the first migration and puts first
     *                                   in the search path of each one (Flyway does so for its default schema, the one
     *                                   holding its history table, when it is not the session's current schema), or
     *                                   null
     */
    public SchemaReplayer(boolean searchPathAcrossMigrations, String user, String defaultSchema) {
        this.searchPathAcrossMigrations = searchPathAcrossMigrations;
        this.user = user;
        this.defaultSchema = defaultSchema;
    }

    /** Replays the migrations in the given (apply) order. */
    public ReplayResult replay(List<ReplayInput> ordered) {
        Replay replay = new Replay(!searchPathAcrossMigrations, user, defaultSchema);
        List<MigrationEffects> effects = new ArrayList<>();
        for (ReplayInput input : ordered) {
            effects.add(replay.migration(input));
        }
        return new ReplayResult(new ModelBuilder(replay.model, replay.renderer).build(), List.copyOf(effects));
    }
}
