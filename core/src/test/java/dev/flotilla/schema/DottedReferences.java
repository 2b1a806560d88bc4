package dev.flotilla.schema;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.target.TargetSpec;
import java.sql.SQLException;
import java.util.List;
import java.util.stream.Stream;

/**
 * Foreign keys that a snapshot would write alike with its names unquoted: to schema {@code other}'s table "a.b" and to
 * schema "other.a"'s table b, both other.a.b; to the target's own table "other.companies" and to other's companies. Every name is quoted with the dialect's {@code quote}, so it is stored
 * as written on every dialect (H2 folds no case).
 */
record DottedReferences(String other, char quote) {
    /** The schemas (on MariaDB, databases) other and "other.a", with their tables "a.b", b and companies. */
    List<String> schemas() {
        return List.of("CREATE SCHEMA " + quoted(other), "CREATE SCHEMA " + quoted(other + ".a"),
                "CREATE TABLE " + quoted(other) + "." + quoted("a.b") + " (id INT PRIMARY KEY)",
                "CREATE TABLE " + quoted(other + ".a") + "." + quoted("b") + " (id INT PRIMARY KEY)",
                "CREATE TABLE " + quoted(other) + "." + quoted("companies") + " (id INT PRIMARY KEY)");
    }

    /**
     * Builds on {@code first} a table t with a foreign key to other's "a.b", on {@code second} one with a key to
     * "other.a"'s b, both with one to other's companies ({@code before} run first on each: the schemas, where they
     * are the target's own database's), and asserts that their snapshots tell the two apart.
     */
    void assertToldApart(TargetSpec first, TargetSpec second, List<String> before) throws SQLException {
        SchemaSnapshot toDottedTable = SnapshotReaderContract.build(first,
                withTable(before, quoted(other) + "." + quoted("a.b")));
        SchemaSnapshot toDottedSchema = SnapshotReaderContract.build(second,
                withTable(before, quoted(other + ".a") + "." + quoted("b")));

        String q = String.valueOf(quote);
        assertThat(SnapshotReaderContract.references(toDottedTable))
                .containsExactlyInAnyOrder(other + "." + q + "a.b" + q, other + ".companies");
        assertThat(SnapshotReaderContract.references(toDottedSchema))
                .containsExactlyInAnyOrder(q + other + ".a" + q + ".b", other + ".companies");
        assertThat(toDottedTable.fingerprint()).isNotEqualTo(toDottedSchema.fingerprint());
    }

    /**
     * Builds on {@code first} a table of its own named "other.companies" and a table t with a foreign key to it, on
     * {@code second} the same table and t's key to other's companies instead, and asserts that their snapshots tell the
     * two apart: written alike, other's table was taken for the target's own.
     */
    void assertOwnTableToldApart(TargetSpec first, TargetSpec second, List<String> before) throws SQLException {
        SchemaSnapshot toOwn = SnapshotReaderContract.build(first, withOwnTable(before, quoted(other + ".companies")));
        SchemaSnapshot toOther = SnapshotReaderContract.build(second,
                withOwnTable(before, quoted(other) + "." + quoted("companies")));

        String q = String.valueOf(quote);
        assertThat(SnapshotReaderContract.references(toOwn)).containsExactly(other + ".companies");
        assertThat(SnapshotReaderContract.references(toOther)).containsExactly(q + other + q + "." + q + "companies" + q);
        assertThat(referenced(toOwn)).isEqualTo(new ReferencedTable(null, other + ".companies", quote));
        assertThat(referenced(toOther)).isEqualTo(new ReferencedTable(other, "companies", quote, true));
        assertThat(toOwn.fingerprint()).isNotEqualTo(toOther.fingerprint());
        assertThat(toOther.fingerprint(5)).as("format 5 wrote them alike").isEqualTo(toOwn.fingerprint(5));
    }

    private static ReferencedTable referenced(SchemaSnapshot snapshot) {
        return ReferencedTable.of(snapshot, snapshot.table("t").orElseThrow().foreignKeys().get(0));
    }

    private List<String> withOwnTable(List<String> before, String referenced) {
        return Stream.concat(before.stream(), Stream.of("CREATE TABLE " + quoted(other + ".companies") + " (id INT PRIMARY KEY)",
                "CREATE TABLE t (id INT, FOREIGN KEY (id) REFERENCES " + referenced + " (id))")).toList();
    }

    private List<String> withTable(List<String> before, String referenced) {
        return Stream.concat(before.stream(), Stream.of("CREATE TABLE t (id INT, c INT, FOREIGN KEY (id) REFERENCES "
                + referenced + " (id), FOREIGN KEY (c) REFERENCES " + quoted(other) + "." + quoted("companies") + " (id))"))
                .toList();
    }

    private String quoted(String name) {
        return quote + name + quote;
    }
}
