package dev.flotilla.verify;

import dev.flotilla.schema.ConfiguredNames;
import dev.flotilla.schema.ReferencedTable;
import dev.flotilla.schema.SchemaSnapshot;
import dev.flotilla.schema.SchemaSnapshot.ForeignKey;
import dev.flotilla.schema.SchemaSnapshot.Table;
import java.util.ArrayList;
import java.util.List;

/**
 * Foreign keys to configured tables (the tenant root, {@code companies}) have the configured ON DELETE and
 * ON UPDATE rules: a SET NULL where CASCADE is required leaves ownerless rows behind when a tenant's company
 * is deleted. NO ACTION and RESTRICT count as the same rule (MariaDB reports one for the other). A rule
 * may name the tables it covers (each must then have such a key) or the ones it leaves out, and the migration
 * it applies from.
 */
final class FkRulesCheck implements Check {
    @Override
    public String id() {
        return "fk-rules";
    }

    @Override
    public CheckResult run(CheckContext context) {
        List<VerifyOptions.FkRule> rules = context.options().fkRules();
        if (rules.isEmpty()) {
            return CheckResult.skipped(id(), "no rules configured (checks.fk-rules)");
        }
        List<String> problems = new ArrayList<>();
        List<String> notYet = new ArrayList<>();
        int checked = 0;
        ConfiguredNames names = ConfiguredNames.of(context.dialect()); // as the server tells them apart
        for (VerifyOptions.FkRule rule : rules) {
            String why = context.notYet(rule.since());
            if (why != null) {
                notYet.add(rule.references() + ": " + why);
                continue;
            }
            checked += check(rule, context.snapshot(), names, problems);
        }
        if (notYet.size() == rules.size()) {
            return CheckResult.skipped(id(), String.join("; ", notYet));
        }
        // Several rules may name one table (every table's keys, then stricter rules for some): it is named once.
        String referenced = String.join(", ", rules.stream().map(VerifyOptions.FkRule::references).distinct().toList());
        return CheckResult.of(id(), checked + " foreign key(s) to " + referenced + " have the required rules"
                + (notYet.isEmpty() ? "" : "; " + String.join("; ", notYet)), problems);
    }

    /** Checks the foreign keys {@code rule} covers, adding what is wrong; the number of keys checked. */
    private static int check(VerifyOptions.FkRule rule, SchemaSnapshot snapshot, ConfiguredNames names, List<String> problems) {
        List<Table> tables = snapshot.tables();
        int checked = 0;
        for (String listed : rule.tables()) {
            if (tables.stream().noneMatch(t -> ReferencedTable.namesOwn(listed, t.name(), names))) {
                problems.add(listed + ": no such table (checks.fk-rules tables for " + rule.references() + "; if a later"
                        + " migration creates it, give the rule since: VERSION)");
            }
        }
        for (Table table : tables) {
            if (!rule.covers(table.name(), names)) {
                continue;
            }
            List<ForeignKey> keys = table.foreignKeys().stream()
                    .filter(fk -> ReferencedTable.of(snapshot, fk).isNamedBy(rule.references(), names)).toList();
            if (keys.isEmpty() && !rule.tables().isEmpty()) {
                problems.add(table.name() + ": no foreign key to " + rule.references());
            }
            for (ForeignKey fk : keys) {
                checked++;
                String where = table.name() + "." + String.join(", ", fk.columns()) + " -> " + fk.referencedTable();
                if (rule.onDelete() != null && !same(fk.onDelete(), rule.onDelete())) {
                    problems.add(where + ": ON DELETE " + fk.onDelete() + ", expected " + rule.onDelete());
                }
                if (rule.onUpdate() != null && !same(fk.onUpdate(), rule.onUpdate())) {
                    problems.add(where + ": ON UPDATE " + fk.onUpdate() + ", expected " + rule.onUpdate());
                }
            }
        }
        return checked;
    }

    private static boolean same(String actual, String expected) {
        return normal(actual).equals(normal(expected));
    }

    private static String normal(String rule) {
        String upper = rule == null ? "NO ACTION" : rule.toUpperCase();
        return upper.equals("RESTRICT") ? "NO ACTION" : upper;
    }
}
