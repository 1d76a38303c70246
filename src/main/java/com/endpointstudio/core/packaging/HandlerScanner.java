package com.endpointstudio.core.packaging;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the module-level functions a handler script defines, by reading its source (it is never
 * run). Strings in triple quotes are skipped so a docstring that mentions {@code def model_fn}
 * does not count; nested functions and methods do not count either, as the containers only
 * look up module attributes.
 */
public final class HandlerScanner {

    private static final Pattern TRIPLE_QUOTED = Pattern.compile("(\"\"\"|''')[\\s\\S]*?\\1");
    private static final Pattern TOP_LEVEL_DEF = Pattern.compile("^(?:async\\s+)?def\\s+([A-Za-z_]\\w*)\\s*\\(",
            Pattern.MULTILINE);
    private static final Pattern TOP_LEVEL_ALIAS = Pattern.compile("^([A-Za-z_]\\w*)\\s*=\\s*[A-Za-z_]", Pattern.MULTILINE);

    private HandlerScanner() {
    }

    /** Names of the functions defined (or bound by assignment) at module level. */
    public static Set<String> definedFunctions(String source) {
        String code = TRIPLE_QUOTED.matcher(source.replace("\r\n", "\n")).replaceAll("");
        Set<String> names = new LinkedHashSet<>();
        Matcher def = TOP_LEVEL_DEF.matcher(code);
        while (def.find()) {
            names.add(def.group(1));
        }
        Matcher alias = TOP_LEVEL_ALIAS.matcher(code);
        while (alias.find()) {
            names.add(alias.group(1));
        }
        return names;
    }
}
