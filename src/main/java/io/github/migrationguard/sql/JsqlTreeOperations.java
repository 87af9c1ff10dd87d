package io.github.migrationguard.sql;

import io.github.migrationguard.sql.analysis.OperationType;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import net.sf.jsqlparser.statement.PurgeStatement;
import net.sf.jsqlparser.statement.UnsupportedStatement;
import net.sf.jsqlparser.statement.alter.AlterDomain;
import net.sf.jsqlparser.statement.alter.AlterExpression;
import net.sf.jsqlparser.statement.alter.AlterExpressionDrop;
import net.sf.jsqlparser.statement.alter.AlterExtension;
import net.sf.jsqlparser.statement.alter.AlterOperation;
import net.sf.jsqlparser.statement.alter.AlterPublication;
import net.sf.jsqlparser.statement.alter.AlterSubscription;
import net.sf.jsqlparser.statement.alter.AlterType;
import net.sf.jsqlparser.statement.alter.IdentityAlteration;
import net.sf.jsqlparser.statement.create.database.DatabaseOption;
import net.sf.jsqlparser.statement.create.index.CreateIndex;
import net.sf.jsqlparser.statement.create.table.ColumnDefinition;
import net.sf.jsqlparser.statement.create.table.CreateTable;
import net.sf.jsqlparser.statement.create.table.Index;
import net.sf.jsqlparser.statement.create.table.TablePartitioning;
import net.sf.jsqlparser.statement.delete.Delete;
import net.sf.jsqlparser.statement.drop.Drop;
import net.sf.jsqlparser.statement.merge.MergeDelete;
import net.sf.jsqlparser.statement.role.AlterRole;
import net.sf.jsqlparser.statement.truncate.Truncate;
import net.sf.jsqlparser.statement.update.ParenthesedUpdate;
import net.sf.jsqlparser.statement.update.Update;

/**
 * Finds the destructive operations anywhere in a JSqlParser tree.
 *
 * <p>The walk is structural, not a visitor: it follows every field of every JSqlParser model object (and the
 * collections, maps and arrays they hold), so a {@code DELETE} inside a CTE, a subquery, an {@code INSERT ... SELECT},
 * a {@code MERGE} action or any construct a visitor forgot is still found. It is iterative (no recursion, so deep
 * trees cannot overflow the stack) and visits each object once. Field lists are computed once per class.
 *
 * <p>What counts:
 * <ul>
 *   <li>{@link OperationType#DROP}: {@code Drop} of any object, {@code PURGE}, and every {@code DROP} action of an
 *       {@code ALTER} statement ({@code DROP COLUMN / CONSTRAINT / PRIMARY KEY / PARTITION}, {@code ALTER COLUMN ...
 *       DROP IDENTITY / DROP EXPRESSION}, {@code ALTER TYPE ... DROP ATTRIBUTE}, {@code ALTER DOMAIN ... DROP
 *       CONSTRAINT}, {@code ALTER EXTENSION / PUBLICATION ... DROP}, {@code ALTER SUBSCRIPTION ... DROP PUBLICATION},
 *       {@code ALTER GROUP ... DROP USER}) except {@code DROP DEFAULT} and {@code DROP NOT NULL};</li>
 *   <li>{@link OperationType#DELETE}: {@code DELETE} anywhere and {@code MERGE ... THEN DELETE};</li>
 *   <li>{@link OperationType#TRUNCATE}: {@code TRUNCATE} and {@code ALTER TABLE ... TRUNCATE PARTITION};</li>
 *   <li>{@link OperationType#UPDATE_WITHOUT_WHERE}: an {@code UPDATE} without {@code WHERE} anywhere. The
 *       {@code UPDATE} of {@code MERGE} and of {@code INSERT ... ON CONFLICT DO UPDATE} only touches matched or
 *       conflicting rows and does not count;</li>
 *   <li>any of the four, fail-closed, for a destructive keyword in text JSqlParser kept uninterpreted (see
 *       {@link #scanFreeText}).</li>
 * </ul>
 */
final class JsqlTreeOperations {

    private static final String MODEL_PACKAGE = "net.sf.jsqlparser.";
    private static final String PARSER_PACKAGE = "net.sf.jsqlparser.parser.";

    /**
     * For a model class: its fields (and its model superclasses' fields) that can lead to more model objects. For any
     * other class (strings, numbers, enums, the parser's tokens and nodes): {@link #NOT_MODEL}.
     */
    private static final ClassValue<Field[]> CHILD_FIELDS = new ClassValue<>() {
        @Override
        protected Field[] computeValue(Class<?> type) {
            return isModelClass(type) ? childFields(type) : NOT_MODEL;
        }
    };

    private static final Field[] NOT_MODEL = new Field[0];

    private JsqlTreeOperations() {
    }

    /** Thrown when the tree cannot be trusted or read. */
    static final class TreeProblem extends Exception {
        private static final long serialVersionUID = 1L;

        TreeProblem(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * The operations found in {@code root}.
     *
     * @throws TreeProblem when the tree contains JSqlParser's {@code UnsupportedStatement} catch-all, or cannot be
     *                     read (reflection refused)
     */
    static Set<OperationType> collect(Object root) throws TreeProblem {
        EnumSet<OperationType> found = EnumSet.noneOf(OperationType.class);
        Set<Object> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        ArrayDeque<Object> pending = new ArrayDeque<>();
        pending.push(root);
        while (!pending.isEmpty()) {
            Object node = pending.pop();
            Field[] fields = fieldsOf(node.getClass());
            boolean model = fields != NOT_MODEL;
            if (model) {
                if (!seen.add(node)) {
                    continue;
                }
                classify(node, found);
                for (Field field : fields) {
                    Object value;
                    try {
                        value = field.get(node);
                    } catch (IllegalAccessException | RuntimeException e) {
                        throw new TreeProblem("cannot read JSqlParser's tree: " + e);
                    }
                    pushIfWalkable(pending, value);
                }
            }
            // JDK containers, and model classes that are containers themselves (ExpressionList, ReturningClause)
            if (node instanceof Collection<?> collection) {
                for (Object element : collection) {
                    pushIfWalkable(pending, element);
                }
            } else if (node instanceof Map<?, ?> map) {
                for (Map.Entry<?, ?> entry : map.entrySet()) {
                    pushIfWalkable(pending, entry.getKey());
                    pushIfWalkable(pending, entry.getValue());
                }
            } else if (node instanceof Object[] array) {
                for (Object element : array) {
                    pushIfWalkable(pending, element);
                }
            }
        }
        return found;
    }

    private static void classify(Object node, Set<OperationType> found) throws TreeProblem {
        if (node instanceof UnsupportedStatement) {
            throw new TreeProblem("JSqlParser does not support this statement type");
        }
        if (node instanceof Drop || node instanceof PurgeStatement) {
            found.add(OperationType.DROP);
        } else if (node instanceof Delete || node instanceof MergeDelete) {
            found.add(OperationType.DELETE);
        } else if (node instanceof Truncate) {
            found.add(OperationType.TRUNCATE);
        } else if (node instanceof Update update) {
            // a CTE's (UPDATE ...) is a ParenthesedUpdate: an Update subclass with no WHERE of its own that wraps
            // the real Update (visited as its child)
            boolean wrapper = update instanceof ParenthesedUpdate parenthesed && parenthesed.getUpdate() != null;
            if (!wrapper && update.getWhere() == null) {
                found.add(OperationType.UPDATE_WITHOUT_WHERE);
            }
        } else if (node instanceof AlterExpression alter) {
            AlterOperation operation = alter.getOperation();
            if (alter instanceof AlterExpressionDrop || operation != null && isDropName(operation.name())) {
                found.add(OperationType.DROP);
            }
            if (operation == AlterOperation.TRUNCATE_PARTITION) {
                found.add(OperationType.TRUNCATE);
            }
            scanFreeText(found, alter.getOptionalSpecifier(), alter.getParameters());
        } else if (node instanceof ColumnDefinition column) {
            // the column options' words in order; also AlterExpression.ColumnDataType, where
            // ALTER COLUMN c DROP EXPRESSION lands
            scanFreeText(found, null, column.getColumnSpecs());
        } else if (node instanceof IdentityAlteration identity) {
            if (identity.getKind() == IdentityAlteration.Kind.DROP) {
                found.add(OperationType.DROP);
            }
        } else if (node instanceof AlterType.AttributeChange change) {
            if (change.getKind() == AlterType.AttributeChange.Kind.DROP) {
                found.add(OperationType.DROP);
            }
        } else if (node instanceof AlterDomain domain) {
            if (domain.getAction() != null && isDropName(domain.getAction().name())) {
                found.add(OperationType.DROP);
            }
        } else if (node instanceof AlterExtension extension) {
            if (extension.getAction() == AlterExtension.Action.DROP) {
                found.add(OperationType.DROP);
            }
        } else if (node instanceof AlterPublication publication) {
            if (publication.getAction() == AlterPublication.Action.DROP) {
                found.add(OperationType.DROP);
            }
        } else if (node instanceof AlterSubscription subscription) {
            if (subscription.getAction() == AlterSubscription.Action.DROP_PUBLICATION) {
                found.add(OperationType.DROP);
            }
        } else if (node instanceof AlterRole role) {
            if (role.getAction() == AlterRole.Action.DROP_USER) {
                found.add(OperationType.DROP);
            }
        } else if (node instanceof CreateTable table) {
            // the table options' words in order (one TableOption per word for unknown options)
            scanFreeText(found, null, table.getCreateOptionsStrings());
            scanFreeText(found, null, table.getTableOptionsStrings());
        } else if (node instanceof CreateIndex index) {
            scanFreeText(found, null, index.getTailParameters());
        } else if (node instanceof Index index) {
            scanFreeText(found, null, index.getIndexSpec());
        } else if (node instanceof TablePartitioning partitioning) {
            scanFreeText(found, null, partitioning.getPartitionOptions());
        } else if (node instanceof DatabaseOption option) {
            scanFreeText(found, null, option.getRawTokens());
        }
    }

    /** {@code DROP} or {@code DROP_...}, but not the column-property drops {@code DROP_DEFAULT}/{@code DROP_NOT_NULL}. */
    private static boolean isDropName(String name) {
        return (name.equals("DROP") || name.startsWith("DROP_"))
                && !name.equals("DROP_DEFAULT") && !name.equals("DROP_NOT_NULL");
    }

    /**
     * JSqlParser keeps what it does not model as free text: {@code ALTER TABLE t <anything>} becomes an
     * {@code UNSPECIFIC} alter expression holding the words, unknown {@code CREATE TABLE} / {@code CREATE INDEX}
     * tails and column specs become word lists. Such text is read word by word (outside quotes) and a destructive
     * keyword in it counts, fail-closed, except in the harmless phrases {@code DROP DEFAULT}, {@code DROP NOT NULL},
     * {@code ON COMMIT DROP}, {@code ON COMMIT DELETE ROWS}, {@code ON DELETE / UPDATE / TRUNCATE} (referential actions, trigger events) and
     * {@code FOR [NO KEY] UPDATE} (row locks).
     */
    static void scanFreeText(Set<OperationType> found, String text, List<String> parts) {
        List<String> words = new ArrayList<>();
        if (text != null) {
            addWords(text, words);
        }
        if (parts != null) {
            for (String part : parts) {
                if (part != null) {
                    addWords(part, words);
                }
            }
        }
        for (int i = 0; i < words.size(); i++) {
            String word = words.get(i);
            String previous = i > 0 ? words.get(i - 1) : "";
            String next = i + 1 < words.size() ? words.get(i + 1) : "";
            String afterNext = i + 2 < words.size() ? words.get(i + 2) : "";
            switch (word) {
                case "DROP" -> {
                    boolean harmless = next.equals("DEFAULT") || next.equals("NOT") && afterNext.equals("NULL")
                            || previous.equals("COMMIT");
                    if (!harmless) {
                        found.add(OperationType.DROP);
                    }
                }
                case "DELETE" -> {
                    // ON DELETE: referential action / trigger event; ON COMMIT DELETE ROWS: temp-table behaviour
                    if (!previous.equals("ON") && !(previous.equals("COMMIT") && next.equals("ROWS"))) {
                        found.add(OperationType.DELETE);
                    }
                }
                case "TRUNCATE" -> {
                    if (!previous.equals("ON")) {
                        found.add(OperationType.TRUNCATE);
                    }
                }
                case "UPDATE" -> {
                    if (!previous.equals("ON") && !previous.equals("FOR") && !previous.equals("KEY")) {
                        found.add(OperationType.UPDATE_WITHOUT_WHERE);
                    }
                }
                default -> {
                    // not destructive
                }
            }
        }
    }

    /** Upper-cased words of {@code text}, skipping quoted strings and identifiers. */
    private static void addWords(String text, List<String> words) {
        int n = text.length();
        int i = 0;
        while (i < n) {
            char c = text.charAt(i);
            if (c == '\'' || c == '"') {
                int close = text.indexOf(c, i + 1);
                i = close < 0 ? n : close + 1;
            } else if (Character.isLetter(c) || c == '_') {
                int start = i;
                while (i < n && (Character.isLetterOrDigit(text.charAt(i)) || text.charAt(i) == '_'
                        || text.charAt(i) == '$')) {
                    i++;
                }
                words.add(text.substring(start, i).toUpperCase(Locale.ROOT));
            } else {
                i++;
            }
        }
    }

    private static void pushIfWalkable(ArrayDeque<Object> pending, Object value) throws TreeProblem {
        if (value == null || value instanceof String || value instanceof Enum<?>) {
            return; // the common leaves, without a class lookup
        }
        if (value instanceof Collection<?> || value instanceof Map<?, ?> || value instanceof Object[]
                || fieldsOf(value.getClass()) != NOT_MODEL) {
            pending.push(value);
        }
    }

    private static Field[] fieldsOf(Class<?> type) throws TreeProblem {
        try {
            return CHILD_FIELDS.get(type);
        } catch (RuntimeException e) { // InaccessibleObjectException when the module system forbids reflection
            throw new TreeProblem("cannot read JSqlParser's tree: " + e);
        }
    }

    private static boolean isModelClass(Class<?> type) {
        if (type.isEnum() || type.isPrimitive() || type.isArray()) {
            return false;
        }
        String name = type.getName();
        return name.startsWith(MODEL_PACKAGE) && !name.startsWith(PARSER_PACKAGE) && !Enum.class.isAssignableFrom(type);
    }

    private static Field[] childFields(Class<?> type) {
        List<Field> fields = new ArrayList<>();
        for (Class<?> c = type; c != null && c.getName().startsWith(MODEL_PACKAGE); c = c.getSuperclass()) {
            for (Field field : c.getDeclaredFields()) {
                if (Modifier.isStatic(field.getModifiers()) || !mayLeadToModel(field.getType())) {
                    continue;
                }
                field.setAccessible(true); // may throw InaccessibleObjectException; the caller fails closed
                fields.add(field);
            }
        }
        return fields.toArray(new Field[0]);
    }

    /** Whether a field of this declared type can hold (or contain) model objects. */
    private static boolean mayLeadToModel(Class<?> declared) {
        if (declared.isPrimitive() || declared.isEnum()) {
            return false;
        }
        if (declared.isArray()) {
            return !declared.getComponentType().isPrimitive();
        }
        String name = declared.getName();
        if (name.startsWith(PARSER_PACKAGE)) {
            return false; // tokens and syntax-tree nodes: the parser's bookkeeping, not the model
        }
        if (name.startsWith(MODEL_PACKAGE)) {
            return true;
        }
        return declared == Object.class || declared.isInterface()
                || Collection.class.isAssignableFrom(declared) || Map.class.isAssignableFrom(declared);
    }
}
