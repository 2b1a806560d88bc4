package dev.flotilla.run;

import dev.flotilla.sql.CatalogTable;
import dev.flotilla.sql.ForeignKeyReading;
import dev.flotilla.sql.ServerDefaults;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One table as {@link KeyCheck} follows the pending statements: what is known of it, each part null once not known
 * (a statement changed it in a way not read). Mutable: one check's.
 */
final class FollowedTable {
    /** Its columns' types by column (a type null where not told); null when not known. */
    Map<String, String> types;
    /** Its character columns' encodings by column (MariaDB), a column left out where not known; null when not known. */
    Map<String, TextEncoding> encodings;
    /** Its primary key's columns (empty: none), its unique keys' and its indexes' columns; all null when not known. */
    List<String> primaryKey;
    List<List<String>> uniqueKeys;
    List<List<String>> indexes;
    /** Its storage engine (MariaDB, lower-case); null when not known. */
    String engine;
    /** What a column added without one takes (MariaDB); null when not known. */
    TextEncoding encoding;
    /** What it is where it is no table a foreign key may reference ({@code view}); null for a table or when not known. */
    String notTable;

    /** A table nothing is known of but that it is there. */
    static FollowedTable unknown() {
        return new FollowedTable();
    }

    static FollowedTable of(CatalogTable table) {
        FollowedTable followed = new FollowedTable();
        followed.types = new HashMap<>(table.types());
        followed.encodings = new HashMap<>();
        table.collations().forEach((column, collation) -> followed.encodings.put(column, TextEncoding.named(null, collation)));
        followed.primaryKey = table.primaryKey();
        followed.uniqueKeys = table.uniqueKeys() == null ? null : new ArrayList<>(table.uniqueKeys());
        followed.indexes = table.indexes() == null ? null : new ArrayList<>(table.indexes());
        followed.engine = table.engine();
        followed.encoding = TextEncoding.named(null, table.collation());
        followed.notTable = table.notTable();
        return followed;
    }

    /** A view an earlier statement creates. */
    static FollowedTable view() {
        FollowedTable followed = new FollowedTable();
        followed.notTable = "view";
        return followed;
    }

    /**
     * A table a {@code CREATE TABLE} defines whole, its columns and keys to come; {@code schema} the schema's collation,
     * {@code server} what the server gives it where it names no engine or collation.
     */
    static FollowedTable created(ForeignKeyReading.TableOptions options, TextEncoding schema, ServerDefaults server) {
        FollowedTable followed = new FollowedTable();
        followed.types = new HashMap<>();
        followed.encodings = new HashMap<>();
        followed.primaryKey = List.of();
        followed.uniqueKeys = new ArrayList<>();
        followed.indexes = new ArrayList<>();
        followed.engine = options.engine() == null ? server.engine() : options.engine();
        TextEncoding named = TextEncoding.said(options.charset(), options.collation(), server);
        followed.encoding = named != null ? named : options.charset() == null && options.collation() == null ? schema : null;
        return followed;
    }

    /** A column a statement writes: its type, and its encoding as named (as {@code server} takes it) or as the table's. */
    void column(ForeignKeyReading.Column column, ServerDefaults server) {
        if (types != null) {
            types.put(column.name(), column.type());
        }
        if (encodings != null) {
            TextEncoding named = TextEncoding.said(column.charset(), column.collation(), server);
            boolean namesNone = column.charset() == null && column.collation() == null;
            TextEncoding taken = named != null ? named : namesNone ? encoding : null;
            if (taken == null) {
                encodings.remove(column.name());
            } else {
                encodings.put(column.name(), taken);
            }
        }
    }

    void key(ForeignKeyReading.TableKey key) {
        if (indexes == null) {
            return;
        }
        indexes.add(key.columns());
        if (key.unique()) {
            uniqueKeys.add(key.columns());
        }
        if (key.primary()) {
            primaryKey = key.columns();
        }
    }

    /** Its columns changed in a way not read. */
    void columnsChanged() {
        types = null;
    }

    /** Its keys, engine or character sets changed in a way not read. */
    void reshaped() {
        encodings = null;
        primaryKey = null;
        uniqueKeys = null;
        indexes = null;
        engine = null;
        encoding = null;
    }
}
