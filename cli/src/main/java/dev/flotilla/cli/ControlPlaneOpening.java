package dev.flotilla.cli;

import dev.flotilla.ErrorCode;
import dev.flotilla.FlotillaException;
import dev.flotilla.cli.config.FlotillaConfig;
import dev.flotilla.control.ControlPlane;
import dev.flotilla.target.Secret;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * How a fleet command opens the configured control plane: its URL and password registered with the output so they
 * are masked, read-only where the embedded file allows it, and a failure to connect named with the setting that gave
 * the URL.
 */
final class ControlPlaneOpening {
    private final FlotillaConfig config;
    private final Path home;
    private final Output output;
    private final Map<String, String> environment;

    /** @param home the folder of the configuration: relative paths and the embedded control plane are kept there */
    ControlPlaneOpening(FlotillaConfig config, Path home, Output output, Map<String, String> environment) {
        this.config = config;
        this.home = home;
        this.output = output;
        this.environment = environment;
    }

    /** Whether there is a control plane to read: one is configured, or the embedded one exists in the home folder. */
    boolean exists() {
        return config.controlPlane().url() != null || Files.exists(home.resolve(".flotilla").resolve("control.mv.db"));
    }

    /** @param toRead whether the command only reads it (see {@link ControlPlane#openForReading}) */
    ControlPlane open(boolean toRead) {
        var settings = config.controlPlane();
        if (toRead && config.source() == null && !exists()) {
            // Reading would create an empty control plane in whatever folder the command ran in, and report it.
            throw new FlotillaException(ErrorCode.BAD_CONFIG, "No flotilla.yml in " + home + " and no control plane"
                    + " here: run from the folder of your flotilla.yml, or pass --config FILE.");
        }
        String url = ControlPlane.urlIn(home, settings.url());
        output.addSecretsOf(url);
        Path passwordFile = settings.passwordFile() == null ? null : home.resolve(settings.passwordFile());
        Secret password = Passwords.read(settings.passwordEnv(), passwordFile, environment,
                "controlPlane.passwordEnv", "controlPlane.passwordFile");
        if (password != null) {
            output.addSecret(password);
        }
        String user = ControlPlane.userFor(settings.url(), settings.user());
        try {
            ControlPlane plane = toRead ? ControlPlane.openForReading(url, user, password, settings.networkTimeout())
                    : ControlPlane.open(url, user, password, settings.heartbeat(), settings.networkTimeout());
            // What is kept there (the audit, tasks' logs and errors) is masked as the terminal is: the tenancy's password
            // and the tenants' own, which the command reads after it opened the plane, included.
            plane.maskAlso(output::scrub);
            return plane;
        } catch (FlotillaException e) {
            if ((e.code() != ErrorCode.CONNECTION_FAILED && e.code() != ErrorCode.AUTHENTICATION_FAILED)
                    || e.getMessage().contains("control plane")) {
                throw e;
            }
            // The driver's words name a URL only: not which setting of which file gave it.
            throw new FlotillaException(e.code(), "The control plane (" + setting() + ") could not be opened: "
                    + e.getMessage(), e);
        }
    }

    /** Where controlPlane.url came from: its variable, the file, or the default beside it. */
    private String setting() {
        String variable = "FLOTILLA_CONTROL_PLANE_URL";
        if (environment.get(variable) != null) {
            return variable;
        }
        return "controlPlane.url in " + (config.source() != null ? config.source() : home.resolve("flotilla.yml"));
    }
}
