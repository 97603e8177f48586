package io.bactrian.endpoint;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.util.URISupport;
import org.junit.jupiter.api.Test;

/**
 * Settings marked secret in the components' annotations are masked by Camel wherever it shows an
 * endpoint: its toString (logs, route dumps) and its sanitized URI (JMX, the dev console).
 */
class SecretOptionsTest {

    private static void assertMasked(String uri, String secret) throws Exception {
        try (CamelContext context = new DefaultCamelContext()) {
            context.start();
            Endpoint endpoint = context.getEndpoint(uri);
            String shown = endpoint.toString();
            assertFalse(shown.contains(secret), shown);
            assertTrue(shown.contains("xxxxxx"), shown);
            String sanitized = URISupport.sanitizeUri(endpoint.getEndpointUri());
            assertFalse(sanitized.contains(secret), sanitized);
        }
    }

    @Test
    void theDatabasePasswordIsMasked() throws Exception {
        assertMasked("db-query:shop-db?jdbcUrl=jdbc:postgresql://db:5432/shop&username=monitor&password=hunter2&query=connections",
                "hunter2");
    }

    @Test
    void theCloudApiKeyIsMasked() throws Exception {
        assertMasked("ckafka-offsets:orders?instanceId=ckafka-1&region=ap-guangzhou&groups=orders&secretId=AKIDexample"
                + "&secretKey=topsecretkey", "topsecretkey");
    }

    @Test
    void theTrustStorePasswordIsMasked() throws Exception {
        assertMasked("tls-cert:shop?host=shop.example.com&trustStorePassword=changeit2", "changeit2");
    }
}
