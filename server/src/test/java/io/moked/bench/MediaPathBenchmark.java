package io.moked.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.moked.audio.AudioFormat;
import io.moked.audio.MuLaw;
import io.moked.audio.Pcm16;
import io.moked.audio.Resampler;
import io.moked.testing.SharedDir;
import io.moked.vad.SileroVadModel;
import io.moked.vad.VadAnalyzer;
import io.moked.vad.VadEvent;
import io.moked.vad.VadParams;
import io.moked.vad.VadProcessor;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Cost of the per-frame media path of one call, in microseconds per 20 ms frame (160 μ-law bytes at 8 kHz) unless
 * the method name says "Chunk" (one Silero chunk: 32 ms). Run with {@code scripts/bench/media-path.sh}.
 *
 * <ul>
 *   <li>{@code ulawDecode}, {@code ulawEncode}: G.711 table lookups</li>
 *   <li>{@code resample8to16}: streaming 8→16 kHz (what speech-to-text gets)</li>
 *   <li>{@code vadChunk8k}, {@code vadChunk16k}: one Silero v6.2 inference at 8 kHz (256 samples + 32 context) and
 *       at 16 kHz (512 + 64)</li>
 *   <li>{@code twilioMediaJson}: base64 + Jackson serialisation of an outbound Twilio {@code media} message</li>
 *   <li>{@code inboundFrame}: what the call does per inbound frame — μ-law decode, upsample, and Silero whenever a
 *       32 ms chunk completes (so 0.625 inferences per frame on average)</li>
 *   <li>{@code outboundFrame}: μ-law encode + base64 + JSON of one 20 ms agent frame</li>
 * </ul>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED"})
@State(Scope.Thread)
public class MediaPathBenchmark {

    /** Twilio's outbound media message: {"event":"media","streamSid":...,"media":{"payload":base64}}. */
    public record Media(String payload) {
    }

    public record MediaMessage(String event, String streamSid, Media media) {
    }

    private static final int FRAMES = 500; // 10 s of audio cycled through

    private SileroVadModel model;
    private byte[][] ulawFrames;
    private short[][] pcmFrames;
    private float[][] floatFrames;
    private float[] chunk8k;
    private float[] chunk16k;
    private Resampler upsampler;
    private VadAnalyzer analyzer8k;
    private VadAnalyzer analyzer16k;
    private VadProcessor vadProcessor;
    private ObjectMapper json;
    private int frame;

    @Setup(Level.Trial)
    public void setUp() {
        model = SileroVadModel.load(SharedDir.sileroVadModel());
        Random random = new Random(1);
        ulawFrames = new byte[FRAMES][];
        pcmFrames = new short[FRAMES][];
        floatFrames = new float[FRAMES][];
        for (int f = 0; f < FRAMES; f++) {
            short[] pcm = new short[AudioFormat.SAMPLES_PER_FRAME_8K];
            for (int i = 0; i < pcm.length; i++) {
                int n = f * pcm.length + i;
                // speech-like: a gliding tone with noise, on for 1 s, off for 1 s
                double on = (n / 8000) % 2 == 0 ? 0.3 : 0.0;
                pcm[i] = Pcm16.toShort((float) (on * Math.sin(2 * Math.PI * (200 + n % 800) * n / 8000.0)
                        + 0.01 * random.nextGaussian()));
            }
            pcmFrames[f] = pcm;
            ulawFrames[f] = MuLaw.encode(pcm);
            floatFrames[f] = Pcm16.toFloat(pcm);
        }
        chunk8k = new float[256];
        chunk16k = new float[512];
        for (int i = 0; i < chunk16k.length; i++) {
            chunk16k[i] = (float) (0.1 * random.nextGaussian());
            if (i < chunk8k.length) {
                chunk8k[i] = chunk16k[i];
            }
        }
        upsampler = new Resampler(8000, 16000);
        analyzer8k = model.newAnalyzer(8000);
        analyzer16k = model.newAnalyzer(16000);
        vadProcessor = new VadProcessor(model.newAnalyzer(8000), VadParams.DEFAULTS);
        json = new ObjectMapper();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        model.close();
    }

    private int next() {
        frame = (frame + 1) % FRAMES;
        return frame;
    }

    @Benchmark
    public short[] ulawDecode() {
        return MuLaw.decode(ulawFrames[next()]);
    }

    @Benchmark
    public byte[] ulawEncode() {
        return MuLaw.encode(pcmFrames[next()]);
    }

    @Benchmark
    public float[] resample8to16() {
        return upsampler.process(floatFrames[next()]);
    }

    @Benchmark
    public float vadChunk8k() {
        return analyzer8k.speechProbability(chunk8k);
    }

    @Benchmark
    public float vadChunk16k() {
        return analyzer16k.speechProbability(chunk16k);
    }

    @Benchmark
    public byte[] twilioMediaJson() throws Exception {
        String payload = Base64.getEncoder().encodeToString(ulawFrames[next()]);
        return json.writeValueAsBytes(new MediaMessage("media", "MZ18ad3ab5a668481ce02b83e7395059f0",
                new Media(payload)));
    }

    @Benchmark
    public List<VadEvent> inboundFrame() {
        return vadProcessor.processUlaw(ulawFrames[next()]);
    }

    @Benchmark
    public byte[] outboundFrame() throws Exception {
        byte[] ulaw = MuLaw.encode(pcmFrames[next()]);
        return json.writeValueAsBytes(new MediaMessage("media", "MZ18ad3ab5a668481ce02b83e7395059f0",
                new Media(Base64.getEncoder().encodeToString(ulaw))));
    }
}
