package dev.lamina.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lamina.data.CsvReader;
import dev.lamina.data.EncodeReport;
import dev.lamina.models.Sequential;
import dev.lamina.util.ValueHash;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A model whose preprocessing is a feature spec saves, loads in a new JVM and predicts raw rows identically. */
class FeatureSpecFileTest {
    @Test
    void aSavedFeatureSpecPredictsTheSameInANewJvm(@TempDir Path dir) throws Exception {
        Sequential m = ModelFilesTest.withFeatureSpec(3);
        Path file = dir.resolve("m.lamina");
        m.save(file);
        Path csv = dir.resolve("new.csv");
        Files.writeString(csv, "y,n,color,extra\n0,3,red,x\n1,,green,x\n2,40,purple,x\n0,?,,x\n",
                StandardCharsets.UTF_8);
        EncodeReport report = new EncodeReport();
        float[] here = m.predict(CsvReader.read(csv), report).data();
        String expected = ValueHash.hex(ValueHash.of(here, ValueHash.START)) + " " + report.lines();
        assertEquals(List.of("n: 2 missing", "color: 1 missing, 2 unseen in training, sent to the out-of-vocabulary"
                + " bucket: purple (1), (missing) (1)"), report.lines());
        assertEquals(m.preprocessing(), Sequential.load(file).preprocessing());
        Process p = new ProcessBuilder(List.of(ProcessHandle.current().info().command().orElse("java"), "-cp",
                System.getProperty("java.class.path"), FeatureSpecFileMain.class.getName(), file.toString(),
                csv.toString())).redirectError(dir.resolve("err.txt").toFile()).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), Files.readString(dir.resolve("err.txt")));
        assertEquals(expected, out);
    }
}
