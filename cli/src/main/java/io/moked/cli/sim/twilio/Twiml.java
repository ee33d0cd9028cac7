package io.moked.cli.sim.twilio;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The voice TwiML an appliance answered with, reduced to what a caller experiences: a bidirectional media stream
 * ({@code <Connect><Stream url>} with {@code <Parameter>}s), or words said to the caller ({@code <Say>}) followed by
 * a voicemail ({@code <Record>}) or a hang-up. Parsed with the JDK's DOM: the twilio SDK's
 * {@code VoiceResponse.Builder.fromXml} (13.0.1) loses the text of {@code <Say>}, which the simulator shows.
 */
public record Twiml(String streamUrl, Map<String, String> streamParameters, List<String> said, boolean records,
                    boolean hangsUp) {

    public Twiml {
        streamParameters = Collections.unmodifiableMap(new LinkedHashMap<>(streamParameters));
        said = List.copyOf(said);
    }

    /** How the call continues after the webhook. */
    public enum Outcome {
        /** {@code <Connect><Stream>}: the call goes to the media WebSocket. */
        STREAM,
        /** {@code <Say>} then {@code <Record>}: degraded mode, the caller leaves a voicemail. */
        VOICEMAIL,
        /** Anything else (apology or busy message, then hang-up). */
        HANGUP
    }

    public Outcome outcome() {
        if (streamUrl != null) {
            return Outcome.STREAM;
        }
        return records ? Outcome.VOICEMAIL : Outcome.HANGUP;
    }

    public static Twiml parse(String xml) {
        Document doc;
        try {
            doc = builder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        } catch (SAXException | IOException e) {
            throw new IllegalArgumentException("the webhook answer is not voice TwiML: " + e.getMessage());
        }
        Element root = doc.getDocumentElement();
        if (!"Response".equals(root.getTagName())) {
            throw new IllegalArgumentException("the webhook answer is not voice TwiML: root <" + root.getTagName()
                    + ">, expected <Response>");
        }
        String streamUrl = null;
        Map<String, String> parameters = new LinkedHashMap<>();
        List<String> said = new ArrayList<>();
        boolean records = false;
        boolean hangsUp = false;
        for (Element verb : children(root)) {
            switch (verb.getTagName()) {
                case "Connect":
                    for (Element noun : children(verb)) {
                        if ("Stream".equals(noun.getTagName()) && streamUrl == null) {
                            streamUrl = noun.getAttribute("url");
                            if (streamUrl.isEmpty()) {
                                throw new IllegalArgumentException("<Stream> without a url attribute");
                            }
                            for (Element p : children(noun)) {
                                if ("Parameter".equals(p.getTagName())) {
                                    parameters.put(p.getAttribute("name"), p.getAttribute("value"));
                                }
                            }
                        }
                    }
                    break;
                case "Say":
                    said.add(verb.getTextContent().trim());
                    break;
                case "Record":
                    records = true;
                    break;
                case "Hangup":
                case "Reject":
                    hangsUp = true;
                    break;
                default:
                    // Pause, Play, Redirect... do not change what the simulator does next
                    break;
            }
        }
        return new Twiml(streamUrl, parameters, said, records, hangsUp);
    }

    private static List<Element> children(Element parent) {
        List<Element> out = new ArrayList<>();
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            if (nodes.item(i).getNodeType() == Node.ELEMENT_NODE) {
                out.add((Element) nodes.item(i));
            }
        }
        return out;
    }

    private static DocumentBuilder builder() {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            // the XML comes over the network: no DTDs, no external entities
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setXIncludeAware(false);
            factory.setExpandEntityReferences(false);
            DocumentBuilder builder = factory.newDocumentBuilder();
            // report parse errors through the exception only, never on stderr
            builder.setErrorHandler(new org.xml.sax.helpers.DefaultHandler());
            return builder;
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("no secure XML parser available", e);
        }
    }
}
