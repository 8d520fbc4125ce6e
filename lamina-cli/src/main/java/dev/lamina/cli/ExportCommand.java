package dev.lamina.cli;

import dev.lamina.data.CategoricalColumn;
import dev.lamina.data.ColumnSpec;
import dev.lamina.data.FeatureSpec;
import dev.lamina.data.NumericColumn;
import dev.lamina.models.Preprocessing;
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

    /** The numeric columns the spec reads ({@code numeric}) or its categorical ones. */
    private static java.util.List<String> columns(FeatureSpec spec, boolean numeric) {
        java.util.List<String> out = new java.util.ArrayList<>();
        for (ColumnSpec c : spec.columns()) {
            if (numeric ? c instanceof NumericColumn : c instanceof CategoricalColumn) {
                out.add(c.name());
            }
        }
        return out;
    }

    @Override
    public Integer call() throws Exception {
        Sequential m = ModelFilesCli.open(model);
        OnnxExport.export(m, onnx);
        Preprocessing p = m.preprocessing();
        String inputs = p != null && p.featureSpec() != null
                ? "one input per column, [batch, 1]; float, NaN where missing: "
                + String.join(", ", columns(p.featureSpec(), true)) + "; text: "
                + String.join(", ", columns(p.featureSpec(), false))
                : "input 'input' [batch, " + m.inputShape().size() + "]" + (p != null && p.featureScaler() != null
                ? ", raw rows: the scaler is in the graph" : "");
        spec.commandLine().getOut().println("Wrote " + onnx + " (" + inputs + "; output 'output'"
                + (p != null && p.targetScaler() != null ? " in the target's units" : "") + ").");
        spec.commandLine().getOut().flush();
        return 0;
    }
}
