package dev.flotilla.scratch;

import dev.flotilla.ErrorCode;
import dev.flotilla.FlotillaException;
import dev.flotilla.target.TargetSpec;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code pg_dump --schema-only} for one schema of a PostgreSQL target. The password goes to pg_dump
 * through its environment, never its command line. {@code FLOTILLA_PG_DUMP} names another pg_dump binary.
 */
final class PgDump {
    private static final long TIMEOUT_MINUTES = 10;

    private PgDump() {
    }

    static String schemaOnly(TargetSpec spec, String schema, Set<String> excludedTables) {
        Map<String, String> connection = connectionParameters(spec.url());
        List<String> command = new ArrayList<>(List.of(binary(), "--schema-only", "--no-owner", "--no-privileges",
                "--schema=" + quoted(schema)));
        excludedTables.forEach(table -> command.add("--exclude-table=" + quoted(schema) + "." + quoted(table)));
        StringBuilder conninfo = new StringBuilder();
        connection.forEach((key, value) -> {
            if (!key.equals("password")) {
                conninfo.append(key).append("='").append(value.replace("'", "\\'")).append("' ");
            }
        });
        if (spec.user() != null) {
            conninfo.append("user='").append(spec.user().replace("'", "\\'")).append("'");
        }
        command.add("--dbname=" + conninfo.toString().strip());
        ProcessBuilder builder = new ProcessBuilder(command);
        String password = spec.password() != null ? spec.password().reveal() : connection.get("password");
        if (password != null) {
            builder.environment().put("PGPASSWORD", password);
        }
        return run(builder, spec);
    }

    private static String run(ProcessBuilder builder, TargetSpec spec) {
        Path errors = null;
        try {
            errors = Files.createTempFile("flotilla-pg_dump", ".err");
            builder.redirectError(errors.toFile());
            Process process = builder.start();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw failure(spec, "did not finish within " + TIMEOUT_MINUTES + " minutes");
            }
            if (process.exitValue() != 0) {
                throw failure(spec, "exited with " + process.exitValue() + ": " + spec.scrub(Files.readString(errors).strip()));
            }
            return new String(output, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw failure(spec, "could not be run (" + e.getMessage() + "). Install the PostgreSQL client"
                    + " (Debian: apt-get install postgresql-client) or point FLOTILLA_PG_DUMP at pg_dump");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure(spec, "was interrupted");
        } finally {
            if (errors != null) {
                errors.toFile().delete();
            }
        }
    }

    private static FlotillaException failure(TargetSpec spec, String what) {
        return new FlotillaException(ErrorCode.CLONE_FAILED, "Copying the structure of " + spec.displayName()
                + " for a dry run failed: pg_dump " + what + ".");
    }

    private static String binary() {
        String configured = System.getenv("FLOTILLA_PG_DUMP");
        return configured == null || configured.isBlank() ? "pg_dump" : configured;
    }

    private static String quoted(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    /** host, port, dbname and the query parameters libpq knows, from a {@code jdbc:postgresql://} URL. */
    static Map<String, String> connectionParameters(String jdbcUrl) {
        URI uri = URI.create(jdbcUrl.substring("jdbc:".length()));
        if (uri.getHost() == null) {
            throw new FlotillaException(ErrorCode.NOT_SUPPORTED_YET, "A dry run on a clone needs a URL with one host"
                    + " (jdbc:postgresql://host:port/database); multi-host and socket URLs are not supported yet.");
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("host", uri.getHost());
        parameters.put("port", String.valueOf(uri.getPort() == -1 ? 5432 : uri.getPort()));
        String path = uri.getPath() == null ? "" : uri.getPath().replaceFirst("^/", "");
        parameters.put("dbname", path.isEmpty() ? "postgres" : path);
        if (uri.getRawQuery() != null) {
            for (String pair : uri.getRawQuery().split("&")) {
                String[] kv = pair.split("=", 2);
                if (kv.length == 2 && Set.of("sslmode", "user", "password", "sslrootcert").contains(kv[0])) {
                    parameters.put(kv[0], java.net.URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
                }
            }
        }
        return parameters;
    }

    /** The same JDBC URL pointing at another database on the same server. */
    static String withDatabase(String jdbcUrl, String database) {
        return jdbcUrl.replaceFirst("^(jdbc:postgresql://[^/?]*)(/[^?]*)?", "$1/" + database);
    }
}
