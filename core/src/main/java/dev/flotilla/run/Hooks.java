package dev.flotilla.run;

/**
 * Commands run around a deployment and around each tenant: a shell command (with {@code ${tenant}} and
 * {@code ${deployment}} replaced, and FLOTILLA_TENANT, FLOTILLA_DEPLOYMENT, FLOTILLA_EVENT in its environment)
 * or an http(s) URL that receives a POST with the same as JSON. Null means no hook.
 */
public record Hooks(String beforeDeployment, String afterDeployment, String beforeTenant, String afterTenant) {
    public static final Hooks NONE = new Hooks(null, null, null, null);
}
