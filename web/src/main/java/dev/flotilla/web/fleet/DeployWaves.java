package dev.flotilla.web.fleet;

import dev.flotilla.ErrorCode;
import dev.flotilla.FlotillaException;
import dev.flotilla.run.FleetOptions;
import dev.flotilla.tenant.TenantId;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * How many tenants a deploy of the console or the API migrates at once and which go first, as the command line's
 * {@code --concurrency N}, {@code --per-server N} and {@code --canary a,b} or {@code --canary-percent P} give them: same
 * defaults (the configured deploy.concurrency and deploy.perServer; no canary), same limits (1 to 256; 1 or more; 0 to
 * 100 percent; not both), refused in the same words, naming the field the request gave. The deployment records them in
 * its options as the command line's does ({@code concurrency=2 perServer=1 canary=[acme]}). Immutable.
 *
 * @param concurrency   tenants at once; null keeps deploy.concurrency
 * @param perServer     tenants at once on one database server; null keeps deploy.perServer
 * @param canary        tenants migrated first, alone; the rest only if they all succeed
 * @param canaryPercent instead of {@code canary}: this share of the tenants first; 0 for none
 */
public record DeployWaves(Integer concurrency, Integer perServer, List<TenantId> canary, int canaryPercent) {
    /** The configured concurrency, no canary. */
    public static final DeployWaves CONFIGURED = new DeployWaves(null, null, List.of(), 0);

    public DeployWaves {
        canary = List.copyOf(canary);
    }

    /**
     * The API's fields, each refused as the command line refuses its flag (BAD_USAGE), naming the field.
     *
     * @param fields the names the request gives concurrency, per server, canary and canary percent, in that order
     */
    public static DeployWaves of(Integer concurrency, Integer perServer, List<String> canary, Integer canaryPercent,
                                 String... fields) {
        if (concurrency != null && (concurrency < 1 || concurrency > 256)) {
            throw refused(fields[0] + " must be between 1 and 256, was " + concurrency + ".");
        }
        if (perServer != null && perServer < 1) {
            throw refused(fields[1] + " must be 1 or more, was " + perServer + ".");
        }
        int percent = canaryPercent == null ? 0 : canaryPercent;
        if (percent < 0 || percent > 100) {
            throw refused(fields[3] + " must be between 0 and 100, was " + percent + ".");
        }
        List<TenantId> canaries = canary == null ? List.of() : canary.stream().map(String::trim).filter(id -> !id.isEmpty())
                .distinct().map(TenantId::of).toList();
        if (!canaries.isEmpty() && percent > 0) {
            throw refused("Give " + fields[2] + " or " + fields[3] + ", not both.");
        }
        return new DeployWaves(concurrency, perServer, canaries, percent);
    }

    /** A form's fields as typed: blank keeps the default; canaries separated by commas, as {@code --canary a,b}. */
    public static DeployWaves parse(String concurrency, String perServer, String canary, String canaryPercent) {
        return of(whole(concurrency, "Concurrency", "1 to 256"), whole(perServer, "Per server", "1 or more"),
                canary == null ? null : Arrays.asList(canary.split(",")), whole(canaryPercent, "Canary percent", "0 to 100"),
                "Concurrency", "Per server", "Canary", "Canary percent");
    }

    private static Integer whole(String text, String field, String range) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(text.trim());
        } catch (NumberFormatException e) {
            throw refused("'" + text.trim() + "' is not a whole number; " + field + " takes " + range + ".");
        }
    }

    private static FlotillaException refused(String message) {
        return new FlotillaException(ErrorCode.BAD_USAGE, message);
    }

    /** The concurrency the deploy plans and runs with: this one, or {@code configured}'s. */
    int concurrencyOver(FleetOptions configured) {
        return concurrency == null ? configured.concurrency() : concurrency;
    }

    /** The per-server limit the deploy plans and runs with: this one, or {@code configured}'s. */
    int perServerOver(FleetOptions configured) {
        return perServer == null ? configured.perServer() : perServer;
    }

    /**
     * {@code configured} with these; canaries {@code upToDate} are left out, as the command line leaves them out: they
     * have nothing to prove, and the others do not wait for them. Without a canary of its own, the configured one's.
     */
    FleetOptions over(FleetOptions configured, Set<TenantId> upToDate) {
        boolean own = !canary.isEmpty() || canaryPercent > 0;
        List<TenantId> first = own ? canary.stream().filter(id -> !upToDate.contains(id)).toList() : configured.canary();
        return new FleetOptions(concurrencyOver(configured), perServerOver(configured), first,
                own ? canaryPercent : configured.canaryPercent(), configured.continueOnError(), configured.retries(),
                configured.retryBackoff(), configured.hooks(), configured.actor(), configured.verify(), configured.backup());
    }

    /** What the command line warns of {@code upToDate} canaries, in its words. */
    List<String> upToDateCanaries(Set<TenantId> upToDate) {
        return canary.stream().filter(upToDate::contains)
                .map(id -> "canary " + id + " is already up to date; the other tenants do not wait for it.").toList();
    }

    /**
     * For the deploy.requested entry: "; concurrency 2; per-server 1; canary acme, globex" or "; canary-percent 10"; ""
     * for none.
     */
    String note() {
        return (concurrency == null ? "" : "; concurrency " + concurrency)
                + (perServer == null ? "" : "; per-server " + perServer)
                + (canary.isEmpty() ? "" : "; canary " + String.join(", ", canary.stream().map(TenantId::value).toList()))
                + (canaryPercent > 0 ? "; canary-percent " + canaryPercent : "");
    }
}
