package io.github.migrationguard.report;

import io.github.migrationguard.lint.Finding;
import io.github.migrationguard.lint.LintReport;
import java.util.ArrayList;
import java.util.List;

/**
 * GitHub Actions workflow commands that turn findings into annotations on the pull request's diff:
 * {@code ::error file=...,line=...,col=...,endLine=...,endColumn=...,title=<rule-id>::<message>}.
 *
 * <p>Unacknowledged findings use {@code error}, {@code warning} or {@code notice} after their severity; acknowledged
 * findings are always {@code notice}. Values are escaped as the Actions toolkit does it: {@code %}, CR and LF in the
 * message (and also {@code :} and {@code ,} in properties) become {@code %25}, {@code %0D}, {@code %0A},
 * {@code %3A}, {@code %2C}. Other control characters and bidirectional-override characters are shown as
 * {@code \}{@code uXXXX} so that file content cannot inject log formatting.
 *
 * <p>Columns: {@code col}/{@code endColumn} are given only when the finding starts and ends on one line (GitHub
 * ignores them otherwise) and {@code endColumn} is the last column of the span (inclusive).
 */
public final class GitHubAnnotations {

    private GitHubAnnotations() {
    }

    /** One workflow command per finding, paths as given in the findings. */
    public static List<String> lines(LintReport r) {
        return lines(r, "");
    }

    /**
     * One workflow command per finding. GitHub resolves {@code file} against the repository root, while findings
     * hold paths relative to the project base directory: {@code pathPrefix} is the base directory's path inside the
     * repository (e.g. {@code services/billing} in a multi-module repository; empty or null when they are the same).
     */
    public static List<String> lines(LintReport r, String pathPrefix) {
        String prefix = normalisePrefix(pathPrefix);
        List<String> lines = new ArrayList<>(r.findings().size());
        for (Finding f : r.findings()) {
            lines.add(line(f, prefix));
        }
        return lines;
    }

    static String line(Finding f, String prefix) {
        String command;
        if (f.acknowledged()) {
            command = "notice";
        } else {
            command = switch (Text.severity(f)) {
                case ERROR -> "error";
                case WARNING -> "warning";
                case NOTE -> "notice";
            };
        }
        int line = Math.max(1, f.line());
        int col = Math.max(1, f.column());
        int endLine = Math.max(line, f.endLine());
        int endColumn = f.endColumn() - 1;            // exclusive in the finding, inclusive in the annotation
        if (f.endColumn() <= 1 && endLine > line) {
            endLine--;                                 // the span ends with a line break: it ends on the line before
            endColumn = -1;
        }
        StringBuilder props = new StringBuilder();
        props.append("file=").append(escapeProperty(prefix + Text.nullToEmpty(f.file())));
        props.append(",line=").append(line);
        if (endLine == line) {
            props.append(",col=").append(col);
        }
        props.append(",endLine=").append(endLine);
        if (endLine == line && endColumn >= col) {
            props.append(",endColumn=").append(endColumn);
        }
        String title = Text.nullToEmpty(f.ruleId()) + (f.acknowledged() ? " (acknowledged)" : "");
        props.append(",title=").append(escapeProperty(title));

        StringBuilder message = new StringBuilder(Text.nullToEmpty(f.message()));
        if (f.acknowledged()) {
            message.append("\nAcknowledged: ")
                    .append(Text.isBlank(f.reason()) ? "no reason given" : f.reason().strip());
        }
        if (!Text.isBlank(f.safeAlternative())) {
            message.append("\nSafe alternative: ").append(f.safeAlternative().strip());
        }
        if (!Text.isBlank(f.docsUrl())) {
            message.append("\nDocs: ").append(f.docsUrl().strip());
        }
        return "::" + command + ' ' + props + "::" + escapeData(message.toString());
    }

    /** Escapes a command's message: {@code %}, CR, LF (after making other control characters visible). */
    static String escapeData(String s) {
        return Text.visible(s, true)
                .replace("%", "%25")
                .replace("\r", "%0D")
                .replace("\n", "%0A");
    }

    /** Escapes a property value: as {@link #escapeData(String)}, plus {@code :} and {@code ,}. */
    static String escapeProperty(String s) {
        return escapeData(s)
                .replace(":", "%3A")
                .replace(",", "%2C");
    }

    private static String normalisePrefix(String prefix) {
        if (Text.isBlank(prefix)) {
            return "";
        }
        String p = prefix.strip().replace('\\', '/');
        while (p.startsWith("./")) {
            p = p.substring(2);
        }
        while (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return p.isEmpty() || p.equals(".") ? "" : p + '/';
    }
}
