package dev.lamina.data;

import java.nio.file.Path;

/** Loads a numeric CSV file straight into float32 and prints its shape (run by {@link CsvMemoryTest}). */
public final class CsvMemoryMain {
    private CsvMemoryMain() {}

    public static void main(String[] args) {
        Dataset d = TableToDataset.of(Path.of(args[0])).target("y").build();
        System.out.println(d.x().rows() + " x " + d.x().cols() + " + " + d.y().cols());
    }
}
