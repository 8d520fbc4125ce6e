package dev.lamina.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.lamina.data.MinMaxScaler;
import dev.lamina.data.StandardScaler;
import dev.lamina.layers.core.Dense;
import dev.lamina.layers.core.Input;
import dev.lamina.layers.normalization.BatchNormalization;
import dev.lamina.layers.regularization.Dropout;
import dev.lamina.losses.Losses;
import dev.lamina.optimizers.Adam;
import dev.lamina.random.RandomStream;
import dev.lamina.tensor.Tensor;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A model with a preprocessing takes raw rows in fit, evaluate and predict, and keeps it when saved. */
class PreprocessingTest {
    /** Rows on very different scales, as unscaled tables are, and a target in the hundreds. */
    private static Tensor[] data() {
        RandomStream r = new RandomStream(3, 0);
        int n = 200;
        float[] x = new float[n * 3];
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            x[i * 3] = (float) (1000 + 200 * r.nextGaussian());
            x[i * 3 + 1] = (float) (0.01 * r.nextGaussian());
            x[i * 3 + 2] = (float) (5 + r.nextGaussian());
            y[i] = (float) (300 + 0.1 * x[i * 3] + 4000 * x[i * 3 + 1] + 10 * r.nextGaussian());
        }
        return new Tensor[] {Tensor.wrap(x, n, 3), Tensor.wrap(y, n, 1)};
    }

    private static Sequential model() {
        Sequential m = Sequential.of(Input.of(3), Dense.of(16, "relu"), BatchNormalization.of(), Dropout.of(0.2),
                Dense.of(1)).seed(11);
        m.compile(new Adam(), Losses.get("mse"), "mae");
        return m;
    }

    private static FitOptions options(Tensor vx, Tensor vy) {
        return FitOptions.defaults().epochs(3).batchSize(32).validationData(vx, vy).verbose(0);
    }

    @Test
    void fitEvaluateAndPredictOnRawRowsEqualTheSameStepsOnScaledRows(@TempDir Path dir) throws Exception {
        Tensor[] d = data();
        Tensor x = d[0];
        Tensor y = d[1];
        StandardScaler features = new StandardScaler();
        features.fit(x);
        MinMaxScaler targets = new MinMaxScaler();
        targets.fit(y);
        Tensor xs = features.transform(x);
        Tensor ys = targets.transform(y);

        Sequential byHand = model();
        Map<String, List<Double>> expected = byHand.fit(xs, ys, options(xs, ys)).history();
        Sequential inside = model();
        inside.setPreprocessing(new Preprocessing(List.of("a", "b", "c"), List.of("t"), features, targets));
        Map<String, List<Double>> got = inside.fit(x, y, options(x, y)).history();

        assertEquals(expected, got);
        for (int i = 0; i < byHand.getWeights().size(); i++) {
            assertArrayEquals(byHand.getWeights().get(i), inside.getWeights().get(i));
        }
        assertEquals(byHand.evaluate(xs, ys), inside.evaluate(x, y));
        Tensor rawPredictions = targets.inverseTransform(byHand.predict(xs));
        assertArrayEquals(rawPredictions.data(), inside.predict(x).data());
        assertEquals(byHand.trainOnBatch(xs, ys), inside.trainOnBatch(x, y));

        Path file = dir.resolve("m.lamina");
        inside.save(file);
        Sequential loaded = Sequential.load(file);
        assertArrayEquals(inside.predict(x).data(), loaded.predict(x).data());
    }

    @Test
    void monteCarloSpreadsComeBackInTheTargetsUnits() {
        Tensor[] d = data();
        StandardScaler features = new StandardScaler();
        features.fit(d[0]);
        StandardScaler targets = new StandardScaler();
        targets.fit(d[1]);
        Sequential m = model();
        m.fit(features.transform(d[0]), targets.transform(d[1]), options(features.transform(d[0]),
                targets.transform(d[1])));
        Prediction network = m.predict(features.transform(d[0]), PredictOptions.monteCarlo(20, 5));
        m.setPreprocessing(new Preprocessing(List.of("a", "b", "c"), List.of("t"), features, targets));
        Prediction raw = m.predict(d[0], PredictOptions.monteCarlo(20, 5));
        double scale = targets.scales()[0];
        for (int i = 0; i < 20; i++) {
            assertEquals(network.mean().get(i, 0) * scale + targets.offsets()[0], raw.mean().get(i, 0),
                    1e-4 * Math.abs(raw.mean().get(i, 0)));
            assertEquals(network.std().get(i, 0) * scale, raw.std().get(i, 0), 1e-4 * raw.std().get(i, 0) + 1e-6);
        }
    }
}
