package dev.flotilla.web;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import java.util.Map;

/** The jte templates, compiled to classes at build time. Thread-safe. */
final class Templates {
    private final TemplateEngine engine = TemplateEngine.createPrecompiled(null, ContentType.Html,
            Templates.class.getClassLoader(), "dev.flotilla.web.templates");

    String render(String template, Map<String, Object> parameters) {
        StringOutput output = new StringOutput();
        engine.render(template, parameters, output);
        return output.toString();
    }
}
