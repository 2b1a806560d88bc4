package dev.flotilla.sql;

import dev.flotilla.sql.ForeignKeyReading.Column;
import dev.flotilla.sql.ForeignKeyReading.ForeignKey;
import dev.flotilla.sql.ForeignKeyReading.Reading;
import dev.flotilla.sql.ForeignKeyReading.TableKey;
import dev.flotilla.sql.ForeignKeyReading.TableOptions;
import java.util.ArrayList;
import java.util.List;

/** What {@link ForeignKeyReading} reads of one statement, gathered as it reads. Not thread-safe: one per statement. */
final class ReadingParts {
    final List<Column> columns = new ArrayList<>();
    final List<ForeignKey> foreignKeys = new ArrayList<>();
    final List<String> changed = new ArrayList<>();
    final List<TableKey> keys = new ArrayList<>();
    final List<String> reshaped = new ArrayList<>();
    /** The schema its table is named in, as the catalog names it; null when it names none. */
    private String schema;

    ReadingParts in(String tableSchema) {
        schema = tableSchema;
        return this;
    }

    Reading reading(String defined, TableOptions options) {
        return new Reading(defined, columns, foreignKeys, changed, keys, reshaped, options, schema);
    }
}
