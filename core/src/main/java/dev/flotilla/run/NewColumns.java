package dev.flotilla.run;

import dev.flotilla.schema.SchemaSnapshot.Column;
import dev.flotilla.schema.SchemaSnapshot.Table;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The columns of a new unique key as the target's rows will hold them: those the table has already, whose values the
 * rows keep, and those the migration adds, which give every existing row their default (seed 003's
 * {@code tenant_id ... DEFAULT 'acme'} under a widened key). So the key's duplicates among today's rows are the
 * duplicates in its existing columns.
 *
 * @param existing the key's columns the target's table has
 * @param sharing how the added columns fill the rows, for the message ({@code " in (seq), and the column(s) ... (tenant_id 'acme')"}),
 *                empty when the key adds no column
 */
record NewColumns(List<String> existing, String sharing) {
    /** A literal as catalogs show a default: {@code 'acme'}, {@code 'acme'::text}, {@code 0}, {@code -1.5}. */
    private static final Pattern CONSTANT = Pattern.compile("\\(?('(?:[^']|'')*'|-?\\d+(?:\\.\\d+)?)\\)?(?:::[a-z ]+(?:\\(\\d+\\))?)?");

    /**
     * The key over {@code before}'s table (the target's) and {@code after}'s (the scripts'), or null when a column it adds
     * has no constant default: its rows are NULL there (never a duplicate) or get values that cannot be known here.
     */
    static NewColumns of(Table before, Table after, List<String> key) {
        List<String> existing = new ArrayList<>();
        List<String> added = new ArrayList<>();
        for (String column : key) {
            if (before.column(column).isPresent()) {
                existing.add(column);
                continue;
            }
            String value = after.column(column).map(Column::defaultValue).map(NewColumns::constant).orElse(null);
            if (value == null) {
                return null;
            }
            added.add(column + " " + value);
        }
        return new NewColumns(existing, added.isEmpty() ? "" : (existing.isEmpty() ? "" : " in (" + String.join(", ", existing)
                + ")") + ", and the column(s) the migrations add give every one of them the same value (" + String.join(", ", added) + ")");
    }

    private static String constant(String defaultValue) {
        Matcher constant = CONSTANT.matcher(defaultValue.strip());
        return constant.matches() ? constant.group(1) : null;
    }
}
