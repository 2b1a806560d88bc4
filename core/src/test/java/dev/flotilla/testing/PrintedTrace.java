package dev.flotilla.testing;

import java.io.PrintWriter;
import java.io.StringWriter;

/** What an application printing a throwable's stack shows: its message, its causes' and its suppressed ones'. */
public final class PrintedTrace {
    private PrintedTrace() {
    }

    public static String of(Throwable e) {
        StringWriter trace = new StringWriter();
        e.printStackTrace(new PrintWriter(trace));
        return trace.toString();
    }
}
