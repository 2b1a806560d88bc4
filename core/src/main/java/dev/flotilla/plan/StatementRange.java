package dev.flotilla.plan;

/** The statements of a script that ran before the one that failed, in words that agree with their number. */
public final class StatementRange {
    private StatementRange() {
    }

    /** "statement 1 was applied" for {@code last} 1, "statements 1-3 were applied" for 3. */
    public static String appliedUpTo(int last) {
        return last == 1 ? "statement 1 was applied" : "statements 1-" + last + " were applied";
    }

    /** "statement 1 was applied and is still in effect", "statements 1-3 were applied and are still in effect". */
    public static String stillInEffect(int last) {
        return appliedUpTo(last) + (last == 1 ? " and is still in effect" : " and are still in effect");
    }
}
