package dev.flotilla.verify;

import dev.flotilla.schema.SchemaSnapshot.Column;
import java.util.regex.Pattern;

/**
 * A tenant's id as SQL compares it with the tenant column: a number as a number where the column is numeric
 * ({@code company_id = 1}), else a quoted string ({@code tenant_id = 'caps-automotive'}), so that the query a check runs,
 * and the one its message shows, is the one the application would write.
 */
final class TenantLiteral {
    /** The numeric types of the dialects' catalogs: int(11), integer, bigint unsigned, numeric(10,0), serial, ... */
    private static final Pattern NUMERIC_TYPE = Pattern.compile(
            "(?i)(tiny|small|medium|big)?int(eger)?\\d?\\b.*|(numeric|decimal|number|dec|(big|small)?serial)\\b.*");
    private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?");

    private TenantLiteral() {
    }

    /** {@code value} written for {@code column} (null: not known, quoted). */
    static String of(Column column, String value) {
        boolean numeric = column != null && NUMERIC_TYPE.matcher(TenantScope.sqlType(column).strip()).matches()
                && NUMBER.matcher(value).matches();
        return numeric ? value : "'" + value.replace("'", "''") + "'";
    }
}
