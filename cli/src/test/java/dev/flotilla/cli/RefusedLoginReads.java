package dev.flotilla.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

/**
 * What {@code plan}, {@code status --fleet --live} and {@code verify} say of a tenant whose server refused its login (a
 * wrong password): {@code refused}, as {@code drift} says it, with the refusal naming the user and the password's
 * variable and whose login to fix; never the password itself, in what is printed, the audit log or the control plane.
 */
final class RefusedLoginReads {
    private RefusedLoginReads() {
    }

    /**
     * @param flotilla runs the command line with the wrong password in {@code variable} for {@code tenant}, the other
     *     tenants' right; the fleet is deployed, every tenant but {@code tenant} up to date
     * @param folder holds the configuration, the control plane and everything the runs wrote
     */
    static void assertRefused(Function<String[], CliRun> flotilla, String tenant, String user, String variable, Path folder,
                              String... secrets) throws Exception {
        CliRun plan = flotilla.apply(new String[] {"plan", "--all", "--json"});
        CliRun planSaid = flotilla.apply(new String[] {"plan", "--all"});
        CliRun live = flotilla.apply(new String[] {"status", "--fleet", "--live", "--json"});
        CliRun liveSaid = flotilla.apply(new String[] {"status", "--fleet", "--live"});
        CliRun verify = flotilla.apply(new String[] {"verify", "--all", "--json"});
        CliRun verifySaid = flotilla.apply(new String[] {"verify", "--all"});
        CliRun lastSeen = flotilla.apply(new String[] {"status", "--fleet", "--json"});
        CliRun lastSeenSaid = flotilla.apply(new String[] {"status", "--fleet"});
        CliRun audit = flotilla.apply(new String[] {"audit", "--json"});
        String[] refusal = {"Authentication failed for user '" + user + "'", variable,
                "`flotilla tenants set-credentials " + tenant + " --user USER --password-env VAR`"};

        for (CliRun run : List.of(plan, planSaid, live, liveSaid, verify, verifySaid)) {
            assertThat(run.exitCode()).as("exit 1, as for an unreachable tenant: " + run.out() + run.err()).isEqualTo(1);
        }
        assertThat(plan.json().at("/data/tenants").findValuesAsText("status")).as(plan.out()).containsExactly("up-to-date", "refused");
        assertThat(plan.json().at("/data/tenants").findValuesAsText("state")).containsExactly("up-to-date", "refused");
        assertThat(entry(plan, tenant).get("error").asText()).contains(refusal);
        assertThat(plan.json().at("/data/summary/refused").asInt()).isEqualTo(1);
        assertThat(plan.json().at("/data/summary/unreachable").asInt()).isZero();
        assertThat(plan.json().at("/errors").findValuesAsText("code")).containsExactly("AUTHENTICATION_FAILED");
        assertThat(planSaid.out()).contains("1 refused").doesNotContain("unreachable");
        assertThat(planSaid.out() + planSaid.err()).as("the error, whole").contains(refusal);

        assertThat(entry(live, tenant).get("status").asText()).as(live.out()).isEqualTo("refused");
        assertThat(entry(live, tenant).get("lastError").asText()).contains(refusal);
        assertThat(live.json().at("/errors").findValuesAsText("code")).containsExactly("AUTHENTICATION_FAILED");
        assertThat(liveSaid.out()).contains("1 refused").doesNotContain("unreachable");
        assertThat(liveSaid.out() + liveSaid.err()).as("the error, whole").contains(refusal);
        assertThat(entry(lastSeen, tenant).get("status").asText()).as("as last seen").isEqualTo("refused");
        assertThat(lastSeenSaid.out()).as("the table's Error cell, cut in the middle, keeps whose login to fix").contains(
                "Authentication failed for user '" + user + "'", "`flotilla tenants set-credentials " + tenant
                + " --user USER --password-env VAR`.");

        assertThat(entry(verify, tenant).get("status").asText()).as(verify.out()).isEqualTo("refused");
        assertThat(entry(verify, tenant).get("ok").asBoolean()).isFalse();
        assertThat(entry(verify, tenant).get("error").asText()).contains(refusal);
        assertThat(verify.json().at("/errors").findValuesAsText("code")).containsExactly("AUTHENTICATION_FAILED");
        assertThat(verifySaid.out()).contains("refused " + tenant + ": Authentication failed").contains(refusal);

        for (CliRun run : List.of(plan, planSaid, live, liveSaid, verify, verifySaid, lastSeen, lastSeenSaid, audit)) {
            assertThat(run.out() + run.err()).doesNotContain(secrets);
        }
        try (var files = Files.walk(folder)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                assertThat(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1)).as(file.toString())
                        .doesNotContain(secrets);
            }
        }
    }

    private static JsonNode entry(CliRun run, String tenant) {
        for (JsonNode entry : run.json().at("/data/tenants")) {
            if (entry.get("id").asText().equals(tenant)) {
                return entry;
            }
        }
        throw new AssertionError("no tenant " + tenant + " in " + run.out());
    }
}
