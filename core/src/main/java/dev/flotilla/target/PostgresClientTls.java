package dev.flotilla.target;

import dev.flotilla.ErrorCode;
import dev.flotilla.FlotillaException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The TLS parameters of PostgreSQL's client programs (pg_dump, psql: libpq) that match what pgjdbc does with a tenant
 * URL: its {@code sslmode} (else verify-full for {@code ssl=true}, else prefer, as pgjdbc defaults), the CA file
 * {@code sslrootcert}, the client certificate {@code sslcert} and key {@code sslkey} (pgjdbc's default key,
 * {@code ~/.postgresql/postgresql.pk8}, where the URL gives a certificate without one: libpq's would be
 * {@code postgresql.key}; libpq reads the PKCS-8 DER key as pgjdbc does). The names are pgjdbc's, case and all.
 * What libpq cannot do as the driver does is refused, named, where TLS may be used (any sslmode but disable): a key in
 * a PKCS-12 file, a key password ({@code sslpassword}, which would have to go on the command line, and
 * {@code sslpasswordcallback}), a socket factory of the application's (only pgjdbc's NonValidatingFactory, where the
 * sslmode verifies nothing anyway), a host name verifier of its own, and direct TLS negotiation.
 */
final class PostgresClientTls {
    private static final Set<String> LIBPQ_FACTORIES = Set.of("org.postgresql.ssl.LibPQFactory",
            "org.postgresql.ssl.jdbc4.LibPQFactory");
    private static final String NON_VALIDATING = "org.postgresql.ssl.NonValidatingFactory";
    private static final Set<String> UNVERIFIED = Set.of("disable", "allow", "prefer", "require");

    private PostgresClientTls() {
    }

    /** sslmode, and sslrootcert, sslcert and sslkey where they apply, for the clients' connection string. */
    static Map<String, String> parameters(TargetSpec spec, Map<String, String> query) {
        Map<String, String> parameters = new LinkedHashMap<>();
        String mode = sslmode(query);
        parameters.put("sslmode", mode);
        if (mode.equals("disable")) {
            return parameters;
        }
        refuseWhatLibpqCannotDo(spec, query, mode);
        for (String name : new String[] {"sslrootcert", "sslcert", "sslkey"}) {
            if (query.containsKey(name)) {
                parameters.put(name, query.get(name));
            }
        }
        if (query.containsKey("sslcert") && !query.containsKey("sslkey")) {
            parameters.put("sslkey", Path.of(System.getProperty("user.home"), ".postgresql", "postgresql.pk8").toString());
        }
        return parameters;
    }

    /** pgjdbc's sslmode: the URL's, else verify-full for {@code ssl=true} (or a bare {@code ssl=}), else prefer. */
    private static String sslmode(Map<String, String> query) {
        if (query.containsKey("sslmode")) {
            return query.get("sslmode");
        }
        String ssl = query.get("ssl");
        return ssl != null && (ssl.isEmpty() || ssl.equalsIgnoreCase("true")) ? "verify-full" : "prefer";
    }

    private static void refuseWhatLibpqCannotDo(TargetSpec spec, Map<String, String> query, String mode) {
        String key = query.getOrDefault("sslkey", "");
        if (key.endsWith(".p12") || key.endsWith(".pfx")) {
            refuse(spec, "gives the client key as a PKCS-12 file (sslkey=" + key + "), which they cannot read: give it as a"
                    + " PKCS-8 (.pk8) or PEM key file, with the certificate in sslcert");
        }
        for (String name : new String[] {"sslpassword", "sslpasswordcallback"}) {
            if (query.containsKey(name)) {
                refuse(spec, "decrypts the client key with a password (" + name + "), which they could only be given on"
                        + " their command line, readable by every user of this machine: give them a key file without a"
                        + " password, readable by its owner only");
            }
        }
        String factory = query.get("sslfactory");
        if (factory != null && !LIBPQ_FACTORIES.contains(factory)
                && !(factory.equals(NON_VALIDATING) && UNVERIFIED.contains(mode))) {
            refuse(spec, "has pgjdbc open TLS through sslfactory=" + factory + ", which they cannot follow: leave it out"
                    + " (sslmode=require encrypts without verifying, verify-full with sslrootcert verifies)");
        }
        if (query.containsKey("sslhostnameverifier") && mode.equals("verify-full")) {
            refuse(spec, "checks the server's host name with sslhostnameverifier, which they cannot follow: leave it out"
                    + " (verify-full checks the name on the certificate)");
        }
        if ("direct".equalsIgnoreCase(query.get("sslNegotiation"))) {
            refuse(spec, "starts TLS directly (sslNegotiation=direct), which these clients (PostgreSQL before 17) cannot:"
                    + " leave it out");
        }
    }

    private static void refuse(TargetSpec spec, String what) {
        throw new FlotillaException(ErrorCode.NOT_SUPPORTED_YET, "The tenant URL of " + spec.displayName() + " " + what
                + ". PostgreSQL's client programs (pg_dump, psql), which back it up, restore it and copy its structure for"
                + " a dry run on a clone, run with the TLS its JDBC connection has or not at all: change the URL as said,"
                + " or deploy with --skip-backup (and dry-run with --mode transaction).");
    }
}
