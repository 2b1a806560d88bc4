package dev.flotilla.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.testing.TestDatabases;
import java.sql.Connection;
import org.junit.jupiter.api.Test;

/** The MariaDB dialect {@link Dialect#forNames} gives knows what the server's {@code lower_case_table_names} says. */
class MariaDbNameCaseIT {
    @Test
    void the_dialect_for_a_servers_names_keeps_a_quoted_names_case_where_lower_case_table_names_is_0() throws Exception {
        try (Connection connection = TestDatabases.connect(TestDatabases.mariadb(null))) {
            boolean keepsCase = "0".equals(Jdbc.queryString(connection, "SELECT @@lower_case_table_names"));
            Dialect named = MariaDbDialect.INSTANCE.forNames(connection);

            assertThat(named.quotedNamesKeepCase()).isEqualTo(keepsCase);
            assertThat(named.identifierKey("Mine", true).equals("Mine")).isEqualTo(keepsCase);
        }
    }
}
