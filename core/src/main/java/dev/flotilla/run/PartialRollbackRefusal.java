package dev.flotilla.run;

import dev.flotilla.ErrorCode;
import dev.flotilla.FlotillaException;
import dev.flotilla.migration.LoadedMigrations;
import dev.flotilla.migration.Migration;
import dev.flotilla.migration.MigrationVersion;
import dev.flotilla.tenant.TenantId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The refusal of {@code rollback --deployment D} on only some of the tenants D changed: the rollback of a deployment is one
 * deployment over every tenant it changed, recorded once as its rollback (a second is refused), so it cannot be taken in
 * parts. A rollback by {@code --to} (or {@code --steps}, for a tenant that had no version before) of the selected tenants
 * undoes what D applied there; D's rollback later finds nothing of D left on them and undoes it on the others.
 */
final class PartialRollbackRefusal {
    private PartialRollbackRefusal() {
    }

    /** The refusal of rolling back {@code deployment}, which undoes {@code undo}, on {@code selected} tenants alone. */
    static FlotillaException of(String deployment, Map<TenantId, List<MigrationVersion>> undo, List<TenantId> selected,
                                LoadedMigrations migrations) {
        if (selected.containsAll(undo.keySet())) {
            return new FlotillaException(ErrorCode.BAD_USAGE, "`rollback --deployment " + deployment + "` undoes it on every"
                    + " tenant it changed (" + undo.size() + ") by itself: drop --tenants, --group or --all.");
        }
        List<String> untouched = selected.stream().filter(t -> !undo.containsKey(t)).map(TenantId::value).toList();
        Map<String, List<String>> commands = new LinkedHashMap<>();
        selected.stream().filter(undo::containsKey).forEach(t -> commands.computeIfAbsent(
                beforeDeployment(migrations, undo.get(t)), k -> new ArrayList<>()).add(t.value()));
        StringBuilder message = new StringBuilder("Cannot roll back " + deployment + " on only some of the tenants it changed ("
                + undo.size() + "): a deployment is rolled back once, on every tenant it changed (a second `rollback"
                + " --deployment " + deployment + "` is refused), not in parts. Nothing was rolled back.");
        if (!untouched.isEmpty()) {
            message.append(" ").append(deployment).append(" applied no versioned migration on ").append(String.join(", ",
                    untouched)).append(": nothing of it to undo there.");
        }
        if (!commands.isEmpty()) {
            message.append(" To undo it on ").append(commands.values().stream().flatMap(List::stream)
                    .collect(java.util.stream.Collectors.joining(", "))).append(" alone, roll them back by version: ")
                    .append(commands.entrySet().stream().map(e -> "`flotilla rollback --tenants " + String.join(",", e.getValue())
                            + " " + e.getKey() + " --yes`").collect(java.util.stream.Collectors.joining(", ")))
                    .append(" (with --dry-run first to see what it undoes); `flotilla rollback --deployment ").append(deployment)
                    .append(" --yes` later undoes it on the others, finding nothing of it left on these.");
        }
        return new FlotillaException(ErrorCode.BAD_USAGE, message.toString());
    }

    /**
     * The {@code rollback} flag that undoes {@code versions} (a deployment's on one tenant, newest first) and what is above
     * them: {@code --to} the newest versioned file below them, or {@code --steps} when there is none.
     */
    private static String beforeDeployment(LoadedMigrations migrations, List<MigrationVersion> versions) {
        MigrationVersion oldest = versions.get(versions.size() - 1);
        return migrations.versioned().stream().map(Migration::version).filter(v -> v.compareTo(oldest) < 0)
                .max(Comparator.naturalOrder()).map(v -> "--to " + v).orElse("--steps " + versions.size());
    }
}
