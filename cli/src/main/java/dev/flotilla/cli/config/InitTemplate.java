package dev.flotilla.cli.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The commented starter flotilla.yml that {@code flotilla init} writes. */
public final class InitTemplate {
    private InitTemplate() {
    }

    public static String text() {
        try (InputStream in = InitTemplate.class.getResourceAsStream("flotilla.yml")) {
            if (in == null) {
                throw new IllegalStateException("Flotilla's jar lacks its starter flotilla.yml");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
