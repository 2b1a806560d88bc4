package dev.flotilla.cli;

import java.util.logging.ConsoleHandler;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * Shows what the libraries Flotilla runs log themselves through java.util.logging (the PostgreSQL driver's warnings,
 * such as "JDBC URL must contain a / at the end of the host or port: URL", which quotes the URL whole) on stderr through
 * the command's output, masked like every other line: the JVM's own handler printed them as they were, a URL's password
 * with them. INFO and above, as that handler showed; the engine's own messages are {@link EngineProgress}'s.
 */
final class LibraryLogs extends Handler {
    private static final Logger ROOT = Logger.getLogger("");

    private final Output output;

    private LibraryLogs(Output output) {
        this.output = output;
        setFormatter(new SimpleFormatter());
    }

    /** Sends the libraries' log records to {@code output} from now on, instead of the JVM's handler or an earlier command's. */
    static void showOn(Output output) {
        for (Handler handler : ROOT.getHandlers()) {
            if (handler instanceof ConsoleHandler || handler instanceof LibraryLogs) {
                ROOT.removeHandler(handler);
            }
        }
        ROOT.addHandler(new LibraryLogs(output));
    }

    @Override
    public void publish(LogRecord record) {
        if (record.getLevel().intValue() >= Level.INFO.intValue()) {
            output.raw(record.getLevel().getName().toLowerCase(java.util.Locale.ROOT) + " (" + record.getLoggerName() + "): "
                    + getFormatter().formatMessage(record) + (record.getThrown() == null ? "" : " (" + record.getThrown() + ")"));
        }
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
    }
}
