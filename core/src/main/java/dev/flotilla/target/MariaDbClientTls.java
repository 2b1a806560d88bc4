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
 * {@code useSsl=true} (with {@code trustServerCertificate} or {@code disableSslHostnameVerification}), the CA file
 * {@code serverSslCert}, and the protocols and cipher suites it enables ({@link MariaDbTlsSuites}). The clients cannot
 * check a certificate without its host name: verify-ca is verified in full there, stricter than the driver, never
 * weaker. A URL that asks for no TLS adds nothing (the clients' own default).
 * MariaDB 10.x clients given {@code --ssl} without verification (trust) still talk in the clear to a server without
 * TLS, and have no option that requires it: see {@link #unverified} for who checks. What the clients cannot read is
 * refused, named: a client certificate in a Java keystore (the URL's {@code keyStore}, or the JVM's
 * {@code javax.net.ssl.keyStore}, which the driver presents when the URL names none), CAs in one ({@code trustStore}),
 * a CA given inline, from the class path or a web address, a TLS plugin of its own ({@code tlsSocketType}).
 */
final class MariaDbClientTls {
    private static final List<String> TRUST = List.of("--ssl", "--skip-ssl-verify-server-cert");
    private static final List<String> VERIFY = List.of("--ssl", "--ssl-verify-server-cert");
    private static final String NO_BACKUP = " A backup without it is not possible: deploy with --skip-backup";

    private MariaDbClientTls() {
    }

    static List<String> arguments(TargetSpec spec) {
        return arguments(spec, System.getProperty("javax.net.ssl.keyStore"));
    }

    /** @param systemKeyStore the JVM's {@code javax.net.ssl.keyStore}, or null */
    static List<String> arguments(TargetSpec spec, String systemKeyStore) {
        Map<String, String> query = query(spec.url());
        List<String> mode = mode(query);
        if (mode.isEmpty()) {
            return List.of();
        }
        refuseClientKeyStore(spec, query, systemKeyStore);
        List<String> arguments = new ArrayList<>(mode);
        if (mode == VERIFY && query.containsKey("truststore")) {
            throw new FlotillaException(ErrorCode.NOT_SUPPORTED_YET, "The tenant URL of " + spec.displayName() + " gives the"
                    + " CAs that verify its server as a Java keystore (Connector/J trustStore), which MariaDB's client programs"
                    + " (mariadb-dump, mariadb) cannot read: give the CA as a PEM file instead (serverSslCert=/path/to/ca.pem).");
        }
        String plugin = query.get("tlssockettype");
        if (plugin != null && !plugin.equalsIgnoreCase("DEFAULT")) {
            throw new FlotillaException(ErrorCode.NOT_SUPPORTED_YET, "The tenant URL of " + spec.displayName() + " has"
                    + " Connector/J speak TLS through its own plugin (tlsSocketType=" + plugin + "), which MariaDB's client"
                    + " programs (mariadb-dump, mariadb) cannot follow." + NO_BACKUP + ", or leave tlsSocketType out.");
        }
        String ca = query.get("serversslcert");
        if (ca != null) {
            arguments.add("--ssl-ca=" + caFile(ca));
        }
        arguments.addAll(MariaDbTlsSuites.arguments(query.get("enabledsslprotocolsuites"), query.get("enabledsslciphersuites")));
        return arguments;
    }

    /**
     * Whether the URL asks for TLS without verifying the server (trust): the clients then fall back to the clear against
     * a server without TLS, so whoever runs them checks that their session is encrypted.
     */
    static boolean unverified(TargetSpec spec) {
        return mode(query(spec.url())) == TRUST;
    }

    /** A client certificate the driver would present and the clients could not: refused, its password never shown. */
    private static void refuseClientKeyStore(TargetSpec spec, Map<String, String> query, String systemKeyStore) {
        String where = null;
        if (query.containsKey("keystore")) {
            // The URL is shown redacted: keyStorePassword is masked as every password parameter is.
            where = "its client certificate as a Java keystore (Connector/J keyStore)";
        } else if (systemKeyStore != null && !"false".equalsIgnoreCase(query.get("fallbacktosystemkeystore"))) {
            where = "no client certificate, so Connector/J presents the JVM's, a Java keystore (javax.net.ssl.keyStore="
                    + systemKeyStore + "; fallbackToSystemKeyStore=false in the URL stops it)";
        }
        if (where != null) {
            throw new FlotillaException(ErrorCode.NOT_SUPPORTED_YET, "The tenant URL of " + spec.displayName() + " gives "
                    + where + ", which MariaDB's client programs (mariadb-dump, mariadb) cannot read, and"
                    + " without it they would not log in as the JDBC connection does: backing it up or restoring it is not"
                    + " supported yet." + NO_BACKUP + ", or give the tenant a login that needs no client certificate.");
        }
    }

    /** serverSslCert as the path of a PEM file, which the clients read; a {@code file:} URL as its path. */
    private static String caFile(String ca) {
        if (ca.startsWith("file:/")) {
            try {
                return java.nio.file.Path.of(java.net.URI.create(ca)).toString();
            } catch (IllegalArgumentException e) {
                // not a file URL the clients could be given a path for: refused below
            }
        }
        if (ca.startsWith("-----BEGIN") || ca.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*")) {
            throw new FlotillaException(ErrorCode.NOT_SUPPORTED_YET, "The tenant URL gives serverSslCert as a certificate,"
                    + " a classpath resource or a web address, which MariaDB's client programs (mariadb-dump, mariadb) cannot"
                    + " read: give it as the path of a PEM file instead (serverSslCert=/path/to/ca.pem).");
        }
        return ca;
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
