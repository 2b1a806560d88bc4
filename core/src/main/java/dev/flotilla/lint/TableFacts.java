package dev.flotilla.lint;

import java.util.List;
import java.util.OptionalLong;

/** What a target says about its existing tables, asked only for the tables a rule cares about. */
public interface TableFacts {
    TableFacts UNKNOWN = new TableFacts() {
        @Override
        public boolean exists(String table) {
            return false;
        }

        @Override
        public OptionalLong rowsUpTo(String table, long limit) {
            return OptionalLong.empty();
        }

        @Override
        public List<List<String>> indexedColumns(String table) {
            return List.of();
        }
    };

    /** True when the table exists on the target before the migrations run. */
    boolean exists(String table);

    /** The table's row count, counted no further than {@code limit}; empty when it cannot be told. */
    OptionalLong rowsUpTo(String table, long limit);

    /** The columns of each existing index and key of the table, in index order. */
    List<List<String>> indexedColumns(String table);
}
