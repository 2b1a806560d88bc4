package dev.flotilla.run;

import dev.flotilla.sql.DdlObject;
import dev.flotilla.sql.ForeignKeyReading;
import dev.flotilla.sql.ForeignKeyReading.ForeignKey;
import dev.flotilla.sql.TableRead;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * What {@link ForeignKeyPreflight} asks of a target's catalog for the pending statements ({@link TableRead}): the
 * columns of every table a key or a column names; the keys of the parents; the engine and collation of the children
 * and of the parents a statement adds columns to (what those columns take); none of these of a table a pending
 * {@code CREATE TABLE} makes in the target's schema before any statement names it (that one is read as the statement
 * defines it); and the default collations of the character sets named without one. Where a statement renames a table,
 * everything of every table, as which name's catalog a later one reads is not followed here. The tables are asked by
 * name of every schema read ({@link #otherSchemas}), as the check compares a parent's keys wherever it is. Stateless.
 */
final class TablesAsked {
    private TablesAsked() {
    }

    /** What the catalog is asked for {@code steps}, the target's schema named {@code schemaKey} in their text. */
    static TableRead of(java.util.List<ForeignKeyPreflight.Step> steps, String schemaKey) {
        Set<String> tables = new LinkedHashSet<>();
        Set<String> parents = new HashSet<>();
        Set<String> children = new HashSet<>();
        Set<String> given = new HashSet<>();
        Set<String> madeFirst = new HashSet<>();
        Set<String> seen = new HashSet<>();
        Set<String> charsets = new HashSet<>();
        boolean renames = false;
        for (ForeignKeyPreflight.Step step : steps) {
            ForeignKeyReading.Reading reading = step.reading();
            if (reading.defined() != null && !seen.contains(reading.defined()) && made(step, reading.defined())
                    && targets(reading.schema(), schemaKey)) {
                madeFirst.add(reading.defined());
            }
            for (ForeignKey fk : reading.foreignKeys()) {
                tables.add(fk.parent());
                tables.add(fk.table());
                parents.add(fk.parent());
                children.add(fk.table());
            }
            for (ForeignKeyReading.Column column : reading.columns()) {
                tables.add(column.table());
                given.add(column.table());
                charset(column.charset(), column.collation(), charsets);
            }
            charset(reading.options().charset(), reading.options().collation(), charsets);
            seen.addAll(tables);
            seen.addAll(reading.keys().stream().map(ForeignKeyReading.TableKey::table).toList());
            for (DdlObject object : step.objects()) {
                seen.add(object.name().toLowerCase(Locale.ROOT));
                renames |= object.change() == DdlObject.Change.RENAMED;
            }
        }
        if (renames) {
            return new TableRead(tables, tables, tables, charsets);
        }
        parents.removeAll(madeFirst);
        Set<String> described = new HashSet<>(parents);
        described.retainAll(given);
        described.addAll(children);
        described.removeAll(madeFirst);
        return new TableRead(tables, parents, described, charsets);
    }

    /**
     * The schemas other than the target's (named {@code schemaKey}) that {@code steps} name, as the catalog names them:
     * those of their parents and of the tables they create, change or drop ({@code shared.companies}).
     */
    static Set<String> otherSchemas(java.util.List<ForeignKeyPreflight.Step> steps, String schemaKey) {
        Set<String> others = new LinkedHashSet<>();
        for (ForeignKeyPreflight.Step step : steps) {
            step.reading().foreignKeys().forEach(fk -> others.add(fk.parentSchema()));
            others.add(step.reading().schema());
        }
        others.removeIf(named -> targets(named, schemaKey));
        return others;
    }

    /** Whether a statement naming schema {@code named} (null: none) means the target's, named {@code schemaKey}. */
    private static boolean targets(String named, String schemaKey) {
        return named == null || named.equals(schemaKey);
    }

    /** Whether {@code step} makes {@code table} whole: not {@code IF NOT EXISTS} (then it may be there already). */
    private static boolean made(ForeignKeyPreflight.Step step, String table) {
        return step.objects().stream().anyMatch(o -> o.kind() == DdlObject.Kind.TABLE && o.change() != DdlObject.Change.ENSURED
                && o.name().equalsIgnoreCase(table));
    }

    /** A character set named without a collation: its default is read ({@code utf8}: both sets it may name). */
    private static void charset(String charset, String collation, Set<String> charsets) {
        if (charset == null || collation != null || charset.equals("default")) {
            return;
        }
        if (charset.equals("utf8")) {
            charsets.addAll(Set.of("utf8mb3", "utf8mb4"));
        } else {
            charsets.add(charset);
        }
    }
}
