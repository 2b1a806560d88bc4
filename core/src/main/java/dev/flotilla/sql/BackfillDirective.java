package dev.flotilla.sql;

import dev.flotilla.ErrorCode;
import dev.flotilla.FlotillaException;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A batched backfill written in a migration as one line of its own:
 * <pre>-- flotilla:backfill table=customers column=tenant_id value='caps-automotive' key=id batch=10000</pre>
 * It sets {@code column} to {@code value} where it is NULL, walking the table by its key {@code batch} rows
 * at a time. Outside a transaction every batch commits alone, so a large table is never locked as a whole,
 * and a backfill that stops half-way starts again where the NULLs begin. A line comment to every other
 * tool, so the file stays plain SQL for reviewers and for {@code psql}.
 *
 * @param value the SQL literal as written: a quoted string or a number
 */
public record BackfillDirective(String table, String column, String value, String key, int batch) {
    public static final String PREFIX = "-- flotilla:backfill";
    private static final Pattern PAIR = Pattern.compile("(\\w+)=('(?:[^']|'')*'|\\S+)");
    private static final Pattern LITERAL = Pattern.compile("'(?:[^']|'')*'|-?\\d+");

    public BackfillDirective {
        Identifiers.require(table, "backfill table");
        Identifiers.require(column, "backfill column");
        Identifiers.require(key, "backfill key");
        if (value == null || !LITERAL.matcher(value).matches()) {
            throw new FlotillaException(ErrorCode.SQL_PARSE_ERROR, "The backfill value must be a quoted string or a number, was "
                    + value);
        }
        if (batch < 1) {
            throw new FlotillaException(ErrorCode.SQL_PARSE_ERROR, "The backfill batch must be 1 or more rows, was " + batch);
        }
    }

    public static boolean isDirective(String sql) {
        return sql.startsWith(PREFIX);
    }

    /** Reads a directive line; a missing or malformed part is an invalid migration, named. */
    public static BackfillDirective parse(String line) {
        Map<String, String> pairs = new HashMap<>();
        Matcher matcher = PAIR.matcher(line.substring(PREFIX.length()));
        while (matcher.find()) {
            pairs.put(matcher.group(1), matcher.group(2));
        }
        for (String required : new String[] {"table", "column", "value", "key"}) {
            if (!pairs.containsKey(required)) {
                throw new FlotillaException(ErrorCode.SQL_PARSE_ERROR, "The backfill directive needs " + required
                        + "=...: " + line + ". Write: " + PREFIX + " table=T column=C value='V' key=ID batch=10000");
            }
        }
        int batch;
        try {
            batch = Integer.parseInt(pairs.getOrDefault("batch", "10000"));
        } catch (NumberFormatException e) {
            throw new FlotillaException(ErrorCode.SQL_PARSE_ERROR, "The backfill batch is not a number: " + line);
        }
        return new BackfillDirective(pairs.get("table"), pairs.get("column"), pairs.get("value"), pairs.get("key"), batch);
    }

    /** The directive line for a migration file. */
    public String line() {
        return PREFIX + " table=" + table + " column=" + column + " value=" + value + " key=" + key + " batch=" + batch;
    }
}
