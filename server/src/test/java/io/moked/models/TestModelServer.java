package io.moked.models;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A real HTTP server on a random port serving model bytes, with Range support and a scripted connection cut. */
final class TestModelServer implements AutoCloseable {
    private static final Pattern RANGE = Pattern.compile("bytes=(\\d+)-");

    private final HttpServer server;
    private final Map<String, byte[]> files = new ConcurrentHashMap<>();
    private final Map<String, Integer> cutAfterBytes = new ConcurrentHashMap<>();
    private final List<String> rangeHeaders = new CopyOnWriteArrayList<>();
    private volatile boolean honourRange = true;

    TestModelServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/" + path);
    }

    void serve(String path, byte[] content) {
        files.put("/" + path, content);
    }

    /** The next request for {@code path} sends the full Content-Length but drops the connection after n bytes. */
    void cutNextResponseAfter(String path, int n) {
        cutAfterBytes.put("/" + path, n);
    }

    void ignoreRangeRequests() {
        honourRange = false;
    }

    /** Range headers received, in order ("" for requests without one). */
    List<String> rangeHeaders() {
        return rangeHeaders;
    }

    private void handle(HttpExchange exchange) throws IOException {
        String range = exchange.getRequestHeaders().getFirst("Range");
        rangeHeaders.add(range == null ? "" : range);
        byte[] content = files.get(exchange.getRequestURI().getPath());
        if (content == null) {
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
            return;
        }
        int start = 0;
        Matcher m = range == null ? null : RANGE.matcher(range);
        if (honourRange && m != null && m.matches()) {
            start = Integer.parseInt(m.group(1));
            if (start >= content.length) {
                exchange.getResponseHeaders().set("Content-Range", "bytes */" + content.length);
                exchange.sendResponseHeaders(416, -1);
                exchange.close();
                return;
            }
            exchange.getResponseHeaders().set("Content-Range",
                    "bytes " + start + "-" + (content.length - 1) + "/" + content.length);
            exchange.sendResponseHeaders(206, content.length - start);
        } else {
            exchange.sendResponseHeaders(200, content.length);
        }
        Integer cut = cutAfterBytes.remove(exchange.getRequestURI().getPath());
        OutputStream out = exchange.getResponseBody();
        try {
            if (cut != null) {
                out.write(content, start, cut);
                out.flush();
                // closing with bytes still owed makes the server drop the connection mid-body
                exchange.close();
                return;
            }
            out.write(content, start, content.length - start);
            out.close();
        } catch (IOException expectedWhenCut) {
            // the JDK server reports the short body when it drops the connection; that is the point of the cut
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
