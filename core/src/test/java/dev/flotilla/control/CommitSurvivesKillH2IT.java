package dev.flotilla.control;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.tenant.TenantId;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A process writing to the embedded control plane as a deploy does ({@link CommitsAndSaysSo}) killed with SIGKILL at
 * a random moment: every write it was told was committed is in the file when it is opened again. (With H2's default
 * WRITE_DELAY of 500 ms instead of {@link EmbeddedFile#SHARED_SETTINGS}' 0, every kill lost some.) What another session
 * reads through the process serving the file is another matter: H2 shows a commit to other sessions before it writes it
 * to the file, so a kill at that moment loses a commit they saw (see {@link EmbeddedFile#SHARED_SETTINGS}).
 * {@code -Dflotilla.kills=N} kills more.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class CommitSurvivesKillH2IT {
    private static final int KILLS = Integer.getInteger("flotilla.kills", 3);

    @TempDir
    Path home;

    @Test
    void every_commit_a_killed_process_said_it_made_is_in_the_file_after_the_kill() throws Exception {
        List<String> lost = new ArrayList<>();
        int signalled = 0;
        String url = ControlPlane.embeddedUrl(home);
        for (int kill = 0; kill < KILLS; kill++) {
            boolean slow = kill % 2 == 1;
            Killed killed = killWhileWriting(url, ThreadLocalRandom.current().nextInt(1, slow ? 12 : 120), slow);
            signalled += killed.committed.size();
            try (ControlPlane plane = ControlPlane.open(url, ControlPlane.EMBEDDED_USER, null)) {
                for (String said : killed.committed) {
                    String[] parts = said.split(" ");
                    TenantId tenant = TenantId.of(parts[1]);
                    String log = plane.deployments().tasks(killed.deployment).stream()
                            .filter(t -> t.tenant().equals(tenant)).findFirst().orElseThrow().log();
                    if (log == null || !log.contains(CommitsAndSaysSo.line(tenant, Integer.parseInt(parts[2])))) {
                        lost.add("kill " + kill + ": " + said);
                    }
                }
            }
        }
        System.out.println("kills " + KILLS + ", commits said " + signalled + ", lost " + lost.size() + ": " + lost);
        assertThat(lost).as("commits said made, missing after the kill").isEmpty();
    }

    private record Killed(String deployment, List<String> committed) {
    }

    /**
     * Starts the writer, kills it once it has said {@code commits} commits, and returns every commit it said; {@code slow}:
     * its workers pause between log lines, as between migrations, and another session reads the log through it before the
     * kill, as deployments show does.
     */
    private static Killed killWhileWriting(String url, int commits, boolean slow) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                CommitsAndSaysSo.class.getName(), url, "4", slow ? "300" : "0").redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String first = out.readLine();
            assertThat(first).startsWith("deployment ");
            List<String> committed = new ArrayList<>();
            String line;
            while (committed.size() < commits && (line = out.readLine()) != null) {
                committed.add(line);
            }
            if (slow) {
                // Read through the process serving the file, as deployments show does, before the kill.
                try (ControlPlane reader = ControlPlane.open(url, ControlPlane.EMBEDDED_USER, null)) {
                    reader.deployments().tasks(first.substring("deployment ".length()));
                }
            }
            process.toHandle().destroyForcibly(); // SIGKILL; unlike Process.destroyForcibly, leaves its output to read
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
            while ((line = out.readLine()) != null) {
                committed.add(line); // said before the kill, read after it
            }
            return new Killed(first.substring("deployment ".length()), committed);
        } finally {
            process.destroyForcibly();
        }
    }
}
