package dev.flotilla.cli;

import dev.flotilla.ErrorCode;
import dev.flotilla.FlotillaException;
import dev.flotilla.target.ChildEnvironment;
import dev.flotilla.target.Secret;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Reads a password from the environment variable or the file that names it; never from a flag or the config. */
final class Passwords {
    private Passwords() {
    }

    /**
     * @param envOption how the user names the variable, for messages and the error code ("--password-env",
     *                  "tenancy.passwordEnv")
     * @return the password, or null when neither a variable nor a file is named
     */
    static Secret read(String variable, Path file, Map<String, String> environment, String envOption, String fileOption) {
        // Named by a flag, the mistake is the command line's; by a key of flotilla.yml, the configuration's.
        ErrorCode code = envOption.startsWith("--") ? ErrorCode.BAD_USAGE : ErrorCode.BAD_CONFIG;
        if (variable != null && file != null) {
            throw new FlotillaException(code, "Give the password one way: " + envOption + " or "
                    + fileOption + ", not both.");
        }
        if (variable != null) {
            ChildEnvironment.withhold(variable);
            String value = environment.get(variable);
            if (value == null) {
                throw new FlotillaException(code, "The environment variable " + variable + " named by "
                        + envOption + " is not set. Export it before running flotilla.");
            }
            return Secret.of(value, "the environment variable " + variable + " (" + envOption + ")");
        }
        if (file != null) {
            try {
                String content = Files.readString(file, StandardCharsets.UTF_8);
                return Secret.of(content.lines().findFirst().orElse(""), "the file " + file + " (" + fileOption + ")");
            } catch (IOException e) {
                throw new FlotillaException(code, "Cannot read the password file " + file + " named by "
                        + fileOption + ": " + e.getMessage());
            }
        }
        return null;
    }
}
