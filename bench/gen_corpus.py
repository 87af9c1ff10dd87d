#!/usr/bin/env python3
"""Generate a deterministic corpus of PostgreSQL migrations for the validate-safe benchmark.

The corpus is a throw-away Maven project:

    <out>/pom.xml                                      uses the plugin under test
    <out>/src/main/resources/db/migration/V<n>__<desc>_safe.sql
    <out>/corpus.json                                  files, statements, bytes, unsafe statements, seed

Every file holds about --statements statements (default 100) drawn from the kinds real migrations contain:
CREATE TABLE with constraints, CREATE INDEX [CONCURRENTLY], ALTER TABLE ADD COLUMN / ADD CONSTRAINT ... NOT VALID /
VALIDATE CONSTRAINT, multi-row INSERT, UPDATE ... WHERE, COMMENT ON, CREATE FUNCTION with a plpgsql $$ body,
CREATE TRIGGER, DO blocks, CREATE VIEW, CREATE TYPE ... AS ENUM, CREATE SEQUENCE and GRANT, separated by line and
block comments. About --unsafe-share of the statements (default 1%) are destructive (DROP TABLE, DROP COLUMN,
DELETE, TRUNCATE, DROP INDEX) so that every linter has something to report.

The same seed always yields byte-identical files.
"""

import argparse
import json
import os
import random
import shutil
import sys

WORDS = [
    "account", "invoice", "order", "payment", "customer", "address", "product", "shipment", "ledger", "audit",
    "session", "token", "tenant", "project", "task", "comment", "attachment", "subscription", "plan", "coupon",
    "warehouse", "stock", "supplier", "report", "event", "notification", "device", "region", "currency", "tax",
]
SUFFIXES = ["", "_item", "_line", "_history", "_log", "_entry", "_link", "_setting", "_snapshot", "_archive"]
# column name -> (type, default used when the column is NOT NULL)
COLUMNS = {
    "name": ("text", None), "title": ("varchar(120)", None), "description": ("text", None),
    "status": ("varchar(120)", "'new'"), "amount": ("numeric(12,2)", "0"), "quantity": ("integer", "0"),
    "price": ("numeric(12,2)", "0"), "email": ("varchar(120)", None), "phone": ("varchar(120)", None),
    "note": ("text", None), "code": ("varchar(120)", None), "reference": ("uuid", None),
    "external_id": ("uuid", None), "priority": ("smallint", "1"), "score": ("integer", "0"),
    "currency_code": ("varchar(120)", "'EUR'"), "country": ("text", None), "city": ("text", None),
    "postal_code": ("varchar(120)", None), "label": ("text", None), "revision": ("bigint", "0"),
    "checksum": ("bigint", "0"), "origin": ("text", None), "category": ("text", None),
    "sort_order": ("integer", "0"), "weight": ("numeric(12,2)", "0"), "due_on": ("date", "CURRENT_DATE"),
    "paid_at": ("timestamptz", "now()"), "archived_at": ("timestamptz", None), "flags": ("text[]", "'{}'"),
    "attributes": ("jsonb", "'{}'::jsonb"), "enabled": ("boolean", "false"),
}
COLUMN_NAMES = sorted(COLUMNS)
STATUSES = ["new", "active", "pending", "closed", "archived", "failed", "paid", "shipped"]
ROLES = ["app_reader", "app_writer", "reporting", "billing_service", "support_staff"]
FIRST = ["Anna", "Bjorn", "Chloe", "Dmitri", "Emeka", "Fatima", "Goran", "Hana", "Ivo", "Julia", "Kenji", "Lena"]
LAST = ["O'Brien", "Smith", "Novak", "Garcia", "Ito", "Muller", "Rossi", "D'Angelo", "Kowalski", "Berg"]


def quote(s):
    return "'" + s.replace("'", "''") + "'"


class FileWriter:
    """Builds one migration file and counts its statements."""

    def __init__(self, rng, file_no):
        self.rng = rng
        self.file_no = file_no
        self.parts = []
        self.statements = 0
        self.unsafe = 0
        self.tables = {}  # name -> list of (column, type)
        self.serial = 0

    # --- helpers -----------------------------------------------------------------------------------------------
    def uid(self):
        self.serial += 1
        return "%d_%d" % (self.file_no, self.serial)

    def emit(self, sql):
        self.parts.append(sql)
        self.statements += 1

    def comment(self):
        r = self.rng.random()
        if r < 0.15:
            self.parts.append("-- %s: %s\n" % (self.rng.choice(["why", "note", "see", "ticket"]),
                                               " ".join(self.rng.sample(WORDS, 4))))
        elif r < 0.2:
            self.parts.append("/* %s\n * keeps %s in step with %s\n */\n" % (
                self.rng.choice(["Backfill", "Reporting", "Cleanup of nothing", "Lookup"]),
                self.rng.choice(WORDS), self.rng.choice(WORDS)))

    def any_table(self):
        if not self.tables:
            self.create_table()
        return self.rng.choice(sorted(self.tables))

    def column_of(self, table, exclude=(), types_excluded=()):
        cols = [c for c in self.tables[table] if c[0] not in exclude and c[1] not in types_excluded]
        return self.rng.choice(cols)

    # --- statement kinds ---------------------------------------------------------------------------------------
    def create_table(self):
        rng = self.rng
        name = "%s%s_%s" % (rng.choice(WORDS), rng.choice(SUFFIXES), self.uid())
        cols = [("id", "bigint")]
        lines = ["    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY"]
        for cname in rng.sample(COLUMN_NAMES, rng.randint(4, 10)):
            ctype, default = COLUMNS[cname]
            line = "    %s %s" % (cname, ctype)
            if default is not None and rng.random() < 0.5:
                line += " NOT NULL DEFAULT " + default
            elif rng.random() < 0.2:
                line += " NOT NULL"
            if ctype in ("integer", "numeric(12,2)", "smallint") and rng.random() < 0.3:
                line += " CHECK (%s >= 0)" % cname
            cols.append((cname, ctype))
            lines.append(line)
        if self.tables and rng.random() < 0.6:
            parent = rng.choice(sorted(self.tables))
            fk = parent.split("_")[0] + "_id"
            if fk not in [c for c, _ in cols]:
                lines.append("    %s bigint REFERENCES %s (id) ON DELETE RESTRICT" % (fk, parent))
                cols.append((fk, "bigint"))
        lines.append("    created_at timestamptz NOT NULL DEFAULT now()")
        cols.append(("created_at", "timestamptz"))
        if rng.random() < 0.4:
            uc = rng.choice([c for c in cols[1:] if c[1] not in ("jsonb", "text[]")])[0]
            lines.append("    CONSTRAINT %s_%s_key UNIQUE (%s)" % (name, uc, uc))
        self.emit("CREATE TABLE %s (\n%s\n);\n" % (name, ",\n".join(lines)))
        self.tables[name] = cols

    def create_index(self):
        t = self.any_table()
        c = self.column_of(t, exclude=("id",), types_excluded=("jsonb", "text[]"))[0]
        conc = "CONCURRENTLY " if self.rng.random() < 0.5 else ""
        uniq = "UNIQUE " if self.rng.random() < 0.1 else ""
        where = " WHERE %s IS NOT NULL" % c if self.rng.random() < 0.2 else ""
        self.emit("CREATE %sINDEX %sIF NOT EXISTS idx_%s_%s ON %s (%s)%s;\n"
                  % (uniq, conc, t, c, t, c, where))

    def add_column(self):
        t = self.any_table()
        base = self.rng.choice(COLUMN_NAMES)
        cname = "%s_%s" % (base, self.uid())
        ctype, default = COLUMNS[base]
        extra = " DEFAULT %s" % default if default is not None and self.rng.random() < 0.4 else ""
        self.emit("ALTER TABLE %s ADD COLUMN IF NOT EXISTS %s %s%s;\n" % (t, cname, ctype, extra))
        self.tables[t].append((cname, ctype))

    def add_constraint(self):
        t = self.any_table()
        c, ctype = self.column_of(t, exclude=("id",))
        cname = "chk_%s_%s" % (t, self.uid())
        if ctype in ("integer", "bigint", "numeric(12,2)", "smallint"):
            cond = "%s >= 0" % c
        else:
            cond = "%s IS NOT NULL" % c
        self.emit("ALTER TABLE %s ADD CONSTRAINT %s CHECK (%s) NOT VALID;\n" % (t, cname, cond))
        if self.rng.random() < 0.7:
            self.emit("ALTER TABLE %s VALIDATE CONSTRAINT %s;\n" % (t, cname))

    def value_for(self, ctype, row):
        rng = self.rng
        if ctype in ("text", "varchar(120)"):
            return quote("%s %s #%d" % (rng.choice(FIRST), rng.choice(LAST), row))
        if ctype in ("integer", "bigint", "smallint"):
            return str(rng.randint(0, 30000))
        if ctype == "numeric(12,2)":
            return "%d.%02d" % (rng.randint(0, 99999), rng.randint(0, 99))
        if ctype == "boolean":
            return rng.choice(["true", "false"])
        if ctype == "timestamptz":
            return "'2024-%02d-%02d 10:%02d:00+00'" % (rng.randint(1, 12), rng.randint(1, 28), rng.randint(0, 59))
        if ctype == "date":
            return "DATE '2023-%02d-%02d'" % (rng.randint(1, 12), rng.randint(1, 28))
        if ctype == "jsonb":
            return "'{\"k\": %d, \"tag\": \"%s\"}'::jsonb" % (rng.randint(0, 99), rng.choice(WORDS))
        if ctype == "uuid":
            return "'%08x-%04x-4%03x-8%03x-%012x'" % (rng.getrandbits(32), rng.getrandbits(16), rng.getrandbits(12),
                                                     rng.getrandbits(12), rng.getrandbits(48))
        if ctype == "text[]":
            return "ARRAY[%s, %s]" % (quote(rng.choice(WORDS)), quote(rng.choice(WORDS)))
        return "NULL"

    def insert(self):
        t = self.any_table()
        cols = [c for c in self.tables[t] if c[0] not in ("id", "created_at")]
        cols = self.rng.sample(cols, min(len(cols), self.rng.randint(2, 5)))
        rows = []
        for r in range(self.rng.randint(1, 6)):
            rows.append("    (%s)" % ", ".join(self.value_for(ct, r) for _, ct in cols))
        conflict = "\nON CONFLICT DO NOTHING" if self.rng.random() < 0.3 else ""
        self.emit("INSERT INTO %s (%s)\nVALUES\n%s%s;\n"
                  % (t, ", ".join(c for c, _ in cols), ",\n".join(rows), conflict))

    def update(self):
        t = self.any_table()
        c, ct = self.column_of(t, exclude=("id",))
        lo = self.rng.randint(1, 50000)
        self.emit("UPDATE %s\n   SET %s = %s\n WHERE id BETWEEN %d AND %d;\n"
                  % (t, c, self.value_for(ct, 0), lo, lo + self.rng.randint(100, 5000)))

    def comment_on(self):
        t = self.any_table()
        if self.rng.random() < 0.5:
            self.emit("COMMENT ON TABLE %s IS %s;\n"
                      % (t, quote("Holds the %s's %s records" % (self.rng.choice(WORDS), self.rng.choice(WORDS)))))
        else:
            c = self.column_of(t)[0]
            self.emit("COMMENT ON COLUMN %s.%s IS %s;\n" % (t, c, quote("The %s, set by the %s service" % (
                c.replace("_", " "), self.rng.choice(WORDS)))))

    def function_and_trigger(self):
        t = self.any_table()
        fn = "touch_%s" % t
        tag = self.rng.choice(["$$", "$fn$", "$body$"])
        self.emit(
            "CREATE OR REPLACE FUNCTION %s() RETURNS trigger\nLANGUAGE plpgsql\nAS %s\n"
            "BEGIN\n"
            "    -- a semicolon; inside the body must not end the statement\n"
            "    IF NEW.created_at IS NULL THEN\n"
            "        NEW.created_at := now();\n"
            "    END IF;\n"
            "    RAISE DEBUG 'touched %% row %%', TG_TABLE_NAME, NEW.id;\n"
            "    RETURN NEW;\n"
            "END;\n%s;\n" % (fn, tag, tag))
        if self.rng.random() < 0.8:
            self.emit("CREATE TRIGGER trg_%s BEFORE INSERT OR UPDATE ON %s\n"
                      "    FOR EACH ROW EXECUTE FUNCTION %s();\n" % (t, t, fn))

    def sql_function(self):
        t = self.any_table()
        self.emit("CREATE OR REPLACE FUNCTION count_%s(since timestamptz)\nRETURNS bigint\nLANGUAGE sql STABLE\n"
                  "AS $$\n    SELECT count(*) FROM %s WHERE created_at >= since;\n$$;\n" % (t, t))

    def do_block(self):
        role = self.rng.choice(ROLES)
        self.emit("DO $$\nBEGIN\n"
                  "    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '%s') THEN\n"
                  "        RAISE NOTICE 'role %% is missing', '%s';\n"
                  "    END IF;\nEND\n$$;\n" % (role, role))

    def create_view(self):
        t = self.any_table()
        cols = [c for c, _ in self.tables[t]][:4]
        self.emit("CREATE OR REPLACE VIEW v_%s AS\nSELECT %s\n  FROM %s\n WHERE created_at > now() - interval '30 days';\n"
                  % (t, ", ".join(cols), t))

    def grant(self):
        t = self.any_table()
        privs = self.rng.choice(["SELECT", "SELECT, INSERT", "SELECT, INSERT, UPDATE", "SELECT, UPDATE"])
        self.emit("GRANT %s ON %s TO %s;\n" % (privs, t, self.rng.choice(ROLES)))

    def create_type(self):
        name = "%s_status_%s" % (self.rng.choice(WORDS), self.uid())
        vals = ", ".join(quote(s) for s in self.rng.sample(STATUSES, 4))
        self.emit("CREATE TYPE %s AS ENUM (%s);\n" % (name, vals))

    def create_sequence(self):
        self.emit("CREATE SEQUENCE IF NOT EXISTS seq_%s_%s START WITH %d INCREMENT BY 1;\n"
                  % (self.rng.choice(WORDS), self.uid(), self.rng.randint(1, 1000)))

    # --- destructive statements (about 1%) ---------------------------------------------------------------------
    def unsafe_statement(self):
        t = self.any_table()
        kind = self.rng.randrange(5)
        if kind == 0:
            self.emit("DROP TABLE IF EXISTS %s_old;\n" % t)
        elif kind == 1:
            c = self.column_of(t, exclude=("id",))[0]
            self.emit("ALTER TABLE %s DROP COLUMN %s;\n" % (t, c))
            self.tables[t] = [x for x in self.tables[t] if x[0] != c]
        elif kind == 2:
            self.emit("DELETE FROM %s;\n" % t)
        elif kind == 3:
            self.emit("TRUNCATE TABLE %s;\n" % t)
        else:
            self.emit("DROP INDEX IF EXISTS idx_%s_legacy;\n" % t)
        self.unsafe += 1


KINDS = [
    ("create_table", 10), ("create_index", 10), ("add_column", 10), ("add_constraint", 6), ("insert", 22),
    ("update", 10), ("comment_on", 10), ("function_and_trigger", 4), ("sql_function", 3), ("do_block", 3),
    ("create_view", 4), ("grant", 6), ("create_type", 1), ("create_sequence", 1),
]


def generate_file(seed, file_no, target, unsafe_share):
    rng = random.Random("%d/%d" % (seed, file_no))
    w = FileWriter(rng, file_no)
    w.parts.append("-- Migration %d: generated benchmark migration\n" % file_no)
    names = [k for k, _ in KINDS]
    weights = [wt for _, wt in KINDS]
    while w.statements < target:
        w.comment()
        if rng.random() < unsafe_share:
            w.unsafe_statement()
        else:
            getattr(w, rng.choices(names, weights)[0])()
        w.parts.append("\n")
    return "".join(w.parts), w.statements, w.unsafe


POM = """<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0"
         xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
         xsi:schemaLocation="http://maven.apache.org/POM/4.0.0 https://maven.apache.org/xsd/maven-4.0.0.xsd">
  <modelVersion>4.0.0</modelVersion>
  <groupId>io.github.migrationguard.bench</groupId>
  <artifactId>bench-corpus</artifactId>
  <version>1</version>
  <packaging>pom</packaging>
  <description>Generated benchmark corpus for validate-safe ({files} files, {statements} statements)</description>
  <build>
    <plugins>
      <plugin>
        <groupId>io.github.migrationguard</groupId>
        <artifactId>migration-guard-maven-plugin</artifactId>
        <version>{plugin_version}</version>
      </plugin>
    </plugins>
  </build>
</project>
"""


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--out", default="target/bench-corpus", help="corpus project directory (recreated)")
    p.add_argument("--files", type=int, default=1200)
    p.add_argument("--statements", type=int, default=100, help="mean statements per file")
    p.add_argument("--unsafe-share", type=float, default=0.01)
    p.add_argument("--seed", type=int, default=20240601)
    p.add_argument("--plugin-version", default="0.1.0-SNAPSHOT")
    a = p.parse_args()

    mig = os.path.join(a.out, "src", "main", "resources", "db", "migration")
    if os.path.isdir(a.out):
        shutil.rmtree(a.out)
    os.makedirs(mig)
    rng = random.Random(a.seed)
    total_st = total_bytes = total_unsafe = 0
    for n in range(1, a.files + 1):
        target = a.statements + rng.randint(-10, 10)
        text, st, unsafe = generate_file(a.seed, n, target, a.unsafe_share)
        desc = "%s_%s" % (rng.choice(WORDS), rng.choice(["schema", "backfill", "indexes", "grants", "views"]))
        data = text.encode("utf-8")
        with open(os.path.join(mig, "V%d__%s_safe.sql" % (n, desc)), "wb") as f:
            f.write(data)
        total_st += st
        total_bytes += len(data)
        total_unsafe += unsafe
    with open(os.path.join(a.out, "pom.xml"), "w") as f:
        f.write(POM.format(files=a.files, statements=total_st, plugin_version=a.plugin_version))
    manifest = {"files": a.files, "statements": total_st, "bytes": total_bytes, "unsafeStatements": total_unsafe,
                "seed": a.seed, "migrations": os.path.relpath(mig, a.out)}
    with open(os.path.join(a.out, "corpus.json"), "w") as f:
        json.dump(manifest, f, indent=2)
        f.write("\n")
    json.dump(manifest, sys.stdout)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
