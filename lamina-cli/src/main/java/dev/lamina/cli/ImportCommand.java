package dev.lamina.cli;

import dev.lamina.models.Sequential;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code lamina import}: a Keras model file turned into a Lamina model file. */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = "Imports a Keras model (.keras zip or legacy .h5, told apart by content) and saves it as .lamina.")
final class ImportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", description = "The Keras model file.")
    Path source;

    @Option(names = "--save", required = true, description = "The .lamina file to write.")
    Path save;

    @Override
    public Integer call() throws Exception {
        Sequential m = ModelFilesCli.open(source);
        m.save(save);
        spec.commandLine().getOut().println("Imported " + source + " (" + m.countParams() + " parameters) to " + save + ".");
        spec.commandLine().getOut().flush();
        return 0;
    }
}
