package io.moked.telephony.twilio;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.TransformerFactory;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class XmlFactoryDefaultsTest {
    private String savedBuilder;
    private String savedTransformer;

    @BeforeEach
    void save() {
        savedBuilder = System.clearProperty(XmlFactoryDefaults.DOCUMENT_BUILDER_FACTORY);
        savedTransformer = System.clearProperty(XmlFactoryDefaults.TRANSFORMER_FACTORY);
    }

    @AfterEach
    void restore() {
        restore(XmlFactoryDefaults.DOCUMENT_BUILDER_FACTORY, savedBuilder);
        restore(XmlFactoryDefaults.TRANSFORMER_FACTORY, savedTransformer);
    }

    private static void restore(String key, String value) {
        if (value == null) {
            System.clearProperty(key);
        } else {
            System.setProperty(key, value);
        }
    }

    @Test
    void theFactoriesFoundWithoutASearchAreTheOnesTheSearchFound() {
        String searchedBuilder = DocumentBuilderFactory.newInstance().getClass().getName();
        String searchedTransformer = TransformerFactory.newInstance().getClass().getName();
        String before = Twiml.connectStream("wss://example.test/twilio/stream", Map.of("streamToken", "t"),
                "https://example.test/twilio/connect-action");

        new XmlFactoryDefaults();

        assertEquals(XmlFactoryDefaults.JDK_DOCUMENT_BUILDER_FACTORY,
                System.getProperty(XmlFactoryDefaults.DOCUMENT_BUILDER_FACTORY));
        assertEquals(searchedBuilder, DocumentBuilderFactory.newInstance().getClass().getName());
        assertEquals(searchedTransformer, TransformerFactory.newInstance().getClass().getName());
        String after = Twiml.connectStream("wss://example.test/twilio/stream", Map.of("streamToken", "t"),
                "https://example.test/twilio/connect-action");
        assertEquals(before, after, "the same TwiML, byte for byte");
        assertTrue(after.contains("<Parameter name=\"streamToken\" value=\"t\"/>"), after);
    }

    @Test
    void anOperatorsChoiceIsKept() {
        System.setProperty(XmlFactoryDefaults.TRANSFORMER_FACTORY, "org.example.OwnTransformerFactory");
        new XmlFactoryDefaults();
        assertEquals("org.example.OwnTransformerFactory", System.getProperty(XmlFactoryDefaults.TRANSFORMER_FACTORY));
        assertEquals(XmlFactoryDefaults.JDK_DOCUMENT_BUILDER_FACTORY,
                System.getProperty(XmlFactoryDefaults.DOCUMENT_BUILDER_FACTORY));
    }
}
