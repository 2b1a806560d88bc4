package dev.flotilla.cli;

import dev.flotilla.target.ConnectTimeout;
import java.time.Duration;
import java.util.Set;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * How long connecting to a tenant's server may take: {@code --connect-timeout DURATION}. It replaces
 * deploy.connectTimeout of flotilla.yml and FLOTILLA_*, which is then not read (see {@link FleetContext#config()});
 * on one target ({@code --url}), which reads no flotilla.yml, it replaces the default.
 */
final class ConnectTimeoutOption {
    @Option(names = "--connect-timeout", converter = PositiveDuration.class, paramLabel = "DURATION", description = "How long"
            + " connecting to a tenant's server may take, its handshake included (default: deploy.connectTimeout, 10s).")
    Duration connectTimeout;

    /** The flag's value, or null when it was not given. */
    Duration given() {
        return connectTimeout;
    }

    /** The setting of flotilla.yml this flag gives, as {@link FlotillaSubcommand#settingsGivenByFlags()} names it. */
    Set<String> settingsGiven() {
        return connectTimeout == null ? Set.of() : Set.of("deploy.connectTimeout");
    }

    /** Does the work on one target ({@code --url}), its connection bounded by the flag when given. */
    int onOneTarget(java.util.function.IntSupplier work) {
        Duration before = ConnectTimeout.current();
        if (connectTimeout != null) {
            ConnectTimeout.set(connectTimeout);
        }
        try {
            return work.getAsInt();
        } finally {
            ConnectTimeout.set(before);
        }
    }

    /** A duration above zero: a connection that may take no time at all could never be opened. */
    static final class PositiveDuration implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            Duration timeout = new DurationConverter().convert(value);
            if (timeout.isNegative() || timeout.isZero()) {
                throw new TypeConversionException("--connect-timeout must be above zero, was '" + value + "': write e.g. 5s.");
            }
            return timeout;
        }
    }
}
