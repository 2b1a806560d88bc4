package dev.flotilla.sql;

import java.util.List;

/**
 * The terms of one statement (or one action of an {@code ALTER TABLE}) read left to right, and the names in them: what
 * {@link DdlReading} and {@link AlterTableReading} read a statement's objects with. Not thread-safe: one per reading.
 */
final class DdlCursor {
    private final String code;
    private final List<SqlTerm> terms;
    private int index;
    /** The part before the last of the name {@link #name} read last ({@code app} of {@code app.orders}), or null. */
    private SqlTerm qualifier;

    DdlCursor(String code, List<SqlTerm> terms, int index) {
        this.code = code;
        this.terms = terms;
        this.index = index;
    }

    boolean more() {
        return index < terms.size();
    }

    SqlTerm peek() {
        return terms.get(index);
    }

    SqlTerm next() {
        return terms.get(index++);
    }

    /** Whether the next term is the bare word {@code word}. */
    boolean at(String word) {
        return more() && peek().isWord(word);
    }

    void skipWord(String word) {
        if (at(word)) {
            index++;
        }
    }

    void skipSymbol(String symbol) {
        if (more() && peek().kind() == SqlTerm.Kind.SYMBOL && peek().text().equals(symbol)) {
            index++;
        }
    }

    /** Past {@code IF NOT EXISTS}, saying whether it was there: the object may have been there before. */
    boolean skipIfNotExists() {
        if (index + 2 < terms.size() && peek().isWord("if") && terms.get(index + 1).isWord("not")
                && terms.get(index + 2).isWord("exists")) {
            index += 3;
            return true;
        }
        return false;
    }

    void skipIfExists() {
        if (index + 1 < terms.size() && peek().isWord("if") && terms.get(index + 1).isWord("exists")) {
            index += 2;
        }
    }

    /** Past a MySQL definer and SQL SECURITY clause, to the word naming the kind of object (left to read next). */
    void skipUntilKind() {
        while (more() && DdlReading.kindOf(peek()) == null) {
            index++;
        }
    }

    /**
     * A possibly qualified name here, its last part unquoted as written; null when no name is here. Reads past it.
     */
    String name() {
        if (!more() || !(peek().kind() == SqlTerm.Kind.WORD || peek().kind() == SqlTerm.Kind.QUOTED_NAME
                || peek().kind() == SqlTerm.Kind.LITERAL)) {
            return null;
        }
        qualifier = null;
        SqlTerm last = next();
        while (index + 1 < terms.size() && peek().kind() == SqlTerm.Kind.SYMBOL && peek().text().equals(".")) {
            index++;
            qualifier = last;
            last = next();
        }
        return last.name().isEmpty() ? null : last.name();
    }

    /** The schema (or database) the name {@link #name} read last is qualified with ({@code app.orders}), or null. */
    SqlTerm qualifier() {
        return qualifier;
    }

    /**
     * A possibly qualified name here, its parts joined by dots ({@code archive.x}), each unquoted but one holding a dot
     * ({@link QualifiedNames#part}); null when no name is here. Reads past it.
     */
    String qualifiedName() {
        int first = index;
        String last = name();
        if (last == null) {
            return null;
        }
        StringBuilder parts = new StringBuilder();
        for (int at = first; at < index - 1; at += 2) {
            parts.append(QualifiedNames.part(terms.get(at).name())).append('.');
        }
        return parts.append(QualifiedNames.part(last)).toString();
    }

    /** Whether a term after those read so far is the bare word {@code word}. */
    boolean restHas(String word) {
        return terms.subList(index, terms.size()).stream().anyMatch(t -> t.isWord(word));
    }

    /** The code after the terms read so far. */
    String rest() {
        return more() ? code.substring(peek().start()) : "";
    }
}
