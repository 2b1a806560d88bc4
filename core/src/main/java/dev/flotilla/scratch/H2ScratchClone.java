package dev.flotilla.scratch;

import dev.flotilla.sql.Dialect;
import dev.flotilla.sql.Jdbc;
import dev.flotilla.target.TargetSession;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * An in-memory H2 database built from the target's {@code SCRIPT NODATA}, with the target's compatibility
 * settings ({@code MODE=...}). It lives as long as its connection: nothing is left behind, even after a kill.
 */
final class H2ScratchClone implements ScratchClone {
    private static final Set<String> KEPT_SETTINGS = Set.of("MODE", "DATABASE_TO_UPPER", "DATABASE_TO_LOWER",
            "CASE_INSENSITIVE_IDENTIFIERS", "NON_KEYWORDS", "DEFAULT_NULL_ORDERING");

    @Override
    public Scratch create(TargetSession source, Set<String> excluded, RowSample sample) throws SQLException {
        Dialect dialect = source.dialect();
        // A schema not created yet (a tenant's first deploy creates it) is copied as what it would be: empty.
        boolean empty = !source.schemaExists();
        String name = ScratchNames.next();
        Connection copy = DriverManager.getConnection("jdbc:h2:mem:" + name + settings(source.spec().url()), "sa", "");
        try {
            try (Statement script = source.connection().createStatement();
                 ResultSet statements = script.executeQuery("SCRIPT NODATA")) {
                while (statements.next()) {
                    String sql = statements.getString(1);
                    if (!sql.startsWith("CREATE USER")) {
                        Jdbc.execute(copy, sql);
                    }
                }
            }
            dialect.useSchema(copy, source.schema(), empty);
            if (sample.rows() > 0 && !empty) {
                Jdbc.execute(copy, "SET REFERENTIAL_INTEGRITY FALSE");
                SampleRows.copy(dialect, source.connection(), source.schema(), copy, source.schema(),
                        dialect.tableNames(source.connection(), source.schema()).stream()
                                .filter(t -> !excluded.contains(t)).toList(), sample);
                Jdbc.execute(copy, "SET REFERENTIAL_INTEGRITY TRUE");
            }
            // Known to this process as its own (Scratch.isScratch), though a JVM's end takes an in-memory copy with it anyway.
            ScratchRegistry.remember(name, copy::close, source.spec()::scrub);
            return new Scratch(name, source.schema(), copy, copy::close);
        } catch (SQLException | RuntimeException e) {
            copy.close();
            throw e;
        }
    }

    private static String settings(String url) {
        return Arrays.stream(url.split(";")).skip(1)
                .filter(setting -> KEPT_SETTINGS.contains(setting.split("=", 2)[0].toUpperCase()))
                .map(setting -> ";" + setting).collect(Collectors.joining());
    }
}
