package dev.lamina.keras;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.lamina.io.ModelFormatException;

/**
 * Coverage-guided fuzzing of the Keras importer with Jazzer, like the native format's
 * {@code ModelFuzzTest}: any input either loads or ends in a {@link ModelFormatException}.
 *
 * <p>A normal test run replays the committed inputs in
 * {@code src/test/resources/dev/lamina/keras/KerasFuzzTestInputs/load} (a small {@code .keras} and a
 * legacy {@code .h5}). To fuzz: {@code JAZZER_FUZZ=1 ./mvnw -pl lamina-keras test -Dtest=KerasFuzzTest}.
 */
class KerasFuzzTest {
    @FuzzTest(maxDuration = "30s")
    void load(byte[] data) {
        try {
            KerasImport.load(data, "fuzz.keras");
        } catch (ModelFormatException expected) {
            // a refused file is the right outcome
        }
    }
}
