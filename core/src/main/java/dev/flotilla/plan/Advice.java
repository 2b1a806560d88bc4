package dev.flotilla.plan;

import dev.flotilla.FlotillaException;
import dev.flotilla.target.NotFlotillasHistory;
import dev.flotilla.tenant.TenantId;
import java.util.ArrayList;
import java.util.List;

/**
 * A message that may tell its reader what to run: text with {@link Remedy} commands in it, so the commands are written
 * for whoever reads it, one target ({@link #text()}) or a tenant of the fleet ({@link #forTenant}). A message with no
 * command built as a Remedy (from a producer that writes its commands as text) is made runnable for a tenant by
 * {@link FleetCommands}' reading of its text ({@link #read}). Immutable.
 *
 * @param parts each a {@link String} or a {@link Remedy}, in order
 */
public record Advice(List<Object> parts) {
    public Advice {
        parts = List.copyOf(parts);
        for (Object part : parts) {
            if (!(part instanceof String || part instanceof Remedy)) {
                throw new IllegalArgumentException("an advice is made of text and remedies, not " + part.getClass());
            }
        }
    }

    /** The advice made of {@code parts}: texts, remedies and advices (whose parts are taken in). */
    public static Advice of(Object... parts) {
        List<Object> flat = new ArrayList<>();
        for (Object part : parts) {
            if (part instanceof Advice advice) {
                flat.addAll(advice.parts());
            } else {
                flat.add(part);
            }
        }
        return new Advice(flat);
    }

    /** A message with no remedy built as a value; its commands, if any, are text. */
    public static Advice plain(String text) {
        return new Advice(List.of(text));
    }

    /**
     * What {@code failure}, built with no Advice, says: its message as text; for a history table that is not Flotilla's
     * (thrown where no Advice is built: the target package sits below this one), with its {@code adopt} as a value.
     */
    public static Advice ofFailure(FlotillaException failure) {
        if (failure instanceof NotFlotillasHistory notOurs) {
            return of(notOurs.problem() + NotFlotillasHistory.TAKE_OVER, Remedy.of("adopt", "--from", notOurs.adoptFrom()),
                    NotFlotillasHistory.NOTHING_CHANGED);
        }
        return plain(String.valueOf(failure.getMessage()));
    }

    /**
     * A message whose commands are text, with each command that takes a selection in the fleet read as a value: one read
     * back from where it was kept as text, as Flotilla wrote it for one target (a history record's error, which other
     * tools and older versions read there), or one a producer wrote so. Its text for one target stays as it was.
     */
    public static Advice read(String text) {
        return FleetCommands.read(text);
    }

    /**
     * This message followed by {@code next}, each one's commands still written for a tenant by {@link #forTenant}: where
     * either has its commands as text only, the two are joined as text, for {@link FleetCommands} to read whole.
     */
    public Advice followedBy(Advice next) {
        return hasRemedies() == next.hasRemedies() || parts.isEmpty() || next.parts.isEmpty() ? of(this, next)
                : plain(text() + next.text());
    }

    /** The message as it reads, its remedies written for the target or tenant they are for. */
    public String text() {
        if (parts.size() == 1 && parts.get(0) instanceof String only) {
            return only;
        }
        return appendTo(new StringBuilder()).toString();
    }

    /**
     * Appends {@link #text()} to {@code text} and returns it: a task's log writes each of its notices for every tenant, so
     * straight into the log, without a string of each part and of the whole first.
     */
    public StringBuilder appendTo(StringBuilder text) {
        for (Object part : parts) {
            if (part instanceof Remedy remedy) {
                remedy.appendTo(text);
            } else {
                text.append((String) part);
            }
        }
        return text;
    }

    /**
     * This message with {@code scrub} applied to its text (its remedies, which name commands and tenants, kept): a
     * target's secrets masked in whatever a driver or client program said in it.
     */
    public Advice masked(java.util.function.UnaryOperator<String> scrub) {
        List<Object> masked = new ArrayList<>(parts.size());
        for (Object part : parts) {
            masked.add(part instanceof String text ? scrub.apply(text) : part);
        }
        return new Advice(masked);
    }

    /** This message for {@code tenant} of the fleet: its commands with {@code --tenants <tenant>}. */
    public Advice forTenant(TenantId tenant) {
        return forTenants(List.of(tenant));
    }

    /**
     * This message for {@code tenants} of the fleet, which it is about together (they share a target, or a dry run
     * grouped them): its commands with {@code --tenants a,b,c}.
     */
    public Advice forTenants(List<TenantId> tenants) {
        if (!hasRemedies()) {
            Advice read = read(text());
            return read.hasRemedies() ? read.forTenants(tenants) : this;
        }
        List<Object> written = new ArrayList<>(parts.size());
        for (Object part : parts) {
            written.add(part instanceof Remedy remedy ? remedy.forTenants(tenants) : part);
        }
        return new Advice(written);
    }

    /** This message, written by {@link #forTenant} for {@code from}, for {@code to}: another tenant sharing its target. */
    public Advice retarget(TenantId from, TenantId to) {
        if (!hasRemedies()) {
            return plain(FleetCommands.retarget(text(), from, to));
        }
        return new Advice(parts.stream().map(p -> p instanceof Remedy remedy && remedy.isFor(from)
                ? remedy.forTenant(to) : p).toList());
    }

    /**
     * The commands it names as values, as they run ({@link Remedy#commandLine}), in order, each once (a message that
     * quotes an earlier one may name a command twice); empty for none. One that names a deployment it does not know
     * ({@link Remedy#THIS_DEPLOYMENT}) is left out: it would not run as it is.
     */
    public List<String> commands() {
        return parts.stream().filter(p -> p instanceof Remedy remedy && remedy.runnable())
                .map(p -> ((Remedy) p).commandLine()).distinct().toList();
    }

    /**
     * The commands {@code text}, kept as text (a task's error read back from the control plane), names as it reads
     * them ({@link #read}), as they run; empty for null or none.
     */
    public static List<String> commandsIn(String text) {
        return text == null ? List.of() : read(text).commands();
    }

    /** This message with each command about {@link Remedy#THIS_DEPLOYMENT} naming {@code deployment}, the one it is for. */
    public Advice inDeployment(String deployment) {
        // Most messages name no such command and stay as they are, with nothing copied: a task's log writes each of its
        // notices so, for every tenant.
        if (!namesThisDeployment()) {
            return this;
        }
        List<Object> named = new ArrayList<>(parts.size());
        boolean changed = false;
        for (Object part : parts) {
            Object now = part instanceof Remedy remedy && !remedy.runnable() ? remedy.inDeployment(deployment) : part;
            changed |= now != part;
            named.add(now);
        }
        return changed ? new Advice(named) : this;
    }

    private boolean namesThisDeployment() {
        for (Object part : parts) {
            if (part instanceof Remedy remedy && !remedy.runnable()) {
                return true;
            }
        }
        return false;
    }

    /** Whether it names a command as a value. */
    public boolean hasRemedies() {
        for (Object part : parts) {
            if (part instanceof Remedy) {
                return true;
            }
        }
        return false;
    }
}
