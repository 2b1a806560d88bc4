package dev.flotilla.testing;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Counts the statements this JVM sends to PostgreSQL while open, as pgjdbc logs them at FINEST: one {@code Execute} per
 * statement run with the extended protocol, one {@code SimpleQuery} per simple one (pg_stat_statements is not installed
 * on the test server). Counts every connection of the process: open it around the work measured alone.
 */
public final class PostgresStatementCount implements AutoCloseable {
    private static final String SENDER = "org.postgresql.core.v3.QueryExecutorImpl";

    private final Logger logger = Logger.getLogger(SENDER); // held: a logger no one references may be collected, level and all
    private final Level before = logger.getLevel();
    private final AtomicInteger statements = new AtomicInteger();
    private final Handler counter = new Handler() {
        @Override
        public void publish(LogRecord record) {
            String message = record.getMessage();
            if (message != null && (message.startsWith(" FE=> Execute(") || message.startsWith(" FE=> SimpleQuery("))) {
                statements.incrementAndGet();
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    public PostgresStatementCount() {
        counter.setLevel(Level.ALL);
        logger.addHandler(counter);
        logger.setLevel(Level.FINEST);
    }

    public int statements() {
        return statements.get();
    }

    @Override
    public void close() {
        logger.setLevel(before);
        logger.removeHandler(counter);
    }
}
