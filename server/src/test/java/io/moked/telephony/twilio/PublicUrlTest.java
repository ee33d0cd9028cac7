package io.moked.telephony.twilio;

import io.micronaut.http.HttpRequest;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Which URL Twilio signed: the load balancer's for webhooks, this node's for the media stream and Connect action. */
class PublicUrlTest {
    private static final String LB = "https://moked.example.test";
    private static final String NODE = "https://node-a.example.test/";

    @Test
    void aSingleApplianceHasOneUrl() {
        PublicUrl url = new PublicUrl(LB, "");
        HttpRequest<?> connect = HttpRequest.POST("/twilio/connect-action", "");
        assertEquals(LB, url.nodeBase(connect));
        assertEquals(List.of(LB + "/twilio/connect-action"), url.requestedCandidates(connect));
        assertEquals("wss://moked.example.test/twilio/media", url.requested(HttpRequest.GET("/twilio/media"), true));
    }

    @Test
    void behindALoadBalancerTheStreamIsSignedForTheNodeAndCallbacksForEitherUrl() {
        PublicUrl url = new PublicUrl(LB, NODE);
        assertEquals("https://node-a.example.test", url.nodeBase(HttpRequest.GET("/")));
        assertEquals("wss://node-a.example.test/twilio/media", url.requested(HttpRequest.GET("/twilio/media"), true));
        HttpRequest<?> connect = HttpRequest.POST("/twilio/connect-action?a=1", "");
        assertEquals(List.of(LB + "/twilio/connect-action?a=1", "https://node-a.example.test/twilio/connect-action?a=1"),
                url.requestedCandidates(connect));
        assertEquals(LB + "/twilio/voice", url.requested(HttpRequest.POST("/twilio/voice", ""), false),
                "webhooks keep coming through the load balancer");
    }
}
