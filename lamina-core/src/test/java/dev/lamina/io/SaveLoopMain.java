package dev.lamina.io;

import dev.lamina.layers.core.Dense;
import dev.lamina.layers.core.Input;
import dev.lamina.models.Sequential;
import java.nio.file.Path;

/**
 * Saves a model of about 50 MB over and over, with the first kernel value set to the save's
 * number, printing {@code saved N} after each (run in a child JVM that the tests kill).
 */
public final class SaveLoopMain {
    private SaveLoopMain() {}

    /** The model every save starts from. */
    static Sequential model() {
        return Sequential.of(Input.of(3500), Dense.of(3600)).seed(5);
    }

    public static void main(String[] args) throws Exception {
        Path path = Path.of(args[0]);
        Sequential m = model();
        float[] kernel = m.weights().get(0).value().data();
        for (int n = 0; ; n++) {
            kernel[0] = n;
            m.save(path);
            System.out.println("saved " + n);
            System.out.flush();
        }
    }
}
