package dev.flotilla.cli;

import dev.flotilla.tenant.TenantCredentials;
import picocli.CommandLine.Option;

/** A tenant's own login: its user and where its password is read (a variable's name or a file), never the password. */
final class LoginOptions {
    @Option(names = "--user", paramLabel = "U", description = "The tenant's own database user, instead of tenancy.user.")
    String user;

    @Option(names = "--password-env", paramLabel = "VAR", description = "The variable holding the password of the tenant's"
            + " own login; its name is stored, never the password.")
    String passwordEnv;

    @Option(names = "--password-file", paramLabel = "FILE", description = "Or the file whose first line is that password"
            + " (a relative path is in the folder of flotilla.yml).")
    String passwordFile;

    TenantCredentials credentials() {
        return new TenantCredentials(user, passwordEnv, passwordFile);
    }

    /** The login as a line says it: "as U, password from $VAR"; empty for none. */
    static String described(TenantCredentials login) {
        if (login.isEmpty()) {
            return "";
        }
        String who = login.user() != null ? "as " + login.user() : "as the tenancy's user";
        String password = login.passwordEnv() != null ? "password from $" + login.passwordEnv()
                : login.passwordFile() != null ? "password from " + login.passwordFile() : "no password";
        return who + ", " + password;
    }
}
