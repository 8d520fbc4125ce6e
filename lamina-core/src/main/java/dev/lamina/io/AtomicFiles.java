package dev.lamina.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Durable, atomic file replacement: the bytes go to a temporary file in the target's directory,
 * which is flushed to disk, then renamed over the target in one step, and the directory is flushed
 * too. A crash or error at any moment leaves either the old file or the new one, never a mix; the
 * temporary file ({@code .NAME.*.tmp}) is removed on error, and a stale one left by a killed process
 * is never read, and is removed by the next write of the same target (once it is a minute old, so
 * that a write in progress in another process keeps its own).
 */
public final class AtomicFiles {
    /** How old a temporary file must be before a later write takes it for a killed process's. */
    static final long STALE_AFTER_MILLIS = 60_000;

    private AtomicFiles() {}

    /**
     * Replaces {@code target} with {@code bytes}.
     *
     * @throws IOException when the directory is not writable, the disk is full, or the rename fails;
     *     the previous file is then intact
     */
    public static void write(Path target, byte[] bytes) throws IOException {
        Path abs = target.toAbsolutePath();
        Path dir = abs.getParent();
        removeStale(dir, abs.getFileName().toString());
        Path tmp = Files.createTempFile(dir, "." + abs.getFileName() + ".", ".tmp");
        try {
            permissions(tmp, abs);
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer buf = ByteBuffer.wrap(bytes);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                ch.force(true);
            }
            try {
                Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                throw new IOException("Cannot replace " + abs + " atomically on this file system: " + e.getMessage(), e);
            }
        } catch (IOException | RuntimeException | Error e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
        syncDirectory(dir);
    }

    /** Removes temporary files of earlier writes of {@code name} that were left by killed processes. */
    private static void removeStale(Path dir, String name) throws IOException {
        long cutoff = System.currentTimeMillis() - STALE_AFTER_MILLIS;
        try (DirectoryStream<Path> temps = Files.newDirectoryStream(dir, "." + globEscape(name) + ".*.tmp")) {
            for (Path t : temps) {
                try {
                    if (Files.getLastModifiedTime(t).toMillis() < cutoff) {
                        Files.deleteIfExists(t);
                    }
                } catch (IOException e) {
                    // Another process removed or holds it; it is not ours to insist on.
                }
            }
        }
    }

    private static String globEscape(String name) {
        return name.replaceAll("([\\\\*?\\[\\]{}])", "\\\\$1");
    }

    /**
     * Temporary files are private (0600); the saved file gets the permissions of the file it
     * replaces, or rw-r--r-- for a new one, where the file system has POSIX permissions.
     */
    private static void permissions(Path tmp, Path target) throws IOException {
        if (!tmp.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return;
        }
        Files.setPosixFilePermissions(tmp, Files.exists(target) ? Files.getPosixFilePermissions(target)
                : java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
    }

    private static void syncDirectory(Path dir) throws IOException {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (UnsupportedOperationException | java.nio.file.AccessDeniedException e) {
            // Some platforms cannot open directories; the rename itself is still atomic there.
        }
    }
}
