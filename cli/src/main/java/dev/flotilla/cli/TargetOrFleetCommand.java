package dev.flotilla.cli;

import dev.flotilla.ErrorCode;
import dev.flotilla.FlotillaException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The base of commands that work on one target ({@code --url}) or on tenants of the fleet
 * ({@code --tenants/--group/--all} with flotilla.yml, as many at once as {@code --concurrency} and
 * {@code --per-server} let, each connection bounded by {@code --connect-timeout}): exactly one of the two.
 */
abstract class TargetOrFleetCommand extends TargetCommand {
    @Mixin
    SelectionOptions selection;

    @Mixin
    ConcurrencyOptions limits;

    @Mixin
    ConnectTimeoutOption connectTimeout;

    @Option(names = "--config", paramLabel = "FILE", description = "The configuration file (default: ./flotilla.yml).")
    Path configFile;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec commandSpec;

    TargetOrFleetCommand(Output output, Map<String, String> environment) {
        super(output, environment);
    }

    /** The work on the one target of {@code --url}. */
    abstract int single();

    /** The work on the selected tenants. */
    abstract int fleet(FleetContext context);

    /** True when an option other than the selection names the tenants (a deployment to roll back, say). */
    boolean fleetWithoutSelection() {
        return false;
    }

    /** The options of one target that this command's fleet work reads too (--out-of-order, say); none by default. */
    Set<String> targetOptionsForTheFleet() {
        return Set.of();
    }

    /**
     * The options of one target (--migrations, --lock-timeout...) mean nothing to tenants of the fleet, whose
     * flotilla.yml says the same: given with a selection, they would be read and silently not used.
     */
    private void refuseTargetOptions() {
        List<String> given = commandSpec.commandLine().getParseResult().matchedOptions().stream()
                .filter(o -> commandSpec.mixins().get("target").options().contains(o))
                .filter(o -> !targetOptionsForTheFleet().contains(o.longestName()))
                .map(picocli.CommandLine.Model.OptionSpec::longestName).distinct().toList();
        if (!given.isEmpty()) {
            throw new FlotillaException(ErrorCode.BAD_USAGE, String.join(", ", given) + (given.size() == 1 ? " is" : " are")
                    + " for one target (--url). For tenants of the fleet, flotilla.yml says it (migrations, historyTable,"
                    + " deploy.lockTimeout, placeholders...).");
        }
    }

    @Override
    final int execute() {
        boolean fleet = selection.given() || fleetWithoutSelection();
        if (fleet && target.hasTarget()) {
            throw new FlotillaException(ErrorCode.BAD_USAGE, "--url and --tenants, --group or --all were both given: name"
                    + " one target with --url, or tenants of the fleet, not both.");
        }
        if (!fleet && !target.hasTarget()) {
            throw new FlotillaException(ErrorCode.BAD_USAGE, "Say where to " + name() + ": one target with --url, or"
                    + " tenants with --tenants, --group or --all (with the fleet's flotilla.yml).");
        }
        if (target.hasTarget()) {
            if (limits.given()) {
                throw new FlotillaException(ErrorCode.BAD_USAGE, "--concurrency and --per-server are for tenants of the"
                        + " fleet (--tenants, --group or --all); one target (--url) is worked on alone: drop them.");
            }
            return connectTimeout.onOneTarget(this::single);
        }
        refuseTargetOptions();
        try (FleetContext context = new FleetContext(configFile, output, environment,
                new CommandFlags(name(), settingsGivenByFlags(), limits, connectTimeout))) {
            return AuditedRefusals.run(context, output, refusedAction(), refusedDeployment(), () -> fleet(context));
        }
    }

    /** What a refusal of this command's fleet work is audited as (see {@link AuditedRefusals}); null: not. */
    String refusedAction() {
        return null;
    }

    /** The deployment that refusal is of (the one a --resume continues), or null. */
    String refusedDeployment() {
        return null;
    }
}
