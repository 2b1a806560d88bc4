package dev.flotilla.web;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * How the API writes a deployment ({@code dev.flotilla.control.DeploymentRecord}) beyond its components: its durations
 * also in milliseconds, named so ({@code lastSeenMs}, {@code staleAfterMs}), as every other time of the API is
 * ({@code timeMs}, {@code runningMs}); {@code lastSeen} and {@code staleAfter}, in seconds, stay for older readers
 * (deprecated, README). A Jackson mix-in: the engine's record knows nothing of JSON.
 */
abstract class DeploymentJson {
    @JsonProperty("lastSeenMs")
    abstract Long lastSeenMs();

    @JsonProperty("staleAfterMs")
    abstract Long staleAfterMs();
}
