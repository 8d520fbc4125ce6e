package dev.lamina.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lamina.tensor.Tensor;
import org.junit.jupiter.api.Test;

class MetricsTest {
    @Test
    void aucMatchesTheExactRocAreaWhenThresholdsSeparateThePredictions() {
        Metric auc = Metrics.get("auc");
        // Pairs (positive, negative) ranked correctly: (0.35 > 0.1), (0.8 > 0.1), (0.8 > 0.4); wrong: (0.35 < 0.4).
        auc.update(Tensor.column(0, 0, 1, 1), Tensor.column(0.1f, 0.4f, 0.35f, 0.8f));
        assertEquals(0.75, auc.result(), 1e-12);
        auc.reset();
        auc.update(Tensor.column(0, 1), Tensor.column(0.2f, 0.9f));
        assertEquals(1.0, auc.result(), 1e-12);
        auc.reset();
        auc.update(Tensor.column(1, 0), Tensor.column(0.2f, 0.9f));
        assertEquals(0.0, auc.result(), 1e-12);
    }

    @Test
    void accuracyResolvesAsKerasDoes() {
        Metric binary = Metrics.get("accuracy");
        binary.update(Tensor.column(1, 0, 1, 0), Tensor.column(0.9f, 0.2f, 0.4f, 0.6f));
        assertEquals(0.5, binary.result());
        Metric sparse = Metrics.get("accuracy");
        sparse.update(Tensor.column(2, 0), Tensor.of(new float[][] {{0.1f, 0.2f, 0.7f}, {0.1f, 0.8f, 0.1f}}));
        assertEquals(0.5, sparse.result());
        Metric categorical = Metrics.get("accuracy");
        categorical.update(Tensor.of(new float[][] {{0, 0, 1}, {0, 1, 0}}),
                Tensor.of(new float[][] {{0.1f, 0.2f, 0.7f}, {0.1f, 0.8f, 0.1f}}));
        assertEquals(1.0, categorical.result());
    }

    @Test
    void errorMetricsAccumulateOverBatches() {
        Metric rmse = Metrics.get("rmse");
        rmse.update(Tensor.column(0, 0), Tensor.column(3, 4));
        rmse.update(Tensor.column(0), Tensor.column(0));
        assertEquals(Math.sqrt(25.0 / 3), rmse.result(), 1e-12);
        Metric mae = Metrics.get("mean_absolute_error");
        mae.update(Tensor.column(1, 2), Tensor.column(2, 0));
        assertEquals(1.5, mae.result());
        assertTrue(Double.isNaN(Metrics.get("mse").result()));
        assertThrows(IllegalArgumentException.class, () -> Metrics.get("f1"));
    }
}
