package dev.lamina.io;

import dev.lamina.data.CsvReader;
import dev.lamina.data.EncodeReport;
import dev.lamina.models.Sequential;
import dev.lamina.util.ValueHash;
import java.nio.file.Path;

/**
 * Loads a model file and prints a hash of its predictions on a raw CSV table and what the encoding
 * met (run in a JVM of its own by {@link FeatureSpecFileTest}). Arguments: the model, the CSV.
 */
public final class FeatureSpecFileMain {
    private FeatureSpecFileMain() {}

    public static void main(String[] args) throws Exception {
        Sequential m = Sequential.load(Path.of(args[0]));
        EncodeReport report = new EncodeReport();
        float[] p = m.predict(CsvReader.read(Path.of(args[1])), report).data();
        System.out.println(ValueHash.hex(ValueHash.of(p, ValueHash.START)) + " " + report.lines());
    }
}
