package io.sfntaskbridge.provision;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An ASL file with {@code ${Name}} placeholders. Values are inserted verbatim, so a template quotes string
 * placeholders ({@code "${WorkQueueUrl}"}) and leaves numbers bare ({@code ${TimeoutSeconds}}). An unknown
 * placeholder is rejected on load, naming it, instead of surfacing later as an "invalid definition" from AWS that
 * does not say which one.
 */
final class DefinitionTemplate {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z0-9_]*)}");

    private final String text;

    private DefinitionTemplate(String text) {
        this.text = text;
    }

    /**
     * @param key        the configuration key that names {@code file}, for the message when it is missing
     * @param knownNames the placeholders provisioning fills in for this template
     */
    static DefinitionTemplate load(Path file, String key, Set<String> knownNames) {
        String text = read(file, key);
        TreeSet<String> unknown = new TreeSet<>();
        for (Matcher placeholder = PLACEHOLDER.matcher(text); placeholder.find(); ) {
            if (!knownNames.contains(placeholder.group(1))) {
                unknown.add(placeholder.group());
            }
        }
        if (!unknown.isEmpty()) {
            throw new ProvisioningException("state machine definition " + file + " has placeholders provisioning "
                                            + "cannot fill: " + String.join(", ", unknown) + " (known: "
                                            + String.join(", ", new TreeSet<>(knownNames)) + ")");
        }
        return new DefinitionTemplate(text);
    }

    /** @param values one value for each name the template was loaded with */
    String render(Map<String, String> values) {
        return PLACEHOLDER.matcher(text).replaceAll(match -> Matcher.quoteReplacement(values.get(match.group(1))));
    }

    private static String read(Path file, String key) {
        try {
            return Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new ProvisioningException("state machine definition not found: " + file.toAbsolutePath()
                                            + " (" + key + " is relative to the working directory)");
        } catch (IOException e) {
            throw new ProvisioningException("cannot read state machine definition " + file.toAbsolutePath()
                                            + ": " + e, e);
        }
    }
}
