package com.endpointstudio.ui.layout;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * The README's gallery: the audited screens as the layout audit saw them, light theme at
 * 1024 × 700, each under its caption. {@code ./mvnw test -Dtest=LayoutAuditTest -Dstudio.gallery=true}
 * copies the screenshots to docs/gallery and rewrites the README's section; {@link GalleryTest}
 * fails when the section no longer matches the audited screens.
 */
final class Gallery {

    static final Path FOLDER = Path.of("docs", "gallery");
    static final String START = "<!-- gallery: made from the layout audit's screenshots -->";
    static final String END = "<!-- end of gallery -->";

    private Gallery() {
    }

    /** The README section for these views: the screens with a caption, in the audit's order. */
    static String section(List<AuditedView> views) {
        StringBuilder text = new StringBuilder(START).append('\n');
        for (AuditedView view : views) {
            if (view.caption() != null) {
                text.append("\n**").append(view.caption()).append("**\n\n![").append(view.caption()).append("](")
                        .append(FOLDER.resolve(view.name() + ".png").toString().replace('\\', '/')).append(")\n");
            }
        }
        return text.append('\n').append(END).toString();
    }

    /** The gallery section as the README has it now, or null when it has none. */
    static String of(String readme) {
        int start = readme.indexOf(START);
        int end = readme.indexOf(END);
        return start < 0 || end < start ? null : readme.substring(start, end + END.length());
    }

    /** Copies the screenshots of {@code shots} (one theme and size) and writes the README's section. */
    static void update(List<AuditedView> views, Path shots, Path readme) throws IOException {
        Files.createDirectories(FOLDER);
        for (AuditedView view : views) {
            if (view.caption() != null) {
                Files.copy(shots.resolve(view.name() + ".png"), FOLDER.resolve(view.name() + ".png"),
                        StandardCopyOption.REPLACE_EXISTING);
            }
        }
        String text = Files.readString(readme);
        String current = of(text);
        if (current == null) {
            throw new IllegalStateException(readme + " has no gallery section (" + START + " … " + END + ")");
        }
        Files.writeString(readme, text.replace(current, section(views)));
    }
}
