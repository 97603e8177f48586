package io.bactrian.alert;

import java.time.Duration;
import java.util.Optional;

import io.bactrian.core.CheckResult;
import io.bactrian.core.Noteworthy;

/**
 * The lifecycle rule of one monitor: after {@code failureThreshold} failures in a row it is
 * DOWN and one DOWN notice goes out; while down, a reminder at most every
 * {@code reminderInterval} (zero: none); after {@code successThreshold} successes in a row,
 * one RESOLVED notice (unless {@code sendResolved} is off). No notice per failed probe. A
 * passing check whose detail is {@link Noteworthy} with news gives one NOTICE. An incident the
 * state says is {@link Silence silenced} gets no reminder while the silence holds; its RESOLVED
 * goes out and ends the silence.
 */
public record AlertRule(int failureThreshold, int successThreshold, Duration reminderInterval, boolean sendResolved) {

    public AlertRule {
        if (failureThreshold < 1) {
            throw new IllegalArgumentException("failureThreshold must be at least 1, got " + failureThreshold);
        }
        if (successThreshold < 1) {
            throw new IllegalArgumentException("successThreshold must be at least 1, got " + successThreshold);
        }
        if (reminderInterval.isNegative()) {
            throw new IllegalArgumentException("reminderInterval must not be negative");
        }
    }

    /** Applies one check to the state and returns the notice that is due, if any. */
    public Optional<AlertEvent> apply(AlertState s, CheckResult r) {
        if (!r.up()) {
            s.successesInRow = 0;
            if (s.failuresInRow++ == 0 && s.status != AlertState.Status.DOWN) {
                s.failingSince = r.at(); // a new incident; blips inside one do not restart its clock
            }
            s.failureClass = r.failureClass();
            s.reason = r.reason();
            if (s.status != AlertState.Status.DOWN) {
                if (s.failuresInRow < failureThreshold) {
                    s.status = AlertState.Status.PENDING;
                    return Optional.empty();
                }
                s.status = AlertState.Status.DOWN;
                s.silence = null; // a silence is the incident's it was given to, never the next one's
                return Optional.of(notice(AlertKind.DOWN, s, r));
            }
            boolean remind = !reminderInterval.isZero()
                    && !r.at().isBefore(s.lastNoticeAt.plus(reminderInterval))
                    && (s.silence == null || !s.silence.covers(r.at()));
            return remind ? Optional.of(notice(AlertKind.REMINDER, s, r)) : Optional.empty();
        }
        s.failuresInRow = 0;
        // counted only up to the threshold it is compared with: an up monitor staying up keeps its state
        s.successesInRow = Math.min(s.successesInRow + 1, Math.max(successThreshold, 1));
        String news = r.detail() instanceof Noteworthy n ? n.notice() : null;
        if (s.status != AlertState.Status.DOWN) {
            s.status = AlertState.Status.UP;
            s.failingSince = null;
            return Optional.ofNullable(news == null ? null : notice(r, news));
        }
        if (news != null) {
            // one notice per check: the news goes now, the RESOLVED with the next passing check
            return Optional.of(notice(r, news));
        }
        if (s.successesInRow < successThreshold) {
            return Optional.empty();
        }
        AlertEvent resolved = new AlertEvent(AlertKind.RESOLVED, r.monitor(), r.target(), r.at(), s.failingSince,
                s.failureClass, s.reason, r);
        s.status = AlertState.Status.UP;
        s.failingSince = null;
        s.silence = null;
        s.lastNoticeAt = r.at();
        return sendResolved ? Optional.of(resolved) : Optional.empty();
    }

    private static AlertEvent notice(CheckResult r, String news) {
        return new AlertEvent(AlertKind.NOTICE, r.monitor(), r.target(), r.at(), null, null, news, r);
    }

    private static AlertEvent notice(AlertKind kind, AlertState s, CheckResult r) {
        s.lastNoticeAt = r.at();
        return new AlertEvent(kind, r.monitor(), r.target(), r.at(), s.failingSince, s.failureClass, s.reason, r);
    }
}
