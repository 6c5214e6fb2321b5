package io.ovfkit.cli;

import io.ovfkit.disk.DiskFormatException;
import io.ovfkit.ova.PackageException;
import io.ovfkit.ovf.OvfException;
import io.ovfkit.signing.SigningException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.util.Arrays;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Turns every failure into one message on stderr, prefixed {@code ovfkit: }, and an
 * {@link ExitStatus}: usage errors give {@link ExitStatus#USAGE}, unreadable or malformed input
 * ({@link OvfException}, {@link DiskFormatException} and so {@code NotADiskImageException},
 * {@link PackageException}, {@link SigningException}, {@link IOException}) {@link ExitStatus#INPUT}, anything else
 * {@link ExitStatus#INTERNAL}. Stack traces only with {@code --debug}.
 */
final class ErrorReporter implements IParameterExceptionHandler, IExecutionExceptionHandler {
    /** The prefix of every message ovfkit prints on stderr. */
    static final String PREFIX = "ovfkit: ";

    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        CommandLine cmd = ex.getCommandLine();
        PrintWriter err = cmd.getErr();
        err.println(PREFIX + ex.getMessage());
        UnmatchedArgumentException.printSuggestions(ex, err);
        err.println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for more information.");
        if (ex.getCause() != null && args != null && Arrays.asList(args).contains(DebugOption.NAME)) {
            ex.printStackTrace(err);
        }
        err.flush();
        return ExitStatus.USAGE.code();
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parseResult) {
        PrintWriter err = cmd.getErr();
        boolean debug = DebugOption.requested(parseResult);
        ExitStatus status;
        if (ex instanceof OvfException || ex instanceof DiskFormatException || ex instanceof PackageException
                || ex instanceof SigningException) {
            // A descriptor, disk image, package, manifest or certificate that is malformed, corrupt, not of
            // a known format (NotADiskImageException), unsafe, or cannot hold what was asked: the message
            // names the file.
            status = ExitStatus.INPUT;
            err.println(PREFIX + ex.getMessage());
        } else if (ex instanceof IOException io) {
            status = ExitStatus.INPUT;
            err.println(PREFIX + describe(io));
        } else if (ex instanceof UncheckedIOException uio) {
            status = ExitStatus.INPUT;
            err.println(PREFIX + describe(uio.getCause()));
        } else {
            status = ExitStatus.INTERNAL;
            err.println(PREFIX + "internal error: " + ex);
            if (!debug) {
                err.println(PREFIX + "rerun with " + DebugOption.NAME + " to see the stack trace, and please report it");
            }
        }
        if (debug) {
            ex.printStackTrace(err);
        }
        err.flush();
        return status.code();
    }

    /** A message naming the file and what went wrong; the JDK's own messages are often just the path. */
    static String describe(IOException e) {
        if (e instanceof NoSuchFileException f) {
            return f.getFile() + ": no such file or folder";
        }
        if (e instanceof AccessDeniedException f) {
            return f.getFile() + ": permission denied";
        }
        if (e instanceof FileSystemException f && f.getFile() != null) {
            return f.getFile() + ": " + (f.getReason() != null ? f.getReason() : e.getClass().getSimpleName());
        }
        return e.getMessage() != null ? e.getMessage() : e.toString();
    }
}
