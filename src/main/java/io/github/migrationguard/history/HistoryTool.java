package io.github.migrationguard.history;

/** Migration tools whose bookkeeping tables we recognise. */
public enum HistoryTool {
    FLYWAY("Flyway"),
    SUPABASE("Supabase CLI"),
    GOLANG_MIGRATE("golang-migrate"),
    DBMATE("dbmate"),
    RAILS("Rails (Active Record)"),
    LIQUIBASE("Liquibase"),
    GOOSE("goose"),
    SQLX("sqlx"),
    PRISMA("Prisma Migrate"),
    DIESEL("Diesel"),
    KNEX("Knex"),
    ALEMBIC("Alembic"),
    MIGRATION_GUARD("migration-guard");

    private final String displayName;

    HistoryTool(String displayName) {
        this.displayName = displayName;
    }

    public String displayName() {
        return displayName;
    }

    /** golang-migrate keeps only the latest version (one row); every lower version counts as applied. */
    public boolean storesOnlyLatestVersion() {
        return this == GOLANG_MIGRATE;
    }
}
