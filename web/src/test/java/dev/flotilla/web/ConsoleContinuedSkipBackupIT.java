package dev.flotilla.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A resume or a retry of the console or the API without the backup, as {@code deploy --resume ID --skip-backup} and
 * {@code --retry-failed ID --skip-backup}: asked for again (a resume does not keep the deployment's skip), for the role
 * that may skip the backup, audited as the command line audits it. The demo fleet takes backups.
 */
class ConsoleContinuedSkipBackupIT extends ConsoleContinuedSkip {
    @Test
    void a_resume_asked_to_skip_the_backup_takes_none_and_is_audited_as_the_command_lines() throws Exception {
        Resumed resumed = resumedSkipping("skipBackup");

        assertThat(demo.fleet.plane().backups().keptFor(resumed.id()).tenants()).isZero();
        assertThat(demo.fleet.plane().audit().ofDeployment(resumed.id(), List.of("deploy.backup-skipped", "deploy.resume")))
                .extracting(e -> e.action() + " " + e.actor() + ": " + e.details())
                .contains("deploy.backup-skipped admin: 1 tenant(s) selected to deploy without a backup (--skip-backup)")
                .contains("deploy.resume admin: resumes " + resumed.interrupted() + "; skip-backup");
    }

    @Test
    void a_retry_from_its_confirmation_page_without_the_backup_is_audited_as_the_command_lines() throws Exception {
        String failed = retriedSkipping("skipBackup", "continue-skip-backup").failed();

        assertThat(demo.fleet.plane().deployments().require(failed).status().word()).isEqualTo("succeeded");
        assertThat(demo.fleet.plane().audit().ofDeployment(failed, List.of("deploy.backup-skipped", "deploy.retry-failed")))
                .extracting(e -> e.action() + ": " + e.details())
                .contains("deploy.backup-skipped: 1 tenant(s) selected to deploy without a backup (--skip-backup)")
                .anyMatch(line -> line.startsWith("deploy.retry-failed: ") && line.endsWith("1 failed tenant(s); skip-backup"));
    }
}
