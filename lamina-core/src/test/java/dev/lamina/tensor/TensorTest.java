package dev.lamina.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TensorTest {
    @Test
    void rowMajorLayoutAndViews() {
        Tensor t = Tensor.of(new float[][] {{1, 2, 3}, {4, 5, 6}});
        assertEquals(Shape.of(2, 3), t.shape());
        assertEquals(6f, t.get(1, 2));
        assertEquals(4f, t.data()[3]);
        assertEquals(2, t.rows());
        assertEquals(3, t.cols());
        assertEquals("(None, 3)", Shape.of(3).toKerasString());
        assertEquals(Shape.of(3), t.shape().withoutBatch());
    }

    @Test
    void raggedRowsAreRejectedNamingTheRow() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Tensor.of(new float[][] {{1, 2}, {3}}));
        assertTrue(e.getMessage().contains("Row 1 has 1 values but row 0 has 2"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Tensor.of(new float[0][]));
        assertThrows(IllegalArgumentException.class, () -> Shape.of(3, 0));
        assertThrows(IllegalArgumentException.class, () -> Tensor.wrap(new float[5], 2, 3));
    }

    @Test
    void bufferReusesTensorsPerBatchSize() {
        Buffer b = new Buffer();
        Tensor a = b.get(32, Shape.of(10));
        Tensor c = b.get(7, Shape.of(10));
        assertSame(a, b.get(32, Shape.of(10)));
        assertSame(c, b.get(7, Shape.of(10)));
        assertNotSame(a, b.get(32, Shape.of(5)));
        assertEquals(Shape.of(7, 10), c.shape());
    }

    @Test
    void sumRowsAddsColumns() {
        Tensor t = Tensor.of(new float[][] {{1, 2}, {3, 4}, {5, 6}});
        float[] out = new float[2];
        Ops.sumRows(t, out);
        assertEquals(9f, out[0]);
        assertEquals(12f, out[1]);
        assertEquals(-1, Ops.firstNonFinite(t.data()));
        t.data()[3] = Float.NaN;
        assertEquals(3, Ops.firstNonFinite(t.data()));
    }
}
