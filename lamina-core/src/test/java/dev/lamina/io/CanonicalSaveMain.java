package dev.lamina.io;

import java.nio.file.Path;

/** Trains the every-layer model with seed 11 and saves it to {@code args[0]} (run by {@link CanonicalSaveTest}). */
public final class CanonicalSaveMain {
    private CanonicalSaveMain() {}

    public static void main(String[] args) throws Exception {
        ModelFilesTest.everyLayer(11).save(Path.of(args[0]));
    }
}
