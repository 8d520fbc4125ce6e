package dev.lamina.spark;

/**
 * Hands a uid to a Spark ML class written in Java before its superclass constructor runs: Spark's
 * Scala params are created there and ask for {@code uid()} at once, before a Java constructor
 * could have set a field (Scala classes take the uid as a constructor value, set first).
 */
final class Uids {
    private static final ThreadLocal<String> PENDING = new ThreadLocal<>();

    private Uids() {}

    /** Keeps {@code uid} for the constructor about to run on this thread; returns null for {@code this(...)}. */
    static Void pending(String uid) {
        PENDING.set(uid);
        return null;
    }

    /** The uid kept for the constructor running on this thread. */
    static String current() {
        return PENDING.get();
    }

    /** The uid kept, forgotten now that the constructor has it. */
    static String take() {
        String uid = PENDING.get();
        PENDING.remove();
        return uid;
    }
}
