package dev.flotilla.control;

import dev.flotilla.ErrorCode;
import dev.flotilla.FlotillaException;
import dev.flotilla.target.Secret;
import dev.flotilla.target.TargetSession;
import dev.flotilla.target.TargetSpec;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;

/**
 * How a {@link ControlPlane} is opened: its settings checked and its database refused unless it is H2 or PostgreSQL,
 * its schema created or upgraded, or, for a command that only reads, the embedded file opened read-only where it can be.
 */
final class PlaneOpening {
    private PlaneOpening() {
    }

    /** See {@link ControlPlane#open(String, String, Secret, Duration, Duration)}. */
    static ControlPlane open(String url, String user, Secret password, Duration heartbeat, Duration networkTimeout) {
        if (heartbeat == null || heartbeat.toMillis() < 1) {
            throw new FlotillaException(ErrorCode.BAD_CONFIG, "controlPlane.heartbeat must be 1ms or more, was " + heartbeat);
        }
        requireSupported(url);
        TargetSpec spec = spec(url == null ? ControlPlane.DEFAULT_URL : url, url, user, password);
        EmbeddedFile.createFolderOf(spec.url());
        if (networkTimeout == null || networkTimeout.toMillis() < 1) {
            throw new FlotillaException(ErrorCode.BAD_CONFIG, "controlPlane.networkTimeout must be 1ms or more, was "
                    + networkTimeout);
        }
        return PlaneConnection.whileBusy(spec.url(), () -> {
            FileServer.requireAnswering(spec);
            Connection connection = NoAnswer.bounded(spec, TargetSession.connectToServer(spec), networkTimeout);
            try {
                if (!ControlPlaneSchema.upToDate(spec, connection)) {
                    ControlPlaneSchema.migrate(spec, networkTimeout);
                }
                EmbeddedFile.restrictFilesOf(spec.url());
            } catch (RuntimeException e) {
                closeQuietly(connection);
                throw e;
            }
            return new ControlPlane(spec, connection, heartbeat, networkTimeout);
        });
    }

    /** See {@link ControlPlane#openForReading(String, String, Secret, Duration)}. */
    static ControlPlane openForReading(String url, String user, Secret password, Duration networkTimeout) {
        requireSupported(url);
        String readOnly = EmbeddedFile.readOnlyUrl(url == null ? ControlPlane.DEFAULT_URL : url);
        if (readOnly != null) {
            EmbeddedFile.createFolderOf(url == null ? ControlPlane.DEFAULT_URL : url);
            TargetSpec spec = spec(readOnly, url, user, password);
            try {
                Connection connection = TargetSession.connectToServer(spec);
                if (ControlPlaneSchema.upToDate(spec, connection)) {
                    return new ControlPlane(spec, connection, Heartbeat.DEFAULT_PERIOD, ControlPlane.DEFAULT_NETWORK_TIMEOUT);
                }
                closeQuietly(connection);
            } catch (FlotillaException e) {
                // Another process has the file open (its lock file is there) or locked: it serves the file, and
                // the ordinary opening below connects through it. Any other failure is met there again, and told.
            }
        }
        return open(url, user, password, Heartbeat.DEFAULT_PERIOD, networkTimeout);
    }

    /**
     * The control plane's own schema is written for H2 and PostgreSQL: any other database is refused before it is
     * touched, rather than left with half its tables and a failed history row.
     */
    private static void requireSupported(String url) {
        ControlPlane.unsupported(url).ifPresent(problem -> {
            throw new FlotillaException(ErrorCode.BAD_CONFIG, problem + " Nothing was created.");
        });
    }

    /**
     * The plane's connection at {@code connectTo}; an H2 file's user is H2's own when none is given. Its own history's
     * times are written in UTC, as every other time the plane keeps (see {@link ControlPlaneSchema#HISTORY_ZONE}).
     */
    private static TargetSpec spec(String connectTo, String url, String user, Secret password) {
        return new TargetSpec(connectTo, ControlPlane.userFor(url, user), password, null, ControlPlaneSchema.HISTORY_TABLE,
                null, ControlPlaneSchema.HISTORY_ZONE);
    }

    private static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // Discarded after a failed open; the failure itself is what the caller reports.
        }
    }
}
