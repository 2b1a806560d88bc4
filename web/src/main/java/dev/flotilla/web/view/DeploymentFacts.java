package dev.flotilla.web.view;

import dev.flotilla.control.AuditLog;
import dev.flotilla.control.BackupStore;
import dev.flotilla.control.ControlPlane;
import dev.flotilla.control.DeploymentRecord;
import dev.flotilla.control.Runner;
import dev.flotilla.control.TaskRecord;
import dev.flotilla.run.CommandLineStart;
import dev.flotilla.run.MissingBackups;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a deployment's page says it ran, from what the control plane keeps of it: the request as audited (its versions,
 * its tenants, those a failed test left out) or, for one the command line started, who started it where; the options it
 * recorded (as {@code deployments show} prints them), the migrations its tenants applied, and the backups kept from
 * before it, or why none is. Read again with each change of a running deployment's progress.
 *
 * @param asked    the console's or the API's request for it, as the audit log has it, its lists read with a space after each
 *                 comma ("versions 2, 3; 2 tenant(s): a, b"; null for one the command line started)
 * @param askedBy  who asked for it (null with {@code asked})
 * @param fromCommandLine where no request is on record: who started it, on which host and process, and the tenants it
 *                 selected, as its record says ("root on ci-runner-3, process 4242, selecting --all"); null with
 *                 {@code asked}, and with {@code beingRecorded}
 * @param beingRecorded whether it is this console's own, just started, its request not written yet (it is, once the
 *                 deployment exists): who asked is then {@code askedBy}
 * @param options  the options it recorded: concurrency, per server, up to which version...
 * @param applied  each version applied, in the order first applied, with how many tenants applied it
 * @param kept     the backups kept from before it
 * @param noBackupsBecause why none is kept; when some are, which tenants have none and why (null when every one has one)
 * @param changes  what its tenants' statements created and dropped, as their logs say, grouped with how many tenants
 *                 ({@code Tables created: serial_link_outbox on 2 tenant(s)}); empty when they said none
 */
public record DeploymentFacts(String asked, String askedBy, String fromCommandLine, boolean beingRecorded, String options,
                              Map<String, Integer> applied, BackupStore.Kept kept, String noBackupsBecause,
                              List<String> changes) {
    /** The versions of a request as audited: "versions 2, 3; 1 tenant(s): a". */
    private static final java.util.regex.Pattern ASKED_VERSIONS = java.util.regex.Pattern.compile("^versions ([^;]+)");

    public DeploymentFacts {
        changes = List.copyOf(changes);
    }

    /**
     * The versions applied (undone, of a rollback), said as "version 2 on 5 tenant(s), R__views.sql on 4 tenant(s)": a
     * repeatable file, which has no version, by its file's name; "none" for none. Each version as {@code spellings} show it.
     */
    public String appliedWords(dev.flotilla.migration.VersionSpellings spellings) {
        return applied.isEmpty() ? "none" : String.join(", ", applied.entrySet().stream()
                .map(e -> (e.getKey().endsWith(".sql") ? "" : "version ") + spellings.label(e.getKey()) + " on " + e.getValue()
                        + " tenant(s)")
                .toList());
    }

    /**
     * {@link #asked}, its versions ("versions 2, 3; ...", as the console and the API audit a request) as {@code spellings}
     * show them; null with it.
     */
    public String askedWords(dev.flotilla.migration.VersionSpellings spellings) {
        java.util.regex.Matcher versions = asked == null ? null : ASKED_VERSIONS.matcher(asked);
        if (versions == null || !versions.find()) {
            return asked;
        }
        return "versions " + String.join(", ", spellings.labels(List.of(versions.group(1).split(", ", -1))))
                + asked.substring(versions.end());
    }

    public static DeploymentFacts of(ControlPlane plane, DeploymentRecord deployment, List<TaskRecord> tasks) {
        return of(plane, deployment, tasks, dev.flotilla.schema.SchemaChanges.grouped(tasks.stream().map(TaskRecord::changes)
                .toList(), deployment.rollback()));
    }

    /** As above, with its tasks' {@code changes} as grouped by the caller (kept once it finished, as its page does). */
    public static DeploymentFacts of(ControlPlane plane, DeploymentRecord deployment, List<TaskRecord> tasks,
                                     List<String> changes) {
        String kind = deployment.rollback() ? "rollback" : "deploy";
        // One read of the audit log for all the page says from it: it is read again with each change while it runs.
        List<AuditLog.Entry> entries = plane.audit().ofDeployment(deployment.id(), List.of(kind + ".requested",
                kind + ".started", kind + ".resumed", kind + ".retry-failed", kind + ".backup-skipped"));
        AuditLog.Entry request = entries.stream().filter(e -> e.action().endsWith(".requested")).findFirst().orElse(null);
        boolean continued = entries.stream().anyMatch(e -> e.action().endsWith(".resumed") || e.action().endsWith(".retry-failed"));
        Map<String, Integer> applied = new LinkedHashMap<>();
        tasks.stream().sorted(Comparator.comparingInt(TaskRecord::seq))
                .forEach(t -> t.applied().forEach(version -> applied.merge(version, 1, Integer::sum)));
        BackupStore.Kept kept = plane.backups().keptFor(deployment.id());
        Optional<CommandLineStart> start = started(entries);
        boolean beingRecorded = request == null && start.isEmpty() && !continued && Runner.current().equals(deployment.runner());
        return new DeploymentFacts(request == null ? null : spaced(request.details()), request != null ? request.actor()
                : beingRecorded ? deployment.startedBy() : null, request == null && !beingRecorded
                ? fromCommandLine(deployment, continued, start) : null, beingRecorded, deployment.options(), applied, kept,
                kept.tenants() == 0 ? MissingBackups.why(plane, deployment, tasks, entries.stream()
                        .filter(e -> e.action().endsWith(".backup-skipped")).findFirst())
                        : MissingBackups.whyNotFor(plane, deployment, tasks),
                changes);
    }

    /**
     * An audited request's lists (versions, tenant ids, which hold no comma nor space) as a page reads them: "a, b", not
     * the audit log's "a,b".
     */
    static String spaced(String details) {
        return details == null ? null : details.replaceAll(",(?=\\S)", ", ");
    }

    /**
     * Who started a deployment no console or API request is on record for, and where: the user the command line ran as,
     * the host and process and the selection its {@code deploy.started} entry names; for one started by an older Flotilla,
     * which did not name them there, the host and process its record names while no resume has run it elsewhere since.
     */
    private static String fromCommandLine(DeploymentRecord deployment, boolean continued, Optional<CommandLineStart> start) {
        if (start.isPresent()) {
            return deployment.startedBy() + " on " + start.get().host() + ", process " + start.get().pid() + ", selecting "
                    + start.get().selection();
        }
        return deployment.startedBy() + Runner.Label.parse(continued ? null : deployment.runner())
                .map(label -> " on " + label.host() + ", process " + label.pid()).orElse("");
    }

    /** What the command line asked of it and where, as its start entry says; empty for the console's, or an older one. */
    private static Optional<CommandLineStart> started(List<AuditLog.Entry> entries) {
        return entries.stream().filter(e -> e.action().endsWith(".started")).findFirst()
                .flatMap(e -> CommandLineStart.in(e.details()));
    }
}
