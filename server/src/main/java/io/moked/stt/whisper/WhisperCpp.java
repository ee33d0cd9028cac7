package io.moked.stt.whisper;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;
import com.sun.jna.Structure;
import io.github.givimad.whisperjni.WhisperJNI;

import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A binding, through JNA, to the very {@code libwhisper.so.1} that whisper-jni extracted and loaded — for what
 * whisper-jni 1.7.1 does not expose: the decoded tokens and their probabilities (whisper-jni keeps its context
 * pointers private, so they cannot be read beside its own calls; this binding runs the whole transcription itself).
 * <p>
 * It is pinned to one build and refuses anything else ({@link #bind} then says why and the engine falls back to
 * whisper-jni with unknown confidence):
 * <ol>
 *   <li>the library is found through the dynamic linker by its soname with {@code RTLD_NOLOAD} after whisper-jni
 *       loaded it, so no other copy on the system can be picked up, and its file is located with {@code dladdr};</li>
 *   <li>its SHA-256 must be one of {@link #PINNED_BUILDS} — the builds whose {@code whisper_full_params} layout
 *       ({@link WhisperFullParamsLayout}, from the exact whisper.cpp header they were compiled from) was checked;</li>
 *   <li>the defaults the library itself writes ({@code whisper_full_default_params_by_ref}, greedy and beam search)
 *       must read back as documented at every offset of that layout.</li>
 * </ol>
 */
final class WhisperCpp {
    static final String SONAME = "libwhisper.so.1";
    /**
     * SHA-256 of libwhisper.so.1 builds whose layout was verified: whisper-jni 1.7.1's {@code debian-amd64} build
     * of whisper.cpp v1.7.1 (checked on x86-64 with the layout test). Its {@code debian-arm64} build
     * (b525506827b7d32a70ee98715e2cd1724fd683b0e39ac044ad2f75e6148c5fd2) has the same header but has not been run
     * through the tests on an arm64 machine, so it is not listed: there the engine reports unknown confidence.
     */
    static final Map<String, String> PINNED_BUILDS = Map.of(
            "f6c28321de5d69d955b4fb0892f042695b3c966f19afb68eec9e47e4935cb1b5",
            "whisper-jni 1.7.1 debian-amd64 (whisper.cpp v1.7.1)");
    private static final int RTLD_LAZY = 0x1;
    private static final int RTLD_NOLOAD = 0x4;

    private final WhisperCppLibrary lib;
    private final Path file;
    private final String build;

    private WhisperCpp(WhisperCppLibrary lib, Path file, String build) {
        this.lib = lib;
        this.file = file;
        this.build = build;
    }

    /** Either a verified binding or, when there is none, the reason in one line. */
    record Binding(WhisperCpp cpp, String reason) {
        boolean bound() {
            return cpp != null;
        }
    }

    /** The dynamic linker calls used to find the library whisper-jni loaded (glibc: in libc since 2.34). */
    interface Dl extends Library {
        Pointer dlopen(String file, int mode);

        Pointer dlsym(Pointer handle, String symbol);

        int dladdr(Pointer address, DlInfo info);

        int dlclose(Pointer handle);
    }

    /** {@code Dl_info}. */
    public static final class DlInfo extends Structure {
        public Pointer dli_fname;
        public Pointer dli_fbase;
        public Pointer dli_sname;
        public Pointer dli_saddr;

        @Override
        protected List<String> getFieldOrder() {
            return List.of("dli_fname", "dli_fbase", "dli_sname", "dli_saddr");
        }
    }

    /** Loads whisper-jni's native library (if not yet) and binds to its libwhisper.so.1 when it is a pinned build. */
    static Binding bind() {
        if (!Platform.isLinux() || Native.POINTER_SIZE != 8) {
            return new Binding(null, "token probabilities are read only from the verified 64-bit Linux build");
        }
        try {
            WhisperJNI.loadLibrary();
            Path file = loadedLibraryFile();
            if (file == null) {
                return new Binding(null, "whisper-jni did not load " + SONAME);
            }
            String sha = sha256(file);
            String build = PINNED_BUILDS.get(sha);
            if (build == null) {
                return new Binding(null, file + " (sha256 " + sha + ") is not a libwhisper build whose "
                        + "whisper_full_params layout was verified");
            }
            WhisperCppLibrary lib = Native.load(file.toString(), WhisperCppLibrary.class,
                    Map.of(Library.OPTION_OPEN_FLAGS, RTLD_LAZY));
            List<String> wrong = layoutMismatches(lib);
            if (!wrong.isEmpty()) {
                return new Binding(null, "whisper_full_params of " + file + " does not match the v1.7.1 layout: "
                        + String.join("; ", wrong));
            }
            return new Binding(new WhisperCpp(lib, file, build), "");
        } catch (IOException | NoSuchAlgorithmException | UnsatisfiedLinkError | RuntimeException e) {
            return new Binding(null, "cannot bind " + SONAME + ": " + e);
        }
    }

    /** The file of the libwhisper.so.1 already in this process, or null: never loads one. */
    private static Path loadedLibraryFile() {
        Dl dl = Native.load("c", Dl.class);
        Pointer handle = dl.dlopen(SONAME, RTLD_LAZY | RTLD_NOLOAD);
        if (handle == null) {
            return null;
        }
        try {
            Pointer symbol = dl.dlsym(handle, "whisper_full_default_params_by_ref");
            DlInfo info = new DlInfo();
            if (symbol == null || dl.dladdr(symbol, info) == 0 || info.dli_fname == null) {
                return null;
            }
            Path file = Path.of(info.dli_fname.getString(0, "UTF-8"));
            return Files.isRegularFile(file) ? file.toAbsolutePath() : null;
        } finally {
            dl.dlclose(handle); // drops only the reference dlopen(RTLD_NOLOAD) added
        }
    }

    private static String sha256(Path file) throws IOException, NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }

    private static List<String> layoutMismatches(WhisperCppLibrary lib) {
        List<String> wrong = new ArrayList<>();
        for (int strategy : new int[] {WhisperFullParamsLayout.GREEDY, WhisperFullParamsLayout.BEAM_SEARCH}) {
            Pointer defaults = lib.whisper_full_default_params_by_ref(strategy);
            if (defaults == null) {
                wrong.add("whisper_full_default_params_by_ref(" + strategy + ") returned null");
                continue;
            }
            try {
                wrong.addAll(WhisperFullParamsLayout.mismatches(defaults, strategy));
            } finally {
                lib.whisper_free_params(defaults);
            }
        }
        return wrong;
    }

    WhisperCppLibrary library() {
        return lib;
    }

    /** The library file bound to (whisper-jni's extracted copy). */
    Path file() {
        return file;
    }

    /** Which pinned build it is. */
    String build() {
        return build;
    }

    /** The library's greedy defaults as {@link WhisperFullParamsLayout#SIZE} bytes: the base of every call's params. */
    byte[] greedyDefaults() {
        Pointer defaults = lib.whisper_full_default_params_by_ref(WhisperFullParamsLayout.GREEDY);
        try {
            return defaults.getByteArray(0, WhisperFullParamsLayout.SIZE);
        } finally {
            lib.whisper_free_params(defaults);
        }
    }
}
