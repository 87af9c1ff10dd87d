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
import net.sf.jsqlparser.statement.delete.Delete;
import net.sf.jsqlparser.statement.drop.Drop;
import net.sf.jsqlparser.statement.merge.MergeDelete;
import net.sf.jsqlparser.statement.role.AlterRole;
import net.sf.jsqlparser.statement.truncate.Truncate;
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
 *       conflicting rows and does not count.</li>
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
            if (node instanceof Collection<?> collection) {
                for (Object element : collection) {
                    pushIfWalkable(pending, element);
                }
                continue;
            }
            if (node instanceof Map<?, ?> map) {
                for (Map.Entry<?, ?> entry : map.entrySet()) {
                    pushIfWalkable(pending, entry.getKey());
                    pushIfWalkable(pending, entry.getValue());
                }
                continue;
            }
            if (node instanceof Object[] array) {
                for (Object element : array) {
                    pushIfWalkable(pending, element);
                }
                continue;
            }
            if (!seen.add(node)) {
                continue;
            }
            classify(node, found);
            for (Field field : fieldsOf(node.getClass())) {
                Object value;
                try {
                    value = field.get(node);
                } catch (IllegalAccessException | RuntimeException e) {
                    throw new TreeProblem("cannot read JSqlParser's tree: " + e);
                }
                pushIfWalkable(pending, value);
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
            if (update.getWhere() == null) {
                found.add(OperationType.UPDATE_WITHOUT_WHERE);
            }
        } else if (node instanceof AlterExpression.ColumnDataType column) {
            // ALTER COLUMN c DROP EXPRESSION lands in the free-form column specs; DROP IDENTITY is an
            // IdentityAlteration child and is classified below.
            if (dropsInSpecs(column.getColumnSpecs())) {
                found.add(OperationType.DROP);
            }
        } else if (node instanceof AlterExpression alter) {
            AlterOperation operation = alter.getOperation();
            if (alter instanceof AlterExpressionDrop || operation != null && isDropName(operation.name())) {
                found.add(OperationType.DROP);
            }
            if (operation == AlterOperation.TRUNCATE_PARTITION) {
                found.add(OperationType.TRUNCATE);
            }
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
        }
    }

    /** {@code DROP} or {@code DROP_...}, but not the column-property drops {@code DROP_DEFAULT}/{@code DROP_NOT_NULL}. */
    private static boolean isDropName(String name) {
        return (name.equals("DROP") || name.startsWith("DROP_"))
                && !name.equals("DROP_DEFAULT") && !name.equals("DROP_NOT_NULL");
    }

    /** A {@code DROP} word in free-form specs that is not {@code DROP DEFAULT} or {@code DROP NOT NULL}. */
    static boolean dropsInSpecs(List<String> specs) {
        if (specs == null) {
            return false;
        }
        for (int i = 0; i < specs.size(); i++) {
            if (!"DROP".equals(upper(specs.get(i)))) {
                continue;
            }
            String next = i + 1 < specs.size() ? upper(specs.get(i + 1)) : "";
            String after = i + 2 < specs.size() ? upper(specs.get(i + 2)) : "";
            boolean harmless = next.equals("DEFAULT") || next.equals("NOT") && after.equals("NULL");
            if (!harmless) {
                return true;
            }
        }
        return false;
    }

    private static String upper(String s) {
        return s == null ? "" : s.trim().toUpperCase(Locale.ROOT);
    }

    private static void pushIfWalkable(ArrayDeque<Object> pending, Object value) throws TreeProblem {
        if (value == null) {
            return;
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
