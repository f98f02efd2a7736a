package dev.uds.sum;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@link ServerProcess}'s heap as its GC log tells: collections so far, the most used before
 * one, the most left after one, the last left after one, and the heap's size.
 *
 * @param collections  the collections logged
 * @param peakUsedKiB  the most used before a collection
 * @param peakLiveKiB  the most left after a collection
 * @param lastLiveKiB  what the last collection left
 * @param committedKiB the heap's largest size
 */
public record ServerHeap(int collections, long peakUsedKiB, long peakLiveKiB, long lastLiveKiB, long committedKiB) {
    /** A pause line of {@code -Xlog:gc}: before, after, and the heap's size, each with its unit. */
    private static final Pattern GC_LINE = Pattern.compile(
            "GC\\(\\d+\\) Pause .*? (\\d+)([KMG])->(\\d+)([KMG])\\((\\d+)([KMG])\\)");

    /**
     * Reads a GC log written so far.
     *
     * @param gcLog the log
     * @return what it tells
     * @throws IOException if it cannot be read
     */
    static ServerHeap read(Path gcLog) throws IOException {
        int collections = 0;
        long peakUsed = 0;
        long peakLive = 0;
        long lastLive = 0;
        long committed = 0;
        for (String line : Files.readAllLines(gcLog)) {
            Matcher m = GC_LINE.matcher(line);
            if (!m.find()) {
                continue;
            }
            collections++;
            peakUsed = Math.max(peakUsed, kib(m.group(1), m.group(2)));
            lastLive = kib(m.group(3), m.group(4));
            peakLive = Math.max(peakLive, lastLive);
            committed = Math.max(committed, kib(m.group(5), m.group(6)));
        }
        return new ServerHeap(collections, peakUsed, peakLive, lastLive, committed);
    }

    private static long kib(String value, String unit) {
        long n = Long.parseLong(value);
        return switch (unit) {
            case "K" -> n;
            case "M" -> n * 1024;
            default -> n * 1024 * 1024;
        };
    }

    /**
     * A size for a message.
     *
     * @param kib the size in KiB
     * @return such as {@code "12.5 MiB"}
     */
    static String mib(long kib) {
        return String.format(java.util.Locale.ROOT, "%.1f MiB", kib / 1024.0);
    }

    @Override
    public String toString() {
        return collections + " collections, peak used " + mib(peakUsedKiB) + ", peak after a collection "
                + mib(peakLiveKiB) + ", heap " + mib(committedKiB);
    }
}
