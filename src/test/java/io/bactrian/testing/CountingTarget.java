package io.bactrian.testing;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback HTTP target for many monitors, one path each: it counts the requests per path and
 * the most that were in progress at once per path, and answers each path with the status and
 * after the pause the test sets (200 at once unless told otherwise).
 */
public final class CountingTarget implements AutoCloseable {
    private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> inProgress = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> mostAtOnce = new ConcurrentHashMap<>();
    private final Map<String, Integer> status = new ConcurrentHashMap<>();
    private final Map<String, Long> pauseMs = new ConcurrentHashMap<>();
    private final TestServer server;

    public CountingTarget() throws IOException {
        server = TestServer.http((request, out) -> {
            String path = request.target();
            requests.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
            int now = inProgress.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
            mostAtOnce.computeIfAbsent(path, p -> new AtomicInteger()).accumulateAndGet(now, Math::max);
            try {
                long pause = pauseMs.getOrDefault(path, 0L);
                if (pause > 0) {
                    Thread.sleep(pause);
                }
                TestServer.respond(out, status.getOrDefault(path, 200), path, "Connection: close");
            } finally {
                inProgress.get(path).decrementAndGet();
            }
        });
    }

    public String url(String path) {
        return server.url(path);
    }

    /** Requests to {@code path} so far, counted when they arrive. */
    public int requests(String path) {
        AtomicInteger n = requests.get(path);
        return n == null ? 0 : n.get();
    }

    /** Every path asked for, with its count. */
    public Map<String, Integer> counts() {
        Map<String, Integer> counts = new java.util.TreeMap<>();
        requests.forEach((path, n) -> counts.put(path, n.get()));
        return counts;
    }

    /** The most requests to {@code path} that were in progress at the same time. */
    public int mostAtOnce(String path) {
        AtomicInteger n = mostAtOnce.get(path);
        return n == null ? 0 : n.get();
    }

    public void answer(String path, int statusCode) {
        status.put(path, statusCode);
    }

    public void pause(String path, long millis) {
        pauseMs.put(path, millis);
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
