package dev.flotilla.backup;

import dev.flotilla.ErrorCode;
import dev.flotilla.FlotillaException;
import dev.flotilla.target.ClientConnection;
import dev.flotilla.target.ExternalTool;
import dev.flotilla.target.TargetSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A tenant URL that asks for TLS without verifying the server ({@code sslMode=trust}) gives MariaDB's client programs
 * {@code --ssl --skip-ssl-verify-server-cert}, with which the 10.x clients talk in the clear to a server that offers no
 * TLS; none of their options requires TLS without verifying. So before mariadb-dump or mariadb moves any data, the
 * {@code mariadb} client logs in with the same arguments and says whether its session is encrypted; when it is not,
 * the backup or restore is refused and nothing is sent. This checks a session of its own, moments before the one that
 * moves the data: a server that the login also requires TLS of ({@code REQUIRE SSL}) is the guarantee for that one.
 */
final class MariaDbClientEncryption {
    private MariaDbClientEncryption() {
    }

    /**
     * Refuses with {@code code} when the URL asks for unverified TLS and the clients' session with {@code arguments}
     * (connection arguments only) is not encrypted; does nothing for a URL that asks for no TLS or verifies the server
     * (the clients then refuse a server without TLS themselves).
     */
    static void require(TargetSpec spec, List<String> arguments, ErrorCode code, String doing) {
        if (!ClientConnection.mariadbTlsUnverified(spec)) {
            return;
        }
        ExternalTool client = new ExternalTool(ExternalTool.firstOnPath("mariadb", "mysql"), "mariadb-client");
        List<String> probe = new ArrayList<>(arguments);
        probe.addAll(List.of("--batch", "--skip-column-names", "--execute=SHOW SESSION STATUS LIKE 'Ssl_version'"));
        String said = client.run(probe, Map.of(), null, null, Duration.ofMinutes(1), spec, code, doing);
        String[] row = said.strip().split("\t", 2);
        if (row.length < 2 || row[1].isBlank()) {
            throw new FlotillaException(code, doing + " " + spec.displayName() + " was refused before any data moved: its URL"
                    + " asks for TLS without verifying the server (sslMode=trust), and MariaDB's client programs reached it in"
                    + " the clear (" + client.program() + "'s session has no Ssl_version): they fall back to it when the server"
                    + " offers no TLS, and cannot be told to require TLS without verifying it. Turn TLS on at that server"
                    + " (have_ssl), or give the URL sslMode=verify-full with serverSslCert=/path/to/ca.pem, then try again.");
        }
    }
}
