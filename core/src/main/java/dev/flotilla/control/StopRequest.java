package dev.flotilla.control;

import java.time.Instant;

/** A stop asked for of a running deployment: who asked, and when. */
public record StopRequest(String by, Instant at) {
}
