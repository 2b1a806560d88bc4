package dev.flotilla.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Two bench runs at once (two clones, two terminals) each build, reset and drop only their own fixture. */
class FixtureIT {
    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void two_fixtures_built_at_once_keep_apart_and_each_drops_only_its_own(boolean postgres) throws Exception {
        Fixture first = new Fixture(postgres, 2);
        Fixture second = new Fixture(postgres, 2);
        try {
            first.build();
            second.build();
            assertThat(targetsThere(first)).as("the second run's build left the first's alone").isEqualTo(2);

            first.drop();

            assertThat(targetsThere(first)).as("dropped at the end of its run").isZero();
            assertThat(targetsThere(second)).as("the first run's drop left the second's alone").isEqualTo(2);
        } finally {
            first.drop();
            second.drop();
        }
    }

    /** How many of the fixture's targets are there: schemas in its own database, or databases. */
    private static int targetsThere(Fixture fixture) throws Exception {
        String sql = fixture.postgres ? "SELECT COUNT(*) FROM information_schema.schemata WHERE schema_name = ?"
                : "SELECT COUNT(*) FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ?";
        int there = 0;
        try (Connection c = open(fixture)) {
            if (c == null) {
                return 0;
            }
            for (String target : fixture.targets) {
                try (PreparedStatement s = c.prepareStatement(sql)) {
                    s.setString(1, target);
                    try (ResultSet r = s.executeQuery()) {
                        r.next();
                        there += r.getInt(1);
                    }
                }
            }
        }
        return there;
    }

    /** A connection to the fixture's server (PostgreSQL: its database), or null when that database is gone. */
    private static Connection open(Fixture fixture) throws Exception {
        if (fixture.postgres) {
            try (Connection admin = DriverManager.getConnection(Fixture.PG_SERVER + "test", "postgres", "");
                 PreparedStatement s = admin.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
                s.setString(1, fixture.database());
                try (ResultSet r = s.executeQuery()) {
                    if (!r.next()) {
                        return null;
                    }
                }
            }
        }
        return fixture.connect();
    }
}
