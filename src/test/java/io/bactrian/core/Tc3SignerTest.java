package io.bactrian.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** V1, V2 and V3: the published TC3-HMAC-SHA256 examples, the whole chain. */
class Tc3SignerTest {
    // the Python json.dumps bytes of the examples: the escapes are literal ASCII
    private static final String PAYLOAD =
            "{\"Limit\": 1, \"Filters\": [{\"Values\": [\"\\u672a\\u547d\\u540d\"], \"Name\": \"instance-name\"}]}";
    private static final String EXAMPLE_ID = "AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE";
    private static final String EXAMPLE_KEY = "Gu5t9xGARNpq86cd98joQYCN3EXAMPLE";

    private static Map<String, String> headers(String contentType, String... more) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", contentType);
        headers.put("Host", "cvm.tencentcloudapi.com");
        for (int i = 0; i < more.length; i += 2) {
            headers.put(more[i], more[i + 1]);
        }
        return headers;
    }

    @Test
    void v1CurrentDocWithActionSigned() {
        // the "masked" key of the current doc is literally 32 asterisks
        Tc3Signer signer = new Tc3Signer("AKID" + "*".repeat(32), "*".repeat(32));
        assertEquals("b596b923aad85185e2d1f6659d2a062e0a86731226e021e61bfe06f7ed05f5af",
                Digests.hex(signer.signingKey("2019-02-25", "cvm")));
        Tc3Signer.Signature s = signer.sign("cvm", "POST", "",
                headers("application/json; charset=utf-8", "X-TC-Action", "DescribeInstances"), PAYLOAD, 1551113065);
        assertEquals("35e9c5b0e3ae67532d3c9f17ead6c90222632e5b1ff7f6e89887f1398934f064", Digests.sha256Hex(PAYLOAD));
        assertEquals("""
                POST
                /

                content-type:application/json; charset=utf-8
                host:cvm.tencentcloudapi.com
                x-tc-action:describeinstances

                content-type;host;x-tc-action
                35e9c5b0e3ae67532d3c9f17ead6c90222632e5b1ff7f6e89887f1398934f064""", s.canonicalRequest());
        assertEquals("7019a55be8395899b900fb5564e4200d984910f34794a27cb3fb7d10ff6a1e84",
                Digests.sha256Hex(s.canonicalRequest()));
        assertEquals("""
                TC3-HMAC-SHA256
                1551113065
                2019-02-25/cvm/tc3_request
                7019a55be8395899b900fb5564e4200d984910f34794a27cb3fb7d10ff6a1e84""", s.stringToSign());
        assertEquals("10b1a37a7301a02ca19a647ad722d5e43b4b3cff309d421d85b46093f6ab6c4f", s.signature());
        assertEquals("TC3-HMAC-SHA256 Credential=AKID********************************/2019-02-25/cvm/tc3_request, "
                + "SignedHeaders=content-type;host;x-tc-action, "
                + "Signature=10b1a37a7301a02ca19a647ad722d5e43b4b3cff309d421d85b46093f6ab6c4f", s.authorization());
    }

    @Test
    void v2OlderDocContentTypeAndHostOnly() {
        Tc3Signer.Signature s = new Tc3Signer(EXAMPLE_ID, EXAMPLE_KEY).sign("cvm", "POST", "",
                headers("application/json; charset=utf-8"), PAYLOAD, 1551113065);
        assertEquals("5ffe6a04c0664d6b969fab9a13bdab201d63ee709638e2749d62a09ca18d7031",
                Digests.sha256Hex(s.canonicalRequest()));
        assertEquals("72e494ea809ad7a8c8f7a4507b9bddcbaa8e581f516e8da2f66e2c5a96525168", s.signature());
        assertEquals("TC3-HMAC-SHA256 Credential=AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE/2019-02-25/cvm/tc3_request, "
                + "SignedHeaders=content-type;host, "
                + "Signature=72e494ea809ad7a8c8f7a4507b9bddcbaa8e581f516e8da2f66e2c5a96525168", s.authorization());
    }

    @Test
    void v3Get() {
        Tc3Signer.Signature s = new Tc3Signer(EXAMPLE_ID, EXAMPLE_KEY).sign("cvm", "GET", "Limit=10&Offset=0",
                headers("application/x-www-form-urlencoded"), "", 1539084154);
        assertEquals("""
                GET
                /
                Limit=10&Offset=0
                content-type:application/x-www-form-urlencoded
                host:cvm.tencentcloudapi.com

                content-type;host
                e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855""", s.canonicalRequest());
        assertEquals("91c9c192c14460df6c1ffc69e34e6c5e90708de2a6d282cccf957dbf1aa7f3a7",
                Digests.sha256Hex(s.canonicalRequest()));
        assertEquals("2018-10-09/cvm/tc3_request", s.stringToSign().split("\n")[2]);
        assertEquals("5da7a33f6993f0614b047e5df4582db9e9bf4672ba50567dba16c6ccf174c474", s.signature());
    }

    @Test
    void secretKeyNotInToString() {
        assertFalse(new Tc3Signer(EXAMPLE_ID, EXAMPLE_KEY).toString().contains(EXAMPLE_KEY));
    }
}
