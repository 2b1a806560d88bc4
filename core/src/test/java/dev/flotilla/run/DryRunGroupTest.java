package dev.flotilla.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.ErrorCode;
import dev.flotilla.migration.MigrationKind;
import dev.flotilla.plan.Problem;
import dev.flotilla.schema.SchemaDiff;
import dev.flotilla.schema.SchemaDiff.Action;
import dev.flotilla.schema.SchemaDiff.Change;
import dev.flotilla.schema.SchemaDiff.Kind;
import dev.flotilla.tenant.TenantId;
import java.util.List;
import org.junit.jupiter.api.Test;

class DryRunGroupTest {
    private static final SchemaDiff SERIALS = new SchemaDiff(List.of(
            new Change(Kind.TABLE, Action.ADDED, "serial_link_outbox", ""), new Change(Kind.TABLE, Action.ADDED, "token_spawn_log", ""),
            new Change(Kind.TABLE, Action.ADDED, "serial_quarantine", ""), new Change(Kind.INDEX, Action.ADDED, "uniq_ticket_seq", ""),
            new Change(Kind.INDEX, Action.ADDED, "idx_ticket_unspawned", ""), new Change(Kind.CONSTRAINT, Action.ADDED, "uniq_ticket_seq", "")));

    @Test
    void what_is_dropped_or_changed_is_counted_by_kind_as_what_is_added() {
        SchemaDiff rollback = new SchemaDiff(List.of(new Change(Kind.COLUMN, Action.REMOVED, "companies.vat", ""),
                new Change(Kind.INDEX, Action.REMOVED, "companies_name_uq", ""),
                new Change(Kind.INDEX, Action.REMOVED, "companies_code_idx", ""),
                new Change(Kind.POLICY, Action.REMOVED, "tenant_isolation", ""),
                new Change(Kind.ROW_SECURITY, Action.REMOVED, "companies", ""),
                new Change(Kind.VIEW, Action.CHANGED, "active_companies", "definition changed"),
                new Change(Kind.CONSTRAINT, Action.CHANGED, "companies_code_check", "definition changed")));

        assertThat(DryRunGroup.describe(rollback)).isEqualTo("1 constraint changed, 1 view changed, 1 column dropped,"
                + " 2 indexes dropped, 1 policy dropped, row-level security dropped on 1 table");
    }

    private static TenantDryRun success(String id) {
        RunReport run = new RunReport("dry-run", "db (schema t_" + id + ")", "postgresql", List.of(), List.of(), List.of(), 5);
        return new TenantDryRun(TenantId.of(id), "db (schema t_" + id + ")", "t_" + id, new DryRunReport(run, "transaction", SERIALS, List.of()),
                null, null);
    }

    private static TenantDryRun failure(String id, int connection) {
        return failure(id, "jdbc:mariadb://db/t_" + id, ": (conn=" + connection + ") Table 'serial_quarantine' already exists in t_" + id);
    }

    private static TenantDryRun failure(String id, String target, String error) {
        String message = "V2.sql failed at statement 3 on " + target + error;
        MigrationRun failed = new MigrationRun("2", "serials", "V2.sql", MigrationKind.VERSIONED, MigrationRun.Outcome.FAILED,
                false, List.of(), 1, 3, ErrorCode.SQL_ERROR, dev.flotilla.plan.Advice.plain(message));
        RunReport run = new RunReport("dry-run", target, "mariadb", List.of(failed), List.of(),
                List.of(new Problem(ErrorCode.SQL_ERROR, message, "2")), 5);
        return new TenantDryRun(TenantId.of(id), target, "t_" + id, new DryRunReport(run, "clone", null, List.of()), null, null);
    }

    /** A tenant whose scratch copy could not be made, with the same words as a failure: nothing was tried there. */
    private static TenantDryRun copyNotMade(String id, ErrorCode code) {
        String message = "Copying the structure of jdbc:mariadb://db/t_" + id + " into a scratch database for the dry run"
                + " failed: Access denied.";
        RunReport run = new RunReport("dry-run", "jdbc:mariadb://db/t_" + id, "mariadb", List.of(), List.of(),
                List.of(new Problem(code, message, null)), 5);
        return new TenantDryRun(TenantId.of(id), "jdbc:mariadb://db/t_" + id, "t_" + id,
                new DryRunReport(run, "clone", null, List.of()), null, null);
    }

    @Test
    void tenants_whose_copy_could_not_be_made_group_apart_as_not_tested_from_one_that_failed_with_the_same_words() {
        List<DryRunGroup> groups = DryRunGroup.of(List.of(copyNotMade("acme", ErrorCode.CLONE_FAILED),
                copyNotMade("beta", ErrorCode.CLONE_FAILED), copyNotMade("delta", ErrorCode.LOCK_TIMEOUT)));

        assertThat(groups).hasSize(2);
        assertThat(groups.get(0).tenants()).extracting(TenantId::value).containsExactly("acme", "beta");
        assertThat(groups.get(0).untested()).isTrue();
        assertThat(groups.get(0).label()).isEqualTo("not tested");
        assertThat(groups.get(0).status()).as("the tenants' own status").isEqualTo("error");
        assertThat(groups.get(0).outcome()).startsWith("not tested: Copying the structure of");
        assertThat(groups.get(1).label()).isEqualTo("error");
        assertThat(groups.get(1).outcome()).startsWith("error: Copying the structure of");
    }

    @Test
    void tenants_with_the_same_changes_and_the_same_error_group_together_largest_first() {
        List<DryRunGroup> groups = DryRunGroup.of(List.of(failure("acme", 11), success("beta"), success("gamma"),
                failure("delta", 42), success("omega")));

        assertThat(groups).hasSize(2);
        assertThat(groups.get(0).tenants()).extracting(TenantId::value).containsExactly("beta", "gamma", "omega");
        assertThat(groups.get(0).outcome()).isEqualTo("success, 3 tables created, 2 indexes added, 1 constraint added");
        assertThat(groups.get(1).tenants()).extracting(TenantId::value).containsExactly("acme", "delta");
        assertThat(groups.get(1).outcome()).isEqualTo("error: V2.sql failed at statement 3 on <target>: Table"
                + " 'serial_quarantine' already exists in t_<tenant>");
    }

    @Test
    void a_tenant_id_inside_a_file_name_or_another_identifier_stays_and_only_its_own_schema_and_the_id_alone_are_taken_out() {
        // Tenants "add" and "serials" in schemas t_add and t_serials, one migration failing the same way on each.
        java.util.function.Function<String, TenantDryRun> failing = id -> failure(id, "db (schema t_" + id + ")",
                ": V3__add_serials.sql: relation \"t_" + id + ".serials_add_idx\" already exists (tenant " + id + ")");

        List<DryRunGroup> groups = DryRunGroup.of(List.of(failing.apply("add"), failing.apply("serials"), failing.apply("beta")));

        assertThat(groups).singleElement().satisfies(group -> {
            assertThat(group.tenants()).extracting(TenantId::value).containsExactly("add", "serials", "beta");
            assertThat(group.outcome()).isEqualTo("error: V2.sql failed at statement 3 on <target>: V3__add_serials.sql:"
                    + " relation \"t_<tenant>.serials_add_idx\" already exists (tenant <tenant>)");
        });
    }

    @Test
    void short_ids_group_and_are_taken_out_only_where_each_tenants_error_has_its_own() {
        java.util.function.Function<String, TenantDryRun> failing = id -> failure(id, "db (schema t_" + id + ")",
                ": relation \"t_" + id + ".serials\" already exists in a schema of db (tenant " + id + ")");

        List<DryRunGroup> groups = DryRunGroup.of(List.of(failing.apply("a"), failing.apply("db"), failing.apply("t1")));

        assertThat(groups).singleElement().satisfies(group -> {
            assertThat(group.tenants()).extracting(TenantId::value).containsExactly("a", "db", "t1");
            assertThat(group.outcome()).isEqualTo("error: V2.sql failed at statement 3 on <target>: relation"
                    + " \"t_<tenant>.serials\" already exists in a schema of db (tenant <tenant>)");
        });
    }

    @Test
    void an_unreachable_tenant_is_an_error_group_of_its_own() {
        TenantDryRun unreachable = new TenantDryRun(TenantId.of("zeta"), "db", "zeta", null, ErrorCode.CONNECTION_FAILED,
                dev.flotilla.plan.Advice.plain("Connection refused"));

        List<DryRunGroup> groups = DryRunGroup.of(List.of(success("beta"), unreachable));

        assertThat(groups).extracting(DryRunGroup::status).containsExactly("success", "error");
        assertThat(groups.get(1).outcome()).isEqualTo("error: Connection refused");
    }

    @Test
    void a_refused_tenant_alone_in_its_group_is_named_in_its_command_so_that_it_runs_as_printed() {
        java.util.function.Function<String, TenantDryRun> refused = id -> new TenantDryRun(TenantId.of(id),
                "db (schema t_" + id + ")", "t_" + id, null, ErrorCode.AUTHENTICATION_FAILED, dev.flotilla.plan.Advice.plain(
                "Authentication failed for user 'app' on db (schema t_" + id + "). The tenant logs in with a login of its own:"
                        + " change the login with `flotilla tenants set-credentials " + id + " --user USER --password-env VAR`."));

        DryRunGroup alone = DryRunGroup.of(List.of(refused.apply("acme"))).get(0);
        DryRunGroup two = DryRunGroup.of(List.of(refused.apply("acme"), refused.apply("globex"))).get(0);

        assertThat(alone.outcome()).contains("`flotilla tenants set-credentials acme --user USER --password-env VAR`")
                .doesNotContain("<tenant>");
        assertThat(two.tenants()).as("the ids listed beside the shared text").extracting(TenantId::value)
                .containsExactly("acme", "globex");
        assertThat(two.outcome()).contains("set-credentials <tenant> --user");
    }

    @Test
    void a_tenant_that_could_not_be_dry_run_is_told_its_remedies_for_itself_and_not_a_command_its_text_names() {
        TenantDryRun refused = new TenantDryRun(TenantId.of("m07"), "db", "t_m07", null, ErrorCode.REPAIR_REFUSED,
                dev.flotilla.plan.Advice.of("`flotilla verify` cannot examine row-counts again: run ",
                        dev.flotilla.plan.Remedy.of("repair"), " first."));

        assertThat(refused.error()).isEqualTo("`flotilla verify` cannot examine row-counts again: run `flotilla repair` first.");
        assertThat(refused.firstError()).isEqualTo("`flotilla verify` cannot examine row-counts again: run"
                + " `flotilla repair --tenants m07` first.");
    }

    private static TenantDryRun failureNoticed(String id) {
        String target = "db (schema t_" + id + ")";
        String message = "V1.sql failed at statement 1 on " + target + ": relation \"serials\" already exists";
        RunReport run = new RunReport("dry-run", target, "postgresql", List.of(), List.of(TablesWithoutHistory.whenMigrating(
                target, 2, "tenant_migrations")), List.of(new Problem(ErrorCode.SQL_ERROR, message, "1")), 5);
        return new TenantDryRun(TenantId.of(id), target, "t_" + id, new DryRunReport(run, "transaction", null, List.of()), null,
                null);
    }

    @Test
    void a_groups_notice_gives_its_commands_for_the_groups_tenants_and_for_a_large_group_says_how_many_more() {
        List<DryRunGroup> two = DryRunGroup.of(List.of(failureNoticed("acme"), failureNoticed("delta")));
        List<DryRunGroup> seven = DryRunGroup.of(java.util.stream.IntStream.rangeClosed(1, 7)
                .mapToObj(i -> failureNoticed("t0" + i)).toList());

        assertThat(two).singleElement().extracting(DryRunGroup::outcome).asString().isEqualTo("error: V1.sql failed at"
                + " statement 1 on <target>: relation \"serials\" already exists (notice: <target> has 2 table(s) but no"
                + " history table tenant_migrations yet: migrating from the first pending migration. If the schema already"
                + " has some migrations, record them first with `flotilla baseline --tenants acme,delta --version V`, or take"
                + " over the history another tool kept with `flotilla adopt --tenants acme,delta --from laravel|table:NAME`.)");
        assertThat(seven).singleElement().extracting(DryRunGroup::outcome).asString()
                .contains("`flotilla baseline --tenants t01,t02,t03,t04,t05 --version V` (and the same for 2 other tenant(s))");
    }

    @Test
    void a_group_that_would_succeed_says_its_notice_too_which_is_what_makes_it_a_warning() {
        List<DryRunGroup> groups = DryRunGroup.of(List.of(successNoticed("acme"), successNoticed("delta")));

        assertThat(groups).singleElement().satisfies(group -> {
            assertThat(group.status()).isEqualTo("warning");
            assertThat(group.outcome()).isEqualTo("warning, 3 tables created, 2 indexes added, 1 constraint added (notice:"
                    + " <target> has 2 table(s) but no history table tenant_migrations yet: migrating from the first pending"
                    + " migration. If the schema already has some migrations, record them first with `flotilla baseline"
                    + " --tenants acme,delta --version V`, or take over the history another tool kept with `flotilla adopt"
                    + " --tenants acme,delta --from laravel|table:NAME`.)");
        });
    }

    @Test
    void a_notice_shared_by_groups_is_said_once_for_all_their_tenants_and_each_groups_summary_leaves_it_out() {
        List<TenantDryRun> results = List.of(failureNoticed("acme"), successNoticed("delta"), success("beta"));

        List<DryRunGroup> groups = DryRunGroup.of(results);
        List<DryRunGroup.Notice> notices = DryRunGroup.notices(results);

        assertThat(notices).singleElement().satisfies(notice -> {
            assertThat(notice.tenants()).extracting(TenantId::value).containsExactly("acme", "delta");
            assertThat(notice.text()).isEqualTo("<target> has 2 table(s) but no history table tenant_migrations yet: migrating"
                    + " from the first pending migration. If the schema already has some migrations, record them first with"
                    + " `flotilla baseline --tenants acme,delta --version V`, or take over the history another tool kept with"
                    + " `flotilla adopt --tenants acme,delta --from laravel|table:NAME`.");
        });
        assertThat(groups).extracting(DryRunGroup::summary).containsExactly("error: V1.sql failed at statement 1 on <target>:"
                + " relation \"serials\" already exists", "warning, 3 tables created, 2 indexes added, 1 constraint added",
                "success, 3 tables created, 2 indexes added, 1 constraint added");
        assertThat(groups).extracting(g -> !g.notice().isEmpty()).containsExactly(true, true, false);
        assertThat(groups.get(1).outcome()).as("the command line's words, unchanged").isEqualTo(groups.get(1).summary()
                + " (notice: " + groups.get(1).notice() + ")");
    }

    private static TenantDryRun successNoticed(String id) {
        String target = "db (schema t_" + id + ")";
        RunReport run = new RunReport("dry-run", target, "postgresql", List.of(), List.of(TablesWithoutHistory.whenMigrating(
                target, 2, "tenant_migrations")), List.of(), 5);
        return new TenantDryRun(TenantId.of(id), target, "t_" + id, new DryRunReport(run, "transaction", SERIALS, List.of()), null,
                null);
    }
}
