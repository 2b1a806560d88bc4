package dev.flotilla.cli.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flotilla.ErrorCode;
import dev.flotilla.FlotillaException;
import dev.flotilla.tenant.TenancyModel;
import dev.flotilla.verify.VerifyOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
    @TempDir
    Path temp;

    private Path write(String yaml) throws Exception {
        Path file = temp.resolve("flotilla.yml");
        Files.writeString(file, yaml);
        return file;
    }

    private static FlotillaException rejected(Path file, Map<String, String> env) {
        try {
            ConfigLoader.load(file, true, env);
        } catch (FlotillaException e) {
            assertThat(e.code()).isEqualTo(ErrorCode.BAD_CONFIG);
            return e;
        }
        throw new AssertionError("the configuration was accepted");
    }

    @Test
    void without_a_file_every_key_has_its_default() {
        FlotillaConfig config = ConfigLoader.load(temp.resolve("absent.yml"), false, Map.of());

        assertThat(config.source()).isNull();
        assertThat(config.migrations()).isEqualTo(Path.of("db/tenant_migrations"));
        assertThat(config.historyTable()).isEqualTo("tenant_migrations");
        assertThat(config.tenancy().model()).isEqualTo("schema-per-tenant");
        assertThat(config.controlPlane().url()).isNull();
        assertThat(config.deploy()).isEqualTo(new FlotillaConfig.DeployConfig(8, 4, Duration.ofSeconds(5),
                Duration.ofSeconds(30), Duration.ofMinutes(10), 2, Duration.ofMillis(500), true, Duration.ofSeconds(10), false));
        assertThat(config.hooks()).isEqualTo(new FlotillaConfig.HooksConfig(null, null, null, null));
        assertThat(config).isEqualTo(FlotillaConfig.defaults());
    }

    @Test
    void a_named_file_that_does_not_exist_is_an_error() {
        assertThatThrownBy(() -> ConfigLoader.load(temp.resolve("absent.yml"), true, Map.of()))
                .hasMessageContaining("absent.yml does not exist").hasMessageContaining("flotilla init");
    }

    @Test
    void a_full_file_is_read_back_key_by_key_with_paths_relative_to_it() throws Exception {
        Path file = write("""
                migrations: sql/tenants
                historyTable: schema_history
                placeholders: { app_role: app, limit: 10 }
                controlPlane: { url: "jdbc:postgresql://db/flotilla", user: fl, passwordEnv: CP_PASSWORD, networkTimeout: 20s }
                tenancy:
                  model: database-per-tenant
                  urlTemplate: jdbc:mariadb://127.0.0.1:3306/bgerp_t_{tenant}
                  user: root
                  passwordFile: secrets/db.txt
                deploy: { concurrency: 16, perServer: 2, lockTimeout: 2s, lockWait: PT1M, statementTimeout: 1h,
                          retries: 0, retryBackoff: 100ms, backup: false, connectTimeout: 3s, requireTested: true }
                hooks: { beforeTenant: "echo on", afterTenant: "http://app/off" }
                """);

        FlotillaConfig config = ConfigLoader.load(file, true, Map.of());

        assertThat(config.migrations()).isEqualTo(temp.resolve("sql/tenants").toAbsolutePath().normalize());
        assertThat(config.historyTable()).isEqualTo("schema_history");
        assertThat(config.placeholders()).containsExactlyInAnyOrderEntriesOf(Map.of("app_role", "app", "limit", "10"));
        assertThat(config.controlPlane()).isEqualTo(new FlotillaConfig.ControlPlaneConfig("jdbc:postgresql://db/flotilla",
                "fl", "CP_PASSWORD", null, Duration.ofSeconds(5), Duration.ofSeconds(20)));
        assertThat(config.tenancy()).isEqualTo(new FlotillaConfig.TenancyConfig("database-per-tenant", null,
                "jdbc:mariadb://127.0.0.1:3306/bgerp_t_{tenant}", null, "root", null, "secrets/db.txt", "tenant_id"));
        assertThat(config.deploy()).isEqualTo(new FlotillaConfig.DeployConfig(16, 2, Duration.ofSeconds(2),
                Duration.ofMinutes(1), Duration.ofHours(1), 0, Duration.ofMillis(100), false, Duration.ofSeconds(3), true));
        assertThat(config.hooks().beforeTenant()).isEqualTo("echo on");
        assertThat(config.hooks().afterTenant()).isEqualTo("http://app/off");
        assertThat(config.warnings()).isEmpty();
    }

    @Test
    void every_problem_is_reported_at_once_with_its_key_and_a_suggestion() throws Exception {
        Path file = write("""
                deploy:
                  perServr: 2
                  concurrency: many
                  lockTimeout: 5
                  retries: [1, 2]
                tenancy:
                  model: one-big-table
                migration: sql
                """);

        FlotillaException e = rejected(file, Map.of());

        assertThat(e.getMessage()).contains("6 problem(s)", "Unknown tenancy model 'one-big-table'", "unknown key deploy.perServr (did you mean perServer?)",
                "deploy.concurrency must be a whole number between 1 and 256, was 'many'", "deploy.lockTimeout needs a unit",
                "deploy.retries must be a single value, not a list", "unknown key migration (did you mean migrations?)")
                .contains(file.toString());
    }

    @Test
    void each_problem_with_a_key_of_the_file_names_the_line_it_is_on() throws Exception {
        Path file = write("""
                migrations: db
                deploy:
                  perServr: 2
                  concurrency: many
                tenancy: { model: database-per-tenant, urlTemplate: "jdbc:postgresql://${DB_HOST}/t_{tenant}" }
                """);

        FlotillaException e = rejected(file, Map.of("FLOTILLA_DEPLOY_LOCK_TIMEOUT", "5"));

        assertThat(e.getMessage()).contains(file + ":3: unknown key deploy.perServr", file + ":4: deploy.concurrency must be",
                file + ":5: tenancy.urlTemplate has ${DB_HOST}", "\n  FLOTILLA_DEPLOY_LOCK_TIMEOUT: deploy.lockTimeout ");
    }

    @Test
    void a_yaml_syntax_error_names_the_line() throws Exception {
        Path file = write("migrations: a\ndeploy:\n  concurrency: [1\n");

        assertThat(rejected(file, Map.of()).getMessage()).contains("not valid YAML at line");
    }

    @Test
    void a_password_in_the_file_is_refused_without_repeating_it() throws Exception {
        Path file = write("tenancy:\n  user: root\n  password: hunter2-very-secret\n");

        FlotillaException e = rejected(file, Map.of());

        assertThat(e.getMessage()).contains("tenancy.password", "tenancy.passwordEnv").doesNotContain("hunter2");
    }

    @Test
    void a_password_inside_a_url_of_the_file_or_environment_is_refused_naming_the_key_without_repeating_it() throws Exception {
        Path file = write("""
                controlPlane: { url: "jdbc:postgresql://fl:hunter2-cp@db/flotilla" }
                tenancy:
                  model: database-per-tenant
                  urlTemplate: "jdbc:mariadb://db1:3306/x_{tenant}?user=app&password=hunter2-tenant"
                """);

        FlotillaException e = rejected(file, Map.of("FLOTILLA_TENANCY_URL", "jdbc:postgresql://db/app?password=hunter2-env"));

        assertThat(e.getMessage()).contains("3 problem(s)", "tenancy.urlTemplate carries a password",
                "controlPlane.url carries a password", "FLOTILLA_TENANCY_URL: tenancy.url carries a password",
                "tenancy.passwordEnv", "controlPlane.passwordFile").doesNotContain("hunter2");
    }

    @Test
    void password_by_variable_and_by_file_at_once_is_refused() throws Exception {
        Path file = write("tenancy: { passwordEnv: A, passwordFile: b.txt }\n");

        assertThat(rejected(file, Map.of()).getMessage()).contains("passwordEnv or passwordFile, not both");
    }

    @Test
    void environment_variables_override_the_file_in_either_spelling() throws Exception {
        Path file = write("deploy: { concurrency: 3, perServer: 3 }\nhistoryTable: from_file\n");

        FlotillaConfig config = ConfigLoader.load(file, true, Map.of("FLOTILLA_DEPLOY_CONCURRENCY", "12",
                "FLOTILLA_DEPLOY_PER_SERVER", "6", "FLOTILLA_HISTORYTABLE", "from_env", "FLOTILLA_TENANT", "t1",
                "FLOTILLA_TENANCY_PASSWORD", "nope", "FLOTILLA_DEPLOY_REQUIRE_TESTED", "true"));

        assertThat(config.deploy().concurrency()).isEqualTo(12);
        assertThat(config.deploy().requireTested()).isTrue();
        assertThat(config.deploy().perServer()).isEqualTo(6);
        assertThat(config.historyTable()).isEqualTo("from_env");
        assertThat(config.warnings()).singleElement().asString().contains("FLOTILLA_TENANCY_PASSWORD is ignored")
                .doesNotContain("nope");
    }

    @Test
    void a_password_variable_that_passwordenv_names_is_read_without_a_warning_and_another_is_still_said_to_be_ignored()
            throws Exception {
        Path file = write("""
                controlPlane: { url: "jdbc:postgresql://db/flotilla", passwordEnv: FLOTILLA_CONTROL_PASSWORD }
                """);

        FlotillaConfig config = ConfigLoader.load(file, true, Map.of("FLOTILLA_CONTROL_PASSWORD", "x",
                "FLOTILLA_TENANT_DB_PASSWORD", "y", "FLOTILLA_TENANCY_PASSWORD_ENV", "FLOTILLA_TENANT_DB_PASSWORD",
                "FLOTILLA_OTHER_PASSWORD", "z"));

        assertThat(config.controlPlane().passwordEnv()).isEqualTo("FLOTILLA_CONTROL_PASSWORD");
        assertThat(config.warnings()).singleElement().asString().startsWith("FLOTILLA_OTHER_PASSWORD is ignored");
    }

    @Test
    void an_environment_variable_reference_in_a_setting_is_refused_since_the_file_does_not_expand_it() throws Exception {
        Path file = write("""
                migrations: ${MIGRATIONS_DIR}/tenants
                tenancy:
                  model: database-per-tenant
                  urlTemplate: "jdbc:postgresql://${DB_HOST}:5432/app_{tenant}"
                  user: ${DB_USER}
                  schemaTemplate: "t_${tenant}"
                hooks: { beforeTenant: "echo ${tenant}" }
                """);

        FlotillaException e = rejected(file, Map.of("FLOTILLA_BACKUP_DIR", "${BACKUPS}"));

        assertThat(e.getMessage()).contains("5 problem(s)",
                file + ":4: tenancy.urlTemplate has ${DB_HOST}, but flotilla.yml does not expand environment variables",
                "set the whole setting in the environment as FLOTILLA_TENANCY_URL_TEMPLATE",
                file + ":1: migrations has ${MIGRATIONS_DIR}", file + ":5: tenancy.user has ${DB_USER}",
                file + ":6: tenancy.schemaTemplate has ${tenant}", "write {tenant}, without $",
                "FLOTILLA_BACKUP_DIR: backup.dir has ${BACKUPS}").doesNotContain("hooks.beforeTenant");
    }

    @Test
    void a_tenancy_key_the_chosen_model_does_not_read_is_warned_about_not_silently_ignored() throws Exception {
        Path perDatabase = write("""
                tenancy:
                  model: database-per-tenant
                  url: jdbc:postgresql://127.0.0.1:5432/app
                  schemaTemplate: "app"
                  urlTemplate: "jdbc:postgresql://127.0.0.1:5432/t_{tenant}"
                """);
        Path perSchema = Files.writeString(temp.resolve("schemas.yml"), """
                tenancy:
                  url: jdbc:postgresql://127.0.0.1:5432/app
                  urlTemplate: "jdbc:postgresql://127.0.0.1:5432/t_{tenant}"
                """);

        FlotillaConfig databases = ConfigLoader.load(perDatabase, true, Map.of());
        FlotillaConfig schemas = ConfigLoader.load(perSchema, true, Map.of());

        assertThat(databases.warnings()).containsExactly(
                perDatabase + ": tenancy.url is not used by database-per-tenant tenancy (each tenant's database is the one"
                        + " tenancy.urlTemplate names): remove it.",
                perDatabase + ": tenancy.schemaTemplate is not used by database-per-tenant tenancy (each tenant's database"
                        + " is migrated in its default schema): remove it.");
        assertThat(schemas.warnings()).containsExactly(perSchema + ": tenancy.urlTemplate is not used by schema-per-tenant"
                + " tenancy (its tenants are schemas on the server tenancy.url names): remove it, or set tenancy.model:"
                + " database-per-tenant.");
    }

    @Test
    void a_mariadb_control_plane_url_is_reported_with_the_other_problems_of_the_file_in_the_same_format() throws Exception {
        Path file = write("""
                controlPlane: { url: "jdbc:mariadb://127.0.0.1:3306/flotilla" }
                tenancy: { model: database-per-tenant, urlTemplate: "jdbc:mariadb://127.0.0.1:3306/t_{tenant}?password=s3cret" }
                deploy: { concurency: 3 }
                """);

        FlotillaException e = rejected(file, Map.of());

        assertThat(e.getMessage()).contains("3 problem(s)", "unknown key deploy.concurency",
                "tenancy.urlTemplate carries a password", file + ":1: controlPlane.url 'jdbc:mariadb://127.0.0.1:3306/flotilla'"
                        + " is not a database the control plane can live in").doesNotContain("s3cret");
    }

    @Test
    void a_misspelled_setting_variable_is_named_with_the_one_it_likely_meant_and_the_launchers_own_are_left_alone()
            throws Exception {
        Path file = write("deploy: { concurrency: 3 }\n");

        FlotillaConfig config = ConfigLoader.load(file, true, Map.of("FLOTILLA_DEPLOY_CONCURENCY", "12",
                "FLOTILLA_JAVA_OPTS", "-Xmx1g", "FLOTILLA_TEST_POSTGRES_URL", "jdbc:postgresql://x/y", "FLOTILLA_EVENT", "deploy"));

        assertThat(config.deploy().concurrency()).isEqualTo(3);
        assertThat(config.warnings()).singleElement().asString()
                .contains("FLOTILLA_DEPLOY_CONCURENCY names no setting", "did you mean FLOTILLA_DEPLOY_CONCURRENCY?");
    }

    @Test
    void a_bad_environment_value_names_the_variable() {
        FlotillaException e = rejected(temp.resolve("none.yml"), Map.of());
        assertThat(e.getMessage()).contains("does not exist");

        assertThatThrownBy(() -> ConfigLoader.load(temp.resolve("none.yml"), false, Map.of("FLOTILLA_DEPLOY_CONCURRENCY", "0")))
                .hasMessageContaining("FLOTILLA_DEPLOY_CONCURRENCY: deploy.concurrency must be a whole number between 1 and 256");
    }

    @Test
    void a_malformed_hook_url_is_bad_config_naming_the_key_with_its_token_masked() throws Exception {
        String message = rejected(write("hooks:\n  beforeTenant: \"http://127.0.0.1:1/x y?token=T0kenXyz\"\n"), Map.of())
                .getMessage();

        assertThat(message).contains("hooks.beforeTenant is not a valid URL", "token=****").doesNotContain("T0kenXyz");
    }

    @Test
    void a_connect_timeout_of_zero_is_bad_config_in_the_file_and_the_environment() throws Exception {
        assertThat(rejected(write("deploy:\n  connectTimeout: 0s\n"), Map.of()).getMessage())
                .contains("deploy.connectTimeout must be above zero");
        assertThatThrownBy(() -> ConfigLoader.load(temp.resolve("none.yml"), false, Map.of("FLOTILLA_DEPLOY_CONNECT_TIMEOUT", "0s")))
                .hasMessageContaining("FLOTILLA_DEPLOY_CONNECT_TIMEOUT: deploy.connectTimeout must be above zero");
    }

    @Test
    void the_checks_section_becomes_verify_options_with_the_folder_beside_the_file() throws Exception {
        Path file = write("""
                checks:
                  fk-rules: [ { references: companies, onDelete: cascade }, { references: users, onUpdate: RESTRICT } ]
                  tenant-column: { column: company_id, exclude: [companies, settings] }
                  index-usage: "SELECT * FROM serials WHERE company_id = 1"
                  disabled: [ row-counts ]
                  folder: checks
                  timeout: 30s
                """);

        dev.flotilla.verify.VerifyOptions checks = ConfigLoader.load(file, true, Map.of()).checks();

        assertThat(checks.fkRules()).containsExactly(new dev.flotilla.verify.VerifyOptions.FkRule("companies", "CASCADE", null),
                new dev.flotilla.verify.VerifyOptions.FkRule("users", null, "RESTRICT"));
        assertThat(checks.tenantColumn().column()).isEqualTo("company_id");
        assertThat(checks.tenantColumn().exclude()).containsExactlyInAnyOrder("companies", "settings");
        assertThat(checks.indexQueries()).containsExactly(new VerifyOptions.IndexQuery("SELECT * FROM serials WHERE company_id = 1", null));
        assertThat(checks.enabled("row-counts")).isFalse();
        assertThat(checks.folder()).isEqualTo(temp.resolve("checks"));
        assertThat(checks.timeout()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void checks_rls_becomes_the_rule_of_both_row_level_security_checks() throws Exception {
        Path file = write("""
                checks:
                  rls: { column: company_id, setting: acme.company, appRole: app, exclude: [settings] }
                """);

        VerifyOptions.RlsRule rls = ConfigLoader.load(file, true, Map.of()).checks().rls();

        assertThat(rls).isEqualTo(new VerifyOptions.RlsRule("company_id", "acme.company", "app", Set.of("settings")));
        assertThat(ConfigLoader.load(write("checks: { disabled: [] }\n"), true, Map.of()).checks().rls()).isNull();
    }

    @Test
    void an_empty_checks_rls_takes_the_tenant_column_of_the_tenancy_and_the_default_setting() throws Exception {
        Path file = write("""
                tenancy:
                  model: shared-schema
                  tenantColumn: company_id
                checks:
                  rls:
                """);

        VerifyOptions.RlsRule rls = ConfigLoader.load(file, true, Map.of()).checks().rls();

        assertThat(rls).isEqualTo(new VerifyOptions.RlsRule("company_id", "app.tenant_id", null, Set.of()));
    }

    @Test
    void bad_checks_rls_values_are_reported_with_the_key() throws Exception {
        assertThat(rejected(write("checks:\n  rls: { setting: tenant }\n"), Map.of()).getMessage())
                .contains("checks.rls setting must be prefix.name", "'tenant'");
        assertThat(rejected(write("checks:\n  rls: { role: app }\n"), Map.of()).getMessage())
                .contains("unknown key checks.rls.role", "column, setting, appRole, exclude");
        assertThat(rejected(write("checks:\n  rls: [ app ]\n"), Map.of()).getMessage())
                .contains("checks.rls must be a mapping like");
    }

    /** Seed 001's §7.2 queries read tables its phase-2 migration creates: each says from which migration it applies. */
    @Test
    void index_usage_takes_plain_queries_and_queries_with_the_migration_they_apply_from() throws Exception {
        VerifyOptions checks = ConfigLoader.load(write("""
                checks:
                  index-usage:
                    - "SELECT * FROM companies WHERE id = 1"
                    - { sql: "SELECT * FROM notification_configurations WHERE company_id = 1", since: 2025_12_01_060100 }
                    - { sql: "SELECT * FROM serials WHERE company_id = 1", since: 2025.10 }
                """), true, Map.of()).checks();

        assertThat(checks.indexQueries()).containsExactly(new VerifyOptions.IndexQuery("SELECT * FROM companies WHERE id = 1", null),
                new VerifyOptions.IndexQuery("SELECT * FROM notification_configurations WHERE company_id = 1",
                        new dev.flotilla.verify.Since("2025_12_01_060100")),
                new VerifyOptions.IndexQuery("SELECT * FROM serials WHERE company_id = 1", new dev.flotilla.verify.Since("2025.10")));
        assertThat(checks.indexQueries().get(1).since().text()).as("unquoted, YAML would read 20251201060100")
                .isEqualTo("2025_12_01_060100");
        assertThat(checks.indexQueries().get(2).since().text()).as("unquoted, YAML would read 2025.1").isEqualTo("2025.10");
    }

    @Test
    void bad_index_usage_entries_are_reported_with_their_position_and_the_likely_key() throws Exception {
        assertThat(rejected(write("checks:\n  index-usage: [ \"SELECT 1\", { sql: \"SELECT 2\", sice: 2025.12 } ]\n"), Map.of())
                .getMessage()).contains("unknown key checks.index-usage[1].sice (did you mean since?)", "allowed under"
                + " checks.index-usage[1]: sql, since");
        assertThat(rejected(write("checks:\n  index-usage: [ { sql: \"SELECT 2\", since: next-week } ]\n"), Map.of())
                .getMessage()).contains("checks.index-usage[0].since must be the version of the migration", "'next-week'");
        assertThat(rejected(write("checks:\n  index-usage: [ { since: 2025.12 } ]\n"), Map.of()).getMessage())
                .contains("checks.index-usage[0] needs sql: the query");
        assertThat(rejected(write("checks:\n  index-usage: [ [ a ] ]\n"), Map.of()).getMessage())
                .contains("checks.index-usage[0] must be a query or { sql:");
    }

    /** Seed 001 §2.3: ON DELETE and ON UPDATE CASCADE on the six new tables, not on the base tables' RESTRICT. */
    @Test
    void fk_rules_take_the_tables_they_cover_or_leave_out_and_the_migration_they_apply_from() throws Exception {
        VerifyOptions checks = ConfigLoader.load(write("""
                checks:
                  fk-rules:
                    - { references: companies, onDelete: CASCADE, onUpdate: CASCADE, tables: [a, b], since: 2025.12.01.060100 }
                    - { references: users, onDelete: CASCADE, exclude: [audit] }
                """), true, Map.of()).checks();

        assertThat(checks.fkRules()).containsExactly(new VerifyOptions.FkRule("companies", "CASCADE", "CASCADE", Set.of("a", "b"),
                Set.of(), new dev.flotilla.verify.Since("2025.12.01.060100")),
                new VerifyOptions.FkRule("users", "CASCADE", null, Set.of(), Set.of("audit"), null));
    }

    @Test
    void bad_fk_rules_are_reported_with_the_key() throws Exception {
        assertThat(rejected(write("checks:\n  fk-rules: { references: companies, table: [a] }\n"), Map.of()).getMessage())
                .contains("unknown key checks.fk-rules.table (did you mean tables?)");
        assertThat(rejected(write("checks:\n  fk-rules: { references: companies, tables: [a], exclude: [b] }\n"), Map.of())
                .getMessage()).contains("checks.fk-rules for companies has both tables and exclude");
        assertThat(rejected(write("checks:\n  fk-rules: [ { references: a }, { references: b, exclud: [c] } ]\n"), Map.of())
                .getMessage()).contains("unknown key checks.fk-rules[1].exclud (did you mean exclude?)");
        assertThat(rejected(write("checks:\n  fk-rules: [ { references: a }, { references: b, since: v2 } ]\n"), Map.of())
                .getMessage()).contains("checks.fk-rules[1].since must be the version", "'v2'");
    }

    @Test
    void the_starter_files_tenant_column_example_for_a_schema_per_tenant_fleet_leaves_the_shared_schema_key_rule_out()
            throws Exception {
        String uncommented = InitTemplate.text().replace("  # tenant-column:", "  tenant-column:").replace("  passwordEnv: TENANT_DB_PASSWORD\n", "");

        VerifyOptions.TenantColumnRule rule = ConfigLoader.load(write(uncommented), true, Map.of()).checks().tenantColumn();

        // Seed 001's company_id in each tenant's own schema: keys reference companies.id alone, as they should.
        assertThat(uncommented).contains("model: schema-per-tenant");
        assertThat(rule.column()).isEqualTo("company_id");
        assertThat(rule.foreignKeys()).isFalse();
    }

    @Test
    void tenant_column_foreign_keys_can_be_switched_off_and_take_only_true_or_false() throws Exception {
        VerifyOptions.TenantColumnRule off = ConfigLoader.load(write(
                "checks:\n  tenant-column: { column: company_id, foreignKeys: false }\n"), true, Map.of()).checks().tenantColumn();
        VerifyOptions.TenantColumnRule on = ConfigLoader.load(write(
                "checks:\n  tenant-column: { column: company_id }\n"), true, Map.of()).checks().tenantColumn();

        assertThat(off.foreignKeys()).isFalse();
        assertThat(on.foreignKeys()).isTrue();
        assertThat(rejected(write("checks:\n  tenant-column: { column: company_id, foreignKeys: no-thanks }\n"), Map.of())
                .getMessage()).contains("checks.tenant-column.foreignKeys must be true or false, was 'no-thanks'");
        assertThat(rejected(write("checks:\n  tenant-column: { column: company_id, foreignKey: false }\n"), Map.of())
                .getMessage()).contains("unknown key checks.tenant-column.foreignKey (did you mean foreignKeys?)");
    }

    @Test
    void checks_tenant_column_without_a_column_takes_the_tenancys() throws Exception {
        VerifyOptions.TenantColumnRule rule = ConfigLoader.load(write("""
                tenancy:
                  tenantColumn: company_id
                checks:
                  tenant-column: { exclude: [settings] }
                """), true, Map.of()).checks().tenantColumn();

        assertThat(rule.column()).isEqualTo("company_id");
        assertThat(rule.exclude()).containsExactly("settings");
        assertThat(ConfigLoader.load(write("checks: { tenant-column: { exclude: [settings] } }\n"), true, Map.of()).checks()
                .tenantColumn().column()).isEqualTo("tenant_id");
    }

    @Test
    void a_misspelt_key_inside_any_check_is_reported_with_the_likely_one_all_at_once() throws Exception {
        String message = rejected(write("""
                checks:
                  tenant-column: { column: tenant_id, exclud: [settings] }
                  fk-rules: { references: companies, ondelete: CASCADE }
                  rls: { colum: tenant_id, apRole: app }
                """), Map.of()).getMessage();

        assertThat(message).contains("unknown key checks.tenant-column.exclud (did you mean exclude?)",
                "unknown key checks.fk-rules.ondelete (did you mean onDelete?)",
                "unknown key checks.rls.colum (did you mean column?)", "unknown key checks.rls.apRole (did you mean appRole?)");
    }

    @Test
    void bad_checks_are_reported_with_the_key() throws Exception {
        Path file = write("""
                checks:
                  fk-rules: { references: companies, onDelete: EXPLODE }
                  disabled: [ row-count ]
                """);

        assertThat(rejected(file, Map.of()).getMessage()).contains("checks.fk-rules onDelete must be one of", "EXPLODE");
    }

    @Test
    void the_init_template_of_each_model_has_that_models_keys_only_and_loads_without_a_warning() throws Exception {
        FlotillaConfig perDatabase = ConfigLoader.load(write(InitTemplate.text(TenancyModel.DATABASE_PER_TENANT)), true, Map.of());
        FlotillaConfig shared = ConfigLoader.load(write(InitTemplate.text(TenancyModel.SHARED_SCHEMA)), true, Map.of());

        assertThat(perDatabase.tenancy().model()).isEqualTo("database-per-tenant");
        assertThat(perDatabase.tenancy().urlTemplate()).isEqualTo("jdbc:mariadb://127.0.0.1:3306/bgerp_t_{tenant}");
        assertThat(perDatabase.tenancy().url()).isNull();
        assertThat(perDatabase.warnings()).isEmpty();
        assertThat(shared.tenancy().model()).isEqualTo("shared-schema");
        assertThat(shared.tenancy().urlTemplate()).isNull();
        assertThat(shared.warnings()).isEmpty();
        assertThat(InitTemplate.text()).isEqualTo(InitTemplate.text(TenancyModel.SCHEMA_PER_TENANT))
                .contains("flotilla init --model database-per-tenant");
    }

    @Test
    void the_init_template_loads_and_keeps_the_defaults_it_documents() throws Exception {
        Path file = write(InitTemplate.text());

        FlotillaConfig config = ConfigLoader.load(file, true, Map.of());

        FlotillaConfig defaults = FlotillaConfig.defaults();
        assertThat(config.deploy()).isEqualTo(defaults.deploy());
        assertThat(config.historyTable()).isEqualTo(defaults.historyTable());
        assertThat(config.hooks()).isEqualTo(defaults.hooks());
        assertThat(config.controlPlane()).isEqualTo(defaults.controlPlane());
        assertThat(config.tenancy()).isEqualTo(new FlotillaConfig.TenancyConfig("schema-per-tenant",
                "jdbc:postgresql://127.0.0.1:5432/app", null, "{tenant}", "postgres", "TENANT_DB_PASSWORD", null, "tenant_id"));
        assertThat(config.warnings()).isEmpty();
    }

    @Test
    void dry_run_and_lint_settings_come_from_the_file_and_variables() throws Exception {
        Path file = write("""
                dryRun: { mode: clone, sampleRows: 10, lockTimeout: 500ms }
                lint: { disabled: [drop-table], largeTableRows: 5000 }
                """);

        FlotillaConfig config = ConfigLoader.load(file, true, Map.of("FLOTILLA_LINT_DISABLED", "drop-column, fk-without-index"));

        assertThat(config.dryRun()).isEqualTo(new FlotillaConfig.DryRunConfig("clone", 10, Duration.ofMillis(500)));
        assertThat(config.lint()).isEqualTo(new FlotillaConfig.LintConfig(java.util.List.of("drop-column", "fk-without-index"), 5000));
    }

    @Test
    void an_unknown_lint_rule_and_dry_run_mode_are_reported_together() throws Exception {
        Path file = write("""
                dryRun: { mode: sometimes }
                lint: { disabled: [drop-tabel] }
                """);

        assertThat(rejected(file, Map.of()).getMessage()).contains("dryRun.mode must be auto, transaction or clone",
                "unknown rule(s) [drop-tabel]", "drop-table");
    }

    @Test
    void lint_since_written_without_quotes_is_the_version_as_written_not_a_yaml_number() throws Exception {
        assertThat(ConfigLoader.load(write("lint: { since: 2024_05_01_120000 }\n"), true, Map.of()).lint().since())
                .as("YAML 1.1 would drop the underscores: 20240501120000").isEqualTo("2024_05_01_120000");
        assertThat(ConfigLoader.load(write("lint: { since: 035 }\n"), true, Map.of()).lint().since())
                .as("YAML 1.1 reads a leading zero as octal: 29").isEqualTo("035");
        assertThat(ConfigLoader.load(write("lint: { since: 2.10 }\n"), true, Map.of()).lint().since()).isEqualTo("2.10");
        assertThat(ConfigLoader.load(write("lint: { since: 41 }\n"), true, Map.of()).lint().since()).isEqualTo("41");
    }

    @Test
    void lint_since_is_a_version_from_the_file_or_its_variable_and_anything_else_is_refused() throws Exception {
        Path file = write("""
                lint: { since: "2024_05_01_120000" }
                """);

        assertThat(ConfigLoader.load(file, true, Map.of()).lint().since()).isEqualTo("2024_05_01_120000");
        assertThat(ConfigLoader.load(file, true, Map.of("FLOTILLA_LINT_SINCE", "41")).lint().since()).isEqualTo("41");
        assertThat(FlotillaConfig.defaults().lint().since()).isNull();
        assertThat(rejected(file, Map.of("FLOTILLA_LINT_SINCE", "v41")).getMessage())
                .contains("lint.since must be a migration version", "was 'v41'");
    }

    @Test
    void a_variable_setting_the_password_variable_replaces_the_files_password_file_and_the_other_way_round() throws Exception {
        Path file = write("""
                tenancy: { model: schema-per-tenant, url: "jdbc:postgresql://db/app", passwordFile: secrets/db.txt }
                controlPlane: { url: "jdbc:postgresql://db/flotilla", passwordEnv: CP_PASSWORD }
                """);

        FlotillaConfig config = ConfigLoader.load(file, true, Map.of("FLOTILLA_TENANCY_PASSWORD_ENV", "TENANT_PW",
                "FLOTILLA_CONTROL_PLANE_PASSWORD_FILE", "cp.txt"));

        assertThat(config.tenancy().passwordEnv()).isEqualTo("TENANT_PW");
        assertThat(config.tenancy().passwordFile()).isNull();
        assertThat(config.controlPlane().passwordFile()).isEqualTo("cp.txt");
        assertThat(config.controlPlane().passwordEnv()).isNull();
        assertThat(rejected(file, Map.of("FLOTILLA_TENANCY_PASSWORD_ENV", "A", "FLOTILLA_TENANCY_PASSWORD_FILE", "b.txt"))
                .getMessage()).as("both from one layer").contains("tenancy: give passwordEnv or passwordFile, not both");
    }

    @Test
    void a_bad_value_of_a_setting_a_flag_gives_is_not_read_and_not_a_problem() throws Exception {
        Path file = write("deploy: { perServer: 0 }\n");

        FlotillaConfig config = ConfigLoader.load(file, true, Map.of("FLOTILLA_DEPLOY_CONCURRENCY", "0"),
                Set.of("deploy.concurrency", "deploy.perServer"));

        assertThat(config.deploy().concurrency()).isEqualTo(8);
        assertThat(rejected(file, Map.of("FLOTILLA_DEPLOY_CONCURRENCY", "0")).getMessage()).as("without the flags")
                .contains("FLOTILLA_DEPLOY_CONCURRENCY: deploy.concurrency", "deploy.perServer");
    }
}
