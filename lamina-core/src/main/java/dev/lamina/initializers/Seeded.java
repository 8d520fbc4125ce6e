package dev.lamina.initializers;

import dev.lamina.random.RandomStream;

/** Picks the stream an initializer draws from: its own seed when it has one, else the model's stream. */
final class Seeded {
    private Seeded() {}

    static RandomStream stream(Long seed, RandomStream given) {
        return seed == null ? given : new RandomStream(seed, 0);
    }

    /** A normal value truncated to [-2, 2] standard deviations, by rejection (as Keras/JAX do). */
    static double truncatedNormal(RandomStream r) {
        while (true) {
            double z = r.nextGaussian();
            if (z >= -2 && z <= 2) {
                return z;
            }
        }
    }
}
