package dev.flotilla.web;

import java.io.PrintStream;
import java.util.function.UnaryOperator;

/**
 * The console's own lines for its operator (a request that failed, a refusal the audit log missed, what killed runs
 * left), each masked as the pages are: an exception's message may quote a URL with its password, a tenant's login, a
 * secret placeholder's value. Thread-safe as its stream is.
 *
 * @param scrub what masks a line: the control plane's {@link dev.flotilla.control.ControlPlane#scrub}, which the console
 *              has mask its fleet's secrets too
 */
public record ConsoleLog(UnaryOperator<String> scrub, PrintStream err) {
    public ConsoleLog {
        java.util.Objects.requireNonNull(scrub, "scrub");
        java.util.Objects.requireNonNull(err, "err");
    }

    /** The log of a console on {@code fleet}, on stderr. */
    public static ConsoleLog of(ConsoleFleet fleet) {
        return new ConsoleLog(fleet.plane()::scrub, System.err);
    }

    /** Prints {@code text} after "flotilla console: ", masked. */
    public void line(String text) {
        err.println(scrub.apply("flotilla console: " + text));
    }
}
