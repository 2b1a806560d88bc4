package dev.flotilla.run;

import dev.flotilla.target.AppliedMigration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The deployment a history row was written by, kept in its {@code installed_by} after who ran it ({@code ops (deployment
 * d20261207-121500-ab12)}), as an adopted row keeps the tool it came from: what a killed task's read-back tells its own
 * rows from another deployment's by, with no clock to compare (the hosts that ran the two may disagree on the time).
 * Rows written before Flotilla marked them, and by single-target commands, carry none. Stateless.
 */
final class DeploymentMark {
    /** The column's width: installed_by VARCHAR(100). */
    private static final int WIDTH = 100;
    private static final Pattern MARK = Pattern.compile(" \\(deployment ([A-Za-z0-9-]+)\\)$");

    private DeploymentMark() {
    }

    /** What a task of {@code deployment} records as having installed its rows: {@code who}, cut to fit, and the mark. */
    static String installedBy(String who, String deployment) {
        String mark = " (deployment " + deployment + ")";
        String name = who == null ? "flotilla" : who;
        return (name.length() + mark.length() > WIDTH ? name.substring(0, Math.max(0, WIDTH - mark.length())) : name) + mark;
    }

    /** The deployment that wrote {@code row}, or null when it carries no mark. */
    static String of(AppliedMigration row) {
        if (row.installedBy() == null) {
            return null;
        }
        Matcher matcher = MARK.matcher(row.installedBy());
        return matcher.find() ? matcher.group(1) : null;
    }
}
