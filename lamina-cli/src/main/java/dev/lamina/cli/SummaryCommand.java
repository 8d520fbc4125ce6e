package dev.lamina.cli;

import dev.lamina.layers.registry.LayerSpec;
import dev.lamina.layers.Layer;
import dev.lamina.layers.core.Input;
import dev.lamina.models.Sequential;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code lamina summary}: the Keras-style summary of a saved model or of a layer spec. */
@Command(name = "summary", mixinStandardHelpOptions = true,
        description = "Prints a model's layers, output shapes and parameter counts.")
final class SummaryCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    static final class Source {
        @Option(names = "--model", description = "A .lamina file.")
        Path model;

        @ArgGroup(exclusive = false)
        Spec2 spec;
    }

    static final class Spec2 {
        @Option(names = "--layers", required = true, description = "A layer spec (see lamina train --help).")
        String layers;

        @Option(names = "--input-dim", required = true, description = "The number of input features.")
        int inputDim;
    }

    @Override
    public Integer call() throws Exception {
        Sequential m;
        if (source.model != null) {
            m = ModelFilesCli.open(source.model);
        } else {
            m = new Sequential();
            m.add(Input.of(source.spec.inputDim));
            for (Layer l : LayerSpec.parse(source.spec.layers)) {
                m.add(l);
            }
        }
        spec.commandLine().getOut().print(m.summary());
        spec.commandLine().getOut().flush();
        return 0;
    }
}
