package dev.flotilla.cli.config;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Every key of flotilla.yml: its dotted path, what kind of value it takes, and its default. */
enum ConfigKey {
    MIGRATIONS("migrations", Kind.LIST, List.of("db/tenant_migrations")),
    TEST_MIGRATIONS("testMigrations", Kind.LIST, List.of()),
    HISTORY_TABLE("historyTable", Kind.TEXT, "tenant_migrations"),
    PLACEHOLDERS("placeholders", Kind.MAP, Map.of()),
    SECRET_PLACEHOLDERS("secretPlaceholders", Kind.LIST, List.of()),
    CHECKS("checks", Kind.ANY, null),
    CONTROL_PLANE_URL("controlPlane.url", Kind.TEXT, null),
    CONTROL_PLANE_USER("controlPlane.user", Kind.TEXT, null),
    CONTROL_PLANE_PASSWORD_ENV("controlPlane.passwordEnv", Kind.TEXT, null),
    CONTROL_PLANE_PASSWORD_FILE("controlPlane.passwordFile", Kind.TEXT, null),
    CONTROL_PLANE_HEARTBEAT("controlPlane.heartbeat", Kind.DURATION, dev.flotilla.control.Heartbeat.DEFAULT_PERIOD),
    CONTROL_PLANE_NETWORK_TIMEOUT("controlPlane.networkTimeout", Kind.DURATION,
            dev.flotilla.control.ControlPlane.DEFAULT_NETWORK_TIMEOUT),
    TENANCY_MODEL("tenancy.model", Kind.TEXT, "schema-per-tenant"),
    TENANCY_URL("tenancy.url", Kind.TEXT, null),
    TENANCY_URL_TEMPLATE("tenancy.urlTemplate", Kind.TEXT, null),
    TENANCY_SCHEMA_TEMPLATE("tenancy.schemaTemplate", Kind.TEXT, null),
    TENANCY_USER("tenancy.user", Kind.TEXT, null),
    TENANCY_PASSWORD_ENV("tenancy.passwordEnv", Kind.TEXT, null),
    TENANCY_PASSWORD_FILE("tenancy.passwordFile", Kind.TEXT, null),
    TENANCY_TENANT_COLUMN("tenancy.tenantColumn", Kind.TEXT, "tenant_id"),
    DEPLOY_CONCURRENCY("deploy.concurrency", Kind.count(1, 256), 8),
    DEPLOY_PER_SERVER("deploy.perServer", Kind.count(1, 256), 4),
    DEPLOY_LOCK_TIMEOUT("deploy.lockTimeout", Kind.DURATION, Duration.ofSeconds(5)),
    DEPLOY_LOCK_WAIT("deploy.lockWait", Kind.DURATION, Duration.ofSeconds(30)),
    DEPLOY_STATEMENT_TIMEOUT("deploy.statementTimeout", Kind.DURATION, Duration.ofMinutes(10)),
    DEPLOY_RETRIES("deploy.retries", Kind.count(0, 10), 2),
    DEPLOY_RETRY_BACKOFF("deploy.retryBackoff", Kind.DURATION, Duration.ofMillis(500)),
    DEPLOY_BACKUP("deploy.backup", Kind.BOOLEAN, true),
    DEPLOY_CONNECT_TIMEOUT("deploy.connectTimeout", Kind.DURATION, dev.flotilla.target.ConnectTimeout.DEFAULT),
    DEPLOY_REQUIRE_TESTED("deploy.requireTested", Kind.BOOLEAN, false),
    BACKUP_DIR("backup.dir", Kind.TEXT, ".flotilla/backups"),
    BACKUP_KEEP("backup.keep", Kind.count(1, 10_000), 10),
    DRY_RUN_MODE("dryRun.mode", Kind.TEXT, "auto"),
    DRY_RUN_SAMPLE_ROWS("dryRun.sampleRows", Kind.count(0, 1_000_000), 0),
    DRY_RUN_LOCK_TIMEOUT("dryRun.lockTimeout", Kind.DURATION, Duration.ofSeconds(2)),
    LINT_DISABLED("lint.disabled", Kind.LIST, List.of()),
    LINT_LARGE_TABLE_ROWS("lint.largeTableRows", Kind.count(1, Integer.MAX_VALUE), 100_000),
    LINT_SINCE("lint.since", Kind.TEXT, null),
    HOOKS_BEFORE_TENANT("hooks.beforeTenant", Kind.TEXT, null),
    HOOKS_AFTER_TENANT("hooks.afterTenant", Kind.TEXT, null),
    HOOKS_BEFORE_DEPLOYMENT("hooks.beforeDeployment", Kind.TEXT, null),
    HOOKS_AFTER_DEPLOYMENT("hooks.afterDeployment", Kind.TEXT, null);

    /** What a key accepts; counts carry their bounds. */
    record Kind(String name, int min, int max) {
        static final Kind TEXT = new Kind("text", 0, 0);
        static final Kind MAP = new Kind("map", 0, 0);
        static final Kind LIST = new Kind("list", 0, 0);
        static final Kind ANY = new Kind("any", 0, 0);
        static final Kind DURATION = new Kind("duration", 0, 0);
        static final Kind BOOLEAN = new Kind("boolean", 0, 0);

        static Kind count(int min, int max) {
            return new Kind("count", min, max);
        }
    }

    final String path;
    final Kind kind;
    final Object defaultValue;

    ConfigKey(String path, Kind kind, Object defaultValue) {
        this.path = path;
        this.kind = kind;
        this.defaultValue = defaultValue;
    }

    static Optional<ConfigKey> byPath(String path) {
        return Arrays.stream(values()).filter(k -> k.path.equals(path)).findFirst();
    }

    /** Whether {@code path} names a section (controlPlane, tenancy, deploy, hooks). */
    static boolean isSection(String path) {
        return Arrays.stream(values()).anyMatch(k -> k.path.startsWith(path + "."));
    }

    /** The key names allowed directly under {@code section} ("" for the top level). */
    static List<String> namesUnder(String section) {
        String prefix = section.isEmpty() ? "" : section + ".";
        return Arrays.stream(values()).map(k -> k.path).filter(p -> p.startsWith(prefix))
                .map(p -> p.substring(prefix.length()).split("\\.")[0]).distinct().toList();
    }

    /** The FLOTILLA_* variable that sets this key: {@code deploy.lockTimeout} is FLOTILLA_DEPLOY_LOCK_TIMEOUT. */
    String variable() {
        return "FLOTILLA_" + path.replaceAll("([a-z])([A-Z])", "$1_$2").replace('.', '_').toUpperCase(java.util.Locale.ROOT);
    }

    /** The variables of the settings, as {@link #variable} names them. */
    static List<String> variables() {
        return Arrays.stream(values()).filter(k -> k.kind != Kind.MAP && k.kind != Kind.ANY).map(ConfigKey::variable).toList();
    }

    /** The key a FLOTILLA_* variable names: path upper-cased with dots as '_', camel-case words optionally split. */
    static Optional<ConfigKey> byVariable(String variable) {
        String wanted = variable.substring("FLOTILLA_".length()).replace("_", "").toUpperCase();
        return Arrays.stream(values()).filter(k -> k.kind != Kind.MAP && k.kind != Kind.ANY)
                .filter(k -> k.path.replace(".", "").toUpperCase().equals(wanted)).findFirst();
    }
}
