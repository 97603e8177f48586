package io.bactrian.probe;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Resolves host names within the probe's deadline. {@link InetAddress} lookups cannot be given a
 * timeout, so they run on a few daemon threads and are abandoned when the deadline passes.
 */
final class DnsLookup {

    private static final ThreadPoolExecutor POOL = new ThreadPoolExecutor(8, 8, 30, TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(), runnable -> {
                Thread thread = new Thread(runnable, "probe-dns");
                thread.setDaemon(true);
                return thread;
            });

    static {
        POOL.allowCoreThreadTimeOut(true);
    }

    private final Resolver resolver;

    DnsLookup(Resolver resolver) {
        this.resolver = resolver;
    }

    InetAddress lookup(Target target, Deadline deadline) throws IOException {
        if (target.hostIsAddress()) {
            return InetAddress.getByName(target.host()); // parses the literal, no query
        }
        Future<InetAddress> answer = POOL.submit(() -> resolver.resolve(target.host()));
        try {
            return answer.get(deadline.remainingNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            answer.cancel(true);
            throw new ProbeException(FailureClass.TIMEOUT,
                    "timed out after " + deadline.timeoutMillis() + " ms resolving " + target.host());
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownHostException) {
                throw new ProbeException(FailureClass.DNS_FAILURE, "no address for host " + target.host());
            }
            throw new ProbeException(FailureClass.DNS_FAILURE,
                    "lookup of " + target.host() + " failed: " + e.getCause().getMessage());
        } catch (InterruptedException e) {
            answer.cancel(true);
            Thread.currentThread().interrupt();
            throw new ProbeException(FailureClass.TIMEOUT, "interrupted while resolving " + target.host());
        }
    }
}
