package io.camelmonitor.node;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.URI;

import org.junit.jupiter.api.Test;

/** Who may use the probe API, and for which targets. */
class ProbeApiGuardTest {

    @Test
    void emptyTokenAcceptsNothing() {
        assertFalse(new BearerToken("").accepts("Bearer "));
        assertFalse(new BearerToken(null).accepts("Bearer null"));
        assertFalse(new BearerToken("  ").accepts("Bearer"));
    }

    @Test
    void onlyTheExactBearerTokenIsAccepted() {
        BearerToken token = new BearerToken("s3cret");
        assertTrue(token.accepts("Bearer s3cret"));
        assertTrue(token.accepts("bearer s3cret"));
        assertFalse(token.accepts("Bearer s3cre"));
        assertFalse(token.accepts("Bearer s3cret2"));
        assertFalse(token.accepts("Basic s3cret"));
        assertFalse(token.accepts("s3cret"));
        assertFalse(token.accepts(null));
        assertFalse(token.toString().contains("s3cret"));
    }

    @Test
    void privateAddressesAreRecognised() throws Exception {
        for (String a : new String[] {"127.0.0.1", "10.1.2.3", "172.16.0.1", "172.31.255.255", "192.168.1.1",
                "169.254.169.254", "0.0.0.0", "::1", "fc00::1", "fd12:3456::1", "fe80::1", "::"}) {
            assertTrue(PrivateTargets.isPrivate(InetAddress.getByName(a)), a);
        }
        for (String a : new String[] {"8.8.8.8", "172.32.0.1", "203.0.113.7", "2001:db8::1", "240e::1"}) {
            assertFalse(PrivateTargets.isPrivate(InetAddress.getByName(a)), a);
        }
    }

    @Test
    void refusalNamesTheHostAndAddress() {
        // target.test is 127.0.0.1 in the test hosts file
        String refusal = PrivateTargets.refusal(URI.create("http://target.test:8080/"));
        assertTrue(refusal.startsWith("target target.test resolves to 127.0.0.1, a private address"), refusal);
        assertNull(PrivateTargets.refusal(URI.create("http://203.0.113.7/")));
    }
}
