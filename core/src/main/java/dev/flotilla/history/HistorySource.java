package dev.flotilla.history;

import dev.flotilla.ErrorCode;
import dev.flotilla.FlotillaException;
import dev.flotilla.sql.Identifiers;
import dev.flotilla.target.AppliedMigration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where another tool kept a target's applied migrations: Flyway's {@code flyway_schema_history}, Laravel's
 * {@code migrations}, Liquibase's {@code DATABASECHANGELOG} (each also under another name, {@code flyway:schema_version}),
 * or a home-grown table ({@code table:NAME}, such as seed 004's {@code schema_migrations}).
 */
public record HistorySource(Tool tool, String table) {
    /** The tools Flotilla reads the history of. */
    public enum Tool { FLYWAY, LARAVEL, LIQUIBASE, TABLE }

    private static final Pattern ADOPTED = Pattern.compile("\\((flyway|laravel|liquibase|table):(\\w+)\\)$");

    public HistorySource {
        Identifiers.require(table, "history table");
    }

    /**
     * {@code flyway}, {@code laravel}, {@code liquibase} or {@code table:NAME}; a tool's table under another name as
     * {@code TOOL:NAME}, such as {@code flyway:schema_version} (Flyway 4 and older, or a configured {@code table}).
     */
    public static HistorySource parse(String text) {
        String value = text == null ? "" : text.strip();
        int colon = value.indexOf(':');
        String name = colon < 0 ? value : value.substring(0, colon);
        String table = colon < 0 ? null : value.substring(colon + 1);
        if (table != null && table.isEmpty()) {
            throw unknown(text);
        }
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "flyway" -> new HistorySource(Tool.FLYWAY, table != null ? table : "flyway_schema_history");
            case "laravel" -> new HistorySource(Tool.LARAVEL, table != null ? table : "migrations");
            case "liquibase" -> new HistorySource(Tool.LIQUIBASE, table != null ? table : "databasechangelog");
            case "table" -> {
                if (table == null) {
                    throw unknown(text);
                }
                yield new HistorySource(Tool.TABLE, table);
            }
            default -> throw unknown(text);
        };
    }

    private static FlotillaException unknown(String text) {
        return new FlotillaException(ErrorCode.BAD_USAGE, "Unknown history source '" + text + "': write flyway, laravel,"
                + " liquibase or table:NAME (a table of your own, e.g. table:schema_migrations); a tool's table under another"
                + " name as TOOL:NAME, e.g. flyway:schema_version for Flyway 4 and older.");
    }

    /** How {@code --from} spells the source: {@code flyway:flyway_schema_history}. */
    public String spelled() {
        return tool.name().toLowerCase(Locale.ROOT) + ":" + table;
    }

    /** The tables the tool keeps: its history, and Liquibase's lock table beside it ({@code DATABASECHANGELOGLOCK}). */
    public List<String> tables() {
        return tool == Tool.LIQUIBASE ? List.of(table, table + "lock") : List.of(table);
    }

    /**
     * The tables of the tools a history's rows were adopted from (their {@code installed_by} ends with the source as
     * {@code --from} spells it, {@code (flyway:flyway_schema_history)}), case-insensitive: left as they were by the
     * adoption, they are that tool's bookkeeping, not the schema the migrations built.
     */
    public static Set<String> adoptedTables(List<AppliedMigration> history) {
        Set<String> tables = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        for (AppliedMigration row : history) {
            Matcher matcher = row.installedBy() == null ? null : ADOPTED.matcher(row.installedBy());
            if (matcher != null && matcher.find()) {
                tables.addAll(new HistorySource(Tool.valueOf(matcher.group(1).toUpperCase(Locale.ROOT)), matcher.group(2)).tables());
            }
        }
        return tables;
    }

    /**
     * What clears a migration the tool recorded as failed: {@code flyway repair} for Flyway; for the others, which
     * have no such command, finishing it with the tool, or marking its row in the table as it would.
     */
    public String failureResolution() {
        return switch (tool) {
            case FLYWAY -> "flyway repair, or finish the migration with Flyway";
            case LIQUIBASE -> "finish the changeset with Liquibase, or delete its FAILED row from " + table;
            case LARAVEL, TABLE -> "finish the migration with the tool that keeps " + table + ", or mark its row there as"
                    + " applied (or delete it) once the schema is as that migration leaves it";
        };
    }

    /** How the source is named in messages: {@code flyway (flyway_schema_history)}; a home-grown table by its name alone. */
    public String describe() {
        return tool == Tool.TABLE ? table : tool.name().toLowerCase(Locale.ROOT) + " (" + table + ")";
    }

    /** Who applied what the source records, in messages: {@code flyway (...)}, {@code the tool that keeps T}. */
    String applier() {
        return tool == Tool.TABLE ? "the tool that keeps " + table : describe();
    }

    /** How the source records a failure, in messages: {@code  (success = FALSE)} for a home-grown table, else nothing. */
    String failureMark() {
        return tool == Tool.TABLE ? " (success = FALSE)" : "";
    }
}
