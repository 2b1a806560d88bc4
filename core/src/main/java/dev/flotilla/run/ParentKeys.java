package dev.flotilla.run;

import dev.flotilla.sql.ForeignKeyReading.ForeignKey;
import java.util.HashSet;
import java.util.List;
import java.util.TreeSet;

/**
 * What a foreign key wants of its parent, as PostgreSQL 15 and MariaDB 10.11 were seen to refuse it: the referenced
 * columns there; on PostgreSQL, a primary key where the key names no column, and otherwise a primary key, unique
 * constraint or unique index of exactly those columns (any order; a partial or expression index does not count); on
 * MariaDB, an index whose leading columns they are, in order (a prefix part does not count); then types the database
 * joins ({@link KeyTypes}) and, on MariaDB, character columns of one character set and collation. What is not known of
 * either table is not said. Stateless past its construction.
 */
final class ParentKeys {
    private final String dialect;
    private final ForeignKey fk;
    private final FollowedTable parent;
    private final FollowedTable child;
    /** The parent's columns the key references: those named, or PostgreSQL's primary key's. */
    private final List<String> referenced;

    ParentKeys(String dialect, ForeignKey fk, FollowedTable parent, FollowedTable child) {
        this.dialect = dialect;
        this.fk = fk;
        this.parent = parent;
        this.child = child;
        this.referenced = fk.parentColumns().isEmpty() && parent.primaryKey != null ? parent.primaryKey : fk.parentColumns();
    }

    /** A referenced column, a primary key or a key or index over the referenced columns the parent lacks; or null. */
    String missingColumnOrKey() {
        if (fk.parentColumns().isEmpty()) {
            return parent.primaryKey == null || !parent.primaryKey.isEmpty() ? null : "it names no referenced column and "
                    + fk.parent() + " has no primary key: " + (dialect.equals("h2") ? "H2 refuses it (Index \"PRIMARY_KEY_\""
                    + " not found)" : "PostgreSQL refuses it (there is no primary key for referenced table " + fk.parent()
                    + ")") + ". Name the columns of one of its unique keys (REFERENCES " + fk.parent()
                    + " (...)), or add a primary key to " + fk.parent() + " first (in an earlier migration)";
        }
        if (parent.types != null) {
            for (String key : referenced) {
                if (!parent.types.containsKey(key)) {
                    return "it references " + fk.parent() + "." + key + ", but " + fk.parent() + " has no column " + key
                            + " (its columns: " + String.join(", ", new TreeSet<>(parent.types.keySet())) + "). Reference"
                            + " one of them, or add " + key + " first";
                }
            }
        }
        String columns = fk.parent() + " (" + String.join(", ", referenced) + ")";
        if (dialect.equals("h2") && parent.uniqueKeys != null && !uniquelyKeyed()) {
            return "no primary key or unique constraint of " + fk.parent() + " is on exactly " + String.join(", ",
                    referenced) + " (a unique index does not count): H2 refuses it (Constraint \"PRIMARY KEY | UNIQUE ("
                    + String.join(", ", referenced).toUpperCase(java.util.Locale.ROOT) + ")\" not found). Add UNIQUE "
                    + columns + " first (in an earlier migration), or reference " + fk.parent() + "'s primary key";
        }
        if (dialect.equals("postgresql") && parent.uniqueKeys != null && !uniquelyKeyed()) {
            return "no primary key, unique constraint or unique index of " + fk.parent() + " is on exactly "
                    + String.join(", ", referenced) + " (a partial or expression index does not count): PostgreSQL refuses"
                    + " it (there is no unique constraint matching given keys for referenced table " + fk.parent() + ")."
                    + " Add UNIQUE " + columns + " first (in an earlier migration), or reference " + fk.parent()
                    + "'s primary key";
        }
        if (dialect.equals("mariadb") && parent.indexes != null && !leadsAnIndex()) {
            return "no index of " + fk.parent() + " starts with " + String.join(", ", referenced) + " (in that order; a"
                    + " prefix index does not count): MariaDB refuses it (errno 150: Foreign key constraint is incorrectly"
                    + " formed). Add an index on " + columns + " first (in an earlier migration), or reference "
                    + fk.parent() + "'s primary key";
        }
        return null;
    }

    private boolean uniquelyKeyed() {
        HashSet<String> wanted = new HashSet<>(referenced);
        return wanted.size() != referenced.size()
                || parent.uniqueKeys.stream().anyMatch(key -> key.size() == wanted.size() && wanted.containsAll(key));
    }

    private boolean leadsAnIndex() {
        return parent.indexes.stream().anyMatch(index -> index.size() >= referenced.size()
                && index.subList(0, referenced.size()).equals(referenced));
    }

    /** A pair of columns whose types or (MariaDB) encodings the database does not join; or null. */
    String mismatch() {
        if (parent.types == null || referenced.size() != fk.columns().size()) {
            return null;
        }
        for (int i = 0; i < referenced.size(); i++) {
            String key = referenced.get(i);
            String column = fk.columns().get(i);
            String own = child == null || child.types == null ? null : child.types.get(column);
            String theirs = parent.types.get(key);
            if (KeyTypes.refused(dialect, own, theirs)) {
                return typeRefusal(column, own, key, theirs);
            }
            TextEncoding ownEncoding = encoding(child, column, own);
            TextEncoding theirEncoding = encoding(parent, key, theirs);
            if (ownEncoding != null && theirEncoding != null && ownEncoding.refuses(theirEncoding)) {
                return fk.table() + "." + column + " is " + ownEncoding.said() + " but " + fk.parent() + "." + key + " is "
                        + theirEncoding.said() + ": MariaDB refuses it (errno 150: Foreign key constraint is incorrectly"
                        + " formed). Declare " + column + " " + own + " CHARACTER SET " + theirEncoding.charset()
                        + (theirEncoding.collation() == null ? "" : " COLLATE " + theirEncoding.collation()) + " to match "
                        + fk.parent() + "." + key + ", or convert " + fk.parent() + " in an earlier migration";
            }
        }
        return null;
    }

    /** A MariaDB character column's encoding, where known. */
    private TextEncoding encoding(FollowedTable table, String column, String type) {
        boolean textual = dialect.equals("mariadb") && KeyTypes.textual(dialect, type);
        return !textual || table == null || table.encodings == null ? null : table.encodings.get(column);
    }

    private String typeRefusal(String column, String own, String key, String theirs) {
        String refuses = dialect.equals("mariadb") ? "MariaDB refuses it (errno 150: Foreign key constraint is"
                + " incorrectly formed)" : "PostgreSQL refuses it (the foreign key cannot be implemented)";
        return fk.table() + "." + column + " is " + own + " but " + fk.parent() + "." + key + " is " + theirs + ": "
                + refuses + ". Make " + column + " " + theirs + " to match " + fk.parent() + "." + key + ", or change "
                + fk.parent() + "." + key + " to " + own + " in an earlier migration";
    }
}
