/**
 * File formats, read as hostile input and written atomically: the zip archive of a {@code .lamina}
 * file with its manifest of SHA-256 sums ({@link dev.lamina.io.ModelArchive}), safetensors,
 * JSON under tight limits. What goes into an archive is decided beside the model
 * ({@code dev.lamina.models.ModelFiles}); this package knows no models.
 */
package dev.lamina.io;
