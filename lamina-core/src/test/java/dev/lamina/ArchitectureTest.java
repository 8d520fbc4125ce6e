package dev.lamina;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** Rules on the code itself: no Java serialization anywhere, no loading classes by name from files. */
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
}
