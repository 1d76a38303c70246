package com.endpointstudio.ui.layout;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The README shows every audited screen, from the screenshots in docs/gallery. */
class GalleryTest {

    @Test
    void theReadmesGalleryListsEveryAuditedScreenAndItsScreenshotIsThere() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        assertThat(Gallery.of(readme)).as("README's gallery (regenerate: ./mvnw test -Dtest=LayoutAuditTest "
                + "-Dstudio.gallery=true)").isEqualTo(Gallery.section(AuditedViews.all()));
        for (AuditedView view : AuditedViews.all()) {
            if (view.caption() != null) {
                assertThat(Gallery.FOLDER.resolve(view.name() + ".png")).isRegularFile();
            }
        }
    }
}
