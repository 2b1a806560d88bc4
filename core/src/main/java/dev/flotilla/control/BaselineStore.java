package dev.flotilla.control;

import dev.flotilla.sql.Jdbc;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The structure scripts new tenants are baselined from, one per distinct set of migration files: built once
 * by a full run in a scratch target, then applied in one step to every tenant provisioned after.
 */
public final class BaselineStore {
    private static final String SEPARATOR = "\n--flotilla:next-statement--\n";

    private final ControlPlane plane;

    BaselineStore(ControlPlane plane) {
        this.plane = plane;
    }

    /**
     * A stored baseline.
     *
     * @param version the newest migration it contains
     * @param fingerprint the schema fingerprint it builds
     */
    public record Baseline(String dialect, String version, String fingerprint, List<String> statements) {
        public Baseline {
            statements = List.copyOf(statements);
        }
    }

    public Optional<Baseline> find(String historyKey) {
        List<String> row = plane.with("reading a baseline", c -> Jdbc.queryRow(c, "SELECT dialect, version, fingerprint,"
                + " statements FROM baseline_scripts WHERE history_key = ?", historyKey));
        if (row == null || row.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Baseline(row.get(0), row.get(1), row.get(2), Arrays.asList(row.get(3).split(SEPARATOR, -1))));
    }

    public void remember(String historyKey, Baseline baseline) {
        plane.replacing("remembering a baseline", () -> plane.write("remembering a baseline", c -> {
            Jdbc.update(c, "DELETE FROM baseline_scripts WHERE history_key = ?", historyKey);
            return Jdbc.update(c, "INSERT INTO baseline_scripts (history_key, dialect, version, fingerprint, statements,"
                    + " built_at) VALUES (?, ?, ?, ?, ?, ?)", historyKey, baseline.dialect(), baseline.version(),
                    baseline.fingerprint(), String.join(SEPARATOR, baseline.statements()), PlaneTime.now());
        }));
    }
}
