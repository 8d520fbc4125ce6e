package dev.lamina.cli;

import dev.lamina.models.Sequential;
import dev.lamina.onnx.OnnxExport;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code lamina export}: a model's inference graph as an ONNX file. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Writes a model (.lamina, .keras or .h5) as an ONNX file (opset 17) for ONNX runtimes.")
final class ExportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--model", required = true, description = "The model file.")
    Path model;

    @Option(names = "--onnx", required = true, description = "The .onnx file to write.")
    Path onnx;

    @Override
    public Integer call() throws Exception {
        Sequential m = ModelFilesCli.open(model);
        OnnxExport.export(m, onnx);
        spec.commandLine().getOut().println("Wrote " + onnx + " (input 'input' [batch, " + m.inputShape().size()
                + "], output 'output'). The model's scaler, if any, is not part of the graph: scale inputs first.");
        spec.commandLine().getOut().flush();
        return 0;
    }
}
