package io.moked.models;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static io.moked.models.ModelTestSupport.catalog;
import static io.moked.models.ModelTestSupport.entry;
import static io.moked.models.ModelTestSupport.manifest;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ModelCatalogTest {
    private static final String SHA = "1a153a22f4509e292a94e67d6f9b85e8deb25b4988682b7e174c65279d8788e3";

    @Test
    void theRepositoryManifestLoadsWithTheKnownHashes() {
        ModelCatalog catalog = ModelCatalog.load(null);

        ModelEntry vad = catalog.require("silero-vad-v6.2");
        assertEquals(ModelKind.VAD, vad.kind());
        assertEquals("silero_vad.onnx", vad.file());
        assertEquals(SHA, vad.sha256());
        assertEquals(2_327_524L, vad.sizeBytes());
        assertEquals("818710568da3ca15689e31a743197b520007872ff9576237bda97bd1b469c3d7",
                catalog.require("whisper-tiny-q5_1").sha256());
        assertEquals(32_152_673L, catalog.require("whisper-tiny-q5_1").sizeBytes());
        assertEquals("be07e048e1e599ad46341c8d2a135645097a538221678b7acdd1b1919c6e1b21",
                catalog.require("whisper-tiny").sha256());
        assertTrue(catalog.require("test-stories260k").fixture());
        assertTrue(catalog.require("test-whisper-tiny-stub").fixture());
        assertFalse(vad.fixture());
        // every kind the appliance needs has at least one real (non-fixture) entry
        for (ModelKind kind : ModelKind.values()) {
            assertTrue(catalog.entries().stream().anyMatch(e -> e.kind() == kind && !e.fixture()), kind.id());
        }
        assertEquals(List.of("piper-he-shaul-config"), catalog.require("piper-he-shaul").requires());
        assertTrue(catalog.entries().stream().filter(e -> e.kind() == ModelKind.STT)
                .anyMatch(e -> e.languages().equals(List.of("he"))), "a Hebrew whisper fine-tune");
    }

    @Test
    void theBundledClasspathCopyMatchesTheRepositoryManifest() throws Exception {
        Path repoManifest = null;
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve(ModelCatalog.MANIFEST_RELATIVE_PATH))) {
                repoManifest = dir.resolve(ModelCatalog.MANIFEST_RELATIVE_PATH);
                break;
            }
        }
        try (var bundled = ModelCatalog.class.getResourceAsStream("/models/manifest.yaml")) {
            assertEquals(Files.readString(repoManifest), new String(bundled.readAllBytes(),
                    java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    @Test
    void unknownHashAndSizeStayNull() {
        ModelEntry entry = catalog(manifest(entry("a", "a.bin", "https://h/x/y/up.bin", null, null))).require("a");
        assertNull(entry.sha256());
        assertNull(entry.sizeBytes());
        assertEquals(Optional.of("up.bin"), entry.upstreamFileName());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "../evil.bin", "dir/file.bin", ".hidden", "a b.bin"
    })
    void fileNamesThatCouldEscapeTheModelsDirectoryAreRejected(String file) {
        ModelException e = assertThrows(ModelException.class,
                () -> catalog(manifest(entry("a", "'" + file + "'", null, null, null))));
        assertTrue(e.getMessage().contains("plain file name"), e.getMessage());
    }

    @Test
    void invalidEntriesAreRejectedWithTheEntryNamed() {
        assertTrue(assertThrows(ModelException.class,
                () -> catalog(manifest(entry("a", "a.bin", null, "abc", null))))
                .getMessage().contains("entry #1 (a): sha256"));
        assertTrue(assertThrows(ModelException.class,
                () -> catalog(manifest(entry("a", "a.bin", "ftp://x/a", null, null))))
                .getMessage().contains("http(s)"));
        assertTrue(assertThrows(ModelException.class,
                () -> catalog(manifest(entry("a", "a.bin", null, null, null), entry("a", "b.bin", null, null, null))))
                .getMessage().contains("duplicate name 'a'"));
        assertTrue(assertThrows(ModelException.class,
                () -> catalog(manifest(entry("a", "a.bin", null, null, null), entry("b", "a.bin", null, null, null))))
                .getMessage().contains("two entries use the file 'a.bin'"));
        assertTrue(assertThrows(ModelException.class,
                () -> catalog(manifest(entry("a", "a.bin", null, null, null) + "    requires: [zzz]\n")))
                .getMessage().contains("requires unknown 'zzz'"));
        assertTrue(assertThrows(ModelException.class,
                () -> catalog(manifest(entry("a", "a.bin", null, null, null).replace("kind: stt", "kind: asr"))))
                .getMessage().contains("unknown kind 'asr'"));
        assertTrue(assertThrows(ModelException.class, () -> catalog("nothing: here"))
                .getMessage().contains("no 'models:' list"));
    }

    @Test
    void anExplicitManifestPathThatDoesNotExistFailsClearly() {
        ModelException e = assertThrows(ModelException.class,
                () -> ModelCatalog.load(Path.of("/nonexistent/manifest.yaml")));
        assertTrue(e.getMessage().contains("MOKED_MODELS_MANIFEST"), e.getMessage());
    }
}
