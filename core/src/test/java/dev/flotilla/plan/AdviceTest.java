package dev.flotilla.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flotilla.ErrorCode;
import dev.flotilla.tenant.TenantId;
import java.util.List;
import org.junit.jupiter.api.Test;

class AdviceTest {
    private static final TenantId M07 = TenantId.of("m07");

    @Test
    void a_remedy_is_written_as_it_is_for_one_target_and_with_its_tenant_for_the_fleet() {
        Remedy markApplied = Remedy.of("repair", "--mark-applied", "7");

        assertThat(markApplied).hasToString("`flotilla repair --mark-applied 7`");
        assertThat(markApplied.forTenant(M07)).hasToString("`flotilla repair --tenants m07 --mark-applied 7`");
        assertThat(Remedy.of("repair")).hasToString("`flotilla repair`");
        assertThat(Remedy.of("restore", "--deployment", "d1", "--tenants", "a,b", "--yes").forTenant(M07))
                .as("a command that selects already").hasToString("`flotilla restore --deployment d1 --tenants a,b --yes`");
    }

    @Test
    void a_command_taking_its_tenants_as_words_names_them_all_in_one_command_not_one_per_tenant() {
        List<TenantId> three = List.of("t01", "t02", "t03").stream().map(TenantId::of).toList();
        Remedy remove = Remedy.of("tenants remove");

        assertThat(remove.forTenant(M07)).hasToString("`flotilla tenants remove m07`");
        assertThat(Advice.of("remove them (", remove.forTenant(M07), ")").forTenants(three).text())
                .isEqualTo("remove them (`flotilla tenants remove t01 t02 t03`)");
        assertThat(remove.forTenants(three).commandLine()).isEqualTo("flotilla tenants remove t01 t02 t03");
    }

    @Test
    void a_messages_commands_are_given_as_they_run_every_tenant_named_and_none_read_from_its_text() {
        List<TenantId> six = List.of("a", "b", "c", "d", "e", "f").stream().map(TenantId::of).toList();
        Advice advice = Advice.of("The hook `flotilla verify` failed; then ", Remedy.of("deploy", "--resume", "d-12"), " or ",
                Remedy.of("repair", "--mark-applied", "7"), ".");

        assertThat(advice.commands()).containsExactly("flotilla deploy --resume d-12", "flotilla repair --mark-applied 7");
        assertThat(advice.forTenants(six).commands()).containsExactly("flotilla deploy --resume d-12",
                "flotilla repair --tenants a,b,c,d,e,f --mark-applied 7");
        assertThat(advice.forTenants(six).text()).as("the text names five").contains("`flotilla repair --tenants a,b,c,d,e"
                + " --mark-applied 7` (and the same for 1 other tenant(s))");
        assertThat(Advice.plain("run `flotilla repair`").commands()).as("text only").isEmpty();
    }

    @Test
    void a_message_appended_to_a_log_reads_as_its_text_and_one_naming_no_deployment_stays_the_same_value() {
        List<TenantId> six = List.of("a", "b", "c", "d", "e", "f").stream().map(TenantId::of).toList();
        Advice advice = Advice.of("Run ", Remedy.of("repair", "--mark-applied", "7"), " or ", Remedy.retryFailed(
                Remedy.THIS_DEPLOYMENT), ".").forTenants(six);
        Advice named = advice.inDeployment("d-9");

        assertThat(named.appendTo(new StringBuilder("notice: ")).toString()).isEqualTo("notice: " + named.text())
                .isEqualTo("notice: Run `flotilla repair --tenants a,b,c,d,e --mark-applied 7` (and the same for 1 other"
                        + " tenant(s)) or `flotilla deploy --retry-failed d-9`.");
        assertThat(named.inDeployment("d-10")).as("nothing left to name").isSameAs(named);
    }

    @Test
    void only_the_remedies_of_a_message_get_the_tenant_not_a_command_named_in_its_text() {
        Advice advice = Advice.of("`flotilla verify` cannot examine row-counts again: clear the failure with ",
                Remedy.of("verify", "--clear-unexamined"), ", then run repair again with ", Remedy.of("repair"), ".");

        assertThat(advice.text()).isEqualTo("`flotilla verify` cannot examine row-counts again: clear the failure with"
                + " `flotilla verify --clear-unexamined`, then run repair again with `flotilla repair`.");
        assertThat(advice.forTenant(M07).text()).isEqualTo("`flotilla verify` cannot examine row-counts again: clear the"
                + " failure with `flotilla verify --tenants m07 --clear-unexamined`, then run repair again with"
                + " `flotilla repair --tenants m07`.");
    }

    @Test
    void a_message_for_one_tenant_is_written_again_for_another_sharing_its_target_whatever_their_ids() {
        Advice forT1 = Advice.of("run ", Remedy.of("repair"), " or ", Remedy.of("repair", "--mark-applied", "2"))
                .forTenant(TenantId.of("t1"));

        assertThat(forT1.retarget(TenantId.of("t1"), TenantId.of("t10")).text())
                .isEqualTo("run `flotilla repair --tenants t10` or `flotilla repair --tenants t10 --mark-applied 2`");
        assertThat(forT1.retarget(TenantId.of("t2"), TenantId.of("t3"))).as("written for another tenant").isEqualTo(forT1);
    }

    @Test
    void a_message_whose_commands_are_text_is_read_as_text_for_a_tenant() {
        Problem recorded = new Problem(ErrorCode.FAILED_MIGRATION, "V2 failed. Error: x. Nothing more runs on this target"
                + " until you run `flotilla repair --rerun-from-start`.", "2");

        assertThat(recorded.forTenant(M07).message()).endsWith("run `flotilla repair --tenants m07 --rerun-from-start`.");
        assertThat(recorded.forTenant(M07).migration()).isEqualTo("2");
        assertThatThrownBy(() -> Advice.of("text", 7)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void a_notice_after_a_message_gets_the_tenant_in_its_commands_whether_the_message_has_remedies_or_text() {
        Advice notice = Advice.of(" Notice: record them first with ", Remedy.of("baseline", "--version", "V"), ".");
        Advice remedied = Advice.of("V2 failed: run ", Remedy.of("repair", "--mark-applied", "2"), ".");
        Advice recorded = Advice.plain("V2 failed: run `flotilla repair --rerun-from-start`.");

        assertThat(remedied.followedBy(notice).forTenant(M07).text()).isEqualTo("V2 failed: run `flotilla repair --tenants"
                + " m07 --mark-applied 2`. Notice: record them first with `flotilla baseline --tenants m07 --version V`.");
        assertThat(recorded.followedBy(notice).forTenant(M07).text()).isEqualTo("V2 failed: run `flotilla repair --tenants"
                + " m07 --rerun-from-start`. Notice: record them first with `flotilla baseline --tenants m07 --version V`.");
        assertThat(recorded.followedBy(notice).text()).as("for one target").isEqualTo("V2 failed: run `flotilla repair"
                + " --rerun-from-start`. Notice: record them first with `flotilla baseline --version V`.");
        assertThat(remedied.followedBy(Advice.of()).forTenant(M07)).isEqualTo(remedied.forTenant(M07));
    }

    @Test
    void a_remedy_for_tenants_sharing_a_target_or_a_group_names_them_all_up_to_five_and_says_how_many_more() {
        Remedy baseline = Remedy.of("baseline", "--version", "V");
        List<TenantId> seven = java.util.stream.IntStream.rangeClosed(1, 7).mapToObj(i -> TenantId.of("t" + i)).toList();

        assertThat(baseline.forTenants(seven.subList(0, 3))).hasToString("`flotilla baseline --tenants t1,t2,t3 --version V`");
        assertThat(baseline.forTenants(seven)).hasToString("`flotilla baseline --tenants t1,t2,t3,t4,t5 --version V`"
                + " (and the same for 2 other tenant(s))");
        assertThat(baseline.forTenants(List.of())).as("for one target").isEqualTo(baseline);
        assertThat(Remedy.of("deploy", "--retry-failed", "d1").forTenant(M07)).as("a deployment's failed tenants")
                .hasToString("`flotilla deploy --retry-failed d1`");
    }

    @Test
    void the_retry_of_a_deployments_failed_tenants_is_one_command_named_once() {
        assertThat(Remedy.retryFailed("d1")).isEqualTo(Remedy.of("deploy", "--retry-failed", "d1"));
        assertThat(Remedy.retryFailed(Remedy.THIS_DEPLOYMENT, "--statement-timeout", "1h").inDeployment("d2").forTenant(M07))
                .hasToString("`flotilla deploy --retry-failed d2 --statement-timeout 1h`");
        assertThat(Remedy.retryFailed(Remedy.THIS_DEPLOYMENT).runnable()).isFalse();
    }

    @Test
    void a_message_read_back_as_text_reads_as_it_was_for_one_target_with_its_commands_as_values() {
        String recorded = "V2 failed: run `flotilla repair --rerun-from-start` (see `flotilla status`), or"
                + " `flotilla repair  --mark-applied 2`.";

        Advice read = Advice.read(recorded);

        assertThat(read.text()).isEqualTo(recorded);
        assertThat(read.parts()).containsExactly("V2 failed: run ", Remedy.of("repair", "--rerun-from-start"),
                " (see `flotilla status`), or `flotilla repair  --mark-applied 2`.");
        assertThat(read.forTenants(List.of(M07, TenantId.of("m08"))).text()).isEqualTo("V2 failed: run `flotilla repair"
                + " --tenants m07,m08 --rerun-from-start` (see `flotilla status`), or `flotilla repair  --mark-applied 2`.");
    }

    @Test
    void a_command_about_a_deployment_not_known_yet_is_written_as_id_and_given_once_the_deployment_names_itself() {
        Advice advice = Advice.of("Run ", Remedy.of("repair"), ", then ", Remedy.of("deploy", "--retry-failed",
                Remedy.THIS_DEPLOYMENT), "; ", Remedy.of("repair"), " again.");

        assertThat(advice.text()).isEqualTo("Run `flotilla repair`, then `flotilla deploy --retry-failed ID`; `flotilla"
                + " repair` again.");
        assertThat(advice.commands()).as("the retry would not run as written; repair given once")
                .containsExactly("flotilla repair");
        assertThat(advice.forTenant(M07).inDeployment("d-12").commands())
                .containsExactly("flotilla repair --tenants m07", "flotilla deploy --retry-failed d-12");
    }

    @Test
    void a_message_names_its_deployment_in_the_commands_that_wait_for_it_and_is_otherwise_the_same() {
        Advice notice = Advice.of("t1 has 3 table(s): record them with ", Remedy.of("baseline", "--version", "V"), ".");
        Advice failed = Advice.of("V2 failed: ", Remedy.of("repair"), " then ", Remedy.retryFailed(Remedy.THIS_DEPLOYMENT), ".");

        assertThat(notice.inDeployment("d-12")).as("nothing to name").isEqualTo(notice);
        assertThat(notice.inDeployment("d-12").forTenants(List.of(M07, TenantId.of("m08"))).text())
                .isEqualTo("t1 has 3 table(s): record them with `flotilla baseline --tenants m07,m08 --version V`.");
        assertThat(failed.inDeployment("d-12").forTenant(M07).text())
                .isEqualTo("V2 failed: `flotilla repair --tenants m07` then `flotilla deploy --retry-failed d-12`.");
        assertThat(Advice.plain("as text").inDeployment("d-12").text()).isEqualTo("as text");
    }
}
