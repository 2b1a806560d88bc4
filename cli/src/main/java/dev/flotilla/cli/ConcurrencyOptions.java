package dev.flotilla.cli;

import java.util.LinkedHashSet;
import java.util.Set;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * How many tenants a fleet command works on at once: {@code --concurrency N} and {@code --per-server N}. Each replaces
 * deploy.concurrency or deploy.perServer of flotilla.yml and FLOTILLA_*, which are then not read, so a bad value there
 * does not stop a command that was given the flag (see {@link FleetContext#concurrency()}).
 */
final class ConcurrencyOptions {
    @Option(names = "--concurrency", paramLabel = "N", converter = ConcurrencyConverter.class,
            description = "Tenants worked on at once, 1 to 256 (default: deploy.concurrency, 8).")
    Integer concurrency;

    @Option(names = "--per-server", paramLabel = "N", converter = PerServerConverter.class,
            description = "Tenants worked on at once on one database server (default: deploy.perServer, 4).")
    Integer perServer;

    boolean given() {
        return concurrency != null || perServer != null;
    }

    /** The settings of flotilla.yml these flags give, as {@link FlotillaSubcommand#settingsGivenByFlags()} names them. */
    Set<String> settingsGiven() {
        Set<String> given = new LinkedHashSet<>();
        if (concurrency != null) {
            given.add("deploy.concurrency");
        }
        if (perServer != null) {
            given.add("deploy.perServer");
        }
        return given;
    }

    /** {@code --concurrency}: 1 to 256, as deploy.concurrency. */
    static final class ConcurrencyConverter implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            int concurrency = whole(value, "--concurrency", "1 to 256");
            if (concurrency < 1 || concurrency > 256) {
                throw new TypeConversionException("--concurrency must be between 1 and 256, was " + concurrency + ".");
            }
            return concurrency;
        }
    }

    /** {@code --per-server}: 1 or more. */
    static final class PerServerConverter implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            int perServer = whole(value, "--per-server", "1 or more");
            if (perServer < 1) {
                throw new TypeConversionException("--per-server must be 1 or more, was " + perServer + ".");
            }
            return perServer;
        }
    }

    private static int whole(String value, String flag, String range) {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new TypeConversionException("'" + value + "' is not a whole number; " + flag + " takes " + range + ".");
        }
    }
}
