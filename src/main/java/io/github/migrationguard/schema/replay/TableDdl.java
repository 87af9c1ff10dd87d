package io.github.migrationguard.schema.replay;

import io.github.migrationguard.schema.Column;
import io.github.migrationguard.schema.Constraint;
import io.github.migrationguard.schema.replay.ReplayModel.IndexElem;
import io.github.migrationguard.schema.replay.ReplayModel.MColumn;
import io.github.migrationguard.schema.replay.ReplayModel.MConstraint;
import io.github.migrationguard.schema.replay.ReplayModel.MIndex;
import io.github.migrationguard.schema.replay.ReplayModel.MSequence;
import io.github.migrationguard.schema.replay.ReplayModel.MTable;
import io.github.migrationguard.schema.replay.ReplayModel.MTrigger;
import io.github.migrationguard.schema.replay.ReplayModel.RelKind;
import io.github.migrationguard.sql.Token;
import io.github.migrationguard.sql.TokenType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * CREATE TABLE, ALTER TABLE, CREATE/ALTER/DROP INDEX and the constraints they make, named as PostgreSQL names them.
 */
final class TableDdl {

    private final Replay r;

    TableDdl(Replay r) {
        this.r = r;
    }

    // ================================================================== parsed definitions

    /** A column or table constraint as written, before it is applied. */
    static final class ConDef {
        String name;
        String kind; // notnull, null, check, default, generated, identity, unique, primary, references, exclude
        List<String> columns = new ArrayList<>();
        List<String> include = new ArrayList<>();
        List<String> refTable;
        List<String> refColumns = new ArrayList<>();
        String match;
        String onDelete;
        String onUpdate;
        List<String> onDeleteColumns = new ArrayList<>();
        Cursor expr;
        boolean noInherit;
        boolean deferrable;
        boolean initiallyDeferred;
        boolean notValid;
        boolean nullsNotDistinct;
        String identity;
        Cursor sequenceOptions;
        String method;
        List<Cursor> exclusionElements = new ArrayList<>();
        List<String> exclusionOperators = new ArrayList<>();
        Cursor where;
        String usingIndex;
        List<String> storage = new ArrayList<>();
    }

    static final class ColDef {
        String name;
        TypeReader.Read type;
        String collation;
        final List<ConDef> constraints = new ArrayList<>();
    }

    // ================================================================== CREATE TABLE

    void createTable(Cursor c, boolean unlogged, boolean foreign) {
        c.expect("table");
        boolean ifNotExists = c.accept("if", "not", "exists");
        String[] name = r.newName(c.qualifiedName());
        if (r.model.relationNameTaken(name[0], name[1])) {
            if (ifNotExists || r.tolerant) {
                return;
            }
            throw new Replay.NotModelled("relation " + name[0] + "." + name[1] + " already exists in the replayed "
                    + "schema");
        }
        if (!r.model.hasSchema(name[0])) {
            r.fx.referenced(Effects.schema(name[0]));
        }
        MTable parent = null;
        String bound = null;
        List<Object> elements = new ArrayList<>();
        List<MTable> inherits = new ArrayList<>();
        if (c.accept("partition", "of")) {
            List<String> parentName = c.qualifiedName();
            parent = r.findRelation(parentName).orElse(null);
            if (parent == null) {
                String[] p = r.resolveName(parentName, (a, b) -> false);
                r.fx.referenced(Effects.table(p[0], p[1]));
                throw new Replay.NotModelled("partitioned table " + p[0] + "." + p[1] + " is not in the replayed "
                        + "schema");
            }
            r.fx.referenced(Effects.table(parent));
            if (c.peekPunct('(')) {
                elements = elements(c.parenthesized(), true);
            }
            bound = boundSpec(c, parent);
        } else if (c.peekWord("of")) {
            throw new Replay.NotModelled("typed table (CREATE TABLE ... OF type)");
        } else if (c.peekPunct('(')) {
            elements = elements(c.parenthesized(), false);
        } else if (c.peekWord("as")) {
            MTable t = new MTable(name[0], name[1], RelKind.TABLE);
            addTable(t);
            r.fx.created(Effects.table(t));
            throw new Replay.NotModelled("CREATE TABLE AS: the table's columns come from a query");
        }
        String partitionStrategy = null;
        Cursor partitionKey = null;
        while (!c.atEnd()) {
            if (c.accept("inherits")) {
                for (Cursor p : c.parenthesized().commaSeparated()) {
                    List<String> pn = p.qualifiedName();
                    Optional<MTable> pt = r.findRelation(pn);
                    if (pt.isEmpty()) {
                        String[] x = r.resolveName(pn, (a, b) -> false);
                        r.fx.referenced(Effects.table(x[0], x[1]));
                        throw new Replay.NotModelled("parent table " + x[0] + "." + x[1]
                                + " is not in the replayed schema");
                    }
                    r.fx.referenced(Effects.table(pt.get()));
                    inherits.add(pt.get());
                }
            } else if (c.accept("partition", "by")) {
                partitionStrategy = c.next().value().toUpperCase(Locale.ROOT);
                partitionKey = c.parenthesized();
            } else if (c.accept("using")) {
                c.identifier();
            } else if (c.accept("with")) {
                c.skipParenthesized();
            } else if (c.accept("without", "oids")) {
                // nothing
            } else if (c.accept("on", "commit")) {
                c.next();
                c.accept("rows");
            } else if (c.accept("tablespace")) {
                c.identifier();
            } else if (foreign && c.accept("server")) {
                c.identifier();
            } else if (foreign && c.accept("options")) {
                c.skipParenthesized();
            } else if (c.peekWord("as")) {
                MTable t = new MTable(name[0], name[1], RelKind.TABLE);
                addTable(t);
                r.fx.created(Effects.table(t));
                throw new Replay.NotModelled("CREATE TABLE AS: the table's columns come from a query");
            } else {
                throw new Cursor.Unsupported("CREATE TABLE clause" + c.near());
            }
        }

        RelKind kind = foreign ? RelKind.FOREIGN_TABLE : partitionStrategy != null ? RelKind.PARTITIONED_TABLE
                : RelKind.TABLE;
        MTable t = new MTable(name[0], name[1], kind);
        t.unlogged = unlogged;
        List<String> checkNames = new ArrayList<>();

        // serial and identity sequences are named before the table exists
        List<ColDef> columns = new ArrayList<>();
        for (Object e : elements) {
            if (e instanceof ColDef cd) {
                columns.add(cd);
            }
        }
        addTable(t);
        r.fx.created(Effects.table(t));

        // inherited columns first, then the table's own
        for (MTable p : inherits) {
            r.model.hierarchies = true;
            t.inherits.add(p);
            for (MColumn pc : p.columns) {
                Optional<MColumn> existing = t.column(pc.name);
                if (existing.isPresent()) {
                    existing.get().notNull |= pc.notNull;
                    continue;
                }
                MColumn col = t.addColumn(pc.name, pc.type);
                col.notNull = pc.notNull;
                col.defaultExpr = rebind(pc.defaultExpr, t);
                col.collation = pc.collation;
                col.local = false;
            }
        }
        if (parent != null) {
            r.model.hierarchies = true;
            t.partitionOf = parent;
            t.partitionBound = bound;
            copyColumnsFromParent(parent, t);
        }
        List<Object> tableLevel = new ArrayList<>();
        for (Object e : elements) {
            if (e instanceof ColDef cd) {
                MColumn col = t.column(cd.name).orElse(null);
                if (col == null) {
                    if (cd.type == null) {
                        throw new Cursor.Unsupported("column " + cd.name + " without a type");
                    }
                    col = t.addColumn(cd.name, cd.type.type());
                } else {
                    col.local = true;
                    if (cd.type != null) {
                        col.type = cd.type.type();
                    }
                }
                if (cd.collation != null) {
                    col.collation = cd.collation;
                }
                columnSerial(t, col, cd);
            } else if (e instanceof LikeClause like) {
                likeColumns(t, like);
                tableLevel.add(e);
            } else {
                tableLevel.add(e);
            }
        }
        for (MColumn col : t.columns) {
            r.fx.created(Effects.column(col));
        }
        // column properties (defaults, generated, identity, nullability)
        for (ColDef cd : columns) {
            MColumn col = t.column(cd.name).orElseThrow();
            columnProperties(t, col, cd);
        }
        if (partitionKey != null) {
            t.partitionStrategy = partitionStrategy;
            for (Cursor k : partitionKey.commaSeparated()) {
                t.partitionKey.add(indexElem(t, k));
            }
        }

        // CHECK constraints (inherited ones first, then in order of appearance)
        for (MTable p : inherits) {
            for (MConstraint pc : p.constraints) {
                if (pc.type == Constraint.Type.CHECK && !pc.noInherit) {
                    Optional<MConstraint> same = t.constraint(pc.name);
                    if (same.isEmpty()) {
                        MConstraint clone = cloneCheck(pc, t);
                        t.constraints.add(clone);
                        checkNames.add(clone.name);
                        r.fx.created(Effects.constraint(clone));
                    }
                }
            }
        }
        if (parent != null) {
            for (MConstraint pc : parent.constraints) {
                if (pc.type == Constraint.Type.CHECK) {
                    MConstraint clone = cloneCheck(pc, t);
                    t.constraints.add(clone);
                    checkNames.add(clone.name);
                    r.fx.created(Effects.constraint(clone));
                }
            }
        }
        List<ConDef> indexConstraints = new ArrayList<>();
        List<ConDef> foreignKeys = new ArrayList<>();
        List<String> fkColumnsOf = new ArrayList<>();
        for (Object e : elements) {
            if (e instanceof LikeClause) {
                continue;
            }
            List<ConDef> defs = e instanceof ColDef cd ? cd.constraints : List.of((ConDef) e);
            String column = e instanceof ColDef cd ? cd.name : null;
            for (ConDef d : defs) {
                switch (d.kind) {
                    case "check" -> {
                        MConstraint con = addCheck(t, d, checkNames, false);
                        r.fx.created(Effects.constraint(con));
                    }
                    case "primary", "unique", "exclude" -> {
                        if (column != null && d.columns.isEmpty()) {
                            d.columns.add(column);
                        }
                        indexConstraints.add(d);
                    }
                    case "references" -> {
                        if (column != null && d.columns.isEmpty()) {
                            d.columns.add(column);
                        }
                        foreignKeys.add(d);
                        fkColumnsOf.add(column);
                    }
                    default -> {
                    }
                }
            }
        }
        // PRIMARY KEY first, then UNIQUE and EXCLUDE in order; unnamed duplicates of an earlier key are dropped
        List<ConDef> ordered = new ArrayList<>();
        indexConstraints.stream().filter(d -> d.kind.equals("primary")).forEach(ordered::add);
        indexConstraints.stream().filter(d -> !d.kind.equals("primary")).forEach(ordered::add);
        List<ConDef> kept = new ArrayList<>();
        for (ConDef d : ordered) {
            boolean duplicate = !d.kind.equals("exclude") && d.name == null && kept.stream().anyMatch(k ->
                    !k.kind.equals("exclude") && k.columns.equals(d.columns) && k.include.equals(d.include)
                            && k.nullsNotDistinct == d.nullsNotDistinct);
            if (!duplicate) {
                kept.add(d);
            }
        }
        if (parent != null) {
            clonePartitionIndexes(parent, t);
        }
        for (ConDef d : kept) {
            addIndexConstraint(t, d, true);
        }
        for (ConDef d : foreignKeys) {
            addForeignKey(t, d, true);
        }
        if (parent != null) {
            for (MConstraint pc : parent.constraints) {
                if (pc.type == Constraint.Type.FOREIGN_KEY) {
                    MConstraint clone = cloneForeignKey(pc, t);
                    t.constraints.add(clone);
                    r.fx.created(Effects.constraint(clone));
                }
            }
            for (MTrigger tr : parent.triggers) {
                if (tr.forEachRow) {
                    Functions.addTrigger(r, t, Functions.cloneTrigger(t, tr));
                }
            }
        }
        for (Object e : tableLevel) {
            if (e instanceof LikeClause like) {
                likeConstraintsAndIndexes(t, like, checkNames);
            }
        }
    }

    private void addTable(MTable t) {
        t.rowType = new UserType(t.schema, t.name, UserType.Kind.ROW);
        r.model.tables.add(t);
    }

    /** A LIKE element of CREATE TABLE. */
    record LikeClause(List<String> source, boolean defaults, boolean constraints, boolean indexes,
                      boolean identity, boolean generated) {
    }

    private List<Object> elements(Cursor list, boolean partition) {
        List<Object> out = new ArrayList<>();
        if (list.atEnd()) {
            return out;
        }
        for (Cursor item : list.commaSeparated()) {
            if (item.peekWord("constraint") || item.peekWord("primary") || item.peekWord("unique")
                    || item.peekWord("check") || item.peekWord("foreign") || item.peekWord("exclude")) {
                out.add(tableConstraint(item));
            } else if (item.peekWord("like")) {
                item.next();
                List<String> source = item.qualifiedName();
                boolean defaults = false;
                boolean constraints = false;
                boolean indexes = false;
                boolean identity = false;
                boolean generated = false;
                while (!item.atEnd()) {
                    boolean including = item.accept("including");
                    if (!including) {
                        item.expect("excluding");
                    }
                    String what = item.next().value();
                    switch (what) {
                        case "all" -> {
                            defaults = including;
                            constraints = including;
                            indexes = including;
                            identity = including;
                            generated = including;
                        }
                        case "defaults" -> defaults = including;
                        case "constraints" -> constraints = including;
                        case "indexes" -> indexes = including;
                        case "identity" -> identity = including;
                        case "generated" -> generated = including;
                        default -> {
                        }
                    }
                }
                out.add(new LikeClause(source, defaults, constraints, indexes, identity, generated));
            } else {
                out.add(columnDef(item, partition));
            }
        }
        return out;
    }

    /** {@code name type [COLLATE c] [constraints]}; in a partition, the type is left out. */
    ColDef columnDef(Cursor c, boolean partition) {
        ColDef d = new ColDef();
        d.name = c.identifier();
        if (partition) {
            c.accept("with", "options");
        }
        if (!partition || (!c.atEnd() && !isColumnConstraintStart(c))) {
            d.type = r.readType(c);
        }
        String pendingName = null;
        ConDef last = null;
        while (!c.atEnd()) {
            if (c.accept("constraint")) {
                pendingName = c.identifier();
                continue;
            }
            if (c.accept("collate")) {
                d.collation = collation(c.qualifiedName());
                continue;
            }
            if (c.accept("compression") || c.accept("storage")) {
                c.next();
                continue;
            }
            if (c.accept("deferrable")) {
                requireLast(last).deferrable = true;
                continue;
            }
            if (c.accept("not", "deferrable")) {
                requireLast(last).deferrable = false;
                continue;
            }
            if (c.accept("initially", "deferred")) {
                requireLast(last).initiallyDeferred = true;
                requireLast(last).deferrable = true;
                continue;
            }
            if (c.accept("initially", "immediate")) {
                requireLast(last).initiallyDeferred = false;
                continue;
            }
            if (c.accept("not", "valid")) {
                requireLast(last).notValid = true;
                continue;
            }
            ConDef k = new ConDef();
            k.name = pendingName;
            pendingName = null;
            if (c.accept("not", "null")) {
                k.kind = "notnull";
            } else if (c.accept("null")) {
                k.kind = "null";
            } else if (c.accept("check")) {
                k.kind = "check";
                k.expr = c.parenthesized();
                if (c.accept("no", "inherit")) {
                    k.noInherit = true;
                }
            } else if (c.accept("default")) {
                k.kind = "default";
                int start = c.position();
                ExprParser.parseDefault(c, r.scope(null));
                k.expr = c.sub(start, c.position());
            } else if (c.accept("generated")) {
                if (c.accept("always")) {
                    if (c.accept("as", "identity")) {
                        k.kind = "identity";
                        k.identity = "ALWAYS";
                    } else {
                        c.expect("as");
                        k.kind = "generated";
                        k.expr = c.parenthesized();
                        if (!c.accept("stored")) {
                            c.accept("virtual");
                        }
                    }
                } else {
                    c.expect("by", "default", "as", "identity");
                    k.kind = "identity";
                    k.identity = "BY_DEFAULT";
                }
                if (k.kind.equals("identity") && c.peekPunct('(')) {
                    k.sequenceOptions = c.parenthesized();
                }
            } else if (c.accept("unique")) {
                k.kind = "unique";
                indexOptions(c, k);
            } else if (c.accept("primary", "key")) {
                k.kind = "primary";
                indexOptions(c, k);
            } else if (c.accept("references")) {
                k.kind = "references";
                references(c, k);
            } else {
                throw new Cursor.Unsupported("column constraint" + c.near());
            }
            d.constraints.add(k);
            last = k;
        }
        return d;
    }

    private static ConDef requireLast(ConDef last) {
        if (last == null) {
            throw new Cursor.Unsupported("constraint attribute without a constraint");
        }
        return last;
    }

    private static boolean isColumnConstraintStart(Cursor c) {
        return c.peekWord("constraint") || c.peekWord("not") || c.peekWord("null") || c.peekWord("check")
                || c.peekWord("default") || c.peekWord("generated") || c.peekWord("unique") || c.peekWord("primary")
                || c.peekWord("references") || c.peekWord("collate");
    }

    static String collation(List<String> name) {
        String n = name.get(name.size() - 1);
        if (n.equals("default")) {
            return null;
        }
        return (name.size() > 1 ? name.get(0) : "pg_catalog") + "." + n;
    }

    /** INCLUDE, WITH, USING INDEX TABLESPACE, NULLS [NOT] DISTINCT after UNIQUE / PRIMARY KEY. */
    private void indexOptions(Cursor c, ConDef k) {
        while (true) {
            if (c.accept("nulls", "not", "distinct")) {
                k.nullsNotDistinct = true;
            } else if (c.accept("nulls", "distinct")) {
                k.nullsNotDistinct = false;
            } else if (c.peekPunct('(') && k.columns.isEmpty() && k.usingIndex == null) {
                k.columns.addAll(names(c.parenthesized()));
            } else if (c.accept("include")) {
                k.include.addAll(names(c.parenthesized()));
            } else if (c.accept("with")) {
                k.storage.addAll(storage(c.parenthesized()));
            } else if (c.accept("using", "index", "tablespace")) {
                c.identifier();
            } else if (c.accept("using", "index")) {
                k.usingIndex = c.identifier();
            } else {
                return;
            }
        }
    }

    /** Storage parameters as {@code reloptions} holds them: {@code fillfactor=70}. */
    static List<String> storage(Cursor c) {
        List<String> out = new ArrayList<>();
        for (Cursor o : c.commaSeparated()) {
            StringBuilder key = new StringBuilder(o.identifier());
            while (o.acceptPunct('.')) {
                key.append('.').append(o.identifier());
            }
            String value = "true";
            if (o.acceptOperator("=")) {
                Token v = o.next();
                value = v.type() == TokenType.WORD ? v.value() : v.type() == TokenType.OPERATOR
                        && o.peek() != null ? v.text() + o.next().text() : v.value();
            }
            out.add(key + "=" + value);
        }
        return out;
    }

    private static List<String> names(Cursor list) {
        List<String> out = new ArrayList<>();
        if (list.atEnd()) {
            return out;
        }
        for (Cursor item : list.commaSeparated()) {
            out.add(item.identifier());
            item.expectEnd();
        }
        return out;
    }

    private void references(Cursor c, ConDef k) {
        k.refTable = c.qualifiedName();
        if (c.peekPunct('(')) {
            k.refColumns.addAll(names(c.parenthesized()));
        }
        while (true) {
            if (c.accept("match")) {
                String m = c.next().value().toUpperCase(Locale.ROOT);
                k.match = m.equals("SIMPLE") ? null : m;
            } else if (c.accept("on", "delete")) {
                k.onDelete = action(c, k.onDeleteColumns);
            } else if (c.accept("on", "update")) {
                k.onUpdate = action(c, new ArrayList<>());
            } else {
                return;
            }
        }
    }

    private static String action(Cursor c, List<String> columns) {
        if (c.accept("cascade")) {
            return "CASCADE";
        }
        if (c.accept("restrict")) {
            return "RESTRICT";
        }
        if (c.accept("no", "action")) {
            return null;
        }
        if (c.accept("set", "null")) {
            if (c.peekPunct('(')) {
                columns.addAll(names(c.parenthesized()));
            }
            return "SET NULL";
        }
        if (c.accept("set", "default")) {
            if (c.peekPunct('(')) {
                columns.addAll(names(c.parenthesized()));
            }
            return "SET DEFAULT";
        }
        throw new Cursor.Unsupported("referential action" + c.near());
    }

    ConDef tableConstraint(Cursor c) {
        ConDef k = new ConDef();
        if (c.accept("constraint")) {
            k.name = c.identifier();
        }
        if (c.accept("check")) {
            k.kind = "check";
            k.expr = c.parenthesized();
            if (c.accept("no", "inherit")) {
                k.noInherit = true;
            }
        } else if (c.accept("unique")) {
            k.kind = "unique";
            indexOptions(c, k);
        } else if (c.accept("primary", "key")) {
            k.kind = "primary";
            indexOptions(c, k);
        } else if (c.accept("foreign", "key")) {
            k.kind = "references";
            k.columns.addAll(names(c.parenthesized()));
            c.expect("references");
            references(c, k);
        } else if (c.accept("exclude")) {
            k.kind = "exclude";
            k.method = c.accept("using") ? c.identifier() : "btree";
            for (Cursor e : c.parenthesized().commaSeparated()) {
                int with = -1;
                for (int i = e.tokens().size() - 1; i >= 0; i--) {
                    if (e.tokens().get(i).isWord("with")) {
                        with = i;
                        break;
                    }
                }
                if (with < 0) {
                    throw new Cursor.Unsupported("exclusion element without WITH");
                }
                k.exclusionElements.add(e.sub(0, with));
                Cursor op = e.sub(with + 1, e.tokens().size());
                if (op.accept("operator")) {
                    k.exclusionOperators.add(op.parenthesized().rest());
                } else {
                    k.exclusionOperators.add(op.rest());
                }
            }
            indexOptions(c, k);
            if (c.accept("where")) {
                k.where = c.parenthesized();
            }
        } else {
            throw new Cursor.Unsupported("table constraint" + c.near());
        }
        while (!c.atEnd()) {
            if (c.accept("deferrable")) {
                k.deferrable = true;
            } else if (c.accept("not", "deferrable")) {
                k.deferrable = false;
            } else if (c.accept("initially", "deferred")) {
                k.initiallyDeferred = true;
                k.deferrable = true;
            } else if (c.accept("initially", "immediate")) {
                k.initiallyDeferred = false;
            } else if (c.accept("not", "valid")) {
                k.notValid = true;
            } else if (c.accept("no", "inherit")) {
                k.noInherit = true;
            } else {
                throw new Cursor.Unsupported("constraint clause" + c.near());
            }
        }
        return k;
    }

    // ================================================================== applying columns

    /** Serial types: the sequence (named before the table in PostgreSQL, by ChooseRelationName), default, NOT NULL. */
    private void columnSerial(MTable t, MColumn col, ColDef cd) {
        if (cd.type == null || cd.type.serial() == null) {
            return;
        }
        String seqName = Idents.choose(t.name, col.name, "seq", n -> r.model.relationNameTaken(t.schema, n));
        MSequence s = new MSequence(t.schema, seqName);
        s.type = col.type;
        s.ownedBy = col;
        r.model.sequences.add(s);
        r.fx.created(Effects.sequence(s));
        col.serialSequence = s;
        col.notNull = true;
        col.defaultExpr = nextval(s);
    }

    /** A NULL default, also with casts ({@code NULL::text}): the server stores no default for it. */
    static boolean isNull(Expr e) {
        Expr x = e;
        while (x instanceof Expr.Cast c) {
            x = c.arg();
        }
        return x instanceof Expr.NullLit;
    }

    static Expr nextval(MSequence s) {
        return new Expr.Func(null, "nextval", List.of(new Expr.RegClass(s, s.name)), false, false, null);
    }

    private void columnProperties(MTable t, MColumn col, ColDef cd) {
        for (ConDef k : cd.constraints) {
            switch (k.kind) {
                case "notnull" -> col.notNull = true;
                case "null" -> {
                    // explicit NULL: nothing
                }
                case "primary" -> col.notNull = true;
                case "default" -> {
                    Expr e = ExprParser.parse(k.expr, r.scope(t));
                    col.defaultExpr = isNull(e) ? null : e;
                    col.serialSequence = null;
                }
                case "generated" -> {
                    col.generated = Column.Generated.STORED;
                    col.generationExpr = ExprParser.parse(k.expr, r.scope(t));
                }
                case "identity" -> addIdentity(t, col, k.identity, k.sequenceOptions);
                default -> {
                }
            }
        }
    }

    private void addIdentity(MTable t, MColumn col, String kind, Cursor options) {
        col.identity = kind.equals("ALWAYS") ? Column.Identity.ALWAYS : Column.Identity.BY_DEFAULT;
        col.notNull = true;
        MSequence s = new MSequence(t.schema, null);
        s.type = col.type;
        s.identity = true;
        s.ownedBy = col;
        if (options != null) {
            r.sequenceOptions(options, s, true);
        }
        if (s.name == null) {
            s.name = Idents.choose(t.name, col.name, "seq", n -> r.model.relationNameTaken(t.schema, n));
        }
        r.model.sequences.add(s);
        r.fx.created(Effects.sequence(s));
        col.serialSequence = s;
    }

    /** Rebinds an expression of one table to the same-named columns of another (inheritance, partitions, LIKE). */
    Expr rebind(Expr e, MTable target) {
        if (e == null) {
            return null;
        }
        if (e instanceof Expr.ColumnRef c) {
            return new Expr.ColumnRef(target.column(c.currentName()).orElse(null), c.currentName(), c.qualifier());
        }
        List<Expr> kids = Exprs.children(e);
        if (kids.isEmpty()) {
            return e;
        }
        return Exprs.mapChildren(e, x -> rebind(x, target));
    }

    private void copyColumnsFromParent(MTable parent, MTable t) {
        for (MColumn pc : parent.columns) {
            MColumn col = t.addColumn(pc.name, pc.type);
            col.notNull = pc.notNull;
            col.collation = pc.collation;
            col.local = false;
            col.generated = pc.generated;
        }
        for (int i = 0; i < parent.columns.size(); i++) {
            MColumn pc = parent.columns.get(i);
            MColumn col = t.columns.get(i);
            col.defaultExpr = rebind(pc.defaultExpr, t);
            col.generationExpr = rebind(pc.generationExpr, t);
        }
    }

    // ================================================================== constraints

    MConstraint addCheck(MTable t, ConDef d, List<String> checkNames, boolean alter) {
        Expr e = ExprParser.parse(d.expr, r.scope(t));
        String name = d.name;
        if (name == null) {
            List<MColumn> cols = Exprs.columns(e);
            String column = cols.size() == 1 ? cols.get(0).name : null;
            name = Idents.choose(t.name, column, "check", n -> checkNames.contains(n)
                    || r.model.constraintNameTaken(t.schema, n));
        } else if (t.constraint(name).isPresent()) {
            throw new Replay.NotModelled("constraint " + name + " already exists on " + t);
        }
        checkNames.add(name);
        MConstraint con = new MConstraint(t, name, Constraint.Type.CHECK);
        con.check = e;
        con.noInherit = d.noInherit;
        con.validated = !(alter && d.notValid);
        con.columns.addAll(Exprs.columns(e));
        t.constraints.add(con);
        if (!d.noInherit) {
            for (MTable child : r.model.childrenOf(t)) {
                if (child.constraint(name).isEmpty()) {
                    child.constraints.add(cloneCheck(con, child));
                }
            }
        }
        return con;
    }

    private MConstraint cloneCheck(MConstraint pc, MTable t) {
        MConstraint clone = new MConstraint(t, pc.name, Constraint.Type.CHECK);
        clone.check = rebind(pc.check, t);
        clone.columns.addAll(Exprs.columns(clone.check));
        clone.validated = pc.validated;
        clone.local = false;
        return clone;
    }

    /** Creates a PRIMARY KEY, UNIQUE or EXCLUDE constraint and its index. */
    MConstraint addIndexConstraint(MTable t, ConDef d, boolean recurse) {
        Constraint.Type type = d.kind.equals("primary") ? Constraint.Type.PRIMARY_KEY
                : d.kind.equals("unique") ? Constraint.Type.UNIQUE : Constraint.Type.EXCLUSION;
        if (type == Constraint.Type.PRIMARY_KEY && t.primaryKey().isPresent()) {
            throw new Replay.NotModelled("table " + t + " already has a primary key in the replayed schema");
        }
        if (d.usingIndex != null) {
            return constraintUsingIndex(t, d, type);
        }
        MIndex index = new MIndex(null, t);
        index.unique = type != Constraint.Type.EXCLUSION;
        index.primary = type == Constraint.Type.PRIMARY_KEY;
        index.exclusion = type == Constraint.Type.EXCLUSION;
        index.nullsNotDistinct = d.nullsNotDistinct;
        index.only = t.kind == RelKind.PARTITIONED_TABLE;
        index.storage.addAll(d.storage);
        List<MColumn> keyColumns = new ArrayList<>();
        if (type == Constraint.Type.EXCLUSION) {
            index.method = d.method;
            for (int i = 0; i < d.exclusionElements.size(); i++) {
                IndexElem e = indexElem(t, d.exclusionElements.get(i));
                e.operator = d.exclusionOperators.get(i);
                index.elements.add(e);
                if (e.column != null) {
                    keyColumns.add(e.column);
                }
            }
            if (d.where != null) {
                index.predicate = ExprParser.parse(d.where, r.scope(t));
            }
        } else {
            for (String col : d.columns) {
                MColumn mc = column(t, col);
                IndexElem e = new IndexElem();
                e.column = mc;
                e.nameHint = col;
                index.elements.add(e);
                keyColumns.add(mc);
                if (type == Constraint.Type.PRIMARY_KEY) {
                    mc.notNull = true;
                }
            }
        }
        for (String col : d.include) {
            index.include.add(column(t, col));
        }
        String name = d.name;
        if (name == null) {
            List<String> colNames = new ArrayList<>();
            index.elements.forEach(e -> colNames.add(e.nameHint != null ? e.nameHint : "expr"));
            index.include.forEach(c -> colNames.add(c.name));
            String label = type == Constraint.Type.PRIMARY_KEY ? "pkey"
                    : type == Constraint.Type.EXCLUSION ? "excl" : "key";
            String addition = type == Constraint.Type.PRIMARY_KEY ? null
                    : Idents.joinedNames(Idents.uniqueColumnNames(colNames));
            name = Idents.choose(t.name, addition, label, n -> r.model.relationNameTaken(t.schema, n)
                    || r.model.constraintNameTaken(t.schema, n));
        } else if (r.model.relationNameTaken(t.schema, name)) {
            throw new Replay.NotModelled("relation " + t.schema + "." + name + " already exists in the replayed "
                    + "schema");
        }
        index.name = name;
        MConstraint con = new MConstraint(t, name, type);
        con.columns.addAll(keyColumns);
        con.include.addAll(index.include);
        con.deferrable = d.deferrable;
        con.initiallyDeferred = d.initiallyDeferred;
        con.nullsNotDistinct = d.nullsNotDistinct;
        con.method = index.method;
        con.elements.addAll(index.elements);
        con.predicate = index.predicate;
        con.index = index;
        con.storage.addAll(d.storage);
        index.constraint = con;
        r.model.indexes.add(index);
        t.constraints.add(con);
        r.fx.created(Effects.constraint(con));
        r.fx.created(Effects.index(index));
        if (recurse && t.kind == RelKind.PARTITIONED_TABLE) {
            for (MTable part : r.model.partitionsOf(t)) {
                clonePartitionIndex(index, part);
            }
        }
        return con;
    }

    private MConstraint constraintUsingIndex(MTable t, ConDef d, Constraint.Type type) {
        Optional<MIndex> found = r.model.index(t.schema, d.usingIndex);
        if (found.isEmpty()) {
            r.fx.referenced(new ObjectRef(ObjectRef.Kind.INDEX, t.schema, d.usingIndex, null));
            throw new Replay.NotModelled("index " + d.usingIndex + " is not in the replayed schema");
        }
        MIndex index = found.get();
        String name = d.name != null ? d.name : index.name;
        if (!name.equals(index.name)) {
            r.fx.dropped(Effects.index(index));
            index.name = name;
            r.model.reindex();
            r.fx.created(Effects.index(index));
        }
        index.primary = type == Constraint.Type.PRIMARY_KEY;
        MConstraint con = new MConstraint(t, name, type);
        for (IndexElem e : index.elements) {
            if (e.column != null) {
                con.columns.add(e.column);
                if (index.primary) {
                    e.column.notNull = true;
                }
            }
        }
        con.include.addAll(index.include);
        con.deferrable = d.deferrable;
        con.initiallyDeferred = d.initiallyDeferred;
        con.nullsNotDistinct = index.nullsNotDistinct;
        con.index = index;
        con.storage.addAll(index.storage);
        index.constraint = con;
        t.constraints.add(con);
        r.fx.created(Effects.constraint(con));
        return con;
    }

    private MColumn column(MTable t, String name) {
        Optional<MColumn> c = t.column(name);
        if (c.isEmpty() && t.isView()) {
            return t.addColumn(name, null); // a view's columns are known only by the names used
        }
        if (c.isEmpty()) {
            r.fx.referenced(Effects.column(t.schema, t.name, name));
            throw new Replay.NotModelled("column " + name + " of " + t + " is not in the replayed schema");
        }
        r.fx.referenced(Effects.column(c.get()));
        return c.get();
    }

    MConstraint addForeignKey(MTable t, ConDef d, boolean creating) {
        List<MColumn> cols = new ArrayList<>();
        for (String col : d.columns) {
            cols.add(column(t, col));
        }
        Optional<MTable> ref = r.findRelation(d.refTable);
        String[] refName = ref.map(x -> new String[] {x.schema, x.name})
                .orElseGet(() -> r.resolveName(d.refTable, (a, b) -> false));
        r.fx.referenced(Effects.table(refName[0], refName[1]));
        List<MColumn> refCols = new ArrayList<>();
        if (ref.isPresent()) {
            MTable rt = ref.get();
            if (d.refColumns.isEmpty()) {
                Optional<MConstraint> pk = rt.primaryKey();
                if (pk.isEmpty()) {
                    throw new Replay.NotModelled("referenced table " + rt + " has no primary key in the replayed "
                            + "schema");
                }
                refCols.addAll(pk.get().columns);
                pk.get().columns.forEach(c -> r.fx.referenced(Effects.column(c)));
            } else {
                for (String rc : d.refColumns) {
                    refCols.add(column(rt, rc));
                }
            }
        } else {
            for (String rc : d.refColumns) {
                r.fx.referenced(Effects.column(refName[0], refName[1], rc));
            }
            throw new Replay.NotModelled("referenced table " + refName[0] + "." + refName[1]
                    + " is not in the replayed schema");
        }
        String name = d.name;
        if (name == null) {
            List<String> names = cols.stream().map(c -> c.name).toList();
            name = Idents.choose(t.name, Idents.joinedNames(names), "fkey",
                    n -> r.model.constraintNameTaken(t.schema, n));
        } else if (t.constraint(name).isPresent()) {
            throw new Replay.NotModelled("constraint " + name + " already exists on " + t);
        }
        MConstraint con = new MConstraint(t, name, Constraint.Type.FOREIGN_KEY);
        con.columns.addAll(cols);
        con.refTable = ref.get();
        con.refColumns.addAll(refCols);
        con.match = d.match;
        con.onDelete = d.onDelete;
        con.onUpdate = d.onUpdate;
        for (String c : d.onDeleteColumns) {
            con.onDeleteSetColumns.add(column(t, c));
        }
        con.deferrable = d.deferrable;
        con.initiallyDeferred = d.initiallyDeferred;
        con.validated = creating || !d.notValid;
        t.constraints.add(con);
        r.fx.created(Effects.constraint(con));
        if (t.kind == RelKind.PARTITIONED_TABLE) {
            for (MTable part : r.model.partitionsOf(t)) {
                if (part.constraint(name).isEmpty()) {
                    part.constraints.add(cloneForeignKey(con, part));
                }
            }
        }
        return con;
    }

    private MConstraint cloneForeignKey(MConstraint pc, MTable t) {
        MConstraint clone = new MConstraint(t, pc.name, Constraint.Type.FOREIGN_KEY);
        pc.columns.forEach(c -> t.column(c.name).ifPresent(clone.columns::add));
        clone.refTable = pc.refTable;
        clone.refColumns.addAll(pc.refColumns);
        clone.match = pc.match;
        clone.onDelete = pc.onDelete;
        clone.onUpdate = pc.onUpdate;
        pc.onDeleteSetColumns.forEach(c -> t.column(c.name).ifPresent(clone.onDeleteSetColumns::add));
        clone.deferrable = pc.deferrable;
        clone.initiallyDeferred = pc.initiallyDeferred;
        clone.validated = pc.validated;
        clone.local = false;
        return clone;
    }

    // ================================================================== partitions

    /** {@code FOR VALUES ...} or {@code DEFAULT}, rendered as {@code pg_get_expr(relpartbound)}. */
    private String boundSpec(Cursor c, MTable parent) {
        if (c.accept("default")) {
            return "DEFAULT";
        }
        c.expect("for", "values");
        List<PgType> keyTypes = new ArrayList<>();
        for (Object k : parent.partitionKey) {
            keyTypes.add(k instanceof IndexElem e && e.column != null ? e.column.type
                    : k instanceof IndexElem e && e.expr != null ? r.renderer.typeOf(e.expr) : null);
        }
        if (c.accept("in")) {
            List<String> values = new ArrayList<>();
            for (Cursor v : c.parenthesized().commaSeparated()) {
                values.add(boundValue(v, keyTypes.isEmpty() ? null : keyTypes.get(0)));
            }
            return "FOR VALUES IN (" + String.join(", ", values) + ")";
        }
        if (c.accept("from")) {
            String from = boundList(c.parenthesized(), keyTypes);
            c.expect("to");
            String to = boundList(c.parenthesized(), keyTypes);
            return "FOR VALUES FROM (" + from + ") TO (" + to + ")";
        }
        c.expect("with");
        Cursor w = c.parenthesized();
        StringBuilder s = new StringBuilder();
        for (Cursor part : w.commaSeparated()) {
            String key = part.identifier();
            String value = part.next().text();
            if (s.length() > 0) {
                s.append(", ");
            }
            s.append(key).append(' ').append(value);
        }
        return "FOR VALUES WITH (" + s + ")";
    }

    private String boundList(Cursor list, List<PgType> keyTypes) {
        List<String> values = new ArrayList<>();
        int i = 0;
        for (Cursor v : list.commaSeparated()) {
            values.add(boundValue(v, i < keyTypes.size() ? keyTypes.get(i) : null));
            i++;
        }
        return String.join(", ", values);
    }

    private String boundValue(Cursor v, PgType type) {
        if (v.peekWord("minvalue") || v.peekWord("maxvalue")) {
            return v.next().value().toUpperCase(Locale.ROOT);
        }
        Expr e = ExprParser.parse(v, r.scope(null));
        if (e instanceof Expr.NullLit) {
            return "NULL";
        }
        return r.renderer.boundValue(e, type);
    }

    /** Clones the parent's indexes (and their constraints) onto a new partition. */
    private void clonePartitionIndexes(MTable parent, MTable part) {
        for (MIndex idx : r.model.indexesOf(parent)) {
            if (idx.parent == null || idx.table == parent) {
                clonePartitionIndex(idx, part);
            }
        }
    }

    void clonePartitionIndex(MIndex idx, MTable part) {
        cloneIndex(idx, part, true);
    }

    /**
     * A copy of an index (and its constraint) on another table, named for that table: for a partition (linked to
     * the parent's index, constraint not local) or for CREATE TABLE ... (LIKE ... INCLUDING INDEXES).
     */
    private void cloneIndex(MIndex idx, MTable part, boolean partition) {
        MIndex clone = new MIndex(null, part);
        clone.method = idx.method;
        clone.unique = idx.unique;
        clone.primary = idx.primary;
        clone.exclusion = idx.exclusion;
        clone.nullsNotDistinct = idx.nullsNotDistinct;
        clone.storage.addAll(idx.storage);
        clone.parent = partition ? idx : null;
        clone.only = part.kind == RelKind.PARTITIONED_TABLE;
        List<String> colNames = new ArrayList<>();
        for (IndexElem e : idx.elements) {
            IndexElem c = new IndexElem();
            c.column = e.column == null ? null : part.column(e.column.name).orElse(null);
            c.expr = e.expr == null ? null : rebind(e.expr, part);
            c.nameHint = e.column != null ? e.column.name : e.nameHint;
            c.collation = e.collation;
            c.opclass = e.opclass;
            c.desc = e.desc;
            c.nullsFirst = e.nullsFirst;
            c.operator = e.operator;
            clone.elements.add(c);
            colNames.add(c.nameHint != null ? c.nameHint : "expr");
        }
        for (MColumn inc : idx.include) {
            part.column(inc.name).ifPresent(clone.include::add);
            colNames.add(inc.name);
        }
        clone.predicate = rebind(idx.predicate, part);
        MConstraint pcon = idx.constraint;
        String label = pcon == null ? "idx" : pcon.type == Constraint.Type.PRIMARY_KEY ? "pkey"
                : pcon.type == Constraint.Type.EXCLUSION ? "excl" : "key";
        String addition = label.equals("pkey") ? null : Idents.joinedNames(Idents.uniqueColumnNames(colNames));
        boolean constraint = pcon != null;
        clone.name = Idents.choose(part.name, addition, label, n -> r.model.relationNameTaken(part.schema, n)
                || (constraint && r.model.constraintNameTaken(part.schema, n)));
        r.model.indexes.add(clone);
        if (pcon != null) {
            MConstraint con = new MConstraint(part, clone.name, pcon.type);
            pcon.columns.forEach(c -> part.column(c.name).ifPresent(con.columns::add));
            con.include.addAll(clone.include);
            con.deferrable = pcon.deferrable;
            con.initiallyDeferred = pcon.initiallyDeferred;
            con.nullsNotDistinct = pcon.nullsNotDistinct;
            con.method = pcon.method;
            con.elements.addAll(clone.elements);
            con.predicate = clone.predicate;
            con.local = !partition;
            con.index = clone;
            con.storage.addAll(pcon.storage);
            clone.constraint = con;
            part.constraints.add(con);
            if (con.type == Constraint.Type.PRIMARY_KEY) {
                con.columns.forEach(c -> c.notNull = true);
            }
            r.fx.created(Effects.constraint(con));
        }
        r.fx.created(Effects.index(clone));
        if (part.kind == RelKind.PARTITIONED_TABLE) {
            for (MTable sub : r.model.partitionsOf(part)) {
                clonePartitionIndex(clone, sub);
            }
        }
    }

    /** {@code column | (expr) | func(...)} [COLLATE c] [opclass] [ASC|DESC] [NULLS FIRST|LAST]. */
    IndexElem indexElem(MTable t, Cursor c) {
        IndexElem e = new IndexElem();
        Token first = c.peek();
        if (first == null) {
            throw new Cursor.Unsupported("empty index element");
        }
        if (first.isPunct('(')) {
            e.expr = ExprParser.parse(c.parenthesized(), r.scope(t));
        } else if (c.peek(1) != null && (c.peek(1).isPunct('(') || c.peek(1).isPunct('.'))) {
            e.expr = ExprParser.parsePrefix(c, r.scope(t));
        } else {
            String name = c.identifier();
            e.column = column(t, name);
        }
        if (e.expr instanceof Expr.ColumnRef ref && ref.column() != null) {
            e.column = ref.column();
            e.expr = null;
        }
        if (e.expr != null) {
            for (MColumn mc : Exprs.columns(e.expr)) {
                r.fx.referenced(Effects.column(mc));
            }
            e.nameHint = Exprs.nameHint(e.expr);
        } else {
            e.nameHint = e.column.name;
        }
        while (!c.atEnd()) {
            if (c.accept("collate")) {
                e.collation = ExprParser.collationName(c.qualifiedName());
            } else if (c.accept("asc")) {
                e.desc = false;
            } else if (c.accept("desc")) {
                e.desc = true;
            } else if (c.accept("nulls", "first")) {
                e.nullsFirst = true;
            } else if (c.accept("nulls", "last")) {
                e.nullsFirst = false;
            } else if (c.peekIdentifier()) {
                List<String> opclass = c.qualifiedName();
                if (c.peekPunct('(')) {
                    c.skipParenthesized();
                }
                e.opclass = opclassName(opclass);
            } else {
                throw new Cursor.Unsupported("index element" + c.near());
            }
        }
        return e;
    }

    /** Operator classes that are the default for their type: pg_get_indexdef leaves them out. */
    private static final Set<String> DEFAULT_OPCLASSES = Set.of("int2_ops", "int4_ops", "int8_ops", "text_ops",
            "numeric_ops", "float4_ops", "float8_ops", "bool_ops", "bpchar_ops", "date_ops", "timestamp_ops",
            "timestamptz_ops", "uuid_ops", "jsonb_ops", "array_ops", "tsvector_ops", "bytea_ops", "oid_ops",
            "interval_ops", "time_ops", "timetz_ops", "range_ops", "enum_ops", "name_ops", "char_ops");

    private static final Set<String> TRGM_OPCLASSES = Set.of("gin_trgm_ops", "gist_trgm_ops");

    private String opclassName(List<String> name) {
        String n = name.get(name.size() - 1);
        if (name.size() == 1 && DEFAULT_OPCLASSES.contains(n)) {
            return null;
        }
        if (name.size() > 1 && !name.get(0).equals("pg_catalog")) {
            return Idents.qualified(name.get(0), n);
        }
        if (name.size() == 1 && TRGM_OPCLASSES.contains(n)) {
            String schema = r.model.extension("pg_trgm").map(x -> x.schema).orElse("public");
            return Idents.qualified(schema, n);
        }
        return Idents.quote(n);
    }

    // ================================================================== CREATE INDEX

    void createIndex(Cursor c) {
        boolean unique = c.accept("unique");
        c.expect("index");
        c.accept("concurrently");
        boolean ifNotExists = c.accept("if", "not", "exists");
        String name = null;
        if (!c.peekWord("on")) {
            name = c.identifier();
        }
        c.expect("on");
        boolean only = c.accept("only");
        List<String> tableName = c.qualifiedName();
        if (r.isTemporary(tableName)) {
            return;
        }
        Optional<MTable> found = r.findRelation(tableName);
        if (found.isEmpty()) {
            String[] n = r.resolveName(tableName, (a, b) -> false);
            r.fx.referenced(Effects.table(n[0], n[1]));
            throw new Replay.NotModelled("table " + n[0] + "." + n[1] + " is not in the replayed schema");
        }
        MTable t = found.get();
        r.fx.referenced(Effects.table(t));
        if (name != null && r.model.relationNameTaken(t.schema, name)) {
            if (ifNotExists || r.tolerant) {
                return;
            }
            throw new Replay.NotModelled("relation " + t.schema + "." + name + " already exists in the replayed "
                    + "schema");
        }
        MIndex index = new MIndex(name, t);
        index.unique = unique;
        if (c.accept("using")) {
            index.method = c.identifier();
        }
        for (Cursor e : c.parenthesized().commaSeparated()) {
            index.elements.add(indexElem(t, e));
        }
        while (!c.atEnd()) {
            if (c.accept("include")) {
                for (String col : names(c.parenthesized())) {
                    index.include.add(column(t, col));
                }
            } else if (c.accept("nulls", "not", "distinct")) {
                index.nullsNotDistinct = true;
            } else if (c.accept("nulls", "distinct")) {
                index.nullsNotDistinct = false;
            } else if (c.accept("with")) {
                index.storage.addAll(storage(c.parenthesized()));
            } else if (c.accept("tablespace")) {
                c.identifier();
            } else if (c.accept("where")) {
                index.predicate = ExprParser.parse(c.until(), r.scope(t));
                for (MColumn mc : Exprs.columns(index.predicate)) {
                    r.fx.referenced(Effects.column(mc));
                }
            } else {
                throw new Cursor.Unsupported("CREATE INDEX clause" + c.near());
            }
        }
        index.only = t.kind == RelKind.PARTITIONED_TABLE;
        if (index.name == null) {
            List<String> colNames = new ArrayList<>();
            index.elements.forEach(e -> colNames.add(e.nameHint != null ? e.nameHint : "expr"));
            index.include.forEach(col -> colNames.add(col.name));
            index.name = Idents.choose(t.name, Idents.joinedNames(Idents.uniqueColumnNames(colNames)), "idx",
                    n -> r.model.relationNameTaken(t.schema, n));
        }
        r.model.indexes.add(index);
        r.fx.created(Effects.index(index));
        if (t.kind == RelKind.PARTITIONED_TABLE && !only) {
            for (MTable part : r.model.partitionsOf(t)) {
                clonePartitionIndex(index, part);
            }
        }
    }

    void alterIndex(Cursor c) {
        c.expect("index");
        if (c.accept("all")) {
            return;
        }
        boolean ifExists = c.accept("if", "exists");
        List<String> name = c.qualifiedName();
        String[] n = r.resolveName(name, (s, x) -> r.model.index(s, x).isPresent());
        Optional<MIndex> found = r.model.index(n[0], n[1]);
        if (found.isEmpty()) {
            if (ifExists) {
                return;
            }
            r.fx.referenced(new ObjectRef(ObjectRef.Kind.INDEX, n[0], n[1], null));
            throw new Replay.NotModelled("index " + n[0] + "." + n[1] + " is not in the replayed schema");
        }
        MIndex index = found.get();
        r.fx.referenced(Effects.index(index));
        if (c.accept("rename", "to")) {
            renameIndex(index, c.identifier());
        } else if (c.accept("attach", "partition")) {
            List<String> childName = c.qualifiedName();
            String[] cn = r.resolveName(childName, (s, x) -> r.model.index(s, x).isPresent());
            r.model.index(cn[0], cn[1]).ifPresent(child -> child.parent = index);
        }
    }

    void renameIndex(MIndex index, String newName) {
        ObjectRef old = Effects.index(index);
        index.name = newName;
        r.fx.dropped(old);
        r.fx.created(Effects.index(index));
        if (index.constraint != null) {
            ObjectRef oldCon = Effects.constraint(index.constraint);
            index.constraint.name = newName;
            r.fx.dropped(oldCon);
            r.fx.created(Effects.constraint(index.constraint));
        }
        r.model.reindex();
    }

    void dropIndex(Cursor c) {
        c.expect("index");
        Replay.DropList d = Replay.dropList(c);
        for (List<String> name : d.names()) {
            String[] n = r.resolveName(name, (s, x) -> r.model.index(s, x).isPresent());
            Optional<MIndex> found = r.model.index(n[0], n[1]);
            if (found.isEmpty()) {
                if (!d.ifExists()) {
                    r.fx.dropped(new ObjectRef(ObjectRef.Kind.INDEX, n[0], n[1], null));
                }
                continue;
            }
            removeIndex(found.get(), d.cascade());
        }
    }

    void removeIndex(MIndex index, boolean cascade) {
        r.model.indexes.remove(index);
        r.fx.dropped(Effects.index(index));
        if (index.constraint != null) {
            index.constraint.table.constraints.remove(index.constraint);
            r.fx.dropped(Effects.constraint(index.constraint));
            if (cascade) {
                dropReferencingForeignKeys(index.constraint);
            }
        }
        for (MIndex child : List.copyOf(r.model.indexes)) {
            if (child.parent == index) {
                removeIndex(child, cascade);
            }
        }
    }

    /** Foreign keys of other tables that depend on a key constraint (CASCADE). */
    private void dropReferencingForeignKeys(MConstraint key) {
        for (MTable t : r.model.tables) {
            for (MConstraint fk : List.copyOf(t.constraints)) {
                if (fk.type == Constraint.Type.FOREIGN_KEY && fk.refTable == key.table
                        && Set.copyOf(fk.refColumns).equals(Set.copyOf(key.columns))) {
                    t.constraints.remove(fk);
                    r.fx.dropped(Effects.constraint(fk));
                }
            }
        }
    }

    // ================================================================== DROP TABLE / COLUMN

    void dropRelation(MTable t, boolean cascade) {
        if (!r.model.tables.contains(t)) {
            return;
        }
        r.model.tables.remove(t);
        r.fx.dropped(Effects.table(t));
        if (t.isTable()) {
            t.columns.forEach(c -> r.fx.dropped(Effects.column(c)));
        }
        t.constraints.forEach(c -> r.fx.dropped(Effects.constraint(c)));
        t.triggers.forEach(x -> r.fx.dropped(Effects.trigger(x)));
        t.policies.forEach(x -> r.fx.dropped(Effects.policy(x)));
        for (MIndex i : r.model.indexesOf(t)) {
            r.model.indexes.remove(i);
            r.fx.dropped(Effects.index(i));
        }
        for (MSequence s : r.model.sequencesOwnedBy(t)) {
            r.model.sequences.remove(s);
            r.fx.dropped(Effects.sequence(s));
        }
        for (MTable other : r.model.tables) {
            for (MConstraint con : List.copyOf(other.constraints)) {
                if (con.type == Constraint.Type.FOREIGN_KEY && con.refTable == t) {
                    other.constraints.remove(con);
                    r.fx.dropped(Effects.constraint(con));
                }
            }
        }
        for (MTable child : List.copyOf(r.model.tables)) {
            if (child.partitionOf == t) {
                dropRelation(child, cascade);
            } else if (child.inherits.contains(t)) {
                if (cascade) {
                    dropRelation(child, true);
                } else {
                    child.inherits.remove(t);
                }
            }
        }
    }

    void dropColumn(MTable t, MColumn col, boolean cascade) {
        t.columns.remove(col);
        r.fx.dropped(Effects.column(col));
        for (MConstraint con : List.copyOf(t.constraints)) {
            if (con.uses(col)) {
                t.constraints.remove(con);
                r.fx.dropped(Effects.constraint(con));
                if (con.index != null) {
                    r.model.indexes.remove(con.index);
                    r.fx.dropped(Effects.index(con.index));
                }
                if (cascade && con.index != null) {
                    dropReferencingForeignKeys(con);
                }
            }
        }
        for (MIndex i : r.model.indexesOf(t)) {
            if (i.uses(col)) {
                r.model.indexes.remove(i);
                r.fx.dropped(Effects.index(i));
            }
        }
        for (MSequence s : List.copyOf(r.model.sequences)) {
            if (s.ownedBy == col) {
                r.model.sequences.remove(s);
                r.fx.dropped(Effects.sequence(s));
            }
        }
        for (MTable other : r.model.tables) {
            other.constraints.removeIf(con -> con.type == Constraint.Type.FOREIGN_KEY && con.refColumns.contains(col));
        }
        t.policies.removeIf(p -> (p.using != null && Exprs.mentions(p.using, col))
                || (p.withCheck != null && Exprs.mentions(p.withCheck, col)));
        for (MTable child : r.model.childrenOf(t)) {
            child.column(col.name).ifPresent(cc -> {
                if (!cc.local || child.partitionOf == t) {
                    dropColumn(child, cc, cascade);
                }
            });
        }
    }

    // ================================================================== LIKE

    private MTable likeSource(LikeClause like) {
        Optional<MTable> source = r.findRelation(like.source());
        if (source.isEmpty()) {
            String[] n = r.resolveName(like.source(), (a, b) -> false);
            r.fx.referenced(Effects.table(n[0], n[1]));
            throw new Replay.NotModelled("LIKE source " + n[0] + "." + n[1] + " is not in the replayed schema");
        }
        r.fx.referenced(Effects.table(source.get()));
        return source.get();
    }

    /** LIKE copies the columns with their types and NOT NULL; defaults, identity, generation when asked. */
    private void likeColumns(MTable t, LikeClause like) {
        MTable source = likeSource(like);
        for (MColumn sc : source.columns) {
            if (t.column(sc.name).isPresent()) {
                throw new Replay.NotModelled("column " + sc.name + " given twice");
            }
            MColumn col = t.addColumn(sc.name, sc.type);
            col.notNull = sc.notNull;
            col.collation = sc.collation;
        }
        for (MColumn sc : source.columns) {
            MColumn col = t.column(sc.name).orElseThrow();
            if (like.defaults() && sc.generated == Column.Generated.NONE && sc.identity == Column.Identity.NONE) {
                col.defaultExpr = rebind(sc.defaultExpr, t);
            }
            if (like.generated() && sc.generated != Column.Generated.NONE) {
                col.generated = sc.generated;
                col.generationExpr = rebind(sc.generationExpr, t);
            }
            if (like.identity() && sc.identity != Column.Identity.NONE) {
                addIdentity(t, col, sc.identity == Column.Identity.ALWAYS ? "ALWAYS" : "BY_DEFAULT", null);
            }
        }
    }

    /** LIKE ... INCLUDING CONSTRAINTS copies check constraints by name; INCLUDING INDEXES renames indexes. */
    private void likeConstraintsAndIndexes(MTable t, LikeClause like, List<String> checkNames) {
        MTable source = likeSource(like);
        if (like.constraints()) {
            for (MConstraint sc : source.constraints) {
                if (sc.type == Constraint.Type.CHECK && t.constraint(sc.name).isEmpty()) {
                    MConstraint clone = cloneCheck(sc, t);
                    clone.local = true;
                    clone.noInherit = sc.noInherit;
                    t.constraints.add(clone);
                    checkNames.add(clone.name);
                    r.fx.created(Effects.constraint(clone));
                }
            }
        }
        if (like.indexes()) {
            List<MIndex> sourceIndexes = new ArrayList<>(r.model.indexesOf(source));
            sourceIndexes.sort((a, b) -> Boolean.compare(b.primary, a.primary));
            for (MIndex idx : sourceIndexes) {
                cloneIndex(idx, t, false);
            }
        }
    }

    // ================================================================== ALTER TABLE

    void alterTable(Cursor c) {
        c.expect("table");
        if (c.accept("all", "in", "tablespace")) {
            return;
        }
        boolean ifExists = c.accept("if", "exists");
        boolean only = c.accept("only");
        List<String> name = c.qualifiedName();
        if (r.isTemporary(name)) {
            return;
        }
        if (c.peek() != null && c.peek().type() == TokenType.OPERATOR && c.peek().text().equals("*")) {
            c.next();
        }
        Optional<MTable> found = r.findRelation(name);
        if (found.isEmpty()) {
            if (ifExists) {
                return;
            }
            String[] n = r.resolveName(name, (a, b) -> false);
            r.fx.referenced(Effects.table(n[0], n[1]));
            if (c.peekWord("owner")) {
                return;
            }
            throw new Replay.NotModelled("table " + n[0] + "." + n[1] + " is not in the replayed schema");
        }
        MTable t = found.get();
        r.fx.referenced(Effects.table(t));
        if (c.accept("rename", "to")) {
            String newName = c.identifier();
            if (r.model.relationNameTaken(t.schema, newName)) {
                throw new Replay.NotModelled("relation " + t.schema + "." + newName + " already exists in the "
                        + "replayed schema");
            }
            r.renameRelation(t, newName);
            return;
        }
        if (c.accept("set", "schema")) {
            r.moveRelation(t, c.identifier());
            return;
        }
        if (c.accept("rename", "constraint")) {
            String from = c.identifier();
            c.expect("to");
            String to = c.identifier();
            renameConstraint(t, from, to);
            return;
        }
        if (c.peekWord("rename")) {
            c.next();
            c.accept("column");
            boolean colIfExists = c.accept("if", "exists");
            String from = c.identifier();
            c.expect("to");
            String to = c.identifier();
            Optional<MColumn> col = t.column(from);
            if (col.isEmpty() && t.isView()) {
                return; // a view's columns are known only where they were used
            }
            if (col.isEmpty()) {
                if (colIfExists) {
                    return;
                }
                r.fx.referenced(Effects.column(t.schema, t.name, from));
                throw new Replay.NotModelled("column " + from + " of " + t + " is not in the replayed schema");
            }
            renameColumn(t, col.get(), to);
            return;
        }
        if (c.accept("attach", "partition")) {
            attachPartition(t, c);
            return;
        }
        if (c.accept("detach", "partition")) {
            List<String> partName = c.qualifiedName();
            r.findRelation(partName).ifPresent(part -> {
                part.partitionOf = null;
                part.partitionBound = null;
                part.columns.forEach(col -> col.local = true);
                part.constraints.forEach(con -> con.local = true);
                part.triggers.removeIf(tr -> tr.inherited);
                for (MIndex i : r.model.indexesOf(part)) {
                    i.parent = null;
                }
            });
            return;
        }
        List<Cursor> actions = c.commaSeparated();
        List<String> checkNames = new ArrayList<>();
        for (Cursor a : actions) {
            alterAction(t, a, only, checkNames);
        }
    }

    private void renameConstraint(MTable t, String from, String to) {
        Optional<MConstraint> con = t.constraint(from);
        if (con.isEmpty()) {
            r.fx.referenced(new ObjectRef(ObjectRef.Kind.CONSTRAINT, t.schema, t.name, from));
            throw new Replay.NotModelled("constraint " + from + " of " + t + " is not in the replayed schema");
        }
        ObjectRef old = Effects.constraint(con.get());
        con.get().name = to;
        r.fx.dropped(old);
        r.fx.created(Effects.constraint(con.get()));
        if (con.get().index != null) {
            ObjectRef oldIndex = Effects.index(con.get().index);
            con.get().index.name = to;
            r.fx.dropped(oldIndex);
            r.fx.created(Effects.index(con.get().index));
        }
        if (con.get().type == Constraint.Type.CHECK || con.get().type == Constraint.Type.FOREIGN_KEY) {
            for (MTable child : r.model.childrenOf(t)) {
                child.constraint(from).filter(x -> !x.local).ifPresent(x -> x.name = to);
            }
        }
        r.model.reindex();
    }

    private void renameColumn(MTable t, MColumn col, String to) {
        r.fx.referenced(Effects.column(col));
        ObjectRef old = Effects.column(col);
        String from = col.name;
        col.name = to;
        r.fx.dropped(old);
        r.fx.created(Effects.column(col));
        for (MTable child : r.model.childrenOf(t)) {
            child.column(from).filter(x -> !x.local || child.partitionOf == t).ifPresent(x -> renameColumn(child, x,
                    to));
        }
    }

    private void attachPartition(MTable parent, Cursor c) {
        List<String> partName = c.qualifiedName();
        Optional<MTable> part = r.findRelation(partName);
        if (part.isEmpty()) {
            String[] n = r.resolveName(partName, (a, b) -> false);
            r.fx.referenced(Effects.table(n[0], n[1]));
            throw new Replay.NotModelled("table " + n[0] + "." + n[1] + " is not in the replayed schema");
        }
        MTable p = part.get();
        r.fx.referenced(Effects.table(p));
        r.model.hierarchies = true;
        p.partitionOf = parent;
        p.partitionBound = boundSpec(c, parent);
        for (MColumn col : p.columns) {
            if (parent.column(col.name).isPresent()) {
                col.local = false;
            }
        }
        for (MConstraint pc : parent.constraints) {
            if (pc.type == Constraint.Type.CHECK) {
                Optional<MConstraint> same = p.constraint(pc.name);
                if (same.isPresent()) {
                    same.get().local = true;
                } else {
                    p.constraints.add(cloneCheck(pc, p));
                }
            }
        }
        for (MIndex idx : r.model.indexesOf(parent)) {
            // an existing equivalent index of the partition is attached; otherwise a new one is made
            Optional<MIndex> equivalent = r.model.indexesOf(p).stream().filter(i -> i.parent == null
                    && sameIndex(i, idx)).findFirst();
            if (equivalent.isPresent()) {
                equivalent.get().parent = idx;
                if (equivalent.get().constraint != null) {
                    equivalent.get().constraint.local = false;
                }
            } else {
                clonePartitionIndex(idx, p);
            }
        }
        for (MConstraint pc : parent.constraints) {
            if (pc.type == Constraint.Type.FOREIGN_KEY && p.constraint(pc.name).isEmpty()) {
                p.constraints.add(cloneForeignKey(pc, p));
            }
        }
        for (MTrigger tr : parent.triggers) {
            if (tr.forEachRow && p.triggers.stream().noneMatch(x -> x.name.equals(tr.name))) {
                Functions.addTrigger(r, p, Functions.cloneTrigger(p, tr));
            }
        }
    }

    private static boolean sameIndex(MIndex a, MIndex b) {
        if (a.unique != b.unique || !a.method.equals(b.method) || a.elements.size() != b.elements.size()) {
            return false;
        }
        for (int i = 0; i < a.elements.size(); i++) {
            IndexElem x = a.elements.get(i);
            IndexElem y = b.elements.get(i);
            if (x.column == null || y.column == null || !x.column.name.equals(y.column.name)) {
                return false;
            }
        }
        return (a.constraint == null) == (b.constraint == null);
    }

    private void alterAction(MTable t, Cursor a, boolean only, List<String> checkNames) {
        if (a.accept("add")) {
            if (a.peekWord("constraint") || a.peekWord("primary") || a.peekWord("unique") || a.peekWord("check")
                    || a.peekWord("foreign") || a.peekWord("exclude")) {
                addConstraint(t, tableConstraint(a), only, checkNames);
                return;
            }
            a.accept("column");
            boolean ifNotExists = a.accept("if", "not", "exists");
            ColDef cd = columnDef(a, false);
            if (t.column(cd.name).isPresent()) {
                if (ifNotExists || r.tolerant) {
                    return;
                }
                throw new Replay.NotModelled("column " + cd.name + " of " + t + " already exists in the replayed "
                        + "schema");
            }
            addColumn(t, cd, only);
            return;
        }
        if (a.accept("drop")) {
            if (a.accept("constraint")) {
                boolean ifExists = a.accept("if", "exists");
                String name = a.identifier();
                boolean cascade = a.accept("cascade");
                dropConstraint(t, name, ifExists, cascade, only);
                return;
            }
            a.accept("column");
            boolean ifExists = a.accept("if", "exists");
            String name = a.identifier();
            boolean cascade = a.accept("cascade");
            Optional<MColumn> col = t.column(name);
            if (col.isEmpty()) {
                if (!ifExists) {
                    r.fx.referenced(Effects.column(t.schema, t.name, name));
                    r.fx.dropped(Effects.column(t.schema, t.name, name));
                }
                return;
            }
            r.fx.referenced(Effects.column(col.get()));
            dropColumn(t, col.get(), cascade);
            return;
        }
        if (a.accept("alter")) {
            if (a.accept("constraint")) {
                String name = a.identifier();
                Optional<MConstraint> con = t.constraint(name);
                if (con.isEmpty()) {
                    r.fx.referenced(new ObjectRef(ObjectRef.Kind.CONSTRAINT, t.schema, t.name, name));
                    throw new Replay.NotModelled("constraint " + name + " is not in the replayed schema");
                }
                while (!a.atEnd()) {
                    if (a.accept("deferrable")) {
                        con.get().deferrable = true;
                    } else if (a.accept("not", "deferrable")) {
                        con.get().deferrable = false;
                        con.get().initiallyDeferred = false;
                    } else if (a.accept("initially", "deferred")) {
                        con.get().initiallyDeferred = true;
                    } else if (a.accept("initially", "immediate")) {
                        con.get().initiallyDeferred = false;
                    } else {
                        throw new Cursor.Unsupported("ALTER CONSTRAINT" + a.near());
                    }
                }
                return;
            }
            a.accept("column");
            String name = a.identifier();
            Optional<MColumn> col = t.column(name);
            if (col.isEmpty()) {
                r.fx.referenced(Effects.column(t.schema, t.name, name));
                throw new Replay.NotModelled("column " + name + " of " + t + " is not in the replayed schema");
            }
            r.fx.referenced(Effects.column(col.get()));
            alterColumn(t, col.get(), a, only);
            return;
        }
        if (a.accept("validate", "constraint")) {
            String name = a.identifier();
            Optional<MConstraint> con = t.constraint(name);
            if (con.isEmpty()) {
                r.fx.referenced(new ObjectRef(ObjectRef.Kind.CONSTRAINT, t.schema, t.name, name));
                throw new Replay.NotModelled("constraint " + name + " is not in the replayed schema");
            }
            r.fx.referenced(Effects.constraint(con.get()));
            con.get().validated = true;
            for (MTable child : r.model.childrenOf(t)) {
                child.constraint(name).ifPresent(x -> x.validated = true);
            }
            return;
        }
        if (a.accept("enable")) {
            if (a.accept("row", "level", "security")) {
                t.rowSecurity = true;
            } else if (a.accept("replica", "trigger")) {
                setTriggers(t, a, io.github.migrationguard.schema.Trigger.Firing.REPLICA);
            } else if (a.accept("always", "trigger")) {
                setTriggers(t, a, io.github.migrationguard.schema.Trigger.Firing.ALWAYS);
            } else if (a.accept("trigger")) {
                setTriggers(t, a, io.github.migrationguard.schema.Trigger.Firing.ORIGIN);
            }
            return;
        }
        if (a.accept("disable")) {
            if (a.accept("row", "level", "security")) {
                t.rowSecurity = false;
            } else if (a.accept("trigger")) {
                setTriggers(t, a, io.github.migrationguard.schema.Trigger.Firing.DISABLED);
            }
            return;
        }
        if (a.accept("force", "row", "level", "security")) {
            t.forceRowSecurity = true;
            return;
        }
        if (a.accept("no", "force", "row", "level", "security")) {
            t.forceRowSecurity = false;
            return;
        }
        if (a.accept("no", "inherit")) {
            Optional<MTable> p = r.findRelation(a.qualifiedName());
            p.ifPresent(parent -> {
                t.inherits.remove(parent);
                t.columns.forEach(col -> col.local = true);
                t.constraints.forEach(con -> con.local = true);
            });
            return;
        }
        if (a.accept("inherit")) {
            Optional<MTable> p = r.findRelation(a.qualifiedName());
            p.ifPresent(parent -> {
                r.model.hierarchies = true;
                t.inherits.add(parent);
                for (MColumn pc : parent.columns) {
                    t.column(pc.name).ifPresent(col -> col.local = true);
                }
                for (MConstraint pc : parent.constraints) {
                    if (pc.type == Constraint.Type.CHECK) {
                        t.constraint(pc.name).ifPresent(x -> x.local = true);
                    }
                }
            });
            return;
        }
        if (a.accept("set", "logged")) {
            t.unlogged = false;
            return;
        }
        if (a.accept("set", "unlogged")) {
            t.unlogged = true;
            return;
        }
        if (a.peekWord("owner") || a.peekWord("set") || a.peekWord("reset") || a.peekWord("cluster")
                || a.peekWord("replica") || a.peekWord("of") || a.peekWord("not")) {
            return; // storage, ownership and the like: not modelled
        }
        throw new Cursor.Unsupported("ALTER TABLE action" + a.near());
    }

    private void setTriggers(MTable t, Cursor a, io.github.migrationguard.schema.Trigger.Firing firing) {
        if (a.accept("all") || a.accept("user")) {
            t.triggers.forEach(tr -> tr.firing = firing);
            return;
        }
        String name = a.identifier();
        t.triggers.stream().filter(tr -> tr.name.equals(name)).forEach(tr -> tr.firing = firing);
    }

    private void addColumn(MTable t, ColDef cd, boolean only) {
        if (cd.type == null) {
            throw new Cursor.Unsupported("column " + cd.name + " without a type");
        }
        MColumn col = t.addColumn(cd.name, cd.type.type());
        col.collation = cd.collation;
        columnSerial(t, col, cd);
        r.fx.created(Effects.column(col));
        columnProperties(t, col, cd);
        List<String> checkNames = new ArrayList<>();
        for (ConDef d : cd.constraints) {
            switch (d.kind) {
                case "check" -> addCheck(t, d, checkNames, true);
                case "primary", "unique" -> {
                    d.columns.add(cd.name);
                    addIndexConstraint(t, d, true);
                }
                case "references" -> {
                    d.columns.add(cd.name);
                    addForeignKey(t, d, true);
                }
                default -> {
                }
            }
        }
        if (!only) {
            for (MTable child : r.model.childrenOf(t)) {
                if (child.column(cd.name).isEmpty()) {
                    MColumn cc = child.addColumn(cd.name, col.type);
                    cc.notNull = col.notNull;
                    cc.collation = col.collation;
                    cc.defaultExpr = rebind(col.defaultExpr, child);
                    cc.generated = col.generated;
                    cc.generationExpr = rebind(col.generationExpr, child);
                    cc.local = false;
                } else {
                    child.column(cd.name).get().local = true;
                }
            }
        }
    }

    private void addConstraint(MTable t, ConDef d, boolean only, List<String> checkNames) {
        if (d.name != null && t.constraint(d.name).isPresent()) {
            if (r.tolerant) {
                return;
            }
            throw new Replay.NotModelled("constraint " + d.name + " of " + t + " already exists in the replayed "
                    + "schema");
        }
        switch (d.kind) {
            case "check" -> {
                MConstraint con = addCheck(t, d, checkNames, true);
                r.fx.created(Effects.constraint(con));
            }
            case "primary", "unique", "exclude" -> addIndexConstraint(t, d, !only);
            case "references" -> addForeignKey(t, d, false);
            default -> throw new Cursor.Unsupported("constraint " + d.kind);
        }
    }

    private void dropConstraint(MTable t, String name, boolean ifExists, boolean cascade, boolean only) {
        Optional<MConstraint> con = t.constraint(name);
        if (con.isEmpty()) {
            if (!ifExists) {
                r.fx.referenced(new ObjectRef(ObjectRef.Kind.CONSTRAINT, t.schema, t.name, name));
                r.fx.dropped(new ObjectRef(ObjectRef.Kind.CONSTRAINT, t.schema, t.name, name));
            }
            return;
        }
        MConstraint k = con.get();
        t.constraints.remove(k);
        r.fx.dropped(Effects.constraint(k));
        if (k.index != null) {
            r.model.indexes.remove(k.index);
            r.fx.dropped(Effects.index(k.index));
            for (MIndex child : List.copyOf(r.model.indexes)) {
                if (child.parent == k.index) {
                    removeIndex(child, cascade);
                }
            }
            if (cascade) {
                dropReferencingForeignKeys(k);
            }
        }
        if (k.type == Constraint.Type.CHECK || k.type == Constraint.Type.FOREIGN_KEY) {
            for (MTable child : r.model.childrenOf(t)) {
                child.constraint(name).filter(x -> !x.local).ifPresent(child.constraints::remove);
            }
        }
    }

    private void alterColumn(MTable t, MColumn col, Cursor a, boolean only) {
        if (a.accept("set", "data", "type") || a.accept("type")) {
            PgType type = r.readType(a).type();
            if (a.accept("collate")) {
                col.collation = collation(a.qualifiedName());
            }
            changeType(t, col, type, only);
            return;
        }
        if (a.accept("set", "default")) {
            Expr e = ExprParser.parse(a, r.scope(t));
            setDefault(t, col, isNull(e) ? null : e, only);
            return;
        }
        if (a.accept("drop", "default")) {
            setDefault(t, col, null, only);
            return;
        }
        if (a.accept("set", "not", "null")) {
            col.notNull = true;
            if (!only) {
                for (MTable child : r.model.childrenOf(t)) {
                    child.column(col.name).ifPresent(x -> x.notNull = true);
                }
            }
            return;
        }
        if (a.accept("drop", "not", "null")) {
            col.notNull = false;
            if (!only) {
                for (MTable child : r.model.partitionsOf(t)) {
                    child.column(col.name).ifPresent(x -> x.notNull = false);
                }
            }
            return;
        }
        if (a.accept("drop", "expression")) {
            col.generated = Column.Generated.NONE;
            col.generationExpr = null;
            return;
        }
        if (a.accept("add", "generated")) {
            String kind;
            if (a.accept("always")) {
                kind = "ALWAYS";
            } else {
                a.expect("by", "default");
                kind = "BY_DEFAULT";
            }
            a.expect("as", "identity");
            Cursor options = a.peekPunct('(') ? a.parenthesized() : null;
            addIdentity(t, col, kind, options);
            return;
        }
        if (a.accept("drop", "identity")) {
            a.accept("if", "exists");
            col.identity = Column.Identity.NONE;
            for (MSequence s : List.copyOf(r.model.sequences)) {
                if (s.ownedBy == col && s.identity) {
                    r.model.sequences.remove(s);
                    r.fx.dropped(Effects.sequence(s));
                }
            }
            col.serialSequence = null;
            return;
        }
        if (col.identity != Column.Identity.NONE && (a.peekWord("set") || a.peekWord("restart"))) {
            MSequence seq = r.model.sequences.stream().filter(s -> s.ownedBy == col && s.identity).findFirst()
                    .orElse(null);
            while (!a.atEnd()) {
                if (a.accept("set", "generated", "always")) {
                    col.identity = Column.Identity.ALWAYS;
                } else if (a.accept("set", "generated", "by", "default")) {
                    col.identity = Column.Identity.BY_DEFAULT;
                } else if (a.accept("set")) {
                    if (seq == null) {
                        return;
                    }
                    Cursor rest = a.until("set", "restart");
                    r.sequenceOptions(rest, seq, false);
                } else if (a.accept("restart")) {
                    a.accept("with");
                    if (!a.atEnd() && a.peek().type() == TokenType.NUMBER) {
                        a.next();
                    }
                } else {
                    return;
                }
            }
            return;
        }
        if (a.peekWord("set") || a.peekWord("reset")) {
            return; // statistics, storage, compression, attribute options
        }
        throw new Cursor.Unsupported("ALTER COLUMN action" + a.near());
    }

    private void changeType(MTable t, MColumn col, PgType type, boolean only) {
        rebuildDependents(t, col);
        col.type = type;
        for (MSequence s : r.model.sequences) {
            if (s.ownedBy == col && s.identity) {
                boolean defaultMax = s.max == null;
                s.type = type;
                if (!defaultMax && s.max > s.typeMax()) {
                    s.max = null;
                }
            }
        }
        if (!only) {
            for (MTable child : r.model.childrenOf(t)) {
                child.column(col.name).ifPresent(x -> {
                    rebuildDependents(child, x);
                    x.type = type;
                });
            }
        }
    }

    /**
     * ALTER COLUMN TYPE rebuilds the indexes and constraints that use the column from their printed definitions:
     * the expressions are printed with the old type and parsed again, so casts the old type needed stay as explicit
     * casts, as in the server.
     */
    private void rebuildDependents(MTable t, MColumn col) {
        java.util.Set<IndexElem> done = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        for (MIndex i : r.model.indexesOf(t)) {
            if (!i.uses(col)) {
                continue;
            }
            if (i.predicate != null) {
                i.predicate = reparse(r.renderer.boolExpr(i.predicate), t);
            }
            for (IndexElem e : i.elements) {
                if (e.expr != null && done.add(e)) {
                    e.expr = reparse(r.renderer.indexExpr(e.expr), t);
                }
            }
            if (i.constraint != null) {
                i.constraint.predicate = i.predicate;
            }
        }
        for (MConstraint con : t.constraints) {
            if (con.check != null && Exprs.mentions(con.check, col)) {
                con.check = reparse(r.renderer.boolExpr(con.check), t);
            }
        }
    }

    private Expr reparse(String text, MTable t) {
        List<Token> tokens = io.github.migrationguard.sql.PsqlLexer.lex(text).tokens();
        return ExprParser.parse(new Cursor(tokens, text), r.scope(t));
    }

    private void setDefault(MTable t, MColumn col, Expr e, boolean only) {
        col.defaultExpr = e;
        col.serialSequence = null;
        if (!only) {
            for (MTable child : r.model.childrenOf(t)) {
                child.column(col.name).ifPresent(x -> x.defaultExpr = rebind(e, child));
            }
        }
    }
}
