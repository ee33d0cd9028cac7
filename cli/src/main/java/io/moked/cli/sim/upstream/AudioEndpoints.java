package io.moked.cli.sim.upstream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.moked.audio.WavFormatException;
import io.moked.audio.WavReader;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.multipart.Attribute;
import io.netty.handler.codec.http.multipart.DefaultHttpDataFactory;
import io.netty.handler.codec.http.multipart.FileUpload;
import io.netty.handler.codec.http.multipart.HttpPostRequestDecoder;
import io.netty.handler.codec.http.multipart.InterfaceHttpData;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/** {@code POST /v1/audio/transcriptions} (scripted text after --stt-ms) and {@code POST /v1/audio/speech} (tone). */
final class AudioEndpoints {
    /** Speech is written in pieces of this much audio, each when the simulated synthesis would have produced it. */
    static final int SPEECH_CHUNK_MS = 100;
    private static final int MAX_SPEECH_INPUT_CHARS = 4096;
    private static final int PCM_BYTES_PER_SAMPLE = 2;

    private final SimSettings settings;
    private final SimCounters counters;
    private final AtomicLong transcriptionIndex = new AtomicLong();

    AudioEndpoints(SimSettings settings, SimCounters counters) {
        this.settings = settings;
        this.counters = counters;
    }

    void transcribe(ChannelHandlerContext ctx, boolean keepAlive, FullHttpRequest request, long arrivalNanos) {
        if (!HttpPostRequestDecoder.isMultipart(request)) {
            throw new BadRequestException("transcriptions expect multipart/form-data with a 'file' part");
        }
        Map<String, String> fields = new HashMap<>();
        long audioBytes = -1;
        byte[] audio = null;
        HttpPostRequestDecoder decoder = new HttpPostRequestDecoder(new DefaultHttpDataFactory(false), request);
        try {
            for (InterfaceHttpData data : decoder.getBodyHttpDatas()) {
                if (data instanceof FileUpload && "file".equals(data.getName())) {
                    audioBytes = ((FileUpload) data).length();
                    audio = ((FileUpload) data).get();
                } else if ("file".equals(data.getName()) && data instanceof Attribute) {
                    // clients that send the audio part without a filename get it decoded as a plain field
                    audioBytes = ((Attribute) data).length();
                    audio = ((Attribute) data).get();
                } else if (data instanceof Attribute) {
                    fields.put(data.getName(), ((Attribute) data).getValue());
                }
            }
        } catch (IOException | HttpPostRequestDecoder.ErrorDataDecoderException e) {
            throw new BadRequestException("cannot decode multipart body: " + e.getMessage());
        } finally {
            decoder.destroy();
        }
        if (audioBytes <= 0) {
            throw new BadRequestException("'file' is required and must not be empty");
        }
        String format = fields.getOrDefault("response_format", "json");
        if (!List.of("json", "text", "verbose_json").contains(format)) {
            throw new BadRequestException("response_format '" + format
                    + "' is not produced by the simulator; use json, text or verbose_json");
        }
        counters.transcriptions.incrementAndGet();
        List<String> texts = settings.script().transcriptions();
        String text = texts.get((int) (transcriptionIndex.getAndIncrement() % texts.size()));
        String language = fields.getOrDefault("language", "");
        double durationS = durationSeconds(audio);
        long delay = TimeUnit.MILLISECONDS.toNanos(settings.sttMs()) - (System.nanoTime() - arrivalNanos);
        ctx.executor().schedule(() -> {
            if ("text".equals(format)) {
                HttpReplies.text(ctx, keepAlive, text);
                return;
            }
            ObjectNode body = HttpReplies.JSON.createObjectNode();
            body.put("text", text);
            if ("verbose_json".equals(format)) {
                body.put("task", "transcribe").put("language", language).put("duration", durationS);
                ObjectNode segment = body.putArray("segments").addObject();
                segment.put("id", 0).put("seek", 0).put("start", 0.0).put("end", durationS).put("text", text);
                segment.putArray("tokens");
                segment.put("temperature", 0.0).put("avg_logprob", settings.script().transcriptionAvgLogprob())
                        .put("compression_ratio", 1.0).put("no_speech_prob", 0.0);
            }
            HttpReplies.json(ctx, keepAlive, HttpResponseStatus.OK, body);
        }, Math.max(0, delay), TimeUnit.NANOSECONDS);
    }

    /** Length of an uploaded WAV; other formats (the simulator does not decode them) report 0. */
    private static double durationSeconds(byte[] audio) {
        if (audio == null) {
            return 0;
        }
        try {
            return WavReader.read(audio).durationMs() / 1000.0;
        } catch (WavFormatException e) {
            return 0;
        }
    }

    void speech(ChannelHandlerContext ctx, boolean keepAlive, JsonNode request, long arrivalNanos) {
        String input = request.path("input").asText("");
        if (input.isBlank()) {
            throw new BadRequestException("'input' is required");
        }
        if (input.length() > MAX_SPEECH_INPUT_CHARS) {
            throw new BadRequestException("'input' is longer than " + MAX_SPEECH_INPUT_CHARS + " characters");
        }
        String format = request.path("response_format").asText("mp3");
        if (!format.equals("wav") && !format.equals("pcm")) {
            throw new BadRequestException("response_format '" + format
                    + "' is not produced by the simulator; request 'wav' or 'pcm'");
        }
        counters.speech.incrementAndGet();
        SimScript.Speech speech = settings.script().speech();
        byte[] pcm = SyntheticSpeech.pcm16le(input, speech);
        byte[] header = format.equals("wav") ? SyntheticSpeech.wavHeader(pcm.length, speech.sampleRateHz())
                : new byte[0];
        String contentType = format.equals("wav") ? "audio/wav" : "audio/pcm";
        ctx.writeAndFlush(HttpReplies.head(contentType, keepAlive, (long) header.length + pcm.length));
        new PacedWriter(ctx, pieces(header, pcm, speech.sampleRateHz()), keepAlive, counters).start(arrivalNanos);
    }

    /** Audio chunk k is due when synthesis at --tts-rtf would have produced it: rtf x (end of chunk k). */
    private List<PacedWriter.Timed> pieces(byte[] header, byte[] pcm, int sampleRateHz) {
        int chunkBytes = sampleRateHz * SPEECH_CHUNK_MS / 1000 * PCM_BYTES_PER_SAMPLE;
        double nanosPerByte = 1e9 / (sampleRateHz * (double) PCM_BYTES_PER_SAMPLE);
        List<PacedWriter.Timed> out = new ArrayList<>();
        for (int off = 0; off < pcm.length; off += chunkBytes) {
            int end = Math.min(pcm.length, off + chunkBytes);
            byte[] piece = Arrays.copyOfRange(pcm, off, end);
            if (off == 0 && header.length > 0) {
                byte[] withHeader = Arrays.copyOf(header, header.length + piece.length);
                System.arraycopy(piece, 0, withHeader, header.length, piece.length);
                piece = withHeader;
            }
            out.add(new PacedWriter.Timed(Math.round(settings.ttsRtf() * end * nanosPerByte), piece));
        }
        return out;
    }
}
