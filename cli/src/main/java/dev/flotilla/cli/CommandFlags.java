package dev.flotilla.cli;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

/**
 * What a fleet command's flags give its {@link FleetContext}: the settings of flotilla.yml they set (see
 * {@link dev.flotilla.cli.config.ConfigLoader#load}), its --concurrency and --per-server and its --connect-timeout
 * (null when it takes none), and the command as the user types it ({@code deploy}), which a refusal names. Immutable.
 */
record CommandFlags(String command, Set<String> setByFlags, ConcurrencyOptions limits, ConnectTimeoutOption connectTimeout) {
    /** A command that takes none of these flags. */
    static final CommandFlags NONE = new CommandFlags("this command", Set.of(), null, null);

    CommandFlags {
        setByFlags = Set.copyOf(setByFlags);
    }

    /** Every setting the flags give, the limits' and the connect timeout's among them. */
    Set<String> settingsGiven() {
        Set<String> given = new HashSet<>(setByFlags);
        if (limits != null) {
            given.addAll(limits.settingsGiven());
        }
        if (connectTimeout != null) {
            given.addAll(connectTimeout.settingsGiven());
        }
        return Set.copyOf(given);
    }

    /** The --connect-timeout given, over deploy.connectTimeout; null when not given. */
    Duration connectTimeoutGiven() {
        return connectTimeout == null ? null : connectTimeout.given();
    }
}
