package dev.flotilla.run;

/**
 * Commands run around a deployment and around each tenant: a shell command (with {@code ${tenant}} and
 * {@code ${deployment}} replaced, and FLOTILLA_TENANT, FLOTILLA_DEPLOYMENT, FLOTILLA_EVENT in its environment)
 * or an http(s) URL that receives a POST with the same as JSON. Null means no hook.
 */
public record Hooks(String beforeDeployment, String afterDeployment, String beforeTenant, String afterTenant) {
    public static final Hooks NONE = new Hooks(null, null, null, null);

    /**
     * What is wrong with an http(s) hook's URL ({@code ${tenant}} and {@code ${deployment}} standing for any value), or
     * empty for a good one and for a shell command. The URL is never quoted: it may carry a token.
     */
    public static java.util.Optional<String> problemWithUrl(String hook) {
        return HookRunner.problemWithUrl(hook == null ? null : hook.replace("${tenant}", "t").replace("${deployment}", "d"));
    }
}
