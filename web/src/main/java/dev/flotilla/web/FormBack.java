package dev.flotilla.web;

import io.javalin.http.Context;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Where an error page of a refused form leads back to: the form's own page (the wizard's step, the Drift or Verify
 * page with the group and tenant ids typed, the deployment or tenant the button was on, tokens, users), so that the user corrects
 * the input rather than starting over from the fleet; a later step of the wizard read before its files were chosen leads
 * to step 1. Null for any other page that was only read.
 */
final class FormBack {
    private FormBack() {
    }

    static String of(Context ctx) {
        String path = ctx.path();
        if (!"POST".equals(ctx.method().name())) {
            // A later step of the wizard read without its earlier ones (after a sign-in again, from a bookmark): step 1.
            return path.startsWith("/wizard/") && !path.equals("/wizard/files") ? "/wizard/files" : null;
        }
        String[] parts = path.split("/");
        if (path.equals("/drift") || path.equals("/verify")) {
            return path + "?group=" + encoded(ctx.formParam("group")) + "&tenants=" + encoded(ctx.formParam("tenants"));
        }
        if (path.equals("/wizard/deploy")) {
            return "/wizard/test";
        }
        if (path.startsWith("/wizard/tenants")) {
            return "/wizard/tenants";
        }
        if (path.startsWith("/wizard/")) {
            return path;
        }
        if ((path.startsWith("/deployments/") || path.startsWith("/tenants/")) && parts.length >= 3) {
            return "/" + parts[1] + "/" + parts[2];
        }
        if (path.startsWith("/tokens") || path.startsWith("/users")) {
            return "/" + parts[1];
        }
        return null;
    }

    private static String encoded(String value) {
        return value == null ? "" : URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
