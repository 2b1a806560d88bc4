package dev.flotilla.tenancy;

import dev.flotilla.ErrorCode;
import dev.flotilla.FlotillaException;
import dev.flotilla.schema.ConfiguredNames;
import dev.flotilla.sql.Identifiers;
import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * What {@code flotilla tenancy adopt} is asked to do.
 *
 * @param column the tenant column to add, e.g. {@code tenant_id}
 * @param value the tenant that owns every existing row, e.g. {@code caps-automotive} (without quotes)
 * @param columnType the column's SQL type; null for the dialect's default (text, or VARCHAR(64))
 * @param exclude tables shared by all tenants, left without the column (compared as {@link ExcludedName} does), as written: a
 *     name may be quoted whole with either quote, as configured names are ({@code "a.b"}, {@code `a.b`})
 * @param widenKeys whether unique constraints and foreign keys between tenant tables get the column too
 * @param batchSize rows per committed batch of the backfill
 * @param dropDefault whether the column loses its default at the end; by default it keeps it, so that the
 *     application can go on inserting rows without naming the tenant until it is updated
 * @param configured the tables flotilla.yml's {@code checks.tenant-column.exclude} names: excluded as {@code exclude}'s
 *     are, without being given again, and never said to belong there
 */
public record AdoptionRequest(String column, String value, String columnType, Set<String> exclude, boolean widenKeys,
                              int batchSize, boolean dropDefault, Set<String> configured) {
    public static final int DEFAULT_BATCH_SIZE = 10_000;
    private static final Pattern TYPE = Pattern.compile("[A-Za-z][A-Za-z0-9_ ]*(\\(\\s*\\d+\\s*(,\\s*\\d+\\s*)?\\))?");
    private static final Pattern WHOLE_NUMBER = Pattern.compile("-?\\d{1,18}");
    private static final Pattern NUMERIC_TYPE = Pattern.compile("(?i)(small|big|tiny|medium)?int(eger)?\\d?|numeric.*|decimal.*");

    public AdoptionRequest {
        Identifiers.require(column, "tenant column");
        if (value == null || value.isBlank()) {
            throw new FlotillaException(ErrorCode.BAD_USAGE, "Name the tenant that owns the existing rows: --default VALUE");
        }
        if (value.length() > 1 && value.startsWith("'") && value.endsWith("'")) {
            value = value.substring(1, value.length() - 1).replace("''", "'");
        }
        if (columnType != null && !TYPE.matcher(columnType.strip()).matches()) {
            throw new FlotillaException(ErrorCode.BAD_USAGE, "Not a column type: '" + columnType
                    + "'. Write a type name such as text, varchar(64), uuid or bigint.");
        }
        columnType = columnType == null ? null : columnType.strip();
        if (columnType != null && NUMERIC_TYPE.matcher(columnType).matches() && !WHOLE_NUMBER.matcher(value).matches()) {
            throw new FlotillaException(ErrorCode.BAD_USAGE, "The tenant value '" + value + "' is not a number, and the"
                    + " column type is " + columnType + ".");
        }
        if (batchSize < 1) {
            throw new FlotillaException(ErrorCode.BAD_USAGE, "The backfill batch must be 1 row or more, was " + batchSize);
        }
        exclude = names(exclude);
        configured = names(configured);
    }

    /** Without tables excluded by the configuration. */
    public AdoptionRequest(String column, String value, String columnType, Set<String> exclude, boolean widenKeys,
                           int batchSize, boolean dropDefault) {
        this(column, value, columnType, exclude, widenKeys, batchSize, dropDefault, Set.of());
    }

    private static Set<String> names(Set<String> given) {
        Set<String> names = new TreeSet<>(); // as written: "Orders" and orders may name two tables
        names.addAll(given);
        return Collections.unmodifiableSet(names);
    }

    /** The defaults: the dialect's text type, no table excluded, keys left as they are, batches of 10,000. */
    public static AdoptionRequest of(String column, String value) {
        return new AdoptionRequest(column, value, null, Set.of(), false, DEFAULT_BATCH_SIZE, false);
    }

    public AdoptionRequest excluding(Set<String> tables) {
        return new AdoptionRequest(column, value, columnType, tables, widenKeys, batchSize, dropDefault, configured);
    }

    public AdoptionRequest withWidenedKeys() {
        return new AdoptionRequest(column, value, columnType, exclude, true, batchSize, dropDefault, configured);
    }

    public AdoptionRequest withBatchSize(int rows) {
        return new AdoptionRequest(column, value, columnType, exclude, widenKeys, rows, dropDefault, configured);
    }

    public AdoptionRequest droppingDefault() {
        return new AdoptionRequest(column, value, columnType, exclude, widenKeys, batchSize, true, configured);
    }

    /** The same request with the tables flotilla.yml's {@code checks.tenant-column.exclude} names excluded too. */
    public AdoptionRequest configuredExcluding(Set<String> tables) {
        return new AdoptionRequest(column, value, columnType, exclude, widenKeys, batchSize, dropDefault, tables);
    }

    /** Whether {@code --exclude} or flotilla.yml names {@code table}, read by the target's {@code rules}. */
    boolean excludes(String table, ConfiguredNames rules) {
        return configures(table, rules) || exclude.stream().anyMatch(name -> ExcludedName.names(name, table, rules));
    }

    /** Whether flotilla.yml's {@code checks.tenant-column.exclude} names {@code table}, read by the target's {@code rules}. */
    boolean configures(String table, ConfiguredNames rules) {
        return configured.stream().anyMatch(name -> ExcludedName.names(name, table, rules));
    }

    /** The tenant value as an SQL literal: a number for a numeric column, a quoted string otherwise. */
    String literal() {
        boolean numeric = columnType != null && NUMERIC_TYPE.matcher(columnType).matches();
        return numeric ? value : SqlNames.literal(value);
    }
}
