package dev.lamina.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import dev.lamina.initializers.RandomNormal;
import dev.lamina.layers.core.Activation;
import dev.lamina.layers.core.Dense;
import dev.lamina.layers.core.ELU;
import dev.lamina.layers.core.Identity;
import dev.lamina.layers.core.Input;
import dev.lamina.layers.core.PReLU;
import dev.lamina.layers.core.ReLU;
import dev.lamina.layers.core.Softmax;
import dev.lamina.layers.normalization.BatchNormalization;
import dev.lamina.layers.normalization.LayerNormalization;
import dev.lamina.layers.normalization.Normalization;
import dev.lamina.layers.regularization.Dropout;
import dev.lamina.layers.regularization.SpatialDropout1D;
import dev.lamina.models.Sequential;
import dev.lamina.random.RandomStream;
import dev.lamina.tensor.Tensor;
import java.nio.FloatBuffer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Exported models run in ONNX Runtime (Java) and give Lamina's predictions. */
class OnnxExportTest {
    private static float[][] input(int rows, int cols) {
        RandomStream r = new RandomStream(5, 0);
        float[][] x = new float[rows][cols];
        for (float[] row : x) {
            for (int j = 0; j < cols; j++) {
                row[j] = (float) r.nextGaussian();
            }
        }
        return x;
    }

    private static void assertSamePredictions(Sequential m, int features) throws Exception {
        float[][] x = input(16, features);
        Tensor expected = m.predict(Tensor.of(x));
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession s = env.createSession(OnnxExport.toBytes(m), new OrtSession.SessionOptions());
             OnnxTensor in = OnnxTensor.createTensor(env, x);
             OrtSession.Result r = s.run(Map.of("input", in))) {
            float[][] y = (float[][]) r.get(0).getValue();
            for (int i = 0; i < y.length; i++) {
                for (int j = 0; j < y[i].length; j++) {
                    float e = expected.get(i, j);
                    assertEquals(e, y[i][j], 2e-5 * Math.max(1, Math.abs(e)), "row " + i + " col " + j);
                }
            }
        }
    }

    @Test
    void theLessonsModelRunsInOnnxRuntime() throws Exception {
        Sequential m = new Sequential();
        m.add(Input.of(11));
        for (int i = 0; i < 3; i++) {
            m.add(Dense.of(64, "relu"));
            m.add(Dropout.of(0.3));
            m.add(BatchNormalization.builder().movingMeanInitializer(new RandomNormal(0, 0.5, false, 1L + i))
                    .gammaInitializer(new RandomNormal(1, 0.3, false, 2L + i)).build());
        }
        m.add(Dense.of(1));
        m.seed(3);
        assertSamePredictions(m, 11);
    }

    @Test
    void everyActivationAndNormalization() throws Exception {
        Normalization norm = new Normalization(new Normalization.Config(null, List.of(0.5, -1.0, 2.0, 0.0),
                List.of(4.0, 0.25, 1.0, 9.0), false));
        Sequential m = Sequential.of(Input.of(4), norm, Dense.of(8, "gelu"), Dense.of(8, "silu"), Dense.of(8, "elu"),
                Dense.of(8, "selu"), LayerNormalization.of(), Dense.of(8, "softplus"), Dense.of(8, "softsign"),
                Dense.of(8, "tanh"), Dense.of(8, "leaky_relu"), Dense.of(8, "hard_sigmoid"),
                Dense.builder(8).useBias(false).build(), Activation.of("exponential"),
                BatchNormalization.builder().center(false).build(), Dense.of(3, "softmax")).seed(4);
        assertSamePredictions(m, 4);
    }

    @Test
    void layerNormalizationWithRmsScalingAndRmsAndUnitNormalization() throws Exception {
        LayerNormalization rms = new LayerNormalization(new LayerNormalization.Config(null, true, 1e-3, true, true,
                dev.lamina.initializers.Constant.ZEROS, new RandomNormal(1, 0.5, false, 7L), null, null, null, null,
                true));
        Sequential m = Sequential.of(Input.of(5), Dense.of(6, "tanh"), rms, Dense.of(4),
                dev.lamina.layers.normalization.RMSNormalization.of(), Dense.of(3),
                dev.lamina.layers.normalization.UnitNormalization.of(), Dense.of(2)).seed(6);
        assertSamePredictions(m, 5);
    }

    @Test
    void activationLayers() throws Exception {
        PReLU prelu = new PReLU(new PReLU.Config(null, true, new RandomNormal(0.2, 0.3, false, 3L), null, null, null));
        Sequential m = Sequential.of(Input.of(5), Dense.of(6),
                new ReLU(new ReLU.Config(null, 1.5, 0.1, 0.2)), Dense.of(6), ReLU.of(), Dense.of(6), prelu,
                Dense.of(4), ELU.of(0.5), Identity.of(), Dense.of(3), Softmax.of()).seed(8);
        assertSamePredictions(m, 5);
    }

    @Test
    void rescalingAndActivityRegularization() throws Exception {
        Sequential m = Sequential.of(Input.of(4), dev.lamina.layers.core.Rescaling.of(1 / 255.0, -0.5),
                new dev.lamina.layers.core.Rescaling(new dev.lamina.layers.core.Rescaling.Config(null,
                        List.of(50.0, 200.0, -100.0, 400.0), List.of(0.1, 0.0, -0.2, 1.0))),
                Dense.of(6, "relu"), dev.lamina.layers.regularization.ActivityRegularization.of(0.01, 0),
                Dense.of(2)).seed(9);
        assertSamePredictions(m, 4);
    }

    @Test
    void layersOutsideTheExportAreNamed() {
        Sequential m = Sequential.of(Input.of(2, 3), SpatialDropout1D.of(0.1), BatchNormalization.builder().axis(1).build())
                .seed(1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> OnnxExport.toBytes(m));
        assertEquals(true, e.getMessage().contains("BatchNormalization"), e.getMessage());
    }

    @Test
    void structureOpsetNamesAndShapes() throws Exception {
        Sequential m = Sequential.of(Input.of(7), Dense.of(5, "relu"), Dropout.of(0.5), BatchNormalization.of(),
                Dense.of(2)).seed(9);
        dev.lamina.onnx.proto.Onnx.ModelProto p = dev.lamina.onnx.proto.Onnx.ModelProto.parseFrom(OnnxExport.toBytes(m));
        assertEquals(17, p.getOpsetImport(0).getVersion());
        assertEquals("", p.getOpsetImport(0).getDomain());
        assertEquals(8, p.getIrVersion());
        var in = p.getGraph().getInput(0);
        assertEquals("input", in.getName());
        assertEquals("batch", in.getType().getTensorType().getShape().getDim(0).getDimParam());
        assertEquals(7, in.getType().getTensorType().getShape().getDim(1).getDimValue());
        var out = p.getGraph().getOutput(0);
        assertEquals("output", out.getName());
        assertEquals(2, out.getType().getTensorType().getShape().getDim(1).getDimValue());
        assertEquals(List.of("Gemm", "Relu", "BatchNormalization", "Gemm", "Identity"),
                p.getGraph().getNodeList().stream().map(n -> n.getOpType()).toList(), "Dropout is left out");
        var bn = p.getGraph().getNode(2);
        assertEquals(1e-3f, bn.getAttribute(0).getF(), "Keras' epsilon written out");
    }
}
