package dev.flotilla.run;

import dev.flotilla.sql.JdbcUrls;
import dev.flotilla.target.TargetSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Targets one connection can serve together, reached with one user and with one history table name: the schemas
 * of one PostgreSQL database (schema-per-tenant), and, where asked, the databases of one MariaDB server
 * (database-per-tenant). A fleet-wide read then costs a few queries for hundreds of targets instead of a
 * session per tenant.
 */
final class SchemaGroups {
    /**
     * Targets of one server, and the spec to connect with: the database itself on PostgreSQL, the server without
     * a database on MariaDB.
     *
     * @param databasesInUrl the targets' databases are named in their URLs: when the server cannot be reached,
     *                       each is read on its own and reports its own error
     */
    record Group(TargetSpec server, boolean databasesInUrl, List<TenantTarget> targets) {
        /** The schema (MariaDB: database) of each target, in the targets' order, each once. */
        List<String> schemas() {
            return targets.stream().map(SchemaGroups::schemaOf).distinct().toList();
        }

        /** What a target of this group is, for messages: a database on MariaDB/MySQL, a schema on PostgreSQL. */
        String noun() {
            return server.url().startsWith("jdbc:postgresql:") ? "schema" : "database";
        }
    }

    /** The groups, in the order their first target came; every other target goes to {@code alone}. */
    final List<Group> groups;
    final List<TenantTarget> alone;

    private SchemaGroups(List<Group> groups, List<TenantTarget> alone) {
        this.groups = groups;
        this.alone = alone;
    }

    /** The schemas of each PostgreSQL database. */
    static SchemaGroups of(List<TenantTarget> targets) {
        return group(targets, false);
    }

    /** The schemas of each PostgreSQL database and the databases of each MariaDB server. */
    static SchemaGroups withDatabases(List<TenantTarget> targets) {
        return group(targets, true);
    }

    private static SchemaGroups group(List<TenantTarget> targets, boolean databases) {
        Map<String, Group> byServer = new LinkedHashMap<>();
        List<TenantTarget> alone = new ArrayList<>();
        for (TenantTarget target : targets) {
            TargetSpec spec = target.target();
            Optional<JdbcUrls.DatabaseInUrl> database = JdbcUrls.databaseIn(spec.url());
            Group group;
            if (spec.url().startsWith("jdbc:postgresql:") && spec.schema() != null) {
                // The database, named without the first tenant's schema: what fails to connect fails for all of them.
                group = new Group(new TargetSpec(spec.url(), spec.user(), spec.password(), null, spec.historyTable()), false,
                        new ArrayList<>());
            } else if (databases && isMariaDb(spec) && (spec.schema() != null || database.isPresent())) {
                TargetSpec server = new TargetSpec(database.map(d -> d.with("")).orElse(spec.url()), spec.user(),
                        spec.password(), null, spec.historyTable());
                group = new Group(server, spec.schema() == null, new ArrayList<>());
            } else {
                alone.add(target);
                continue;
            }
            String key = group.server().url() + "|" + spec.user() + "|" + spec.historyTable() + "|" + group.databasesInUrl();
            byServer.computeIfAbsent(key, k -> group).targets().add(target);
        }
        return new SchemaGroups(List.copyOf(byServer.values()), alone);
    }

    /** The schema a target is read as: its own, or (MariaDB) the database its URL names. */
    static String schemaOf(TenantTarget target) {
        TargetSpec spec = target.target();
        if (spec.schema() != null) {
            return spec.schema();
        }
        return isMariaDb(spec) ? JdbcUrls.databaseIn(spec.url()).map(JdbcUrls.DatabaseInUrl::database).orElse(null) : null;
    }

    private static boolean isMariaDb(TargetSpec spec) {
        return spec.url().startsWith("jdbc:mariadb:") || spec.url().startsWith("jdbc:mysql:");
    }
}
