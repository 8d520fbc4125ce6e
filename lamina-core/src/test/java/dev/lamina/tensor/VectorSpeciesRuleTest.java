package dev.lamina.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every Vector API kernel uses the preferred species only. A second species of the same element
 * type (a 256-bit float vector beside the 512-bit one) makes the Vector API's shared methods see
 * two vector classes; the GEMM micro-kernel compiled after that ran at half speed (W4 predictions
 * after training: 20,600 instead of 38,300 rows/s). A rule on the sources, since a timed test
 * would not be reliable.
 */
class VectorSpeciesRuleTest {
    private static final Pattern OTHER_SPECIES = Pattern.compile(
            "SPECIES_(?!PREFERRED)\\w+|VectorSpecies\\.of\\(|SPECIES_MAX");

    @Test
    void kernelsUseOnlyThePreferredSpecies() throws IOException {
        Path main = Path.of("src/main/java");
        List<String> offenders;
        try (Stream<Path> files = Files.walk(main)) {
            offenders = files.filter(p -> p.toString().endsWith(".java")).filter(p -> {
                try {
                    return OTHER_SPECIES.matcher(Files.readString(p)).find();
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).map(Path::toString).collect(Collectors.toList());
        }
        assertEquals(List.of(), offenders, "use FloatVector/DoubleVector/LongVector.SPECIES_PREFERRED only");
    }
}
