package dev.flotilla.tenant;

import dev.flotilla.sql.JdbcUrls;
import dev.flotilla.target.TargetSpec;
import java.nio.file.Path;

/**
 * A tenant's own URL that an earlier version stored with a relative SQLite or H2 file ({@code jdbc:sqlite:tenants/a.db}),
 * which each command then looked for in the folder it ran in. It is read in the folder of flotilla.yml, as the templates'
 * relative files and every URL registered since are; where its file is not there, it was most likely kept elsewhere, so it
 * is neither created nor read as empty: the refusal names the command that registers it again with an absolute path.
 */
final class RegisteredRelativeFile {
    /** Stands for the folder the file is in when this command cannot tell. */
    private static final Path SOME_FOLDER = Path.of("/path/to/its/folder");

    private RegisteredRelativeFile() {
    }

    /** What to say when {@code resolved}, the tenant's URL read in {@code home}, names a file that is not there. */
    static String refusal(Tenant tenant, String resolved, Path home) {
        String here = JdbcUrls.withFileIn(tenant.url(), Path.of(""));
        boolean inWorkingFolder = !here.equals(resolved) && !new TargetSpec(here, null, null, null, null).namesMissingFile();
        String id = tenant.id().value();
        return "Tenant " + id + " was registered by an earlier version of Flotilla with a relative file, " + JdbcUrls.redact(tenant.url())
                + ", which each command looked for in the folder it ran in; it is now read in the folder of flotilla.yml ("
                + home.toAbsolutePath().normalize() + "), and " + JdbcUrls.redact(resolved) + " does not exist. Nothing was created. "
                + (inWorkingFolder ? "The file is in the folder this command runs in: register the tenant again with its"
                        + " absolute path: " + reRegister(tenant, here) + "."
                        : "Move the file there, or register the tenant again with its absolute path: "
                        + reRegister(tenant, JdbcUrls.withFileIn(tenant.url(), SOME_FOLDER)) + ".");
    }

    /** The commands that register the tenant again, as it was, with {@code url}. */
    private static String reRegister(Tenant tenant, String url) {
        String id = tenant.id().value();
        StringBuilder add = new StringBuilder("`flotilla tenants add " + id + " --url " + quoted(JdbcUrls.redact(url)));
        if (!tenant.name().equals(id)) {
            add.append(" --name ").append(quoted(tenant.name()));
        }
        if (tenant.schema() != null) {
            add.append(" --schema ").append(tenant.schema());
        }
        tenant.groups().forEach(group -> add.append(" --group ").append(group));
        return "`flotilla tenants remove " + id + "` then " + add + "` (with the --config you use)";
    }

    /** A word the shell passes as it is. */
    private static String quoted(String text) {
        return "'" + text.replace("'", "'\\''") + "'";
    }
}
