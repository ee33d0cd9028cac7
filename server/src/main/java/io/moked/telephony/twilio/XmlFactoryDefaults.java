package io.moked.telephony.twilio;

import io.micronaut.context.annotation.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Names the JDK's own XML factories once, at startup, so building TwiML does not search the class path.
 *
 * <p>The Twilio SDK's {@code TwiML.toXml()} calls {@code DocumentBuilderFactory.newInstance()} and
 * {@code TransformerFactory.newInstance()} for every document. Without the system properties below, each call
 * walks {@code META-INF/services} of every jar on the class path (130 here) before falling back to the JDK's
 * implementation: the largest cost of the voice webhook in a JFR profile at 100 calls. Naming the JDK default makes
 * the lookup a class load, with the same implementation as before (no jar here provides another). A value the
 * operator set (-D) is kept.
 */
@Context
public class XmlFactoryDefaults {
    static final String DOCUMENT_BUILDER_FACTORY = "javax.xml.parsers.DocumentBuilderFactory";
    static final String TRANSFORMER_FACTORY = "javax.xml.transform.TransformerFactory";
    static final String JDK_DOCUMENT_BUILDER_FACTORY = "com.sun.org.apache.xerces.internal.jaxp.DocumentBuilderFactoryImpl";
    static final String JDK_TRANSFORMER_FACTORY = "com.sun.org.apache.xalan.internal.xsltc.trax.TransformerFactoryImpl";

    private static final Logger LOG = LoggerFactory.getLogger(XmlFactoryDefaults.class);

    public XmlFactoryDefaults() {
        pin(DOCUMENT_BUILDER_FACTORY, JDK_DOCUMENT_BUILDER_FACTORY);
        pin(TRANSFORMER_FACTORY, JDK_TRANSFORMER_FACTORY);
    }

    private static void pin(String property, String jdkDefault) {
        String set = System.getProperty(property);
        if (set == null || set.isBlank()) {
            System.setProperty(property, jdkDefault);
        } else if (!set.equals(jdkDefault)) {
            LOG.info("{} is set to {}; TwiML is built with it", property, set);
        }
    }
}
