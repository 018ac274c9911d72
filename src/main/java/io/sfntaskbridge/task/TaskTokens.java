package io.sfntaskbridge.task;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Task tokens grant the right to answer a task, so they are never logged whole; log lines carry a fingerprint that is
 * enough to correlate entries.
 */
public final class TaskTokens {

    /** Step Functions accepts task tokens of 1 to 2048 characters. */
    public static final int MAX_LENGTH = 2048;

    private TaskTokens() {
    }

    /**
     * Returns a log-safe fingerprint such as {@code token#1a2b3c4d(len=712)}: the first 8 hex digits of the token's
     * SHA-256 and its length.
     */
    public static String fingerprint(String token) {
        if (token == null) {
            return "token#none";
        }
        return "token#" + hash(token).substring(0, 8) + "(len=" + token.length() + ")";
    }

    /** The token's SHA-256 in hex: the key under which the ledger knows a task, so the token is never stored. */
    public static String hash(String token) {
        return sha256Hex(token);
    }

    /** The log-safe fingerprint of a token known only by its {@link #hash}. */
    public static String fingerprintOfHash(String tokenHash) {
        return "token#" + tokenHash.substring(0, 8);
    }

    /**
     * Checks that {@code token} has a length Step Functions accepts.
     *
     * @throws IllegalArgumentException when it does not
     */
    public static String requireValidLength(String token) {
        if (token.isEmpty() || token.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("Task token " + fingerprint(token) + " must be 1 to " + MAX_LENGTH
                                               + " characters long");
        }
        return token;
    }

    private static String sha256Hex(String value) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }
}
