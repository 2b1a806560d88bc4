package dev.flotilla.run;

import java.util.List;

/**
 * The round-trip check of one migration (seed 001 §4.2-4.3): apply, down, apply again. Passes when the down
 * file gives back exactly the schema from before the migration, and applying again gives exactly the schema
 * of the first apply.
 *
 * @param problems what differed or failed, empty when it passed
 * @param skipped why the check could not run (no down file), or null
 */
public record RoundTrip(String version, String script, List<String> problems, String skipped) {
    public RoundTrip {
        problems = List.copyOf(problems);
    }

    /** The same round trip, {@code scrub} applied to each problem (a driver's message may quote a secret). */
    RoundTrip masked(java.util.function.UnaryOperator<String> scrub) {
        return new RoundTrip(version, script, problems.stream().map(scrub).toList(), skipped);
    }

    public boolean ok() {
        return problems.isEmpty();
    }
}
