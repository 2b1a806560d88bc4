package dev.flotilla.target;

import dev.flotilla.ErrorCode;
import dev.flotilla.FlotillaException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The TLS options for MariaDB's client programs (mariadb-dump, mariadb) that match what MariaDB Connector/J does with a
 * tenant URL: its {@code sslMode} (disable, trust, verify-ca, verify-full, and their aliases), else the legacy
 * {@code useSsl=true} (with {@code trustServerCertificate} or {@code disableSslHostnameVerification}), and the CA file
 * {@code serverSslCert}. The clients cannot check a certificate without its host name: verify-ca is verified in full
 * there, stricter than the driver, never weaker. A URL that asks for no TLS adds nothing (the clients' own default).
 * MariaDB 10.x clients given {@code --ssl} without verification still talk in the clear to a server without TLS; the
 * driver connected with TLS just before (the backup's session), so the server has it, and they negotiate it.
 * A client certificate in a Java keystore ({@code keyStore}) is refused: the clients read PEM files only.
 */
final class MariaDbClientTls {
    private static final List<String> TRUST = List.of("--ssl", "--skip-ssl-verify-server-cert");
    private static final List<String> VERIFY = List.of("--ssl", "--ssl-verify-server-cert");

    private MariaDbClientTls() {
    }

    static List<String> arguments(TargetSpec spec) {
        Map<String, String> query = query(spec.url());
        List<String> arguments = new ArrayList<>(mode(query));
        if (!arguments.isEmpty() && query.containsKey("keystore")) {
            // The URL is shown redacted: keyStorePassword is masked as every password parameter is.
            throw new FlotillaException(ErrorCode.NOT_SUPPORTED_YET, "The tenant URL of " + spec.displayName() + " gives its"
                    + " client certificate as a Java keystore (Connector/J keyStore), which MariaDB's client programs"
                    + " (mariadb-dump, mariadb) cannot read, and without it they would not log in as the JDBC connection does:"
                    + " backing it up or restoring it is not supported yet. A backup without the client certificate is not"
                    + " possible: deploy with --skip-backup, or give the tenant a login that needs no client certificate.");
        }
        String ca = query.get("serversslcert");
        if (!arguments.isEmpty() && ca != null) {
            if (ca.startsWith("-----BEGIN") || ca.startsWith("classpath:")) {
                throw new FlotillaException(ErrorCode.NOT_SUPPORTED_YET, "The tenant URL gives serverSslCert as a certificate"
                        + " or a classpath resource, which MariaDB's client programs (mariadb-dump, mariadb) cannot read:"
                        + " give it as the path of a PEM file instead (serverSslCert=/path/to/ca.pem).");
            }
            arguments.add("--ssl-ca=" + ca);
        }
        return arguments;
    }

    /** What the driver's sslMode (or its legacy options) asks for, as the clients' options. */
    private static List<String> mode(Map<String, String> query) {
        String mode = query.get("sslmode");
        if (mode == null) {
            if (!"true".equalsIgnoreCase(query.get("usessl"))) {
                return List.of();
            }
            return "true".equalsIgnoreCase(query.get("trustservercertificate")) ? TRUST : VERIFY;
        }
        return switch (mode.toLowerCase(Locale.ROOT)) {
            case "disable", "disabled", "0", "false" -> List.of();
            case "trust", "required" -> TRUST;
            default -> VERIFY; // verify-ca, verify-full and their aliases; anything else the driver refuses first
        };
    }

    /** The URL's query parameters by lower-case name, decoded. */
    private static Map<String, String> query(String url) {
        Map<String, String> parameters = new TreeMap<>();
        int start = url.indexOf('?');
        if (start < 0) {
            return parameters;
        }
        for (String pair : url.substring(start + 1).split("&")) {
            String[] kv = pair.split("=", 2);
            if (kv.length == 2) {
                parameters.put(kv[0].toLowerCase(Locale.ROOT), URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
            }
        }
        return parameters;
    }
}
