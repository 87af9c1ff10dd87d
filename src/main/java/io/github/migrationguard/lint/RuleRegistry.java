package io.github.migrationguard.lint;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The rules available to the linter, found through {@link ServiceLoader} and validated once when loaded.
 *
 * <p>Validation: every rule class carries {@link RuleInfo}; ids are unique, kebab-case and start with {@code ban-},
 * {@code require-} or {@code prefer-}; summary, category and safe alternative are not blank; no id collides with an
 * {@link EngineDiagnostic}; a rule class keeps no mutable instance fields (rules are shared between threads). A
 * violation is an {@link IllegalStateException} whose message names the offending class.
 */
public final class RuleRegistry {

    /** Family prefix, then lower-case words of letters and digits joined by single hyphens. */
    static final Pattern ID_PATTERN = Pattern.compile("(?:ban|require|prefer)(?:-[a-z0-9]+)+");

    private final List<Rule> rules;
    private final Map<Rule, RuleInfo> infos;
    private final Map<String, RuleDescriptor> descriptorsById;

    private RuleRegistry(List<Rule> rules, Map<Rule, RuleInfo> infos, Map<String, RuleDescriptor> descriptorsById) {
        this.rules = rules;
        this.infos = infos;
        this.descriptorsById = descriptorsById;
    }

    /**
     * Loads every {@link Rule} registered in {@code META-INF/services/io.github.migrationguard.lint.Rule} visible to
     * {@code classLoader}.
     *
     * @throws IllegalStateException when a registered class cannot be loaded or instantiated, or breaks a rule
     *                               metadata requirement
     */
    public static RuleRegistry load(ClassLoader classLoader) {
        List<Rule> found = new ArrayList<>();
        ServiceLoader<Rule> loader = ServiceLoader.load(Rule.class, classLoader);
        try {
            Iterator<ServiceLoader.Provider<Rule>> providers = loader.stream().iterator();
            while (providers.hasNext()) {
                ServiceLoader.Provider<Rule> provider = providers.next();
                Class<? extends Rule> type = provider.type();
                // check the metadata before running any constructor of a broken rule
                checkClass(type);
                try {
                    found.add(provider.get());
                } catch (ServiceConfigurationError e) {
                    throw new IllegalStateException("Cannot create rule " + type.getName() + ": "
                            + rootMessage(e), e);
                }
            }
        } catch (ServiceConfigurationError e) {
            throw new IllegalStateException("Cannot load the rules registered in META-INF/services/"
                    + Rule.class.getName() + ": " + rootMessage(e), e);
        }
        return of(found);
    }

    /** A registry of exactly {@code rules}, validated like {@link #load(ClassLoader)}. */
    public static RuleRegistry of(List<? extends Rule> rules) {
        Map<Rule, RuleInfo> infos = new IdentityHashMap<>();
        Map<String, Class<?>> classById = new TreeMap<>();
        Map<String, RuleDescriptor> byId = new TreeMap<>();
        for (EngineDiagnostic d : EngineDiagnostic.values()) {
            byId.put(d.id(), d.descriptor());
        }
        for (Rule rule : rules) {
            Class<?> type = rule.getClass();
            RuleInfo info = checkClass(type);
            String id = info.id();
            if (byId.containsKey(id) && !classById.containsKey(id)) {
                throw new IllegalStateException("Rule " + type.getName() + " uses the id '" + id
                        + "', which is reserved for a diagnostic of the lint engine; choose another id.");
            }
            Class<?> other = classById.putIfAbsent(id, type);
            if (other != null) {
                throw new IllegalStateException("Rules " + other.getName() + " and " + type.getName()
                        + " both use the id '" + id + "'; rule ids must be unique.");
            }
            infos.put(rule, info);
            byId.put(id, toDescriptor(info));
        }
        List<Rule> sorted = new ArrayList<>(rules);
        sorted.sort(Comparator.comparing(r -> infos.get(r).id()));
        return new RuleRegistry(List.copyOf(sorted), Collections.unmodifiableMap(infos),
                Collections.unmodifiableMap(byId));
    }

    private static RuleInfo checkClass(Class<?> type) {
        RuleInfo info = type.getAnnotation(RuleInfo.class);
        if (info == null) {
            throw new IllegalStateException("Rule " + type.getName() + " has no @" + RuleInfo.class.getSimpleName()
                    + " annotation; every rule needs an id, a summary, a category and a safe alternative.");
        }
        String id = info.id();
        if (!ID_PATTERN.matcher(id).matches()) {
            throw new IllegalStateException("Rule " + type.getName() + " has the invalid id '" + id
                    + "': ids are kebab-case (lower-case letters and digits joined by single hyphens) and start"
                    + " with 'ban-', 'require-' or 'prefer-', e.g. 'ban-drop'.");
        }
        requireText(type, id, "summary", info.summary());
        requireText(type, id, "category", info.category());
        requireText(type, id, "safeAlternative", info.safeAlternative());
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                int m = f.getModifiers();
                if (!Modifier.isStatic(m) && !Modifier.isFinal(m) && !f.isSynthetic()) {
                    throw new IllegalStateException("Rule " + type.getName() + " (" + id + ") has the mutable"
                            + " field '" + f.getName() + "'; rules are shared between threads and must keep no"
                            + " state.");
                }
            }
        }
        return info;
    }

    private static void requireText(Class<?> type, String id, String element, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("Rule " + type.getName() + " (" + id + ") has a blank " + element
                    + " in @" + RuleInfo.class.getSimpleName() + ".");
        }
    }

    private static RuleDescriptor toDescriptor(RuleInfo info) {
        String docs = info.docs().isBlank() ? RuleDescriptor.docsUrlFor(info.id()) : info.docs();
        return new RuleDescriptor(info.id(), info.summary(), info.severity(), info.category(),
                info.safeAlternative(), docs);
    }

    private static String rootMessage(Throwable t) {
        Throwable cause = t;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        String msg = cause == t ? t.getMessage() : t.getMessage() + " (" + cause + ")";
        return msg == null ? t.toString() : msg;
    }

    /** The rules, ordered by id. */
    public List<Rule> rules() {
        return rules;
    }

    /** Metadata of a rule of this registry. */
    public RuleInfo info(Rule rule) {
        RuleInfo info = infos.get(rule);
        if (info == null) {
            throw new IllegalArgumentException("Rule " + rule.getClass().getName() + " is not in this registry");
        }
        return info;
    }

    /** What users see of a rule of this registry. */
    public RuleDescriptor descriptor(Rule rule) {
        return descriptorsById.get(info(rule).id());
    }

    /** Every rule and every engine diagnostic, ordered by id. */
    public List<RuleDescriptor> descriptors() {
        return List.copyOf(descriptorsById.values());
    }

    /** The rule or engine diagnostic with exactly this id. */
    public Optional<RuleDescriptor> find(String id) {
        return Optional.ofNullable(id == null ? null : descriptorsById.get(id));
    }

    /**
     * The known id closest to {@code unknownId} by edit distance (ignoring case), for "did you mean" messages; ties go
     * to the alphabetically first id. Null when nothing is close (more than a third of the id would have to change),
     * so unrelated names get no misleading suggestion.
     */
    public String nearest(String unknownId) {
        String probe = unknownId == null ? "" : unknownId.strip().toLowerCase(Locale.ROOT);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String id : descriptorsById.keySet()) {
            int d = editDistance(probe, id);
            if (d < bestDistance) {
                best = id;
                bestDistance = d;
            }
        }
        return bestDistance <= Math.max(2, probe.length() / 3) ? best : null;
    }

    /** Levenshtein distance: insertions, deletions and substitutions each cost one. */
    static int editDistance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
