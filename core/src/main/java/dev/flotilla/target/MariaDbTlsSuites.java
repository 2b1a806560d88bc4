package dev.flotilla.target;

import dev.flotilla.ErrorCode;
import dev.flotilla.FlotillaException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The TLS protocols and cipher suites a tenant URL gives Connector/J ({@code enabledSslProtocolSuites},
 * {@code enabledSslCipherSuites}, Java's names, separated by commas) as MariaDB's client programs take them
 * ({@code --tls-version=TLSv1.2,TLSv1.3}, {@code --ssl-cipher} with OpenSSL's names, separated by colons).
 *
 * <p>The clients' library (libmariadb) hands {@code --ssl-cipher} to OpenSSL as TLS 1.3 suites first and, only when
 * none of them is one, as the older protocols' cipher list: given both kinds it would keep to the TLS 1.3 ones and let
 * TLS 1.2 use its defaults. So the clients are kept to the protocols their suites belong to: TLS 1.3 when the URL names
 * any TLS 1.3 suite (its older suites are then left out: stricter than the driver, never weaker), else TLS 1.2 and
 * older. A protocol or suite they have no name for is refused, named.
 */
final class MariaDbTlsSuites {
    /** TLS 1.3's suites: OpenSSL names them as Java does. */
    private static final Set<String> TLS13 = Set.of("TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384",
            "TLS_CHACHA20_POLY1305_SHA256");
    /** Java's (IANA's) name of each TLS 1.2 and older suite Java offers, and OpenSSL's (`openssl ciphers -stdname`). */
    static final Map<String, String> OPENSSL_NAMES = Map.ofEntries(
            Map.entry("TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", "ECDHE-ECDSA-AES256-GCM-SHA384"),
            Map.entry("TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "ECDHE-ECDSA-AES128-GCM-SHA256"),
            Map.entry("TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256", "ECDHE-ECDSA-CHACHA20-POLY1305"),
            Map.entry("TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384", "ECDHE-RSA-AES256-GCM-SHA384"),
            Map.entry("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "ECDHE-RSA-AES128-GCM-SHA256"),
            Map.entry("TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256", "ECDHE-RSA-CHACHA20-POLY1305"),
            Map.entry("TLS_DHE_RSA_WITH_AES_256_GCM_SHA384", "DHE-RSA-AES256-GCM-SHA384"),
            Map.entry("TLS_DHE_RSA_WITH_AES_128_GCM_SHA256", "DHE-RSA-AES128-GCM-SHA256"),
            Map.entry("TLS_DHE_RSA_WITH_CHACHA20_POLY1305_SHA256", "DHE-RSA-CHACHA20-POLY1305"),
            Map.entry("TLS_DHE_DSS_WITH_AES_256_GCM_SHA384", "DHE-DSS-AES256-GCM-SHA384"),
            Map.entry("TLS_DHE_DSS_WITH_AES_128_GCM_SHA256", "DHE-DSS-AES128-GCM-SHA256"),
            Map.entry("TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384", "ECDHE-ECDSA-AES256-SHA384"),
            Map.entry("TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256", "ECDHE-ECDSA-AES128-SHA256"),
            Map.entry("TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384", "ECDHE-RSA-AES256-SHA384"),
            Map.entry("TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256", "ECDHE-RSA-AES128-SHA256"),
            Map.entry("TLS_DHE_RSA_WITH_AES_256_CBC_SHA256", "DHE-RSA-AES256-SHA256"),
            Map.entry("TLS_DHE_RSA_WITH_AES_128_CBC_SHA256", "DHE-RSA-AES128-SHA256"),
            Map.entry("TLS_DHE_DSS_WITH_AES_256_CBC_SHA256", "DHE-DSS-AES256-SHA256"),
            Map.entry("TLS_DHE_DSS_WITH_AES_128_CBC_SHA256", "DHE-DSS-AES128-SHA256"),
            Map.entry("TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA", "ECDHE-ECDSA-AES256-SHA"),
            Map.entry("TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA", "ECDHE-ECDSA-AES128-SHA"),
            Map.entry("TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA", "ECDHE-RSA-AES256-SHA"),
            Map.entry("TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA", "ECDHE-RSA-AES128-SHA"),
            Map.entry("TLS_DHE_RSA_WITH_AES_256_CBC_SHA", "DHE-RSA-AES256-SHA"),
            Map.entry("TLS_DHE_RSA_WITH_AES_128_CBC_SHA", "DHE-RSA-AES128-SHA"),
            Map.entry("TLS_DHE_DSS_WITH_AES_256_CBC_SHA", "DHE-DSS-AES256-SHA"),
            Map.entry("TLS_DHE_DSS_WITH_AES_128_CBC_SHA", "DHE-DSS-AES128-SHA"),
            Map.entry("TLS_RSA_WITH_AES_256_GCM_SHA384", "AES256-GCM-SHA384"),
            Map.entry("TLS_RSA_WITH_AES_128_GCM_SHA256", "AES128-GCM-SHA256"),
            Map.entry("TLS_RSA_WITH_AES_256_CBC_SHA256", "AES256-SHA256"),
            Map.entry("TLS_RSA_WITH_AES_128_CBC_SHA256", "AES128-SHA256"),
            Map.entry("TLS_RSA_WITH_AES_256_CBC_SHA", "AES256-SHA"),
            Map.entry("TLS_RSA_WITH_AES_128_CBC_SHA", "AES128-SHA"));
    /** Not a suite but Java's signal of secure renegotiation, which OpenSSL always sends: nothing to pass on. */
    private static final String RENEGOTIATION_SIGNAL = "TLS_EMPTY_RENEGOTIATION_INFO_SCSV";
    /** The protocols Java enables by default (the driver's when the URL names none), in the clients' names. */
    private static final List<String> JAVA_DEFAULT = List.of("TLSv1.2", "TLSv1.3");

    private MariaDbTlsSuites() {
    }

    /** The clients' arguments for the URL's protocols and suites (null: none given), empty when it gives neither. */
    static List<String> arguments(String protocols, String cipherSuites) {
        List<String> versions = protocols == null || protocols.isBlank() ? null : versions(protocols);
        if (cipherSuites == null || cipherSuites.isBlank()) {
            return versions == null ? List.of() : List.of("--tls-version=" + String.join(",", versions));
        }
        List<String> suites = new ArrayList<>(split(cipherSuites));
        suites.remove(RENEGOTIATION_SIGNAL);
        List<String> tls13 = suites.stream().filter(TLS13::contains).toList();
        List<String> kept = new ArrayList<>(versions == null ? JAVA_DEFAULT : versions);
        String cipher;
        if (!tls13.isEmpty()) {
            kept.retainAll(List.of("TLSv1.3"));
            cipher = String.join(":", tls13);
        } else {
            kept.remove("TLSv1.3");
            cipher = String.join(":", suites.stream().map(MariaDbTlsSuites::openSslName).toList());
        }
        if (kept.isEmpty() || cipher.isEmpty()) {
            throw new FlotillaException(ErrorCode.NOT_SUPPORTED_YET, "The tenant URL's enabledSslCipherSuites ("
                    + cipherSuites + ") has no suite of its enabledSslProtocolSuites (" + (protocols == null ? "Java's default"
                    : protocols) + ") that MariaDB's client programs (mariadb-dump, mariadb) can be kept to: name suites of"
                    + " the protocols it enables (TLS 1.3's TLS_AES_*/TLS_CHACHA20_* for TLSv1.3).");
        }
        return List.of("--tls-version=" + String.join(",", kept), "--ssl-cipher=" + cipher);
    }

    /** Java's protocol names as the clients' ({@code TLSv1} is their {@code TLSv1.0}); any other is refused. */
    private static List<String> versions(String protocols) {
        Set<String> versions = new LinkedHashSet<>();
        for (String protocol : split(protocols)) {
            versions.add(switch (protocol) {
                case "TLSv1", "TLSv1.0" -> "TLSv1.0";
                case "TLSv1.1", "TLSv1.2", "TLSv1.3" -> protocol;
                default -> throw new FlotillaException(ErrorCode.NOT_SUPPORTED_YET, "The tenant URL's"
                        + " enabledSslProtocolSuites names " + protocol + ", which MariaDB's client programs (mariadb-dump,"
                        + " mariadb) cannot be kept to: they speak TLSv1, TLSv1.1, TLSv1.2 and TLSv1.3. Name only those.");
            });
        }
        return List.copyOf(versions);
    }

    private static String openSslName(String javaName) {
        String name = OPENSSL_NAMES.get(javaName);
        if (name == null) {
            throw new FlotillaException(ErrorCode.NOT_SUPPORTED_YET, "The tenant URL's enabledSslCipherSuites names "
                    + javaName + ", a suite Flotilla has no OpenSSL name for, so MariaDB's client programs (mariadb-dump,"
                    + " mariadb) cannot be kept to it: name TLS 1.3 suites or ECDHE/DHE/RSA suites with AES or CHACHA20.");
        }
        return name;
    }

    /** A list as Connector/J splits it: at commas, semicolons and white space. */
    private static List<String> split(String list) {
        return List.of(list.strip().split("[,;\\s]+"));
    }
}
