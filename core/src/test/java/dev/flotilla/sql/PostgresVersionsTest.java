package dev.flotilla.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A session's PostgreSQL dialect is the one of its server's version, shared by every session on a server of that
 * version and not by those of another. The cache is the JVM's: each test's servers announce a version text of its own.
 */
class PostgresVersionsTest {
    private static final String ADDS_A_VALUE = "ALTER TYPE mood ADD VALUE 'happy';\n";
    private final AtomicInteger parsed = new AtomicInteger();

    @Test
    void sessions_on_servers_of_one_version_share_one_dialect_and_its_split_rules() throws SQLException {
        Dialect first = anyServer().forServer(server("15.4 (sessions share)", 15));
        Dialect second = anyServer().forServer(server("15.4 (sessions share)", 15));

        assertThat(second).isSameAs(first);
        assertThat(second.splitRules()).isSameAs(first.splitRules());
    }

    @Test
    void servers_of_two_versions_get_dialects_and_split_rules_of_their_own() throws SQLException {
        Dialect eleven = anyServer().forServer(server("11.22 (two versions)", 11));
        Dialect sixteen = anyServer().forServer(server("16.1 (two versions)", 16));

        assertThat(sixteen).isNotSameAs(eleven);
        assertThat(sixteen.splitRules()).isNotEqualTo(eleven.splitRules());
        assertThat(eleven.split(ADDS_A_VALUE)).extracting(SqlStatement::transactional).containsExactly(false);
        assertThat(sixteen.split(ADDS_A_VALUE)).extracting(SqlStatement::transactional).containsExactly(true);
        assertThat(anyServer().forServer(server("11.22 (two versions)", 11))).as("asked again").isSameAs(eleven);
    }

    @Test
    void a_server_version_is_parsed_for_its_first_session_only() throws SQLException {
        for (int session = 0; session < 3; session++) {
            anyServer().forServer(server("14.9 (parsed once)", 14));
        }

        assertThat(parsed).hasValue(1);
    }

    @Test
    void two_releases_of_one_major_version_share_its_dialect() throws SQLException {
        Dialect older = anyServer().forServer(server("13.2 (two releases)", 13));
        Dialect newer = anyServer().forServer(server("13.9 (two releases)", 13));

        assertThat(newer).isSameAs(older);
    }

    @Test
    void a_dialect_that_knows_its_server_version_stays_itself_on_it() throws SQLException {
        PostgresDialect twelve = new PostgresDialect(12);

        assertThat(twelve.forServer(server("12.3 (stays)", 12))).isSameAs(twelve);
    }

    @Test
    void each_database_product_has_one_dialect_whatever_the_url() {
        assertThat(Dialect.forUrl("jdbc:postgresql://db1:5432/app")).isSameAs(Dialect.forUrl("jdbc:postgresql:app"));
        assertThat(Dialect.forUrl("jdbc:mariadb://db1/t_1")).isSameAs(Dialect.forUrl("jdbc:mysql://db2/t_2"))
                .isNotSameAs(Dialect.forUrl("jdbc:postgresql://db1/app"));
        assertThat(Dialect.forUrl("jdbc:sqlite:/data/a.db")).isSameAs(Dialect.forUrl("jdbc:sqlite::memory:"));
        assertThat(Dialect.forUrl("jdbc:h2:mem:a")).isSameAs(Dialect.forUrl("jdbc:h2:file:./b"));
        assertThat(Dialect.forUrl("jdbc:postgresql://db1/app").splitRules()).isEqualTo(new PostgresDialect().splitRules());
    }

    private static Dialect anyServer() {
        return Dialect.forUrl("jdbc:postgresql://127.0.0.1:5432/app");
    }

    /** A connection to a server that announced {@code text} at login; its major version read counts as a parse. */
    private Connection server(String text, int major) {
        DatabaseMetaData metadata = proxy(DatabaseMetaData.class, method -> switch (method) {
            case "getDatabaseProductVersion" -> text;
            case "getDatabaseMajorVersion" -> {
                parsed.incrementAndGet();
                yield major;
            }
            default -> throw new UnsupportedOperationException(method);
        });
        return proxy(Connection.class, method -> {
            if (method.equals("getMetaData")) {
                return metadata;
            }
            throw new UnsupportedOperationException(method);
        });
    }

    private interface Answer {
        Object to(String method);
    }

    private static <T> T proxy(Class<T> type, Answer answer) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
                (self, method, args) -> answer.to(method.getName())));
    }
}
