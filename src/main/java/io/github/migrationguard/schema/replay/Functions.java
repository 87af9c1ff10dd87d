package io.github.migrationguard.schema.replay;

import io.github.migrationguard.schema.Function;
import io.github.migrationguard.schema.replay.ReplayModel.FunctionArg;
import io.github.migrationguard.schema.replay.ReplayModel.MFunction;
import io.github.migrationguard.schema.replay.ReplayModel.MPolicy;
import io.github.migrationguard.schema.replay.ReplayModel.MTable;
import io.github.migrationguard.schema.replay.ReplayModel.MTrigger;
import io.github.migrationguard.sql.Token;
import io.github.migrationguard.sql.TokenType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Functions, procedures, aggregates, triggers and policies. */
final class Functions {

    private static final String[] CLAUSES = {"language", "immutable", "stable", "volatile", "as", "returns",
        "strict", "security", "external", "set", "cost", "rows", "parallel", "window", "begin", "return", "called",
        "leakproof", "not", "support", "transform"};

    private Functions() {
    }

    // ================================================================== functions and procedures

    static void create(Replay r, Cursor c, boolean orReplace) {
        boolean procedure = c.accept("procedure");
        if (!procedure) {
            c.expect("function");
        }
        String[] name = r.newName(c.qualifiedName());
        MFunction f = new MFunction(name[0], name[1]);
        f.kind = procedure ? Function.Kind.PROCEDURE : Function.Kind.FUNCTION;
        f.args.addAll(arguments(r, c.parenthesized()));
        while (!c.atEnd()) {
            if (c.accept("returns")) {
                if (c.accept("table")) {
                    for (Cursor col : c.parenthesized().commaSeparated()) {
                        FunctionArg a = new FunctionArg();
                        a.mode = "TABLE";
                        a.name = col.identifier();
                        a.type = r.readType(col).type();
                        f.tableColumns.add(a);
                    }
                    f.returnsSet = true;
                } else {
                    f.returnsSet = c.peekWord("setof");
                    f.returnType = r.readType(c).type();
                }
            } else if (c.accept("language")) {
                Token l = c.next();
                f.language = l.value().toLowerCase(Locale.ROOT);
            } else if (acceptAttribute(c, f)) {
                // volatility, strictness or security, shared with ALTER FUNCTION
            } else if (c.accept("window")) {
                f.kind = Function.Kind.WINDOW;
            } else if (c.accept("not", "leakproof") || c.accept("leakproof")) {
                // not modelled
            } else if (c.accept("parallel")) {
                c.next();
            } else if (c.accept("cost") || c.accept("rows")) {
                c.next();
            } else if (c.accept("support")) {
                c.qualifiedName();
            } else if (c.accept("set")) {
                c.identifier();
                if (c.accept("from", "current")) {
                    continue;
                }
                if (!c.accept("to")) {
                    c.acceptOperator("=");
                }
                c.until(CLAUSES);
            } else if (c.accept("transform")) {
                c.until(CLAUSES);
            } else if (c.accept("as")) {
                c.next();
                if (c.acceptPunct(',')) {
                    c.next();
                }
            } else if (c.peekWord("begin") || c.peekWord("return")) {
                // SQL-standard body
                if (f.language == null) {
                    f.language = "sql";
                }
                c.reset(c.tokens().size());
            } else {
                throw new Cursor.Unsupported("CREATE FUNCTION clause" + c.near());
            }
        }
        if (f.language == null) {
            f.language = "sql";
        }
        if (f.kind == Function.Kind.FUNCTION && f.returnType == null && f.tableColumns.isEmpty()) {
            List<FunctionArg> outs = f.args.stream().filter(a -> a.mode.equals("OUT") || a.mode.equals("INOUT"))
                    .toList();
            f.returnType = outs.size() == 1 ? outs.get(0).type : PgType.builtin("record");
        }
        Optional<MFunction> existing = same(r, f);
        if (existing.isPresent()) {
            if (!orReplace && !r.tolerant) {
                throw new Replay.NotModelled("function " + f.schema + "." + f.name + " already exists in the replayed "
                        + "schema");
            }
            replaceInPlace(existing.get(), f);
            return;
        }
        r.model.functions.add(f);
        r.fx.created(Effects.function(f, identityArguments(f)));
    }

    /** CREATE OR REPLACE keeps the function's identity (expressions and triggers point at it). */
    private static void replaceInPlace(MFunction old, MFunction f) {
        old.args.clear();
        old.args.addAll(f.args);
        old.returnType = f.returnType;
        old.returnsSet = f.returnsSet;
        old.tableColumns.clear();
        old.tableColumns.addAll(f.tableColumns);
        old.kind = f.kind;
        old.language = f.language;
        old.volatility = f.volatility;
        old.securityDefiner = f.securityDefiner;
        old.strict = f.strict;
    }

    static void createAggregate(Replay r, Cursor c, boolean orReplace) {
        c.expect("aggregate");
        String[] name = r.newName(c.qualifiedName());
        MFunction f = new MFunction(name[0], name[1]);
        f.kind = Function.Kind.AGGREGATE;
        f.language = "internal";
        f.volatility = "IMMUTABLE"; // what pg_proc records for aggregates
        Cursor args = c.parenthesized();
        if (!(args.tokens().size() == 1 && args.peek().type() == TokenType.OPERATOR
                && args.peek().text().equals("*"))) {
            f.args.addAll(arguments(r, args));
        }
        Cursor options = c.parenthesized();
        PgType stype = null;
        PgType finalType = null;
        for (Cursor o : options.commaSeparated()) {
            String key = o.identifier();
            o.acceptOperator("=");
            if (key.equals("stype")) {
                stype = r.readType(o).type();
            } else if (key.equals("finalfunc")) {
                List<String> fn = o.qualifiedName();
                MFunction ff = r.findFunction(fn.size() > 1 ? fn.get(0) : null, fn.get(fn.size() - 1), 1);
                if (ff != null) {
                    finalType = ff.returnType;
                }
            }
        }
        f.returnType = finalType != null ? finalType : stype;
        Optional<MFunction> existing = same(r, f);
        if (existing.isPresent()) {
            if (!orReplace && !r.tolerant) {
                throw new Replay.NotModelled("aggregate " + f.schema + "." + f.name + " already exists in the "
                        + "replayed schema");
            }
            replaceInPlace(existing.get(), f);
            return;
        }
        r.model.functions.add(f);
        r.fx.created(Effects.function(f, identityArguments(f)));
    }

    /** The function with the same schema, name and input argument types. */
    private static Optional<MFunction> same(Replay r, MFunction f) {
        List<String> inputs = f.inputTypes();
        return r.model.functions.stream().filter(x -> x.schema.equals(f.schema) && x.name.equals(f.name)
                && x.inputTypes().equals(inputs)).findFirst();
    }

    /** Argument list of CREATE FUNCTION / DROP FUNCTION: {@code [mode] [name] type [DEFAULT expr]}. */
    static List<FunctionArg> arguments(Replay r, Cursor list) {
        List<FunctionArg> args = new ArrayList<>();
        if (list.atEnd()) {
            return args;
        }
        for (Cursor a : list.commaSeparated()) {
            FunctionArg arg = new FunctionArg();
            if (a.accept("in")) {
                arg.mode = a.accept("out") ? "INOUT" : "IN";
            } else if (a.accept("out")) {
                arg.mode = "OUT";
            } else if (a.accept("inout")) {
                arg.mode = "INOUT";
            } else if (a.accept("variadic")) {
                arg.mode = "VARIADIC";
            }
            int start = a.position();
            boolean typeOnly = false;
            try {
                r.readType(a);
                typeOnly = a.atEnd() || a.peekWord("default") || (a.peek().type() == TokenType.OPERATOR
                        && a.peek().text().equals("="));
            } catch (Cursor.Unsupported e) {
                typeOnly = false;
            }
            a.reset(start);
            if (!typeOnly) {
                arg.name = a.identifier();
            }
            arg.type = r.readType(a).type();
            if (a.accept("default") || a.acceptOperator("=")) {
                arg.hasDefault = true;
                a.reset(a.tokens().size());
            }
            a.expectEnd();
            args.add(arg);
        }
        return args;
    }

    /** {@code pg_get_function_identity_arguments}. */
    static String identityArguments(MFunction f) {
        StringBuilder s = new StringBuilder();
        for (FunctionArg a : f.args) {
            if (a.mode.equals("TABLE")) {
                continue;
            }
            if (s.length() > 0) {
                s.append(", ");
            }
            switch (a.mode) {
                case "IN" -> {
                    if (f.kind == Function.Kind.PROCEDURE) {
                        s.append("IN ");
                    }
                }
                case "OUT" -> s.append("OUT ");
                case "INOUT" -> s.append("INOUT ");
                case "VARIADIC" -> s.append("VARIADIC ");
                default -> {
                }
            }
            if (a.name != null) {
                s.append(Idents.quote(a.name)).append(' ');
            }
            s.append(a.type.label());
        }
        return s.toString();
    }

    /** {@code pg_get_function_result}; null for procedures. */
    static String result(MFunction f) {
        if (f.kind == Function.Kind.PROCEDURE) {
            return null;
        }
        if (!f.tableColumns.isEmpty()) {
            StringBuilder s = new StringBuilder("TABLE(");
            for (int i = 0; i < f.tableColumns.size(); i++) {
                if (i > 0) {
                    s.append(", ");
                }
                FunctionArg a = f.tableColumns.get(i);
                s.append(Idents.quote(a.name)).append(' ').append(a.type.label());
            }
            return s.append(')').toString();
        }
        if (f.returnType == null) {
            return null;
        }
        return (f.returnsSet ? "SETOF " : "") + f.returnType.label();
    }

    /** Functions named by ALTER/DROP FUNCTION: by name and, when given, input argument types. */
    private static List<MFunction> find(Replay r, List<String> name, List<FunctionArg> args, boolean argsGiven) {
        List<String> schemas = name.size() > 1 ? List.of(name.get(0)) : r.searchSchemas();
        String n = name.get(name.size() - 1);
        List<String> wanted = new ArrayList<>();
        for (FunctionArg a : args) {
            if (!a.mode.equals("OUT")) {
                wanted.add(a.type.label());
            }
        }
        for (String s : schemas) {
            List<MFunction> found = new ArrayList<>();
            for (MFunction f : r.model.functions) {
                if (f.schema.equals(s) && f.name.equals(n) && (!argsGiven || inputsWithoutOut(f).equals(wanted))) {
                    found.add(f);
                }
            }
            if (!found.isEmpty()) {
                return found;
            }
        }
        return List.of();
    }

    private static List<String> inputsWithoutOut(MFunction f) {
        List<String> types = new ArrayList<>();
        for (FunctionArg a : f.args) {
            if (!a.mode.equals("OUT") && !a.mode.equals("TABLE")) {
                types.add(a.type.label());
            }
        }
        return types;
    }

    static void alter(Replay r, Cursor c) {
        c.next(); // FUNCTION / PROCEDURE / AGGREGATE / ROUTINE
        c.accept("if", "exists");
        List<String> name = c.qualifiedName();
        boolean argsGiven = c.peekPunct('(');
        List<FunctionArg> args = argsGiven ? arguments(r, c.parenthesized()) : List.of();
        List<MFunction> found = find(r, name, args, argsGiven);
        if (found.size() != 1) {
            if (c.peekWord("owner") || found.size() > 1) {
                return;
            }
            throw new Replay.NotModelled("function " + String.join(".", name) + " is not in the replayed schema");
        }
        MFunction f = found.get(0);
        ObjectRef old = Effects.function(f, identityArguments(f));
        r.fx.referenced(old);
        if (c.accept("rename", "to")) {
            f.name = c.identifier();
            r.fx.dropped(old);
            r.fx.created(Effects.function(f, identityArguments(f)));
        } else if (c.accept("set", "schema")) {
            f.schema = c.identifier();
            r.fx.dropped(old);
            r.fx.created(Effects.function(f, identityArguments(f)));
        } else {
            while (!c.atEnd()) {
                if (!acceptAttribute(c, f)) {
                    return; // OWNER, SET, COST, ... : not modelled
                }
            }
        }
    }

    /**
     * Reads one attribute that CREATE FUNCTION and ALTER FUNCTION share and the catalog reader models: volatility,
     * strictness, security. Returns false, consuming nothing, at any other word.
     */
    private static boolean acceptAttribute(Cursor c, MFunction f) {
        if (c.accept("immutable")) {
            f.volatility = "IMMUTABLE";
        } else if (c.accept("stable")) {
            f.volatility = "STABLE";
        } else if (c.accept("volatile")) {
            f.volatility = "VOLATILE";
        } else if (c.accept("strict") || c.accept("returns", "null", "on", "null", "input")) {
            f.strict = true;
        } else if (c.accept("called", "on", "null", "input")) {
            f.strict = false;
        } else if (c.accept("security", "definer") || c.accept("external", "security", "definer")) {
            f.securityDefiner = true;
        } else if (c.accept("security", "invoker") || c.accept("external", "security", "invoker")) {
            f.securityDefiner = false;
        } else {
            return false;
        }
        return true;
    }

    static void drop(Replay r, Cursor c) {
        c.next();
        boolean ifExists = c.accept("if", "exists");
        for (Cursor item : c.commaSeparated()) {
            List<String> name = item.qualifiedName();
            boolean argsGiven = item.peekPunct('(');
            List<FunctionArg> args = argsGiven ? arguments(r, item.parenthesized()) : List.of();
            boolean cascade = item.accept("cascade");
            item.accept("restrict");
            List<MFunction> found = find(r, name, args, argsGiven);
            if (found.isEmpty()) {
                if (!ifExists) {
                    String[] n = r.resolveName(name, (a, b) -> false);
                    r.fx.dropped(new ObjectRef(ObjectRef.Kind.FUNCTION, n[0], n[1] + "(...)", null));
                }
                continue;
            }
            for (MFunction f : found) {
                r.model.functions.remove(f);
                r.fx.dropped(Effects.function(f, identityArguments(f)));
                if (cascade) {
                    for (MTable t : r.model.tables) {
                        for (MTrigger tr : List.copyOf(t.triggers)) {
                            if (tr.function == f) {
                                removeTrigger(r, tr);
                            }
                        }
                    }
                }
            }
        }
    }

    // ================================================================== triggers

    static void createTrigger(Replay r, Cursor c, boolean orReplace) {
        boolean constraint = c.accept("constraint");
        c.expect("trigger");
        String name = c.identifier();
        String timing;
        if (c.accept("before")) {
            timing = "BEFORE";
        } else if (c.accept("after")) {
            timing = "AFTER";
        } else {
            c.expect("instead", "of");
            timing = "INSTEAD OF";
        }
        List<String> events = new ArrayList<>();
        List<String> updateColumns = new ArrayList<>();
        do {
            Token e = c.next();
            String ev = e.value().toUpperCase(Locale.ROOT);
            if (!List.of("INSERT", "UPDATE", "DELETE", "TRUNCATE").contains(ev)) {
                throw new Cursor.Unsupported("trigger event " + e.text());
            }
            events.add(ev);
            if (ev.equals("UPDATE") && c.accept("of")) {
                updateColumns.add(c.identifier());
                while (c.acceptPunct(',')) {
                    updateColumns.add(c.identifier());
                }
            }
        } while (c.accept("or"));
        c.expect("on");
        List<String> tableName = c.qualifiedName();
        MTable table = r.findRelation(tableName).orElse(null);
        if (table == null) {
            String[] n = r.resolveName(tableName, (a, b) -> false);
            r.fx.referenced(Effects.table(n[0], n[1]));
            throw new Replay.NotModelled("table " + n[0] + "." + n[1] + " is not in the replayed schema");
        }
        r.fx.referenced(Effects.table(table));
        MTrigger t = new MTrigger(table, name);
        t.timing = timing;
        t.constraint = constraint;
        for (String ev : List.of("INSERT", "DELETE", "UPDATE", "TRUNCATE")) {
            if (events.contains(ev)) {
                t.events.add(ev);
            }
        }
        for (String col : updateColumns) {
            table.column(col).ifPresentOrElse(t.updateColumns::add,
                    () -> r.fx.referenced(Effects.column(table.schema, table.name, col)));
        }
        while (!c.atEnd()) {
            if (c.accept("from")) {
                t.constraintFrom = r.findRelation(c.qualifiedName()).orElse(null);
            } else if (c.accept("not", "deferrable")) {
                t.deferrable = false;
            } else if (c.accept("deferrable")) {
                t.deferrable = true;
            } else if (c.accept("initially", "deferred")) {
                t.initiallyDeferred = true;
            } else if (c.accept("initially", "immediate")) {
                t.initiallyDeferred = false;
            } else if (c.accept("referencing")) {
                StringBuilder ref = new StringBuilder("REFERENCING");
                while (c.peekWord("old") || c.peekWord("new")) {
                    String which = c.next().value().toUpperCase(Locale.ROOT);
                    c.expect("table");
                    c.accept("as");
                    ref.append(' ').append(which).append(" TABLE AS ").append(Idents.quote(c.identifier()));
                }
                t.referencing = ref.toString();
            } else if (c.accept("for")) {
                c.accept("each");
                t.forEachRow = c.accept("row");
                if (!t.forEachRow) {
                    c.expect("statement");
                }
            } else if (c.accept("when")) {
                t.when = ExprParser.parse(c.parenthesized(), r.scope(table));
            } else if (c.accept("execute")) {
                if (!c.accept("function")) {
                    c.expect("procedure");
                }
                List<String> fn = c.qualifiedName();
                Cursor argList = c.parenthesized();
                if (!argList.atEnd()) {
                    for (Cursor a : argList.commaSeparated()) {
                        Token v = a.next();
                        t.args.add(v.type() == TokenType.WORD || v.type() == TokenType.QUOTED_IDENTIFIER
                                || v.type() == TokenType.STRING || v.type() == TokenType.DOLLAR_STRING ? v.value()
                                : v.text());
                    }
                }
                String[] fname = r.resolveName(fn, (s, x) -> r.model.functions.stream()
                        .anyMatch(f -> f.schema.equals(s) && f.name.equals(x)));
                t.functionSchema = fname[0];
                t.functionName = fname[1];
                t.function = r.model.functions.stream().filter(f -> f.schema.equals(fname[0])
                        && f.name.equals(fname[1]) && f.inputTypes().isEmpty()).findFirst().orElse(null);
                if (t.function == null) {
                    r.fx.referenced(new ObjectRef(ObjectRef.Kind.FUNCTION, fname[0], fname[1] + "()", null));
                } else {
                    r.fx.referenced(Effects.function(t.function, identityArguments(t.function)));
                }
            } else {
                throw new Cursor.Unsupported("CREATE TRIGGER clause" + c.near());
            }
        }
        Optional<MTrigger> existing = table.triggers.stream().filter(x -> x.name.equals(name)).findFirst();
        if (existing.isPresent()) {
            if (!orReplace && !r.tolerant) {
                throw new Replay.NotModelled("trigger " + name + " already exists in the replayed schema");
            }
            if (!orReplace) {
                return;
            }
            removeTrigger(r, existing.get());
        }
        addTrigger(r, table, t);
        r.fx.created(Effects.trigger(t));
    }

    /** Adds a trigger, its constraint (constraint triggers) and its clones on partitions (row triggers). */
    static void addTrigger(Replay r, MTable table, MTrigger t) {
        table.triggers.add(t);
        if (t.constraint) {
            ReplayModel.MConstraint con = new ReplayModel.MConstraint(table, t.name,
                    io.github.migrationguard.schema.Constraint.Type.TRIGGER);
            con.deferrable = t.deferrable;
            con.initiallyDeferred = t.initiallyDeferred;
            con.trigger = t;
            table.constraints.add(con);
        }
        if (t.forEachRow && table.kind == ReplayModel.RelKind.PARTITIONED_TABLE) {
            for (MTable part : r.model.partitionsOf(table)) {
                addTrigger(r, part, cloneTrigger(part, t));
            }
        }
    }

    static MTrigger cloneTrigger(MTable onto, MTrigger t) {
        MTrigger clone = new MTrigger(onto, t.name);
        clone.timing = t.timing;
        clone.events.addAll(t.events);
        for (ReplayModel.MColumn col : t.updateColumns) {
            onto.column(col.name).ifPresent(clone.updateColumns::add);
        }
        clone.forEachRow = t.forEachRow;
        clone.when = t.when;
        clone.functionSchema = t.functionSchema;
        clone.functionName = t.functionName;
        clone.function = t.function;
        clone.args.addAll(t.args);
        clone.constraint = t.constraint;
        clone.deferrable = t.deferrable;
        clone.initiallyDeferred = t.initiallyDeferred;
        clone.referencing = t.referencing;
        clone.firing = t.firing;
        clone.inherited = true;
        return clone;
    }

    static void removeTrigger(Replay r, MTrigger t) {
        t.table.triggers.remove(t);
        t.table.constraints.removeIf(con -> con.trigger == t);
        r.fx.dropped(Effects.trigger(t));
        if (t.table.kind == ReplayModel.RelKind.PARTITIONED_TABLE) {
            for (MTable part : r.model.partitionsOf(t.table)) {
                for (MTrigger x : List.copyOf(part.triggers)) {
                    if (x.inherited && x.name.equals(t.name)) {
                        part.triggers.remove(x);
                        part.constraints.removeIf(con -> con.trigger == x);
                    }
                }
            }
        }
    }

    /** {@code pg_get_triggerdef}. */
    static String triggerDefinition(MTrigger t, ExprRenderer renderer) {
        StringBuilder s = new StringBuilder("CREATE ");
        if (t.constraint) {
            s.append("CONSTRAINT ");
        }
        s.append("TRIGGER ").append(Idents.quote(t.name)).append(' ').append(t.timing).append(' ');
        for (int i = 0; i < t.events.size(); i++) {
            if (i > 0) {
                s.append(" OR ");
            }
            s.append(t.events.get(i));
            if (t.events.get(i).equals("UPDATE") && !t.updateColumns.isEmpty()) {
                s.append(" OF ");
                for (int k = 0; k < t.updateColumns.size(); k++) {
                    if (k > 0) {
                        s.append(", ");
                    }
                    s.append(Idents.quote(t.updateColumns.get(k).name));
                }
            }
        }
        s.append(" ON ").append(t.table.qualified()).append(' ');
        if (t.constraint) {
            if (t.constraintFrom != null) {
                s.append("FROM ").append(t.constraintFrom.qualified()).append(' ');
            }
            s.append(t.deferrable ? "" : "NOT ").append("DEFERRABLE INITIALLY ")
                    .append(t.initiallyDeferred ? "DEFERRED " : "IMMEDIATE ");
        }
        if (t.referencing != null) {
            s.append(t.referencing).append(' ');
        }
        s.append("FOR EACH ").append(t.forEachRow ? "ROW " : "STATEMENT ");
        if (t.when != null) {
            s.append("WHEN (").append(renderer.boolExpr(t.when)).append(") ");
        }
        String schema = t.function != null ? t.function.schema : t.functionSchema;
        String name = t.function != null ? t.function.name : t.functionName;
        s.append("EXECUTE FUNCTION ").append(Idents.qualified(schema, name)).append('(');
        for (int i = 0; i < t.args.size(); i++) {
            if (i > 0) {
                s.append(", ");
            }
            s.append(ExprRenderer.quoteLiteral(t.args.get(i)));
        }
        return s.append(')').toString();
    }

    private static MTable triggerTable(Replay r, Cursor c, String what) {
        List<String> tableName = c.qualifiedName();
        Optional<MTable> table = r.findRelation(tableName);
        if (table.isEmpty()) {
            String[] n = r.resolveName(tableName, (a, b) -> false);
            r.fx.referenced(Effects.table(n[0], n[1]));
            throw new Replay.NotModelled("table " + n[0] + "." + n[1] + " of the " + what
                    + " is not in the replayed schema");
        }
        return table.get();
    }

    static void alterTrigger(Replay r, Cursor c) {
        c.expect("trigger");
        String name = c.identifier();
        c.expect("on");
        MTable table = triggerTable(r, c, "trigger");
        Optional<MTrigger> t = table.triggers.stream().filter(x -> x.name.equals(name)).findFirst();
        if (t.isEmpty()) {
            r.fx.referenced(new ObjectRef(ObjectRef.Kind.TRIGGER, table.schema, table.name, name));
            throw new Replay.NotModelled("trigger " + name + " is not in the replayed schema");
        }
        if (c.accept("rename", "to")) {
            ObjectRef old = Effects.trigger(t.get());
            t.get().name = c.identifier();
            table.constraints.stream().filter(con -> con.trigger == t.get()).forEach(con -> con.name = t.get().name);
            r.model.reindex();
            r.fx.dropped(old);
            r.fx.created(Effects.trigger(t.get()));
        }
    }

    static void dropTrigger(Replay r, Cursor c) {
        c.expect("trigger");
        boolean ifExists = c.accept("if", "exists");
        String name = c.identifier();
        c.expect("on");
        List<String> tableName = c.qualifiedName();
        Optional<MTable> table = r.findRelation(tableName);
        if (table.isEmpty()) {
            if (!ifExists) {
                String[] n = r.resolveName(tableName, (a, b) -> false);
                r.fx.dropped(new ObjectRef(ObjectRef.Kind.TRIGGER, n[0], n[1], name));
            }
            return;
        }
        Optional<MTrigger> t = table.get().triggers.stream().filter(x -> x.name.equals(name) && !x.inherited)
                .findFirst();
        if (t.isEmpty()) {
            if (!ifExists) {
                r.fx.dropped(new ObjectRef(ObjectRef.Kind.TRIGGER, table.get().schema, table.get().name, name));
            }
            return;
        }
        removeTrigger(r, t.get());
    }

    // ================================================================== policies

    static void createPolicy(Replay r, Cursor c) {
        c.expect("policy");
        String name = c.identifier();
        c.expect("on");
        MTable table = triggerTable(r, c, "policy");
        r.fx.referenced(Effects.table(table));
        MPolicy p = new MPolicy(table, name);
        policyClauses(r, c, p, true);
        if (p.roles.isEmpty()) {
            p.roles.add("public");
        }
        if (table.policies.stream().anyMatch(x -> x.name.equals(name))) {
            if (!r.tolerant) {
                throw new Replay.NotModelled("policy " + name + " already exists in the replayed schema");
            }
            return;
        }
        table.policies.add(p);
        r.fx.created(Effects.policy(p));
    }

    private static void policyClauses(Replay r, Cursor c, MPolicy p, boolean creating) {
        while (!c.atEnd()) {
            if (creating && c.accept("as")) {
                if (c.accept("restrictive")) {
                    p.permissive = false;
                } else {
                    c.expect("permissive");
                    p.permissive = true;
                }
            } else if (creating && c.accept("for")) {
                p.command = c.next().value().toUpperCase(Locale.ROOT);
            } else if (c.accept("to")) {
                p.roles.clear();
                List<String> roles = new ArrayList<>();
                do {
                    Token role = c.next();
                    roles.add(role.type() == TokenType.WORD ? role.value() : role.value());
                } while (c.acceptPunct(','));
                if (roles.contains("public")) {
                    roles = List.of("public");
                }
                p.roles.addAll(roles.stream().sorted().toList());
            } else if (c.accept("using")) {
                p.using = ExprParser.parse(c.parenthesized(), r.scope(p.table));
            } else if (c.accept("with", "check")) {
                p.withCheck = ExprParser.parse(c.parenthesized(), r.scope(p.table));
            } else {
                throw new Cursor.Unsupported("policy clause" + c.near());
            }
        }
    }

    static void alterPolicy(Replay r, Cursor c) {
        c.expect("policy");
        String name = c.identifier();
        c.expect("on");
        MTable table = triggerTable(r, c, "policy");
        Optional<MPolicy> p = table.policies.stream().filter(x -> x.name.equals(name)).findFirst();
        if (p.isEmpty()) {
            r.fx.referenced(new ObjectRef(ObjectRef.Kind.POLICY, table.schema, table.name, name));
            throw new Replay.NotModelled("policy " + name + " is not in the replayed schema");
        }
        if (c.accept("rename", "to")) {
            ObjectRef old = Effects.policy(p.get());
            p.get().name = c.identifier();
            r.fx.dropped(old);
            r.fx.created(Effects.policy(p.get()));
            return;
        }
        policyClauses(r, c, p.get(), false);
    }

    static void dropPolicy(Replay r, Cursor c) {
        c.expect("policy");
        boolean ifExists = c.accept("if", "exists");
        String name = c.identifier();
        c.expect("on");
        List<String> tableName = c.qualifiedName();
        Optional<MTable> table = r.findRelation(tableName);
        Optional<MPolicy> p = table.flatMap(t -> t.policies.stream().filter(x -> x.name.equals(name)).findFirst());
        if (p.isEmpty()) {
            if (!ifExists) {
                String[] n = r.resolveName(tableName, (a, b) -> false);
                r.fx.dropped(new ObjectRef(ObjectRef.Kind.POLICY, n[0], n[1], name));
            }
            return;
        }
        p.get().table.policies.remove(p.get());
        r.fx.dropped(Effects.policy(p.get()));
    }
}
