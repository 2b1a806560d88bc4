package dev.flotilla.verify;

import java.util.List;

/** A check written by the user in the checks folder. */
sealed interface CustomCheck {
    String id();

    /** The migration the check applies from ({@code -- since: VERSION}); null for always. */
    Since since();

    /** Whether a statement of it names {@code ${tenant}}: it then runs once for each tenant, with its id. */
    boolean perTenant();

    /** A query and what it must return: {@code -- check: name}, {@code -- expect: ...}, the query. */
    record Assertion(String id, String file, int line, CheckSql sql, Expectation expectation, Since since)
            implements CustomCheck {
        @Override
        public boolean perTenant() {
            return sql.perTenant();
        }
    }

    /**
     * Statements run in order inside a transaction that is always rolled back, each optionally with an
     * expectation; a statement without one must succeed.
     */
    record Scenario(String id, String file, List<Step> steps, Since since) implements CustomCheck {
        public Scenario {
            steps = List.copyOf(steps);
        }

        @Override
        public boolean perTenant() {
            return steps.stream().anyMatch(s -> s.sql().perTenant());
        }
    }

    /** @param expectation null when the statement only has to succeed */
    record Step(int line, CheckSql sql, Expectation expectation) {
    }
}
