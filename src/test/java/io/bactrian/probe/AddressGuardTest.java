package io.bactrian.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.concurrent.atomic.AtomicBoolean;

import io.bactrian.testing.Await;
import io.bactrian.testing.TestServer;
import org.junit.jupiter.api.Test;

/** The address guard holds on every hop: a redirect cannot take the probe where the first URL could not. */
class AddressGuardTest {

    @Test
    void aRedirectToARefusedAddressIsNotFollowed() throws Exception {
        InetAddress other = InetAddress.getByName("127.0.0.2");
        AtomicBoolean reached = new AtomicBoolean();
        try (ServerSocket refused = new ServerSocket(0, 5, other)) {
            Thread accept = new Thread(() -> {
                try {
                    refused.accept().close();
                    reached.set(true);
                } catch (Exception ignored) {
                    // closed at the end of the test
                }
            });
            accept.setDaemon(true);
            accept.start();
            String elsewhere = "http://127.0.0.2:" + refused.getLocalPort() + "/admin";
            try (TestServer redirecting = TestServer.http((req, out) ->
                    TestServer.respond(out, 302, "", "Location: " + elsewhere))) {
                HttpProbe guarded = new HttpProbe(a -> a.equals(other) ? a.getHostAddress() + " is refused" : null);
                ProbeResult r = guarded.probe(ProbeRequest.of(redirecting.url("/")));
                assertFalse(r.completed());
                assertEquals(FailureClass.CONNECTION_REFUSED, r.failure().kind());
                assertEquals("127.0.0.2 is refused", r.failure().message());
                assertEquals(1, redirecting.requests().size(), "the first hop was allowed");
                Thread.sleep(200); // the point is that nothing comes: a connection would come within this
                assertFalse(reached.get(), "no connection to the refused address");

                new HttpProbe().probe(ProbeRequest.of(redirecting.url("/")));
                Await.until("the redirect followed", 10_000, reached::get);
                assertTrue(reached.get(), "without a guard the redirect is followed");
            }
        }
    }
}
