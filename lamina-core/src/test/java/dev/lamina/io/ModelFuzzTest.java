package dev.lamina.io;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.lamina.models.ModelFiles;

/**
 * Coverage-guided fuzzing of the model loader with Jazzer: any input either loads or ends in a
 * {@link ModelFormatException}; any other exception or error is a finding.
 *
 * <p>In a normal test run this replays the committed corpus in
 * {@code src/test/resources/dev/lamina/io/ModelFuzzTestInputs/load} (regression mode). To fuzz:
 * {@code JAZZER_FUZZ=1 ./mvnw -pl lamina-core test -Dtest=ModelFuzzTest} (30 seconds a run, the
 * {@code maxDuration} below; raise it for longer sessions). Findings land in that folder as
 * reproducers to commit; the generated corpus stays in {@code .cifuzz-corpus}.
 */
class ModelFuzzTest {
    @FuzzTest(maxDuration = "30s")
    void load(byte[] data) {
        try {
            ModelFiles.load(ModelArchive.read(data, "fuzz.lamina"), "fuzz.lamina");
        } catch (ModelFormatException expected) {
            // a refused file is the right outcome
        }
    }
}
