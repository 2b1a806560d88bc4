package dev.flotilla.web.view;

import dev.flotilla.web.auth.Principal;
import dev.flotilla.web.auth.Role;

/** What every page's frame needs: its title, the menu entry to mark, who is signed in (null on the login page). */
public record Layout(String title, String active, Principal who) {
    public String csrf() {
        return who == null || who.csrf() == null ? "" : who.csrf();
    }

    /** The htmx header carrying the CSRF token on every request the page makes. */
    public String htmxHeaders() {
        return "{\"X-CSRF-Token\": \"" + csrf() + "\"}";
    }

    public boolean may(String permission) {
        return who != null && who.may(Role.Permission.valueOf(permission));
    }
}
