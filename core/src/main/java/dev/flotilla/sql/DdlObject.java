package dev.flotilla.sql;

import java.util.Objects;

/**
 * One schema object a statement creates or drops, as its text says ({@link DdlReading}): what a deployment's results
 * list, with no catalog read.
 *
 * @param name what a reader calls it, unquoted, as written: {@code serial_link_outbox}, a column as
 *     {@code table.column}, an unnamed constraint as {@code table: unique (a, b)}
 */
public record DdlObject(Kind kind, boolean dropped, String name) {
    public DdlObject {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
    }

    /** What kind of object, with the words a summary says it in: its key (as the dry run's diff) and its label. */
    public enum Kind {
        TABLE("tablesCreated", "Tables created"),
        COLUMN("columnsAdded", "Columns added"),
        INDEX("indexesAdded", "Indexes added"),
        CONSTRAINT("constraintsAdded", "Constraints added"),
        VIEW("viewsCreated", "Views created"),
        SEQUENCE("sequencesCreated", "Sequences created"),
        ROUTINE("routinesCreated", "Routines created"),
        TRIGGER("triggersAdded", "Triggers added");

        private final String key;
        private final String label;

        Kind(String key, String label) {
            this.key = key;
            this.label = label;
        }

        /** The summary's key for the created ones: {@code tablesCreated}, as the dry run's diff names them. */
        public String key() {
            return key;
        }

        /** How people read the created ones: {@code Tables created}. */
        public String label() {
            return label;
        }

        /** The word for one of them in a list of dropped objects: {@code table}. */
        public String word() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
