package com.endpointstudio.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** Keeps the layers of DESIGN.md apart: core is plain Java; only hosting talks to the SDK. */
@AnalyzeClasses(packages = "com.endpointstudio", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule coreImportsNoJavaFx = noClasses().that().resideInAPackage("..core..")
            .should().dependOnClassesThat().resideInAnyPackage("javafx..", "org.controlsfx..", "atlantafx..");

    @ArchTest
    static final ArchRule coreImportsNoAwsSdk = noClasses().that().resideInAPackage("..core..")
            .should().dependOnClassesThat().resideInAPackage("software.amazon.awssdk..");

    @ArchTest
    static final ArchRule coreKnowsNoOuterLayer = noClasses().that().resideInAPackage("..core..")
            .should().dependOnClassesThat().resideInAnyPackage("com.endpointstudio.ui..",
                    "com.endpointstudio.cli..", "com.endpointstudio.hosting..", "com.endpointstudio.app..");

    @ArchTest
    static final ArchRule uiNeverCallsTheSdk = noClasses().that().resideInAPackage("com.endpointstudio.ui..")
            .should().dependOnClassesThat().resideInAPackage("software.amazon.awssdk..");

    @ArchTest
    static final ArchRule hostingHasNoUi = noClasses().that().resideInAPackage("com.endpointstudio.hosting..")
            .should().dependOnClassesThat().resideInAnyPackage("javafx..", "com.endpointstudio.ui..");

    @ArchTest
    static final ArchRule cliHasNoUi = noClasses().that().resideInAPackage("com.endpointstudio.cli..")
            .should().dependOnClassesThat().resideInAnyPackage("javafx..", "com.endpointstudio.ui..");
}
