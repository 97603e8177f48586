package io.bactrian.channel;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.bactrian.cron.InstanceIds;

/**
 * How an alert queue names itself in the lease table: {@code <pid>.<start ms>.<n>@<host>:<folder>},
 * one name per queue, so two runs in one folder at the same time (a slow {@code once} and the
 * next trigger's, two invocations of one function) never both hold a channel. A name of this
 * machine and folder whose process has ended (a {@code kill -9}, a container restarted) is
 * {@link #gone}: its channels are taken over at once, not after the lease runs out.
 */
final class LeaseOwner {
    private static final AtomicLong QUEUES = new AtomicLong();
    private static final Pattern NAME = Pattern.compile("(\\d+)\\.(\\d+)\\.\\d+(@.*)");

    private final String name;
    private final String place;

    /** @param home the data folder, absolute */
    LeaseOwner(String home) {
        ProcessHandle self = ProcessHandle.current();
        // the column holds 300 characters, the numbers in front at most 45
        String at = "@" + InstanceIds.host() + ":" + home;
        place = at.length() <= 250 ? at : at.substring(0, 250);
        name = self.pid() + "." + startMs(self) + "." + QUEUES.incrementAndGet() + place;
    }

    String name() {
        return name;
    }

    /** Whether {@code holder} names a queue of this machine and folder whose process is no longer running. */
    boolean gone(String holder) {
        Matcher m = NAME.matcher(holder);
        if (!m.matches() || !m.group(3).equals(place)) {
            return false;
        }
        Optional<ProcessHandle> process = ProcessHandle.of(Long.parseLong(m.group(1)));
        return process.isEmpty() || !String.valueOf(startMs(process.get())).equals(m.group(2));
    }

    private static long startMs(ProcessHandle process) {
        return process.info().startInstant().map(Instant::toEpochMilli).orElse(0L);
    }
}
