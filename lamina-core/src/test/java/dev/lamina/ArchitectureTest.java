package dev.lamina;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * Rules on the code itself: no Java serialization anywhere, no loading classes by name from files,
 * and the layering of the core's packages (the lower ones know nothing of the higher).
 */
class ArchitectureTest {
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("dev.lamina");

    @Test
    void noJavaSerialization() {
        noClasses().should().dependOnClassesThat().haveFullyQualifiedName("java.io.ObjectInputStream")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.io.ObjectOutputStream")
                .check(CLASSES);
    }

    @Test
    void nothingIsLoadedByANameFromAFile() {
        noClasses().that().resideInAnyPackage("dev.lamina.io..", "dev.lamina.layers..", "dev.lamina.data..",
                        "dev.lamina.models..", "dev.lamina.optimizers..", "dev.lamina.losses..", "dev.lamina.initializers..")
                .should().callMethod(Class.class, "forName", String.class)
                .orShould().callMethod(ClassLoader.class, "loadClass", String.class)
                .check(CLASSES);
    }

    @Test
    void theLowerPackagesKnowNothingOfTheHigher() {
        noClasses().that().resideInAnyPackage("dev.lamina.tensor..", "dev.lamina.random..", "dev.lamina.util..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.lamina.layers..", "dev.lamina.models..",
                        "dev.lamina.callbacks..", "dev.lamina.io..", "dev.lamina.data..")
                .check(CLASSES);
        noClasses().that().resideInAnyPackage("dev.lamina.layers..", "dev.lamina.callbacks..", "dev.lamina.data..",
                        "dev.lamina.optimizers..", "dev.lamina.losses..", "dev.lamina.metrics..", "dev.lamina.io..")
                .should().dependOnClassesThat().resideInAPackage("dev.lamina.models..")
                .check(CLASSES);
    }

    @Test
    void thePackagesOfTheCoreFormNoCycle() {
        slices().matching("dev.lamina.(*)..").should().beFreeOfCycles().check(CLASSES);
    }

    @Test
    void noTwoPackagesDependOnEachOtherAtAnyDepth() {
        // Package by package, sub-packages included: the layers' topics know the base package, never the reverse.
        slices().matching("dev.lamina.(**)").should().beFreeOfCycles().check(CLASSES);
        noClasses().that().resideInAPackage("dev.lamina.layers").should().dependOnClassesThat()
                .resideInAnyPackage("dev.lamina.layers.core..", "dev.lamina.layers.regularization..",
                        "dev.lamina.layers.normalization..", "dev.lamina.layers.registry..")
                .check(CLASSES);
    }

    @Test
    void theCoreLinksNoNativeCode() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("org.bytedeco..", "jdk.internal..")
                .check(CLASSES);
    }
}
