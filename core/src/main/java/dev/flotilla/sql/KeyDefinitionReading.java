package dev.flotilla.sql;

import dev.flotilla.sql.ForeignKeyReading.TableKey;
import dev.flotilla.sql.ForeignKeyReading.TableOptions;
import java.util.List;
import java.util.Set;

/**
 * The keys and indexes a statement adds, for {@link ForeignKeyReading}: a table definition's foreign keys (a
 * column's {@code REFERENCES p (k)} too), {@code PRIMARY KEY (..)},
 * {@code UNIQUE [KEY] [name] (..)}, {@code KEY | INDEX [name] (..)} (alone or after {@code CONSTRAINT x}, in a {@code
 * CREATE TABLE} or an {@code ALTER TABLE ... ADD}), {@code CREATE [UNIQUE] INDEX ... ON t (..)}, and a {@code CREATE
 * TABLE}'s options. A key it cannot read makes its table's keys not known ({@code reshaped}); a PostgreSQL partial
 * index ({@code WHERE}) is left out, as PostgreSQL leaves it out of a foreign key's candidates. Stateless.
 */
final class KeyDefinitionReading {
    /** The words a {@code CREATE ... INDEX} starts with, past {@code OR REPLACE}. */
    static final Set<String> INDEX_KINDS = Set.of("unique", "index", "fulltext", "spatial");

    private final SqlText text;
    /** The schema a name's qualifier names, as the catalog names it; null for none. */
    private final java.util.function.Function<SqlTerm, String> schemas;

    KeyDefinitionReading(SqlText text, java.util.function.Function<SqlTerm, String> schemas) {
        this.schemas = schemas;
        this.text = text;
    }

    /** A table definition's key, {@code at} on its first word ({@code CONSTRAINT}, {@code FOREIGN}, {@code UNIQUE}...). */
    void tableKey(String table, DdlCursor at, ReadingParts parts) {
        String constraint = null;
        if (at.at("constraint")) {
            at.next();
            at.skipIfNotExists();
            boolean unnamed = at.at("foreign") || at.at("primary") || at.at("unique");
            constraint = unnamed ? null : ForeignKeyReading.lower(at.name());
        }
        if (!at.at("foreign")) {
            otherKey(table, at, parts);
            return;
        }
        at.next();
        at.skipWord("key");
        if (at.more() && at.peek().kind() != SqlTerm.Kind.GROUP) {
            String named = ForeignKeyReading.lower(at.name()); // MySQL's FOREIGN KEY name (c)
            constraint = constraint == null ? named : constraint;
        }
        if (!at.more() || at.peek().kind() != SqlTerm.Kind.GROUP) {
            return;
        }
        List<String> columns = text.columns(ForeignKeyReading.inside(at.next()));
        if (at.at("references")) {
            at.next();
            reference(table, columns, constraint, at, parts);
        }
    }

    /** {@code [schema.]parent [(k, ...)]}, {@code at} past REFERENCES; the child's columns indexed, as MariaDB does. */
    void reference(String table, List<String> columns, String constraint, DdlCursor at, ReadingParts parts) {
        parts.keys.add(new TableKey(table, columns, false, false));
        if (!at.more() || at.peek().kind() == SqlTerm.Kind.SYMBOL || at.peek().kind() == SqlTerm.Kind.GROUP) {
            return;
        }
        String parent = at.name();
        if (parent == null) {
            return;
        }
        String schema = schemas.apply(at.qualifier());
        List<String> parentColumns = at.more() && at.peek().kind() == SqlTerm.Kind.GROUP
                ? text.columns(ForeignKeyReading.inside(at.next())) : List.of();
        if (!parentColumns.isEmpty() && parentColumns.size() != columns.size()) {
            return; // the server refuses it for what it is, not for the parent
        }
        parts.foreignKeys.add(new ForeignKeyReading.ForeignKey(table, columns, schema,
                ForeignKeyReading.lower(parent), parentColumns, constraint));
    }

    /** A table definition's key other than a foreign key, {@code at} on its first word past {@code CONSTRAINT x}. */
    private void otherKey(String table, DdlCursor at, ReadingParts parts) {
        if (!at.more() || at.peek().isWordIn(Set.of("check", "exclude"))) {
            return; // no key a foreign key may reference
        }
        boolean primary = at.at("primary");
        boolean unique = primary || at.at("unique");
        if (!primary && !unique && !at.at("key") && !at.at("index")) {
            parts.reshaped.add(table); // FULLTEXT, SPATIAL, LIKE, PERIOD...: not read
            return;
        }
        at.next();
        List<String> columns = columnsAfterName(at);
        if (columns == null || at.restHas("using") && at.restHas("index")) {
            parts.reshaped.add(table); // PostgreSQL's ADD CONSTRAINT x UNIQUE USING INDEX i
            return;
        }
        parts.keys.add(new TableKey(table, columns, primary, unique));
    }

    /** {@code CREATE [UNIQUE] INDEX [CONCURRENTLY] [IF NOT EXISTS] [name] ON [ONLY] t [USING m] (..)}, past CREATE. */
    void createIndex(DdlCursor at, ReadingParts parts) {
        boolean unique = at.at("unique");
        boolean plain = unique || at.at("index");
        while (at.more() && !at.at("on")) {
            at.next();
        }
        at.skipWord("on");
        at.skipWord("only");
        String table = ForeignKeyReading.lower(at.name());
        if (table == null) {
            parts.reshaped.add("*");
            return;
        }
        parts.in(schemas.apply(at.qualifier()));
        at.skipWord("using");
        if (at.more() && at.peek().kind() == SqlTerm.Kind.WORD && !at.at("nulls")) {
            at.next(); // the access method
        }
        List<String> columns = plain && at.more() && at.peek().kind() == SqlTerm.Kind.GROUP
                ? text.columns(ForeignKeyReading.inside(at.next())) : null;
        if (columns == null) {
            parts.reshaped.add(table);
        } else if (!at.restHas("where")) {
            parts.keys.add(new TableKey(table, columns, false, unique));
        }
    }

    /** A key's column list, past its name and method words; null when none follows. */
    private List<String> columnsAfterName(DdlCursor at) {
        while (at.more() && at.peek().kind() != SqlTerm.Kind.GROUP) {
            if (at.peek().kind() == SqlTerm.Kind.SYMBOL) {
                return null;
            }
            at.next(); // KEY, INDEX, a name, USING BTREE, NULLS NOT DISTINCT
        }
        return at.more() ? text.columns(ForeignKeyReading.inside(at.next())) : null;
    }

    /** A CREATE TABLE's options, {@code at} past its definition: {@code ENGINE = x}, {@code [DEFAULT] CHARSET = x}... */
    TableOptions options(DdlCursor at) {
        String engine = null;
        String charset = null;
        String collation = null;
        while (at.more()) {
            SqlTerm term = at.next();
            if (term.isWord("engine") || term.isWord("type")) {
                engine = optionValue(at);
            } else if (term.isWord("charset") || term.isWord("character") && at.at("set")) {
                at.skipWord("set");
                charset = optionValue(at);
            } else if (term.isWord("collate")) {
                collation = optionValue(at);
            }
        }
        return new TableOptions(engine, charset, collation);
    }

    private static String optionValue(DdlCursor at) {
        at.skipSymbol("=");
        return at.more() ? ForeignKeyReading.lower(at.next().name()) : null;
    }
}
