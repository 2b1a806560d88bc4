package dev.flotilla.run;

import dev.flotilla.TargetOptions;
import dev.flotilla.control.ControlPlane;
import dev.flotilla.target.SecretPlaceholders;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The values of a run's secret placeholders ({@link TargetOptions#secretPlaceholderValues}) as a control plane's mask, so
 * that what a run keeps there (a failing statement quoting {@code ${db_password}}'s value, a task's log) is masked without
 * the application registering them: the command line and the console register their own too. What a fleet's dry run
 * and repair return, which no plane keeps, they mask with it themselves ({@link #of}). Equal for the same values,
 * so that runners built again on the same options add no second layer (see {@link ControlPlane#maskAlso}).
 */
record SecretPlaceholderMask(Map<String, String> placeholders, Set<String> named) implements UnaryOperator<String> {
    SecretPlaceholderMask {
        placeholders = Map.copyOf(placeholders);
        named = Set.copyOf(named);
    }

    /** Has {@code plane} mask the secret placeholders' values of {@code template}, when it has any. */
    static void register(ControlPlane plane, TargetOptions template) {
        of(template).ifPresent(plane::maskAlso);
    }

    /**
     * The mask of {@code template}'s secret placeholders' values, for the results of work that keeps nothing in a
     * control plane (a fleet's dry run, its repair); empty when it has none.
     */
    static java.util.Optional<UnaryOperator<String>> of(TargetOptions template) {
        return template.secretPlaceholderValues().isEmpty() ? java.util.Optional.empty()
                : java.util.Optional.of(new SecretPlaceholderMask(template.placeholders(), template.secretPlaceholders()));
    }

    /**
     * {@code work}'s result ({@code mask} masks it), or its failure, masked of {@code options}' secret placeholders'
     * values: what one target's run returns to its caller, with no control plane between them.
     */
    static <T> T around(TargetOptions options, java.util.function.Supplier<T> work,
                        java.util.function.BiFunction<T, UnaryOperator<String>, T> mask) {
        java.util.Optional<UnaryOperator<String>> secrets = of(options);
        T result;
        try {
            result = work.get();
        } catch (dev.flotilla.FlotillaException e) {
            throw secrets.isPresent() ? e.masked(secrets.get()) : e;
        }
        return secrets.isPresent() ? mask.apply(result, secrets.get()) : result;
    }

    @Override
    public String apply(String text) {
        return SecretPlaceholders.scrub(text, placeholders, named);
    }
}
