package io.moked.cli.models;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.moked.cli.CliRun;
import io.moked.cli.CliRuntime;
import io.moked.cli.ExitCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** agentctl models against a real local HTTP server and a temp models directory; never boots Micronaut. */
class ModelsCommandTest {
    @TempDir
    Path work;
    private HttpServer server;
    private final Map<String, byte[]> served = new HashMap<>();
    private final byte[] good = bytes(300_000, 1);
    private final byte[] other = bytes(1000, 2);
    /** Starts like an ONNX ModelProto (ir_version 8): imports check a model's format, not only its name. */
    private final byte[] offline = onnx(bytes(1000, 3));
    private CliRun cli;

    private static byte[] bytes(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    private static byte[] onnx(byte[] b) {
        b[0] = 0x08;
        b[1] = 0x08;
        return b;
    }

    private static String sha(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }

    @BeforeEach
    void setUp() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = served.get(exchange.getRequestURI().getPath());
            if (body == null) {
                exchange.sendResponseHeaders(404, -1);
            } else {
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
            exchange.close();
        });
        server.start();
        served.put("/good.bin", good);
        served.put("/bad.bin", other);
        String base = "http://127.0.0.1:" + server.getAddress().getPort();
        Path manifest = work.resolve("manifest.yaml");
        Files.writeString(manifest, "version: 1\nmodels:\n"
                + entry("good", "good.bin", base + "/good.bin", sha(good))
                + entry("tampered", "tampered.bin", base + "/bad.bin", sha(good))
                + entry("offline", "offline.onnx", null, null));
        cli = new CliRun(CliRuntime.builder()
                .property(CliRuntime.DATA_DIR_PROPERTY, work.resolve("data").toString())
                .property("moked.models.manifest", manifest.toString())
                .build());
    }

    private static String entry(String name, String file, String url, String sha) {
        return "  - name: " + name + "\n    kind: stt\n    file: " + file + "\n"
                + (url == null ? "" : "    url: " + url + "\n")
                + "    sha256: " + (sha == null ? "null" : sha) + "\n    license: MIT\n    languages: [he]\n";
    }

    @AfterEach
    void tearDown() {
        cli.close();
        server.stop(0);
    }

    private Path modelsDir() {
        return work.resolve("data").resolve("models");
    }

    private static Map<String, String> states(JsonNode listing) {
        Map<String, String> states = new HashMap<>();
        listing.get("models").forEach(m -> states.put(m.get("name").asText(), m.get("state").asText()));
        return states;
    }

    @Test
    void listPullVerifyRemoveWithoutStartingServices() throws Exception {
        JsonNode before = cli.ok("models", "list", "--output", "json").json();
        assertEquals(Map.of("good", "missing", "tampered", "missing", "offline", "missing"), states(before));
        assertEquals(modelsDir().toAbsolutePath().normalize().toString(), before.get("modelsDir").asText());

        CliRun.Result pulled = cli.ok("models", "pull", "good");
        assertTrue(pulled.err().contains("pull good"), "progress on stderr: " + pulled.err());
        assertTrue(pulled.err().contains("100%"), pulled.err());
        assertTrue(pulled.out().contains("installed"), pulled.out());
        assertArrayEquals(good, Files.readAllBytes(modelsDir().resolve("good.bin")));

        assertEquals("installed", states(cli.ok("models", "list", "-o", "json").json()).get("good"));
        CliRun.Result table = cli.ok("models", "list");
        assertTrue(table.out().startsWith("NAME"), table.out());
        assertTrue(table.out().lines().anyMatch(l -> l.startsWith("good") && l.contains("installed")), table.out());

        assertEquals(ExitCode.OK, cli.run("models", "verify").exitCode());
        try (RandomAccessFile raf = new RandomAccessFile(modelsDir().resolve("good.bin").toFile(), "rw")) {
            raf.seek(10);
            raf.write(good[10] ^ 1);
        }
        CliRun.Result verify = cli.run("models", "verify", "--output", "json");
        assertEquals(ExitCode.FAILURE, verify.exitCode(), verify.err());
        assertFalse(verify.json().get("ok").asBoolean());
        assertEquals("corrupted", verify.json().get("models").get(0).get("state").asText());

        assertTrue(cli.ok("models", "remove", "good").out().contains("removed good"));
        assertFalse(Files.exists(modelsDir().resolve("good.bin")));
        assertEquals(ExitCode.NOT_FOUND_OR_CONFLICT, cli.run("models", "remove", "good").exitCode());

        assertFalse(cli.runtime().contextStarted(), "models commands are pure local");
    }

    @Test
    void aWrongHashFailsWithExit1AndInstallsNothing() {
        CliRun.Result result = cli.run("models", "pull", "tampered");
        assertEquals(ExitCode.FAILURE, result.exitCode());
        String lastLine = result.err().strip().lines().reduce((a, b) -> b).orElse("");
        assertTrue(lastLine.startsWith("error: ") && lastLine.contains("sha256"), result.err());
        assertTrue(result.err().contains("pull tampered"), "progress was shown: " + result.err());
        assertFalse(Files.exists(modelsDir().resolve("tampered.bin")));
        assertFalse(Files.exists(modelsDir().resolve("tampered.bin.part")));
    }

    @Test
    void unknownModelIsNotFound() {
        CliRun.Result result = cli.run("models", "pull", "nope");
        assertEquals(ExitCode.NOT_FOUND_OR_CONFLICT, result.exitCode());
        assertTrue(result.errLine().contains("unknown model 'nope'"), result.err());
        assertEquals(ExitCode.USAGE, cli.run("models", "pull").exitCode());
        assertEquals(ExitCode.USAGE, cli.run("models").exitCode());
    }

    @Test
    void importFromADirectoryReportsImportedAndSkipped() throws Exception {
        Path usb = work.resolve("usb");
        Files.createDirectories(usb);
        Files.write(usb.resolve("renamed.bin"), good);
        Files.write(usb.resolve("offline.onnx"), offline);
        Files.writeString(usb.resolve("notes.txt"), "hello");

        CliRun.Result result = cli.ok("models", "import", usb.toString(), "-o", "json");

        JsonNode report = result.json();
        assertEquals(3, report.get("imported").size(), result.out());
        assertEquals(1, report.get("skipped").size(), result.out());
        assertTrue(report.get("skipped").get(0).get("reason").asText().contains("not in the manifest"));
        Map<String, String> states = states(cli.ok("models", "list", "-o", "json").json());
        assertEquals("installed", states.get("good"));
        assertEquals("installed", states.get("tampered"), "one file, two entries with the same hash: both get it");
        assertEquals("installed", states.get("offline"), "hash locked on import");

        CliRun.Result table = cli.ok("models", "import", usb.toString());
        assertTrue(table.out().contains("Nothing imported."), table.out());
        assertTrue(table.out().contains("already installed"), table.out());
        assertEquals(ExitCode.NOT_FOUND_OR_CONFLICT,
                cli.run("models", "import", work.resolve("missing").toString()).exitCode());
        assertFalse(cli.runtime().contextStarted());
    }
}
