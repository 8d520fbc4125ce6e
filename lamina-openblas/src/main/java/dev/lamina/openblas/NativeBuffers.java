package dev.lamina.openblas;

import org.bytedeco.javacpp.FloatPointer;

/**
 * One thread's native copies of A, B and C for {@link OpenBlasBackend}: each grows to the largest
 * matrix seen and is then reused, so steady-state training allocates no native memory per call.
 */
final class NativeBuffers {
    FloatPointer a = new FloatPointer(1);
    FloatPointer b = new FloatPointer(1);
    FloatPointer c = new FloatPointer(1);

    /** Makes each buffer hold at least the given number of floats. */
    void reserve(long aSize, long bSize, long cSize) {
        a = grown(a, aSize);
        b = grown(b, bSize);
        c = grown(c, cSize);
    }

    private static FloatPointer grown(FloatPointer p, long size) {
        if (p.capacity() >= size) {
            return p;
        }
        p.close();
        return new FloatPointer(Math.max(size, p.capacity() + p.capacity() / 2));
    }
}
