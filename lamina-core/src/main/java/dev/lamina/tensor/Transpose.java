package dev.lamina.tensor;

/** Whether a GEMM operand is used as stored ({@link #NO}) or transposed ({@link #YES}). */
public enum Transpose {
    /** The operand as stored. */
    NO,
    /** The operand's transpose. */
    YES
}
