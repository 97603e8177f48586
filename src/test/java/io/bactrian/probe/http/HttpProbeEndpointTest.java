package io.bactrian.probe.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import io.bactrian.core.CheckResult;
import io.bactrian.probe.StatusExpectation;
import io.bactrian.testing.TestServer;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

/** The {@code http-probe:} step: what it sends, how it judges the status, what it refuses to start with. */
class HttpProbeEndpointTest {

    @Test
    void sendsMethodHeadersAndBodyAndJudgesTheStatus() throws Exception {
        try (TestServer target = TestServer.http((req, out) -> TestServer.respond(out, 204, ""));
             DefaultCamelContext context = new DefaultCamelContext()) {
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:check").routeId("api-health")
                            .to("http-probe:api?url=RAW(" + target.url("/v1/ping?a=1&b=2") + ")&method=post"
                                    + "&headers=RAW(X-Token: t1; Accept: application/json)&body=RAW({\"ping\":1})"
                                    + "&expectStatus=200-204");
                }
            });
            context.start();
            CheckResult r = context.createProducerTemplate().requestBody("direct:check", null, CheckResult.class);
            assertTrue(r.up(), r.toString());
            assertEquals("api-health", r.monitor(), "the route id names the monitor");
            TestServer.Request sent = target.requests().get(0);
            assertEquals("POST", sent.method());
            assertEquals("/v1/ping?a=1&b=2", sent.target());
            assertEquals("t1", sent.headers().get("x-token"));
            assertEquals("application/json", sent.headers().get("accept"));
            assertEquals("{\"ping\":1}", sent.body());
        }
    }

    @Test
    void unexpectedStatusIsDownWithTheCode() throws Exception {
        try (TestServer target = TestServer.http((req, out) -> TestServer.respond(out, 302, "", "Location: /x"));
             DefaultCamelContext context = new DefaultCamelContext()) {
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:check").routeId("shop").to("http-probe:shop?url=" + target.url("/")
                            + "&followRedirects=false&expectStatus=2xx");
                }
            });
            context.start();
            CheckResult r = context.createProducerTemplate().requestBody("direct:check", null, CheckResult.class);
            assertFalse(r.up());
            assertEquals("unexpected status", r.failureClass());
            assertEquals("HTTP 302 (expected 2xx)", r.reason());
        }
    }

    @Test
    void badSettingsAreRefusedWithTheFieldNamed() throws Exception {
        try (DefaultCamelContext context = new DefaultCamelContext()) {
            assertRefused(context, "http-probe:x?url=ftp://host/", "url 'ftp://host/': must be an absolute http");
            assertRefused(context, "http-probe:x?url=http://h/&expectStatus=99", "expectStatus '99'");
            assertRefused(context, "http-probe:x?url=http://h/&expectStatus=299-200", "range 299-200 is empty");
            assertRefused(context, "http-probe:x?url=http://h/&timeout=soon", "timeout 'soon'");
            assertRefused(context, "http-probe:x?url=http://h/&headers=NoColon", "headers: 'NoColon'");
            assertRefused(context, "http-probe:x", "url is not set");
        }
    }

    private static void assertRefused(DefaultCamelContext context, String uri, String expected) {
        Exception e = assertThrows(Exception.class, () -> context.getEndpoint(uri), uri);
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        assertTrue(t.getMessage().contains(expected), uri + " -> " + t.getMessage());
    }

    @Test
    void aRawValueReachesTheStepAsWritten() throws Exception {
        try (DefaultCamelContext context = new DefaultCamelContext()) {
            for (String url : List.of("http://h/wiki/Foo_(bar)?q=a%26b", "http://h/wiki/Foo_(bar)?x=%3C",
                    "http://h/search?q=(a)&page=2", "http://h/p?q=(x)&timeout=1", "http://h/p?a=%25&b=&&c=a+b")) {
                HttpProbeEndpoint e = (HttpProbeEndpoint) context.getEndpoint(
                        "http-probe:x?url=RAW(" + url + ")&timeout=2s&expectStatus=2xx");
                assertEquals(url, e.getUrl());
                assertEquals("2s", e.getTimeout(), url);
                assertEquals("2xx", e.getExpectStatus(), url);
            }
        }
    }

    @Test
    void statusExpectations() {
        StatusExpectation e = StatusExpectation.parse("2xx, 301-302,404");
        assertTrue(e.accepts(200) && e.accepts(299) && e.accepts(301) && e.accepts(302) && e.accepts(404));
        assertFalse(e.accepts(300) || e.accepts(303) || e.accepts(500) || e.accepts(199));
        assertTrue(StatusExpectation.parse("200").accepts(200));
        assertFalse(StatusExpectation.parse("200").accepts(201));
    }
}
