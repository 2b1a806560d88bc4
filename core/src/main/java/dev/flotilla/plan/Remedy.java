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
 * @param tenant the tenant of the fleet it is for; null for one target
 */
public record Remedy(String command, List<String> arguments, TenantId tenant) {
    /** Flags that already say which tenants (or deployment, backup or target) the command is about. */
    private static final Set<String> SELECTING = Set.of("--tenants", "--group", "--all", "--deployment", "--backup",
            "--resume", "--url");

    public Remedy {
        Objects.requireNonNull(command, "command");
        arguments = List.copyOf(arguments);
    }

    /** The command for one target. */
    public static Remedy of(String command, String... arguments) {
        return new Remedy(command, List.of(arguments), null);
    }

    /** This command for {@code tenant} of the fleet. */
    public Remedy forTenant(TenantId tenant) {
        return new Remedy(command, arguments, tenant);
    }

    /**
     * The command as a message writes it, in backticks: {@code `flotilla repair --mark-applied 7`} for one target,
     * {@code `flotilla repair --tenants m07 --mark-applied 7`} for a tenant, unless its arguments select already.
     */
    @Override
    public String toString() {
        boolean selects = tenant == null || arguments.stream().anyMatch(SELECTING::contains);
        return "`flotilla " + command + (selects ? "" : " --tenants " + tenant.value())
                + (arguments.isEmpty() ? "" : " " + String.join(" ", arguments)) + "`";
    }
}
