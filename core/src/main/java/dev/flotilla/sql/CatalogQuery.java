package dev.flotilla.sql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * One catalog query of a schema's tables in parts, {@code UNION ALL}'d ({@link MariaDbTableColumns}, {@link
 * H2TableColumns}), with its parameters: a part asking for no name is left out. Not thread-safe: one per query.
 */
final class CatalogQuery {
    private final String schema;
    private final StringBuilder text = new StringBuilder();
    private final List<Object> parameters = new ArrayList<>();

    CatalogQuery(String schema) {
        this.schema = schema;
    }

    /** {@code select} (ending {@code IN (}, its first parameter the schema) asking for the schema's tables {@code names}. */
    CatalogQuery tables(String select, Collection<String> names) {
        return names.isEmpty() ? this : part(select + Jdbc.marks(names.size()) + ")", schema).named(names);
    }

    /** {@code select} (ending {@code IN (}) asking for {@code names}, none other of its parameters. */
    CatalogQuery names(String select, Collection<String> names) {
        return names.isEmpty() ? this : part(select + Jdbc.marks(names.size()) + ")").named(names);
    }

    /** {@code select} whole, its parameters {@code values}. */
    CatalogQuery part(String select, Object... values) {
        text.append(text.isEmpty() ? "" : " UNION ALL ").append(select);
        parameters.addAll(List.of(values));
        return this;
    }

    private CatalogQuery named(Collection<String> names) {
        parameters.addAll(names);
        return this;
    }

    /** The query prepared over {@code connection}, {@code tail} after its parts ({@code ORDER BY ...}, or nothing). */
    PreparedStatement prepare(Connection connection, String tail) throws SQLException {
        return Jdbc.prepare(connection, text + tail, parameters.toArray());
    }
}
