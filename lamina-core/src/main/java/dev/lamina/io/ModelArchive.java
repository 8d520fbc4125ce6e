package dev.lamina.io;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * The zip container of a {@code .lamina} file: named members plus {@code manifest.json}, which
 * records each member's SHA-256 and size; reading checks them all. Written deterministically (fixed
 * order and timestamps; weights stored, JSON deflated), so saving the same model twice gives the same
 * bytes.
 *
 * <p>Reading bounds everything before allocating: the file's size, at most 16 members, names of
 * the form {@code name.json} / {@code name.safetensors} only (no folders, no {@code ..}), no
 * duplicates, and the decompressed size of all members together: at most 64 MiB more than four
 * times the archive's own size (weights are stored uncompressed and JSON shrinks about fivefold, so
 * real files stay far below), and never more than 1 GiB. A zip bomb stops at that cap instead of
 * filling memory.
 */
public final class ModelArchive {
    /** The largest file, member or total accepted: 1 GiB. */
    public static final long MAX_BYTES = 1L << 30;
    /** The most members accepted. */
    public static final int MAX_MEMBERS = 16;
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,40}\\.(json|safetensors)");
    private static final long FIXED_TIME = 315_532_800_000L + 86_400_000L; // 1980-01-02, valid in every zip tool

    private ModelArchive() {}

    /** The zip bytes of {@code members} (name to content), with a manifest. */
    public static byte[] write(Map<String, byte[]> members) {
        Map<String, Object> list = new LinkedHashMap<>();
        for (Map.Entry<String, byte[]> m : members.entrySet()) {
            if (!NAME.matcher(m.getKey()).matches() || m.getKey().equals("manifest.json")) {
                throw new IllegalArgumentException("Invalid member name '" + m.getKey() + "'.");
            }
            Map<String, Object> info = new LinkedHashMap<>();
            info.put("sha256", sha256(m.getValue()));
            info.put("size", m.getValue().length);
            list.put(m.getKey(), info);
        }
        Map<String, Object> manifest = new LinkedHashMap<>();
        manifest.put("members", list);
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
                zip.setLevel(6);
                for (Map.Entry<String, byte[]> m : members.entrySet()) {
                    put(zip, m.getKey(), m.getValue());
                }
                put(zip, "manifest.json", Json.write(manifest));
            }
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException("Writing to memory failed: " + e.getMessage(), e);
        }
    }

    private static void put(ZipOutputStream zip, String name, byte[] content) throws IOException {
        ZipEntry e = new ZipEntry(name);
        e.setTime(FIXED_TIME);
        if (name.endsWith(".safetensors")) {
            CRC32 crc = new CRC32();
            crc.update(content);
            e.setMethod(ZipEntry.STORED);
            e.setSize(content.length);
            e.setCompressedSize(content.length);
            e.setCrc(crc.getValue());
        }
        zip.putNextEntry(e);
        zip.write(content);
        zip.closeEntry();
    }

    /**
     * The members of the archive at {@code path}, each checked against the manifest.
     *
     * @throws ModelFormatException for anything malformed or hostile, naming what and where
     */
    public static Map<String, byte[]> read(Path path) throws IOException {
        long size;
        try {
            size = Files.size(path);
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(path.toString(), null, "no such model file");
        }
        if (size > MAX_BYTES) {
            throw new ModelFormatException(path + ": " + size + " bytes is more than the " + MAX_BYTES + " accepted.");
        }
        return read(Files.readAllBytes(path), path.toString());
    }

    /** The members of archive bytes; {@code where} names the file in errors. */
    public static Map<String, byte[]> read(byte[] archive, String where) throws ModelFormatException {
        Map<String, byte[]> members = new LinkedHashMap<>();
        long total = 0;
        long cap = BoundedZip.cap(archive.length);
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(archive))) {
            ZipEntry e;
            while ((e = zip.getNextEntry()) != null) {
                String name = e.getName();
                if (e.isDirectory() || !NAME.matcher(name).matches()) {
                    throw new ModelFormatException(where + ": member '" + name + "' is not a valid member name (no"
                            + " folders, no '..', only name.json or name.safetensors).");
                }
                if (members.containsKey(name)) {
                    throw new ModelFormatException(where + ": member '" + name + "' appears twice.");
                }
                if (members.size() >= MAX_MEMBERS) {
                    throw new ModelFormatException(where + ": more than " + MAX_MEMBERS + " members.");
                }
                byte[] content = BoundedZip.readMember(zip, cap - total, where, name);
                total += content.length;
                members.put(name, content);
            }
        } catch (ModelFormatException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new ModelFormatException(where + " is not a valid Lamina model archive: " + e, e);
        }
        if (members.isEmpty()) {
            throw new ModelFormatException(where + " is not a Lamina model archive: it holds no zip members.");
        }
        checkManifest(members, where);
        return members;
    }

    private static void checkManifest(Map<String, byte[]> members, String where) throws ModelFormatException {
        byte[] raw = members.remove("manifest.json");
        if (raw == null) {
            throw new ModelFormatException(where + ": manifest.json is missing.");
        }
        JsonNode listed = Json.parse(raw, where + " manifest.json").path("members");
        if (!listed.isObject()) {
            throw new ModelFormatException(where + ": manifest.json has no 'members' object.");
        }
        for (String name : members.keySet()) {
            if (!listed.has(name)) {
                throw new ModelFormatException(where + ": member '" + name + "' is not listed in manifest.json.");
            }
        }
        for (java.util.Iterator<String> it = listed.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            byte[] content = members.get(name);
            if (content == null) {
                throw new ModelFormatException(where + ": member '" + name + "' listed in manifest.json is missing.");
            }
            JsonNode info = listed.get(name);
            if (info.path("size").asLong(-1) != content.length
                    || !sha256(content).equals(info.path("sha256").asText())) {
                throw new ModelFormatException(where + ": member '" + name + "' does not match its SHA-256 in"
                        + " manifest.json; the file is corrupted or was altered.");
            }
        }
    }

    static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
