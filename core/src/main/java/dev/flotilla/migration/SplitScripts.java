package dev.flotilla.migration;

import dev.flotilla.sql.DdlObject;
import dev.flotilla.sql.DdlReading;
import dev.flotilla.sql.Dialect;
import dev.flotilla.sql.SqlStatement;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The scripts of a folder split into statements, kept for the next target: a fleet deploy prepares the same files for
 * every tenant, and splitting a script (the dialect's lexer over its whole text) came again for each. A split is reused
 * only for the same text (placeholders already replaced: a script whose values differ by target is split for each) and
 * the same {@link Dialect#splitRules}. It keeps one text a script and rules, the last one split, so a script split
 * with a different text for every tenant holds no more than one. A script that cannot be split is not kept: each target
 * meets its error. Thread-safe: the workers of a deployment share it; two of them may split the same text at once.
 */
public final class SplitScripts {
    private final Map<Key, Split> last = new ConcurrentHashMap<>();

    /**
     * A script and the rules it was split by. Compared by hand rather than by the record's generated methods: it is
     * looked up for every script of every tenant, mostly before the JIT has compiled those, and the rules are mostly
     * the very object of the last lookup (a dialect keeps its own).
     */
    private record Key(String script, Object rules) {
        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && Objects.equals(script, key.script) && Objects.equals(rules, key.rules);
        }

        @Override
        public int hashCode() {
            return 31 * Objects.hashCode(script) + Objects.hashCode(rules);
        }
    }

    /** A script's text as split, and what was read of its statements once that is asked. */
    private static final class Split {
        final String text;
        final List<SqlStatement> statements;
        /** By what was read: read once, by the first to ask; two asking at once both read, and agree. */
        private final Map<Object, Object> readings = new ConcurrentHashMap<>(4);

        Split(String text, List<SqlStatement> statements) {
            this.text = text;
            this.statements = statements;
        }
    }

    /**
     * {@code text}, the script named {@code script} with its placeholders replaced, split by {@code dialect}: the
     * statements split last time when the text and rules are the same, else split now.
     *
     * @throws dev.flotilla.sql.SqlParseException as {@link Dialect#split} does
     */
    public List<SqlStatement> split(String script, String text, Dialect dialect) {
        Key key = new Key(script, dialect.splitRules());
        Split known = last.get(key);
        if (known != null && known.text.equals(text)) {
            return known.statements;
        }
        List<SqlStatement> statements = List.copyOf(dialect.split(text));
        last.put(key, new Split(text, statements));
        return statements;
    }

    /**
     * What each of {@code statements} creates or drops ({@link DdlReading}), read once for the split this gave for
     * {@code script} and kept with it: a deployment reads each file once, not once per tenant. Statements split
     * otherwise (a text split for a target since) are read now and not kept.
     */
    public List<List<DdlObject>> objects(String script, List<SqlStatement> statements, Dialect dialect) {
        return reading(script, statements, dialect, DdlReading.class, read -> read(read, dialect));
    }

    /**
     * What {@code read} makes of {@code statements}, made once for the split this gave for {@code script} and kept with
     * it under {@code what} (one key for each kind of reading, such as its class) and the dialect's name: as {@link
     * #objects}, statements split otherwise are read now and not kept. {@code read} must depend on nothing but the
     * statements and the dialect.
     */
    @SuppressWarnings("unchecked")
    public <T> T reading(String script, List<SqlStatement> statements, Dialect dialect, Object what,
                         Function<List<SqlStatement>, T> read) {
        Split known = last.get(new Key(script, dialect.splitRules()));
        if (known == null || known.statements != statements) {
            return read.apply(statements);
        }
        List<Object> key = List.of(what, dialect.name());
        Object kept = known.readings.get(key);
        if (kept == null) {
            kept = read.apply(statements);
            known.readings.put(key, kept);
        }
        return (T) kept;
    }

    private static List<List<DdlObject>> read(List<SqlStatement> statements, Dialect dialect) {
        DdlReading reading = DdlReading.of(dialect);
        return statements.stream().map(s -> List.copyOf(reading.of(s.sql()))).toList();
    }
}
