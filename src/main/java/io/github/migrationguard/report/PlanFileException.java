package io.github.migrationguard.report;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A reconcile plan file that cannot be used: missing, unreadable, not JSON, or not a plan this plugin wrote (a field
 * missing, unknown, of the wrong type or with an impossible value). The message names the file and what is wrong, with
 * the JSON path of the field ({@code actions[2].remove[0].installedRank}).
 */
public final class PlanFileException extends IOException {

    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final String problem;

    public PlanFileException(Path file, String problem) {
        super("reconcile plan " + file + ": " + problem);
        this.file = file;
        this.problem = problem;
    }

    public PlanFileException(Path file, String problem, Throwable cause) {
        this(file, problem);
        initCause(cause);
    }

    /** The plan file. */
    public Path file() {
        return file;
    }

    /** What is wrong with it, without the file name. */
    public String problem() {
        return problem;
    }
}
