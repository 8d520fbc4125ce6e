package dev.lamina.models;

import dev.lamina.layers.Layer;
import dev.lamina.layers.LayerConfig;
import dev.lamina.tensor.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What makes a training run the run it is, for a backup to be resumed only by the same run: the
 * layers and their settings, the optimizer, loss and metrics, the fit settings that shape the
 * steps (batch size, shuffling, seed, validation, the last batch's rule), and the training and
 * validation data (their shapes and a hash of every value). The number of epochs is left out, so a
 * resumed run may train longer. Each entry is a short text, so that a refusal can say what differs.
 */
final class RunFingerprint {
    private RunFingerprint() {}

    static Map<String, String> of(Sequential model, FitOptions options, long seed, Tensor trainX, Tensor trainY,
                                  Tensor valX, Tensor valY) {
        Map<String, String> f = new LinkedHashMap<>();
        List<String> classes = new ArrayList<>();
        StringBuilder settings = new StringBuilder();
        for (Layer l : model.layers()) {
            classes.add(l.className());
            settings.append(withoutName(l.config())).append(';');
        }
        f.put("layers", String.join(", ", classes));
        f.put("layer settings", hex(hash(settings.toString())));
        f.put("optimizer", model.optimizer().className() + " " + sorted(model.optimizer().config()));
        f.put("loss", model.loss().name() + " " + sorted(model.loss().config()));
        f.put("metrics", model.metricNames().toString());
        f.put("batch size", Integer.toString(options.batchSize()));
        f.put("shuffle", Boolean.toString(options.shuffle()));
        f.put("seed", Long.toString(seed));
        f.put("last batch of one", options.lastBatchOfOne().name());
        f.put("training data", describe(trainX, trainY));
        f.put("validation data", valX == null ? "none" : describe(valX, valY));
        return f;
    }

    /** The layer's Keras config in a fixed order, without its name (automatic names vary between JVMs). */
    private static String withoutName(LayerConfig config) {
        Map<String, Object> m = new TreeMap<>(config.toMap());
        m.remove("name");
        return sorted(m).toString();
    }

    /** Nested maps sorted too, so that the text does not depend on map order. */
    private static Object sorted(Object o) {
        if (o instanceof Map<?, ?> map) {
            Map<String, Object> out = new TreeMap<>();
            map.forEach((k, v) -> out.put(String.valueOf(k), sorted(v)));
            return out;
        }
        if (o instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            list.forEach(v -> out.add(sorted(v)));
            return out;
        }
        return o;
    }

    private static String describe(Tensor x, Tensor y) {
        return x.rows() + " rows, " + x.cols() + " features, " + y.cols() + " targets, hash "
                + hex(hash(y.data(), hash(x.data(), 17)));
    }

    private static long hash(String s) {
        long h = 17;
        for (int i = 0; i < s.length(); i++) {
            h = mix(h ^ s.charAt(i));
        }
        return h;
    }

    /** A 64-bit hash of every value's bits, in order (SplitMix64's finalizer per value). */
    private static long hash(float[] values, long h) {
        for (float v : values) {
            h = mix(h ^ Float.floatToRawIntBits(v));
        }
        return mix(h ^ values.length);
    }

    private static long mix(long z) {
        z = (z + 0x9E3779B97F4A7C15L) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private static String hex(long h) {
        return String.format("%016x", h);
    }
}
