/**
 * Model files: the {@code .lamina} archive (config, safetensors weights, optimizer state,
 * preprocessing, manifest of SHA-256 sums), written atomically and read as hostile input.
 */
package dev.lamina.io;
