package dev.flotilla.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.ErrorCode;
import dev.flotilla.tenant.TenantId;
import java.util.List;
import org.junit.jupiter.api.Test;

class DriftReportTest {
    /** The reason a schema made before its first migration gives, with the tenant's own names as the check writes them. */
    private static TenantDrift notRebuilt(String id, String scratch) {
        String target = "jdbc:postgresql://db:5432/app (schema " + id + ")";
        return new TenantDrift(TenantId.of(id), target, TenantDrift.Status.UNKNOWN, "f-" + id, null, null,
                "The expected schema of " + id + " could not be rebuilt: the files its history names fail on an empty scratch"
                        + " copy (" + scratch + ", dropped; the tenant itself was not touched). What the run said: V1.sql failed"
                        + " on jdbc:postgresql://db:5432/app (schema " + scratch + "): relation \"customers\" does not exist.",
                null);
    }

    @Test
    void tenants_that_could_not_be_checked_for_the_same_reason_are_one_group_without_their_own_names() {
        DriftReport report = DriftReport.of(List.of(
                notRebuilt("acme", "flotilla_dry_261206042808_5e0255_p11359_238dae3a"),
                notRebuilt("globex", "flotilla_dry_261206042808_25a4b1_p11359_238dae3a"),
                notRebuilt("initech", "flotilla_dry_261206042809_f7125a_p11359_238dae3a")), 0, 5);

        assertThat(report.groups()).singleElement().satisfies(group -> {
            assertThat(group.tenants()).extracting(TenantId::value).containsExactly("acme", "globex", "initech");
            assertThat(group.outcome()).isEqualTo("The expected schema of <tenant> could not be rebuilt: the files its history"
                    + " names fail on an empty scratch copy (<scratch>, dropped; the tenant itself was not touched). What the"
                    + " run said: V1.sql failed on jdbc:postgresql://db:5432/app (schema <scratch>): relation \"customers\""
                    + " does not exist.");
        });
        assertThat(report.tenants().get(1).outcome()).as("each tenant's own reason keeps its names")
                .contains("The expected schema of globex", "flotilla_dry_261206042808_25a4b1");
    }

    /** A user's own schema named with the scratch prefix is named in the group's reason, not hidden as a scratch. */
    @Test
    void a_users_schema_named_with_the_scratch_prefix_is_shown_in_the_groups_reason() {
        String users = "The expected schema of <id> could not be rebuilt: V2.sql failed: relation"
                + " flotilla_dry_archive.orders does not exist.";
        DriftReport report = DriftReport.of(List.of("acme", "globex").stream().map(id -> new TenantDrift(TenantId.of(id),
                "jdbc:postgresql://db:5432/app (schema " + id + ")", TenantDrift.Status.UNKNOWN, "f-" + id, null, null,
                users.replace("<id>", id), null)).toList(), 0, 5);

        assertThat(report.groups()).singleElement().extracting(DriftReport.Group::outcome).asString()
                .contains("relation flotilla_dry_archive.orders does not exist").doesNotContain("<scratch>");
    }

    @Test
    void a_scratch_sqlite_files_name_with_its_random_digits_is_one_scratch() {
        DriftReport report = DriftReport.of(List.of(
                notRebuilt("acme", "/tmp/flotilla_dry_261206042808_5e0255_p11359_238dae3a8812345.db"),
                notRebuilt("globex", "/tmp/flotilla_dry_261206042808_25a4b1_p11359_238dae3a123.db")), 0, 5);

        assertThat(report.groups()).singleElement().extracting(DriftReport.Group::outcome).asString()
                .contains("(/tmp/<scratch>.db, dropped;");
    }

    @Test
    void a_command_the_groups_reason_names_for_its_tenant_is_written_for_all_of_the_group_so_it_runs_as_printed() {
        List<TenantDrift> tenants = List.of("t1", "t2", "t3").stream().map(id -> new TenantDrift(TenantId.of(id),
                "jdbc:mariadb://db:3306/app_" + id, TenantDrift.Status.UNKNOWN, "f-" + id, null, null, "The expected schema of "
                + id + " could not be rebuilt. Check its schema and accept it as it is (flotilla drift --accept --tenants "
                + id + "): drift compares it with that from then on.", null)).toList();

        DriftReport report = DriftReport.of(tenants, 0, 5);

        assertThat(report.groups()).singleElement().extracting(DriftReport.Group::outcome).isEqualTo("The expected schema of"
                + " <tenant> could not be rebuilt. Check its schema and accept it as it is (flotilla drift --accept --tenants"
                + " t1,t2,t3): drift compares it with that from then on.");
    }

    @Test
    void unreachable_tenants_of_one_server_group_together_and_other_reasons_apart() {
        TenantDrift a = new TenantDrift(TenantId.of("acme"), "jdbc:postgresql://db:5432/app (schema acme)",
                TenantDrift.Status.UNREACHABLE, null, null, null, "Cannot connect to jdbc:postgresql://db:5432/app (schema acme):"
                + " Connection refused.", ErrorCode.CONNECTION_FAILED);
        TenantDrift b = new TenantDrift(TenantId.of("globex"), "jdbc:postgresql://db:5432/app (schema globex)",
                TenantDrift.Status.UNREACHABLE, null, null, null, "Cannot connect to jdbc:postgresql://db:5432/app (schema"
                + " globex): Connection refused.", ErrorCode.CONNECTION_FAILED);
        TenantDrift locked = new TenantDrift(TenantId.of("initech"), "jdbc:postgresql://db:5432/app (schema initech)",
                TenantDrift.Status.UNREACHABLE, null, null, null, "A table of initech is held by another session.",
                ErrorCode.LOCK_TIMEOUT);

        DriftReport report = DriftReport.of(List.of(a, b, locked), 0, 5);

        assertThat(report.groups()).extracting(g -> g.word() + " " + g.tenants().size() + ": " + g.outcome()).containsExactly(
                "unreachable 2: Cannot connect to <target>: Connection refused.",
                "locked 1: A table of initech is held by another session.");
    }

    private static TenantDrift locked(String id) {
        return new TenantDrift(TenantId.of(id), "jdbc:postgresql://db:5432/app (schema " + id + ")",
                TenantDrift.Status.UNREACHABLE, null, null, null, "A table of " + id + " is held by another session: a deploy"
                + " or a dump of db. Run flotilla drift --tenants " + id + " again once it is done.", ErrorCode.LOCK_TIMEOUT);
    }

    @Test
    void short_ids_are_taken_out_where_each_tenant_has_its_own_and_left_where_they_are_ordinary_words() {
        DriftReport report = DriftReport.of(List.of(locked("a"), locked("db"), locked("t1"), notRebuilt("b", "flotilla_dry_261206042808_5e0255_p11359_238dae3a")), 0, 5);

        assertThat(report.groups()).extracting(g -> g.word() + " " + g.tenants().size() + ": " + g.outcome()).containsExactly(
                "locked 3: A table of <tenant> is held by another session: a deploy or a dump of db. Run flotilla drift"
                        + " --tenants a,db,t1 again once it is done.",
                "unknown 1: " + notRebuilt("b", "<scratch>").reason().replace("jdbc:postgresql://db:5432/app (schema b)", "<target>"));
    }

    @Test
    void a_word_spelled_as_a_tenants_id_in_another_case_or_inside_another_word_stays() {
        java.util.function.Function<String, TenantDrift> refused = id -> new TenantDrift(TenantId.of(id),
                "jdbc:postgresql://db:5432/app (schema " + id + ")", TenantDrift.Status.UNREACHABLE, null, null, null,
                "Cannot connect to jdbc:postgresql://db:5432/app (schema " + id + "): password authentication failed for user"
                        + " \"WRONGPW\" (set in wrongpw-login).", ErrorCode.AUTHENTICATION_FAILED);

        DriftReport report = DriftReport.of(List.of(refused.apply("wrongpw"), refused.apply("acme")), 0, 5);

        assertThat(report.groups()).singleElement().satisfies(group -> {
            assertThat(group.tenants()).extracting(TenantId::value).containsExactly("wrongpw", "acme");
            assertThat(group.outcome()).isEqualTo("Cannot connect to <target>: password authentication failed for user"
                    + " \"WRONGPW\" (set in wrongpw-login).");
        });
    }

    @Test
    void a_group_of_one_names_its_tenant_so_its_command_runs_as_printed_and_a_larger_one_lists_its_tenants() {
        java.util.function.Function<String, TenantDrift> refused = id -> new TenantDrift(TenantId.of(id),
                "jdbc:postgresql://db:5432/app (schema t_" + id + ")", TenantDrift.Status.UNREACHABLE, null, null, null,
                "Authentication failed for user 'app'. The tenant logs in with a login of its own: change the login"
                        + " with `flotilla tenants set-credentials " + id + " --user USER --password-env VAR`.",
                ErrorCode.AUTHENTICATION_FAILED);

        DriftReport alone = DriftReport.of(List.of(refused.apply("acme")), 0, 5);
        DriftReport two = DriftReport.of(List.of(refused.apply("acme"), refused.apply("globex")), 0, 5);

        assertThat(alone.groups()).singleElement().extracting(DriftReport.Group::outcome).asString()
                .contains("`flotilla tenants set-credentials acme --user USER --password-env VAR`").doesNotContain("<tenant>");
        assertThat(two.groups()).singleElement().satisfies(group -> {
            assertThat(group.tenants()).extracting(TenantId::value).containsExactly("acme", "globex");
            assertThat(group.outcome()).contains("set-credentials <tenant> --user");
        });
    }

    @Test
    void the_audit_line_counts_the_tenants_that_could_not_be_checked_beside_those_that_drifted() {
        TenantDrift clean = new TenantDrift(TenantId.of("acme"), "jdbc:postgresql://db:5432/app (schema acme)",
                TenantDrift.Status.CLEAN, "f", null, null, null, null);
        TenantDrift down = new TenantDrift(TenantId.of("offline"), "jdbc:postgresql://db2:5432/app (schema offline)",
                TenantDrift.Status.UNREACHABLE, null, null, null, "Cannot connect to jdbc:postgresql://db2:5432/app.",
                ErrorCode.CONNECTION_FAILED);

        DriftReport report = DriftReport.of(List.of(clean, down, notRebuilt("globex", "flotilla_dry_1")), 0, 5);

        assertThat(report.summary()).as("0 drifted alone read as a clean fleet")
                .isEqualTo("3 tenant(s), 0 drifted, 1 clean, 1 unknown, 1 unreachable");
    }
}
