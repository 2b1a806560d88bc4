package dev.flotilla.plan;

import dev.flotilla.tenant.TenantId;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A command a message tells its reader to run ({@code flotilla repair --rerun-from-start}), kept as a value so it is
 * written for whoever reads the message: as it is for one target, whose reader adds the {@code --url} and the rest of
 * their own command line; with {@code --tenants <id>} for a tenant of the fleet, where a fleet command without a
 * selection is refused as bad usage. Immutable.
 *
 * @param command the subcommand ({@code repair})
 * @param arguments what follows it, word by word ({@code --mark-applied}, {@code 7})
 * @param tenants the tenants of the fleet it is for (several: those sharing a target, or a dry run's group of
 *     tenants that ended alike); empty for one target
 */
public record Remedy(String command, List<String> arguments, List<TenantId> tenants) {
    /** Flags that already say which tenants (or deployment, backup or target) the command is about. */
    private static final Set<String> SELECTING = Set.of("--tenants", "--group", "--all", "--deployment", "--backup",
            "--resume", "--retry-failed", "--url");
    /**
     * Commands that take their tenants as words, not with {@code --tenants}: {@code flotilla tenants remove a b c}; without
     * tenants (for one target) they name none.
     */
    private static final Set<String> TENANTS_AS_WORDS = Set.of("tenants remove");
    /** The most tenants a command names; for more, it names these and says how many others it is for. */
    static final int TENANTS_NAMED = 5;
    /**
     * Stands for the deployment a command is about where its producer does not know it (a statement's failure, written
     * for one target), until {@link #inDeployment} names it; a command that still has it is not run as it is.
     */
    public static final String THIS_DEPLOYMENT = "ID";

    public Remedy {
        Objects.requireNonNull(command, "command");
        arguments = List.copyOf(arguments);
        tenants = List.copyOf(tenants);
    }

    /** The command for one target. */
    public static Remedy of(String command, String... arguments) {
        return new Remedy(command, List.of(arguments), List.of());
    }

    /**
     * {@code flotilla deploy --retry-failed DEPLOYMENT} and {@code more} after it: the failed tenants of a deployment (or a
     * rollback) run again; {@link #THIS_DEPLOYMENT} where its producer does not know the deployment yet.
     */
    public static Remedy retryFailed(String deployment, String... more) {
        List<String> arguments = new java.util.ArrayList<>(List.of("--retry-failed", deployment));
        arguments.addAll(List.of(more));
        return new Remedy("deploy", arguments, List.of());
    }

    /** This command for {@code tenant} of the fleet. */
    public Remedy forTenant(TenantId tenant) {
        return forTenants(List.of(tenant));
    }

    /** This command for {@code tenants} of the fleet, each to be selected. */
    public Remedy forTenants(List<TenantId> tenants) {
        return new Remedy(command, arguments, tenants);
    }

    /** This command with {@link #THIS_DEPLOYMENT} in its arguments replaced by {@code deployment}, the one it is about. */
    public Remedy inDeployment(String deployment) {
        return new Remedy(command, arguments.stream().map(a -> a.equals(THIS_DEPLOYMENT) ? deployment : a).toList(),
                tenants);
    }

    /** Whether it runs as it is written: it names no deployment it does not know ({@link #THIS_DEPLOYMENT}). */
    public boolean runnable() {
        return !arguments.contains(THIS_DEPLOYMENT);
    }

    /** Whether it is written for {@code tenant} alone. */
    boolean isFor(TenantId tenant) {
        return tenants.equals(List.of(tenant));
    }

    /**
     * The command as a message writes it, in backticks: {@code `flotilla repair --mark-applied 7`} for one target,
     * {@code `flotilla repair --tenants m07 --mark-applied 7`} for a tenant (or {@code --tenants a,b,c} for several;
     * {@code `flotilla tenants remove a b c`} for a command that takes its tenants as words),
     * unless its arguments select already. For more than {@value #TENANTS_NAMED} tenants it names the first of them and
     * says how many others it is for: {@code `flotilla repair --tenants a,b,c,d,e` (and the same for 43 other tenants)}.
     */
    @Override
    public String toString() {
        return appendTo(new StringBuilder()).toString();
    }

    /** Appends {@link #toString()} to {@code text} and returns it (a task's log writes its notices' commands so). */
    StringBuilder appendTo(StringBuilder text) {
        int named = Math.min(TENANTS_NAMED, tenants.size());
        int others = tenants.size() - named;
        boolean selects = selects();
        appendLine(text.append('`'), named, selects).append('`');
        if (!selects && others > 0) {
            text.append(" (and the same for ").append(others).append(" other tenant(s))");
        }
        return text;
    }

    /**
     * The command as it runs, every tenant it is for named, without backticks: {@code flotilla deploy --resume d-12},
     * {@code flotilla repair --tenants m07 --mark-applied 7}. For one target, its reader adds the connection's options.
     */
    public String commandLine() {
        return appendLine(new StringBuilder(), tenants.size(), selects()).toString();
    }

    /** The command with the first {@code named} of its tenants, unless it {@code selects} by its arguments already. */
    private StringBuilder appendLine(StringBuilder line, int named, boolean selects) {
        // Appended, not streamed: a fleet deploy writes a task's notices and their commands for every tenant.
        line.append("flotilla ").append(command);
        if (!selects) {
            boolean words = TENANTS_AS_WORDS.contains(command);
            line.append(words ? " " : " --tenants ");
            for (int i = 0; i < named; i++) {
                line.append(i == 0 ? "" : words ? " " : ",").append(tenants.get(i).value());
            }
        }
        for (String argument : arguments) {
            line.append(' ').append(argument);
        }
        return line;
    }

    private boolean selects() {
        if (tenants.isEmpty()) {
            return true;
        }
        for (String argument : arguments) {
            if (SELECTING.contains(argument)) {
                return true;
            }
        }
        return false;
    }
}
