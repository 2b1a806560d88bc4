package dev.flotilla.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * With {@code --json}, SIGINT or SIGTERM that ends a command before it has printed its document (a deploy still
 * planning, a status reading its tenants, a second signal to a deployment) still leaves stdout its one JSON document:
 * ok false, {@code INTERRUPTED} (see {@link Output#interrupted}); then the JVM's own handling of the signal ends the
 * process as before (exit 130 or 143, the shutdown hooks stopping child programs and dropping scratch databases). Nothing
 * is recorded here: a deployment already started is left to its heartbeat, as a {@code kill -9} leaves it.
 *
 * <p>Installed for the whole command and put back when it returns; {@link StopOnSignal}, which takes the signals over
 * while a deployment runs, hands them back to this handler for its second signal. Not a shutdown hook: a hook cannot
 * tell a signal from the exit after a command that printed no document ({@code --help}).
 */
final class JsonOnSignal implements AutoCloseable {
    private static final List<String> SIGNALS = List.of("INT", "TERM");

    private final Map<Signal, SignalHandler> previous = new LinkedHashMap<>();

    private JsonOnSignal() {
    }

    /**
     * Takes SIGINT and SIGTERM over when {@code output} prints JSON; does nothing otherwise.
     *
     * @param command the command's name in the document; null for one that a signal ends as asked ({@code serve})
     */
    static JsonOnSignal install(Output output, String command) {
        JsonOnSignal installed = new JsonOnSignal();
        if (!output.json() || command == null) {
            return installed;
        }
        for (String name : SIGNALS) {
            try {
                Signal signal = new Signal(name);
                SignalHandler[] before = new SignalHandler[1];
                before[0] = Signal.handle(signal, received -> {
                    output.interrupted(command, "SIG" + received.getName(), 128 + received.getNumber());
                    before[0].handle(received);
                });
                if (before[0] == SignalHandler.SIG_DFL || before[0] == SignalHandler.SIG_IGN) {
                    Signal.handle(signal, before[0]); // not the JVM's exit (-Xrs, ignored by the parent): as it was
                } else {
                    installed.previous.put(signal, before[0]);
                }
            } catch (IllegalArgumentException unavailable) {
                // The JVM keeps it (-Xrs) or the OS has none: that signal does what it did.
            }
        }
        return installed;
    }

    @Override
    public void close() {
        previous.forEach(Signal::handle);
        previous.clear();
    }
}
