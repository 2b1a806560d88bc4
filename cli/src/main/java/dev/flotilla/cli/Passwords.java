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
import java.util.regex.Pattern;

/** Reads a password from the environment variable or the file that names it; never from a flag or the config. */
final class Passwords {
    private static final Pattern VARIABLE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    /** A file's name: a word, perhaps with an extension, of the characters names are made of. */
    private static final Pattern FILE_NAME = Pattern.compile("[A-Za-z0-9_-]+(\\.[A-Za-z0-9_.-]+)?");

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
            requireVariableName(variable, envOption, code);
            ChildEnvironment.withhold(variable);
            String value = environment.get(variable);
            if (value == null) {
                throw unset(variable, envOption, code);
            }
            return Secret.of(value, "the environment variable " + variable + " (" + envOption + ")");
        }
        if (file != null) {
            try {
                String content = Files.readString(file, StandardCharsets.UTF_8);
                return Secret.of(content.lines().findFirst().orElse(""), "the file " + file + " (" + fileOption + ")");
            } catch (IOException e) {
                throw unreadable(file, fileOption, code, e);
            }
        }
        return null;
    }

    /**
     * The common slip of giving the password itself instead of the variable's name must not print the password:
     * a value that cannot be a variable's name is not quoted back.
     */
    static void requireVariableName(String variable, String envOption, ErrorCode code) {
        if (!VARIABLE_NAME.matcher(variable).matches()) {
            throw new FlotillaException(code, "The value given to " + envOption + " is not a variable name (it looks like a"
                    + " password itself; it is not shown). Give the name of the environment variable that holds the password.");
        }
    }

    /**
     * A key of flotilla.yml ({@code tenancy.passwordEnv}) is there because init's starter file has it, whether the server
     * needs a password or not (PostgreSQL's trust, MariaDB's root without one): the message says what to do then too.
     */
    static FlotillaException unset(String variable, String envOption, ErrorCode code) {
        String passwordless = envOption.startsWith("--") ? "" : ", or, for a server that needs no password, delete "
                + envOption + " from flotilla.yml";
        return new FlotillaException(code, "The environment variable " + shown(variable) + "named by " + envOption
                + " is not set. Export it before running flotilla" + passwordless + ".");
    }

    /**
     * The name followed by a space, or a note that it is not shown: a name of one case ({@code DB_PASSWORD},
     * {@code db_password}) is shown, one mixing cases ({@code PgS3cret_xq91}) is more likely a password given by mistake.
     */
    private static String shown(String variable) {
        boolean upper = !variable.equals(variable.toLowerCase(java.util.Locale.ROOT));
        boolean lower = !variable.equals(variable.toUpperCase(java.util.Locale.ROOT));
        return upper && lower ? "(its name mixes upper and lower case, so it may be a password given by mistake: it is not"
                + " shown) " : variable + " ";
    }

    /** A file that cannot be read is named only when its name looks like one: the value may be a password given by mistake. */
    private static FlotillaException unreadable(Path file, String fileOption, ErrorCode code, IOException e) {
        // The message of a NoSuchFileException is the path alone: say what it means, without the path.
        String why = e instanceof java.nio.file.NoSuchFileException ? "no such file" : e.getClass().getSimpleName();
        String name = file.getFileName() == null ? "" : file.getFileName().toString();
        boolean plausible = FILE_NAME.matcher(name).matches() && (name.contains(".") || !shown(name).startsWith("("));
        if (!plausible) {
            return new FlotillaException(code, "Cannot read the password file named by " + fileOption + " (" + why + "); its"
                    + " name does not look like a file's (it may be a password given by mistake: it is not shown). Give the"
                    + " path of a file that holds the password.");
        }
        return new FlotillaException(code, "Cannot read the password file " + file + " named by " + fileOption + ": " + why
                + (e instanceof java.nio.file.NoSuchFileException ? "" : " (" + e.getMessage() + ")"));
    }
}
