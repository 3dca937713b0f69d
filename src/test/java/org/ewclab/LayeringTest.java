package org.ewclab;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The layering rules of DESIGN.md: the headless layers know nothing of JavaFX, and only the engine touches DJL. */
class LayeringTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.ewclab");
    }

    @Test
    void headlessLayersDoNotImportJavaFx() {
        noClasses().that().resideInAnyPackage("org.ewclab.data..", "org.ewclab.engine..", "org.ewclab.analysis..",
                "org.ewclab.cli..", "org.ewclab.export..", "org.ewclab.i18n..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "org.controlsfx..")
                .because("data, engine, analysis, export and cli must run headless (DESIGN.md)")
                .check(classes);
    }

    @Test
    void onlyTheEngineTouchesDjl() {
        noClasses().that().resideOutsideOfPackage("org.ewclab.engine..")
                .should().dependOnClassesThat().resideInAnyPackage("ai.djl..")
                .because("no NDArray crosses into the UI: the engine publishes plain Java records")
                .check(classes);
    }

    @Test
    void onlyTheLandscapeAnalysisTouchesNd4j() {
        noClasses().that().resideOutsideOfPackage("org.ewclab.analysis.landscape..")
                .should().dependOnClassesThat().resideInAnyPackage("org.nd4j..", "org.bytedeco..")
                .because("ND4J (and its ~400 MB native library) loads only when a landscape view is used;"
                        + " the engine, the UI and every other layer must not reach for it")
                .check(classes);
    }

    @Test
    void textsDependOnNoOtherLayer() {
        noClasses().that().resideInAPackage("org.ewclab.i18n..")
                .should().dependOnClassesThat().resideInAnyPackage("org.ewclab.data..", "org.ewclab.engine..",
                        "org.ewclab.analysis..", "org.ewclab.export..", "org.ewclab.ui..", "org.ewclab.cli..")
                .because("every layer reads its texts from i18n, so i18n sits below them all")
                .check(classes);
    }

    @Test
    void dataDoesNotDependOnHigherLayers() {
        noClasses().that().resideInAPackage("org.ewclab.data..")
                .should().dependOnClassesThat().resideInAnyPackage("org.ewclab.engine..", "org.ewclab.ui..",
                        "org.ewclab.cli..", "org.ewclab.export..", "org.ewclab.analysis..")
                .check(classes);
    }
}
