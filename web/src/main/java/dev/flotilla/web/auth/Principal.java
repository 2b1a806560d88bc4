package dev.flotilla.web.auth;

/**
 * Who makes a request: a user with a role, signed in through a session or an API token, and the address it came from.
 *
 * @param session the session id, or null for an API token
 */
public record Principal(String user, Role role, String session, String csrf, String source) {
    public boolean may(Role.Permission permission) {
        return role.may(permission);
    }
}
