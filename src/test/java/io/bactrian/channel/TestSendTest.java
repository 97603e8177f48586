package io.bactrian.channel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

/** What a test send shows of a service's answer: never a part of the channel's secrets. */
class TestSendTest {
    static final String KEY = "693a91f6-7xxx-4bc4-97a0-0ec2sifa5aaa";
    static final String HOOK = "https://qyapi.example/cgi-bin/webhook/send?key=" + KEY;

    @Test
    void aKeyEchoedAcrossTheCutIsMaskedBeforeTheBodyIsCut() {
        String body = "x".repeat(TestSend.EXCERPT - 10) + " invalid key " + KEY + " for this robot";
        TestSend sent = TestSend.of("wecom", Delivery.permanent("HTTP 400"), new HttpPoster.Reply(400, body, null),
                List.of(HOOK));
        assertFalse(sent.answer().contains(KEY.substring(0, 6)), sent.answer());
        assertTrue(sent.answer().startsWith("HTTP 400: xxx"), sent.answer());
    }

    @Test
    void aTokenInTheUrlsPathIsMaskedToo() {
        String hook = "https://hooks.example/services/T0001/B0001/Zk3l9QwErTy";
        TestSend sent = TestSend.of("slack", Delivery.permanent("HTTP 404"),
                new HttpPoster.Reply(404, "no_service for /services/T0001/B0001/Zk3l9QwErTy", null), List.of(hook));
        assertEquals("HTTP 404: no_service for ***", sent.answer());
    }

    @Test
    void aUrlsLoginIsNotShownAmongAChannelsSettings() {
        assertEquals("https://******@am.example:9093", ChannelSenders.withoutLogin("https://ops:s3cret@am.example:9093"));
        assertEquals("https://am.example:9093", ChannelSenders.withoutLogin("https://am.example:9093"));
        assertEquals("13800000000,13900000000", ChannelSenders.withoutLogin("13800000000,13900000000"));
    }
}
