package dev.lamina.io;

import dev.lamina.layers.Parameter;
import dev.lamina.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A model's weights alone as a {@code .safetensors} file, named by their paths
 * ({@code layer/weight}, kernels {@code [in, out]}): what {@code saveWeights} and
 * {@code loadWeights} delegate to, as Keras' {@code Model.save_weights} delegates to its saving API.
 */
public final class WeightFiles {
    private WeightFiles() {}

    /** Writes {@code weights} to {@code path}, atomically. */
    public static void save(List<Parameter> weights, Path path) throws IOException {
        List<NamedTensor> ts = new ArrayList<>();
        for (Parameter p : weights) {
            ts.add(new NamedTensor(p.path(), p.value()));
        }
        AtomicFiles.write(path, SafeTensors.write(ts, Map.of("format", "lamina")));
    }

    /**
     * Reads {@code path} into {@code weights}, all or none: every weight must be in the file, by path
     * and shape, and the file must hold nothing else; {@code owner} names the model in errors.
     *
     * @throws ModelFormatException when a weight is missing, extra or of another shape
     */
    public static void load(List<Parameter> weights, Path path, String owner) throws IOException {
        long size = Files.size(path);
        if (size > ModelArchive.MAX_BYTES) {
            throw new ModelFormatException(path + ": " + size + " bytes is more than accepted.");
        }
        SafeTensors.Contents c = SafeTensors.read(Files.readAllBytes(path), path.toString());
        if (c.tensors().size() != weights.size()) {
            throw new ModelFormatException(path + " has " + c.tensors().size() + " tensors; " + owner + " has "
                    + weights.size() + " weights.");
        }
        for (Parameter p : weights) {
            Tensor t = c.get(p.path());
            if (t == null || !t.shape().equals(p.value().shape())) {
                throw new ModelFormatException(path + ": no tensor '" + p.path() + "' of shape "
                        + p.value().shape() + (t == null ? "" : " (found " + t.shape() + ")") + ".");
            }
        }
        for (Parameter p : weights) {
            p.value().copyFrom(c.get(p.path()));
        }
    }
}
