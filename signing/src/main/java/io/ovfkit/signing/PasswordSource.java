package io.ovfkit.signing;

import java.io.Console;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;

/**
 * Where the password of an encrypted key or PKCS#12 file comes from: an environment variable
 * ({@value #DEFAULT_VARIABLE} unless named otherwise), a file, or a prompt on the console.
 *
 * <p>There is deliberately no source for a password given as a command-line argument: arguments
 * are visible to every user of the machine ({@code ps}, {@code /proc/PID/cmdline}) and end up in
 * shell histories and CI logs. A password is asked for only when a key turns out to be encrypted.
 *
 * <p>{@link #password(String)} returns a fresh array that the caller owns and should clear with
 * {@link Arrays#fill(char[], char)} after use; this library does so.
 *
 * <p>The library's sources hold no mutable state and are safe to call from any thread (each call
 * returns a fresh array; the console source prompts, so concurrent calls would interleave prompts);
 * another implementation must be as safe or be used from one thread.
 */
@FunctionalInterface
public interface PasswordSource {
    /** The environment variable {@link #environment()} reads: {@value}. */
    String DEFAULT_VARIABLE = "OVFKIT_KEY_PASSWORD";

    /**
     * The password.
     *
     * @param what the file or key it is for, shown in prompts and messages (e.g. {@code key.pem})
     * @return a fresh array the caller clears after use
     * @throws SigningException when this source has no password to give
     */
    char[] password(String what);

    /**
     * This source, or {@code other} when this one has no password (e.g. the variable is not set).
     *
     * @param other the fallback
     * @return the combined source
     */
    default PasswordSource orElse(PasswordSource other) {
        Objects.requireNonNull(other, "other");
        return what -> {
            try {
                return password(what);
            } catch (SigningException e) {
                return other.password(what);
            }
        };
    }

    /**
     * The password from the environment variable {@value #DEFAULT_VARIABLE}.
     *
     * @return the source
     */
    static PasswordSource environment() {
        return environment(DEFAULT_VARIABLE);
    }

    /**
     * The password from a named environment variable of this process.
     *
     * @param variable the variable's name
     * @return the source
     */
    static PasswordSource environment(String variable) {
        return environment(variable, System.getenv());
    }

    /**
     * The password from a variable of the given environment (e.g. one prepared for a child process).
     *
     * @param variable the variable's name
     * @param environment the variables
     * @return the source, failing with a message naming the variable when it is unset
     */
    static PasswordSource environment(String variable, Map<String, String> environment) {
        Objects.requireNonNull(variable, "variable");
        Map<String, String> env = Map.copyOf(environment);
        return what -> {
            String v = env.get(variable);
            if (v == null) {
                throw new SigningException(what, "is encrypted and the environment variable " + variable
                        + " that should hold its password is not set");
            }
            return v.toCharArray();
        };
    }

    /**
     * The password from the first line of a file (its line end removed; the rest ignored), read as
     * UTF-8 each time it is needed. Keep such a file readable by its owner only.
     *
     * @param file the password file
     * @return the source
     */
    static PasswordSource file(Path file) {
        Objects.requireNonNull(file, "file");
        return what -> {
            byte[] bytes = null;
            CharBuffer chars = null;
            try {
                bytes = BoundedFiles.read(file, BoundedFiles.PASSWORD_MAX_BYTES, "a password file");
                chars = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
                int end = 0;
                while (end < chars.length() && chars.charAt(end) != '\n' && chars.charAt(end) != '\r') {
                    end++;
                }
                char[] out = new char[end];
                chars.get(out, 0, end);
                return out;
            } catch (CharacterCodingException e) {
                throw new SigningException(file.toString(), "the password file for " + what + " is not UTF-8 text", e);
            } catch (IOException e) {
                throw new SigningException(file.toString(), "cannot read the password file for " + what + ": " + e, e);
            } finally {
                if (bytes != null) {
                    Arrays.fill(bytes, (byte) 0);
                }
                if (chars != null && chars.hasArray()) {
                    Arrays.fill(chars.array(), '\0');
                }
            }
        };
    }

    /**
     * A prompt on the console ({@link System#console()}), without echo.
     *
     * @return the source, failing when there is no console (e.g. in CI or with redirected input)
     */
    static PasswordSource console() {
        return what -> {
            Console c = System.console();
            if (c == null) {
                throw new SigningException(what, "is encrypted and there is no console to ask for its password; set "
                        + DEFAULT_VARIABLE + " or use a password file");
            }
            char[] p = c.readPassword("Password for %s: ", what);
            if (p == null) {
                throw new SigningException(what, "no password entered (end of input)");
            }
            return p;
        };
    }

    /**
     * A password already in memory, e.g. from a secret manager or a GUI field. The array is copied
     * now; the caller may clear its own.
     *
     * @param password the password
     * @return the source
     */
    static PasswordSource of(char[] password) {
        char[] copy = password.clone();
        return what -> copy.clone();
    }

    /**
     * No password: for keys that are not encrypted; an encrypted one fails with a message saying
     * how to supply its password.
     *
     * @return the source
     */
    static PasswordSource none() {
        return what -> {
            throw new SigningException(what, "is encrypted and no password was supplied; set " + DEFAULT_VARIABLE
                    + ", use a password file or a prompt (passwords are never taken from the command line)");
        };
    }
}
