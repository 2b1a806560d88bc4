package dev.flotilla.web.auth;

import dev.flotilla.ErrorCode;
import dev.flotilla.FlotillaException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** What a console user may do. Checked on the server for every page, action and API call. */
public enum Role {
    VIEWER("viewer", Set.of(Permission.VIEW)),
    OPERATOR("operator", Set.of(Permission.VIEW, Permission.DRY_RUN, Permission.VERIFY)),
    PLATFORM_SUPER_ADMIN("platform_super_admin", Set.of(Permission.values()));

    private final String word;
    private final Set<Permission> permissions;

    Role(String word, Set<Permission> permissions) {
        this.word = word;
        this.permissions = permissions;
    }

    public String word() {
        return word;
    }

    public boolean may(Permission permission) {
        return permissions.contains(permission);
    }

    public static Role parse(String word) {
        return Arrays.stream(values()).filter(r -> r.word.equals(word == null ? null : word.trim().toLowerCase(Locale.ROOT)))
                .findFirst().orElseThrow(() -> new FlotillaException(ErrorCode.BAD_USAGE, "Unknown role '" + word + "': use one of "
                        + Arrays.stream(values()).map(Role::word).collect(Collectors.joining(", ")) + "."));
    }

    /** Actions guarded by a role. */
    public enum Permission {
        VIEW, DRY_RUN, VERIFY, DEPLOY, ROLLBACK, RESTORE, MANAGE_USERS,
        /** Provisioning a tenant: creating its schema or database and building it. */
        CREATE_TENANTS,
        /** Deploying to a tenant whose test (dry run) failed: it would most likely fail again, half-applied. */
        OVERRIDE_FAILED_TEST,
        /** Deploying without the backup deploy.backup takes ({@code --skip-backup}): nothing of Flotilla's to restore from. */
        SKIP_BACKUP,
        /**
         * Deploying without the checks after each tenant's migrations ({@code --skip-checks}): a check that would fail
         * (orphaned rows, lost rows, a tenant column missing) no longer stops it or marks the tenant.
         */
        SKIP_CHECKS
    }
}
