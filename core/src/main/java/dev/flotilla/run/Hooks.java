package dev.flotilla.run;

/**
 * Commands run around a deployment and around each tenant: a shell command (with {@code ${tenant}} and
 * {@code ${deployment}} replaced, and FLOTILLA_TENANT, FLOTILLA_DEPLOYMENT, FLOTILLA_EVENT in its environment)
 * or an http(s) URL that receives a POST with the same as JSON. Null means no hook.
 *
 * @param maintenanceOff whether the tenant hooks (maintenance mode on and off) were turned off ({@code --no-maintenance}),
 *                       whatever the configuration says: the deployment records it, and its resume and retry run without
 *                       them too
 */
public record Hooks(String beforeDeployment, String afterDeployment, String beforeTenant, String afterTenant,
                    boolean maintenanceOff) {
    public static final Hooks NONE = new Hooks(null, null, null, null);

    public Hooks {
        if (maintenanceOff && (beforeTenant != null || afterTenant != null)) {
            throw new IllegalArgumentException("the tenant hooks are off: there is no beforeTenant or afterTenant to run");
        }
    }

    /** The hooks as configured, the tenant hooks among them. */
    public Hooks(String beforeDeployment, String afterDeployment, String beforeTenant, String afterTenant) {
        this(beforeDeployment, afterDeployment, beforeTenant, afterTenant, false);
    }

    /** As a record says itself, each hook masked as its failure shows it: a URL's token, a password in a command. */
    @Override
    public String toString() {
        return "Hooks[beforeDeployment=" + shown(beforeDeployment) + ", afterDeployment=" + shown(afterDeployment)
                + ", beforeTenant=" + shown(beforeTenant) + ", afterTenant=" + shown(afterTenant) + ", maintenanceOff="
                + maintenanceOff + "]";
    }

    private static String shown(String hook) {
        return hook == null ? null : dev.flotilla.sql.JdbcUrls.redact(dev.flotilla.sql.WebhookUrls.maskEvery(hook));
    }

    /** These hooks without the tenant hooks ({@code --no-maintenance}); the deployment hooks stay. */
    public Hooks withoutMaintenance() {
        return new Hooks(beforeDeployment, afterDeployment, null, null, true);
    }

    /**
     * What is wrong with an http(s) hook's URL ({@code ${tenant}} and {@code ${deployment}} standing for any value), or
     * empty for a good one and for a shell command. The URL is never quoted: it may carry a token.
     */
    public static java.util.Optional<String> problemWithUrl(String hook) {
        return HookRunner.problemWithUrl(hook == null ? null : hook.replace("${tenant}", "t").replace("${deployment}", "d"));
    }
}
