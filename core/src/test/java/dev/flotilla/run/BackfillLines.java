package dev.flotilla.run;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** The backfill progress lines a user would see (INFO and above on {@link Backfill#LOGGER}) while it listens. */
final class BackfillLines extends Handler implements AutoCloseable {
    private static final Logger BACKFILL = Logger.getLogger(Backfill.LOGGER);

    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final Level levelBefore = BACKFILL.getLevel();

    private BackfillLines() {
    }

    static BackfillLines listen() {
        BackfillLines listener = new BackfillLines();
        BACKFILL.setLevel(Level.ALL);
        BACKFILL.addHandler(listener);
        return listener;
    }

    /** The lines so far, and forgets them. */
    List<String> take() {
        List<String> taken = List.copyOf(lines);
        lines.clear();
        return taken;
    }

    @Override
    public void publish(LogRecord record) {
        if (record.getLevel().intValue() >= Level.INFO.intValue()) {
            lines.add(record.getMessage());
        }
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        BACKFILL.removeHandler(this);
        BACKFILL.setLevel(levelBefore);
    }
}
