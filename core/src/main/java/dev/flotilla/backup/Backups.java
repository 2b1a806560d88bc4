package dev.flotilla.backup;

import dev.flotilla.ErrorCode;
import dev.flotilla.FlotillaException;
import dev.flotilla.TargetOptions;
import dev.flotilla.control.BackupStore.BackupRecord;
import dev.flotilla.control.ControlPlane;
import dev.flotilla.plan.TargetPlan;
import dev.flotilla.sql.SessionLock;
import dev.flotilla.target.AppliedMigration;
import dev.flotilla.target.Failures;
import dev.flotilla.target.TargetSession;
import dev.flotilla.target.TargetSpec;
import dev.flotilla.tenant.TenantId;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * Takes and restores tenant backups: one file per tenant under {@code <dir>/<deployment or manual-time>/}, recorded
 * in the control plane with size, SHA-256, duration and the schema fingerprint at backup time, readable by their
 * owner only (folders 0700, files 0600, on POSIX file systems). A restore takes the target lock, checks the file's SHA-256, puts the schema back, and checks that its
 * fingerprint is the recorded one. Thread-safe: each call works on its own connection.
 */
public final class Backups {
    private static final DateTimeFormatter MANUAL = DateTimeFormatter.ofPattern("'manual-'yyyyMMdd-HHmmss")
            .withZone(ZoneOffset.UTC);
    /** How long a restore waits for the target lock another Flotilla run holds, by default (deploy.lockWait's). */
    private static final Duration LOCK_WAIT = Duration.ofSeconds(30);

    private final ControlPlane plane;
    private final Path dir;
    private final Clock clock;
    private final Duration lockTimeout;
    private final Duration lockWait;

    /**
     * Backups that wait for a table another session holds no longer than deploy.lockTimeout's default (5 s): not the
     * server's own setting, which may be no bound at all.
     */
    public Backups(ControlPlane plane, Path dir) {
        this(plane, dir, TargetOptions.DEFAULT_LOCK_TIMEOUT);
    }

    /**
     * @param lockTimeout how long a backup or restore waits for a table another session holds before it gives up with
     *     {@code LOCK_TIMEOUT} (PostgreSQL, MariaDB/MySQL); null: deploy.lockTimeout's default (5 s), as
     *     {@link #Backups(ControlPlane, Path)}, never the server's own setting (lock_wait_timeout: a day on MariaDB, a
     *     year on MySQL)
     */
    public Backups(ControlPlane plane, Path dir, Duration lockTimeout) {
        this(plane, dir, lockTimeout, null);
    }

    /**
     * As above; {@code lockWait}: how long a restore waits for the target lock another Flotilla run (a deployment)
     * holds before it gives up with {@code LOCK_TIMEOUT}; null: 30 s, deploy.lockWait's default.
     */
    public Backups(ControlPlane plane, Path dir, Duration lockTimeout, Duration lockWait) {
        this(plane, dir, Clock.systemUTC(), lockTimeout == null ? TargetOptions.DEFAULT_LOCK_TIMEOUT : lockTimeout,
                lockWait == null ? LOCK_WAIT : lockWait);
    }

    Backups(ControlPlane plane, Path dir, Clock clock) {
        this(plane, dir, clock, TargetOptions.DEFAULT_LOCK_TIMEOUT, LOCK_WAIT);
    }

    private Backups(ControlPlane plane, Path dir, Clock clock, Duration lockTimeout, Duration lockWait) {
        this.plane = plane;
        this.dir = dir;
        this.clock = clock;
        this.lockTimeout = lockTimeout;
        this.lockWait = lockWait;
    }

    /**
     * Starts a backup taken on demand and returns its id, {@code manual-<UTC time>}: read from the clock once, so
     * every tenant of the run goes to one folder however long it takes. The folder is created here; a run started
     * in the same second as another gets a suffix ({@code -2}, {@code -3}...) instead of writing over its files.
     */
    public String startManual() {
        String id = MANUAL.format(clock.instant());
        try {
            for (int n = 1; ; n++) {
                String candidate = n == 1 ? id : id + "-" + n;
                try {
                    OwnerOnly.newFolder(dir.resolve(candidate));
                    return candidate;
                } catch (FileAlreadyExistsException taken) {
                    // Another run's folder; not a file in the way of backup.dir, which no other name gets past.
                    if (!Files.isDirectory(dir.resolve(candidate))) {
                        throw taken;
                    }
                }
            }
        } catch (IOException e) {
            throw cannotWrite("Starting a backup", e);
        }
    }

    /**
     * Removes the folder of a run (one {@link #startManual} started, or a deployment's, named after it) when nothing was
     * backed up into it; a folder holding anything stays.
     */
    public void discardIfEmpty(String run) {
        BackupRetention.deleteIfEmpty(dir.resolve(run));
    }

    /**
     * Backs the tenant's target up for a deployment, into the deployment's folder. Empty when there is nothing
     * to back up yet (a new tenant whose schema does not exist).
     */
    public java.util.Optional<BackupRecord> take(TenantId tenant, TargetSpec target, String deployment) {
        return take(List.of(tenant), target, deployment).stream().findFirst();
    }

    /**
     * Backs up once the target {@code tenants} share (shared-schema tenancy), for a deployment, recorded for each of
     * them: a file named after the target when they are more than one, as it holds all their rows. Empty as above.
     *
     * @return each tenant's record, in their order (they differ only by tenant)
     */
    public List<BackupRecord> take(List<TenantId> tenants, TargetSpec target, String deployment) {
        return take(tenants, target, Objects.requireNonNull(deployment, "deployment"), deployment);
    }

    /** Backs the tenant's target up as part of the run {@link #startManual} started; empty as {@link #take}. */
    public java.util.Optional<BackupRecord> takeManual(TenantId tenant, TargetSpec target, String run) {
        return takeManual(List.of(tenant), target, run).stream().findFirst();
    }

    /** Backs up once the target {@code tenants} share, as part of the run {@link #startManual} started, as {@link #take(List, TargetSpec, String)}. */
    public List<BackupRecord> takeManual(List<TenantId> tenants, TargetSpec target, String run) {
        return take(tenants, target, Objects.requireNonNull(run, "run"), null);
    }

    private List<BackupRecord> take(List<TenantId> tenants, TargetSpec target, String folder, String deployment) {
        long start = System.nanoTime();
        try (TargetSession session = TargetSession.open(target, false)) {
            if (!session.schemaExists()) {
                return List.of();
            }
            BackupTool tool = BackupTool.forDialect(session.dialect().name(), lockTimeout);
            Path file = dir.resolve(folder).resolve(BackupFile.name(tenants, target) + "." + tool.extension()).toAbsolutePath();
            OwnerOnly.folder(file.getParent());
            Files.deleteIfExists(file);
            String fingerprint = LockBoundedSchemaRead.read(session, lockTimeout, "Backing up", ", so the backup was stopped;"
                    + " nothing was changed. Try again when the application has released the lock, or raise deploy.lockTimeout"
                    + " (--lock-timeout).").fingerprint();
            BackupFile.write(tool, session, file);
            long millis = (System.nanoTime() - start) / 1_000_000;
            long size = Files.size(file);
            String sha256 = sha256(file);
            return tenants.stream().map(tenant -> plane.backups().record(folder, deployment, tenant, file, size, sha256, millis,
                    fingerprint)).toList();
        } catch (SQLException e) {
            throw Failures.of(target, "backing up", e);
        } catch (IOException e) {
            throw cannotWrite("Backing up " + target.displayName(), e);
        } catch (FlotillaException e) {
            throw e.masked(target::scrub); // what pg_dump, mariadb-dump or SQLite said, whichever tool's words carry
        }
    }

    private FlotillaException cannotWrite(String what, IOException e) {
        return new FlotillaException(ErrorCode.BACKUP_FAILED, what + " failed: cannot write under " + dir + " (" + e.getMessage()
                + "). Check backup.dir.");
    }

    /**
     * Puts the tenant's target back as {@code backup} holds it, under the target lock.
     *
     * @return the version the restored history is at (its newest migration in effect), null when none is
     * @throws FlotillaException {@code RESTORE_FAILED} when the file changed since the backup, or the restored
     *     schema's fingerprint differs from the one recorded at backup time
     */
    public String restore(BackupRecord backup, TargetSpec target) {
        return restoreNoting(backup, target).version();
    }

    /**
     * What one restore did: the version its history is at, what that history records as baselined (as the plane keeps
     * it: {@link dev.flotilla.plan.Baselined#column}), and, when it waited for the target lock long enough to notice, for how long and for whom (null when
     * it did not).
     */
    public record Restored(String version, String baseline, String waited) {
    }

    /**
     * As {@link #restore}, saying how long it waited for the target lock, and for whom; a target whose history changed
     * while it waited (a deployment applied migrations the backup predates) is not restored, see {@link RestoreWait}.
     */
    public Restored restoreNoting(BackupRecord backup, TargetSpec target) {
        return restoreNoting(backup, target, () -> { });
    }

    /** As {@link #restoreNoting(BackupRecord, TargetSpec)}; {@code historyRead} runs once the history before the wait is read. */
    Restored restoreNoting(BackupRecord backup, TargetSpec target, Runnable historyRead) {
        if (!Files.isRegularFile(backup.path())) {
            throw new FlotillaException(ErrorCode.RESTORE_FAILED, "The backup file " + backup.path() + " of " + backup.tenant()
                    + " is gone; nothing was restored. " + others(backup));
        }
        if (!sha256(backup.path()).equals(backup.sha256())) {
            throw new FlotillaException(ErrorCode.RESTORE_FAILED, "The backup file " + backup.path() + " has changed since it"
                    + " was taken (SHA-256 differs); nothing was restored. " + others(backup));
        }
        String waited;
        try (TargetSession session = TargetSession.open(target, true)) {
            RestoreWait wait = RestoreWait.begin(session, lockTimeout);
            historyRead.run();
            try (SessionLock ignored = LockBoundedSchemaRead.lockToRestore(session, lockTimeout, lockWait)) {
                waited = BackupTool.forDialect(session.dialect().name(), lockTimeout).restore(session, backup.path(),
                        () -> wait.afterLock(session, plane, backup.tenant(), backup.backupId()));
            }
        } catch (SQLException e) {
            throw Failures.of(target, "restoring", e);
        } catch (FlotillaException e) {
            throw e.masked(target::scrub); // what psql, pg_restore or mariadb said, as for a backup
        }
        List<AppliedMigration> history = check(backup, target);
        return new Restored(TargetPlan.versionInEffect(history), TargetPlan.baselineInEffect(history).column(), waited);
    }

    /** What to do when a backup's file cannot be used: another backup of the tenant, if one is kept. */
    private static String others(BackupRecord backup) {
        return "Put the file back from where it was copied to, or restore another backup of it: `flotilla backups list --tenant "
                + backup.tenant() + "` lists its other backups (`flotilla restore --backup ID --tenants " + backup.tenant()
                + " --yes`).";
    }

    /**
     * Checks that the target's schema is the one {@code backup} recorded, reading it within the lock timeout.
     *
     * @return the target's history as restored
     */
    List<AppliedMigration> check(BackupRecord backup, TargetSpec target) {
        try (TargetSession session = TargetSession.open(target, false)) {
            // In the format the backup's fingerprint was taken in: one an earlier version took covers less.
            String now = LockBoundedSchemaRead.read(session, lockTimeout, "Checking the restore of", ". The restore is done"
                    + " (committed) but not checked against the backup's fingerprint: compare the schema with `flotilla schema`"
                    + " once the application has released the lock.").fingerprint(backup.fingerprintFormat());
            if (!now.equals(backup.fingerprint())) {
                throw new FlotillaException(ErrorCode.RESTORE_FAILED, "The restored schema of " + target.displayName()
                        + " differs from the one recorded when the backup was taken (fingerprint " + now.substring(0, 12)
                        + " instead of " + backup.fingerprint().substring(0, 12) + "). Inspect it with `flotilla schema`.");
            }
            return session.history().read();
        } catch (SQLException e) {
            throw Failures.of(target, "checking the restore of", e);
        } catch (FlotillaException e) {
            throw e.masked(target::scrub);
        }
    }

    /**
     * Deletes the files of all but the newest {@code keep} backup runs (a deployment's, or one taken on demand), and
     * their folders once empty (a folder holding anything else stays).
     */
    public List<String> prune(int keep) {
        return BackupRetention.prune(plane.backups(), keep);
    }

    static String sha256(Path file) {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (IOException | java.security.NoSuchAlgorithmException e) {
            throw new FlotillaException(ErrorCode.BACKUP_FAILED, "Cannot read " + file + ": " + e.getMessage());
        }
    }
}
