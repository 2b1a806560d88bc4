package dev.flotilla.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What the console's pages say of a rollback where they would say it of a deploy: its checks, the backups before it. */
class RollbackPagesIT extends ConsoleOverHttp {
    @Test
    void a_rollbacks_page_says_its_checks_were_not_run_rather_than_leaving_the_column_empty() throws Exception {
        String token = demo.accounts.createToken("admin", "ci");
        String deployed = deployedToDefault(token, "2");
        String rollback = rolledBack(token, deployed);

        String page = get("/deployments/" + rollback, null, adminSession()).body();

        assertThat(page).contains("<th>Checks</th>", "<td class=\"task-checks\"><small>not run for a rollback</small></td>");
        assertThat(get("/deployments/" + deployed, null, adminSession()).body()).doesNotContain("not run for a rollback");
    }

    @Test
    void the_apis_rollback_tasks_say_their_checks_were_not_run_where_a_deploys_count_them() throws Exception {
        String token = demo.accounts.createToken("admin", "ci");
        String deployed = deployedToDefault(token, "2");
        String rollback = rolledBack(token, deployed);

        var rolledBackTask = json(get("/api/v1/deployments/" + rollback, token)).at("/tasks/0");
        var deployedTask = json(get("/api/v1/deployments/" + deployed, token)).at("/tasks/0");

        assertThat(rolledBackTask.get("checks").isNull()).as(rolledBackTask.toString()).isTrue();
        assertThat(rolledBackTask.get("checksNotRun").asText()).isEqualTo("not run for a rollback");
        assertThat(deployedTask.has("checksNotRun")).as(deployedTask.toString()).isFalse();
    }

    @Test
    void a_tenants_backups_say_whether_each_was_taken_before_a_deploy_or_before_a_rollback() throws Exception {
        String token = demo.accounts.createToken("admin", "ci");
        String deployed = deployedToDefault(token, "2");
        String rollback = rolledBack(token, deployed);

        String page = get("/tenants/default", null, adminSession()).body();

        assertThat(page).contains("<a href=\"/deployments/" + deployed + "\">before deploy " + deployed + "</a>",
                "<a href=\"/deployments/" + rollback + "\">before rollback " + rollback + "</a>");
    }

    /** Rolls {@code deployment} back through the API and waits for it; the rollback's id. */
    private String rolledBack(String token, String deployment) throws Exception {
        String rollback = json(post("/api/v1/deployments/" + deployment + "/rollback", token, "")).path("deployment").asText();
        afterWork("/api/v1/deployments/" + rollback, token);
        return rollback;
    }
}
