package dev.flotilla.cli;

import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Shows the engine's progress messages (the {@code dev.flotilla} loggers at INFO and above, such as a long
 * backfill's) on stderr through the command's output, masked like every other line, so that stdout keeps
 * its table or its one JSON document.
 */
final class EngineProgress extends Handler {
    private static final Logger ENGINE = Logger.getLogger("dev.flotilla");

    private final Output output;

    private EngineProgress(Output output) {
        this.output = output;
    }

    /** Sends the engine's messages to {@code output} from now on, instead of to any earlier command's. */
    static void showOn(Output output) {
        for (Handler handler : ENGINE.getHandlers()) {
            if (handler instanceof EngineProgress) {
                ENGINE.removeHandler(handler);
            }
        }
        ENGINE.setUseParentHandlers(false);
        ENGINE.setLevel(Level.INFO);
        ENGINE.addHandler(new EngineProgress(output));
    }

    @Override
    public void publish(LogRecord record) {
        if (record.getLevel().intValue() >= Level.INFO.intValue()) {
            output.raw("  " + record.getMessage());
        }
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
    }
}
