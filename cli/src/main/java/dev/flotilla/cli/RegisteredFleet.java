package dev.flotilla.cli;

import dev.flotilla.control.TenantRecord;
import dev.flotilla.run.TenantTarget;
import dev.flotilla.tenant.Tenant;
import dev.flotilla.tenant.TenantId;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The fleet as one command read it from the control plane, once: every registered tenant with what the plane kept of it
 * (its version, its baseline), among which the command selects its tenants and finds those sharing their targets, and with
 * which it records its plans; their targets are built once, on the first call that needs them. Not thread-safe.
 */
final class RegisteredFleet {
    private final FleetContext context;
    private final List<TenantRecord> records;
    private List<TenantTarget> targets;

    private RegisteredFleet(FleetContext context, List<TenantRecord> records) {
        this.context = context;
        this.records = List.copyOf(records);
    }

    /** Reads every registered tenant from the command's control plane. */
    static RegisteredFleet read(FleetContext context) {
        return new RegisteredFleet(context, context.plane().tenants().all());
    }

    /** What the plane kept of every registered tenant when the command read it, by id. */
    List<TenantRecord> records() {
        return records;
    }

    /** The tenants {@code selection} selects among them, in its order ({@link SelectionOptions#select(List)}). */
    List<Tenant> select(SelectionOptions selection) {
        return selection.select(records.stream().map(TenantRecord::tenant).toList());
    }

    /** Every registered tenant's target, each with its login ({@link FleetContext#targets}). */
    List<TenantTarget> targets() {
        if (targets == null) {
            targets = context.targets(records.stream().map(TenantRecord::tenant).toList());
        }
        return targets;
    }

    /** The targets of the tenants {@code selection} selects, in its order: those of {@link #targets()}. */
    List<TenantTarget> selected(SelectionOptions selection) {
        Map<TenantId, TenantTarget> byId = targets().stream().collect(Collectors.toMap(t -> t.tenant().id(),
                Function.identity()));
        return select(selection).stream().map(t -> byId.get(t.id())).toList();
    }
}
