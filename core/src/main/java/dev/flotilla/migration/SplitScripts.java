package dev.flotilla.migration;

import dev.flotilla.sql.Dialect;
import dev.flotilla.sql.SqlStatement;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

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

    private record Split(String text, List<SqlStatement> statements) {
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
        if (known != null && known.text().equals(text)) {
            return known.statements();
        }
        List<SqlStatement> statements = List.copyOf(dialect.split(text));
        last.put(key, new Split(text, statements));
        return statements;
    }
}
