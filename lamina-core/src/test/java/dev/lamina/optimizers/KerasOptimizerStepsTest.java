package dev.lamina.optimizers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lamina.initializers.Constant;
import dev.lamina.layers.Parameter;
import dev.lamina.layers.core.Dense;
import dev.lamina.tensor.Shape;
import dev.lamina.testing.Reference;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Nadam, Adamax, Adadelta and Lion take Keras 3.15.1's eight steps, with its defaults, other
 * arguments, weight decay and clipping: the optimizer is made from Keras' own config
 * ({@code Optimizers.fromConfig}) and its weights are compared after every step
 * ({@code tools/reference/keras_optimizers.py}).
 */
class KerasOptimizerStepsTest {
    @Test
    void stepsMatchKeras() {
        JsonNode ref = Reference.load("optimizers.json");
        for (JsonNode c : ref.get("cases")) {
            @SuppressWarnings("unchecked")
            Map<String, Object> config = new com.fasterxml.jackson.databind.ObjectMapper()
                    .convertValue(c.get("keras_config"), Map.class);
            Optimizer opt = Optimizers.fromConfig(c.get("class_name").asText(), config);
            String what = c.get("optimizer").asText() + " " + c.get("config");
            Dense d = Dense.builder(4).useBias(false).kernelInitializer(Constant.ZEROS).build();
            d.build(Shape.of(3));
            Parameter p = d.kernel();
            float[] w = p.value().data();
            JsonNode w0 = ref.get("w0");
            for (int i = 0; i < 3; i++) {
                for (int j = 0; j < 4; j++) {
                    w[i * 4 + j] = (float) w0.get(i).get(j).asDouble();
                }
            }
            for (int s = 0; s < ref.get("grads").size(); s++) {
                JsonNode g = ref.get("grads").get(s);
                for (int i = 0; i < 3; i++) {
                    for (int j = 0; j < 4; j++) {
                        p.grad().data()[i * 4 + j] = (float) g.get(i).get(j).asDouble();
                    }
                }
                opt.apply(List.of(p));
                JsonNode e = c.get("steps").get(s);
                for (int i = 0; i < 3; i++) {
                    for (int j = 0; j < 4; j++) {
                        double expected = e.get(i).get(j).asDouble();
                        assertEquals(expected, w[i * 4 + j], 3e-6 * Math.max(1, Math.abs(expected)),
                                what + " step " + (s + 1) + " w[" + i + "][" + j + "]");
                    }
                }
            }
            assertEquals(c.get("class_name").asText(), opt.className());
        }
    }
}
