package com.endpointstudio.core.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HandlerScannerTest {

    @Test
    void findsModuleLevelFunctionsOnly() {
        String source = """
                '''Docstring mentioning def input_fn(x)'''
                import json

                def model_fn(model_dir):
                    def helper():
                        pass
                    return None

                async def predict_fn(data, model):
                    return data

                class Handler:
                    def output_fn(self):
                        pass

                transform_fn = Handler().run
                """;
        assertThat(HandlerScanner.definedFunctions(source)).contains("model_fn", "predict_fn", "transform_fn")
                .doesNotContain("input_fn", "helper", "output_fn");
    }

    @Test
    void everyTemplateDefinesItsFrameworksHandlers() {
        HandlerTemplates templates = new HandlerTemplates();
        for (Framework framework : Framework.values()) {
            if (framework == Framework.CUSTOM) {
                continue;
            }
            assertThat(HandlerScanner.definedFunctions(templates.script(framework)))
                    .as(framework.displayName())
                    .containsAnyElementsOf(FrameworkLayout.handlers(framework));
        }
    }
}
