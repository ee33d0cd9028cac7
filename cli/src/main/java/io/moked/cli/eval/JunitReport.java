package io.moked.cli.eval;

import io.moked.agent.eval.EvalResult;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * An eval result as JUnit XML (one {@code testsuite}, one {@code testcase} per conversation, its failed expectations
 * in {@code failure}, its transcript in {@code system-out}), the format CI servers show.
 */
final class JunitReport {
    private JunitReport() {
    }

    static void write(EvalResult result, Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try (OutputStream out = Files.newOutputStream(file)) {
            XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out, "UTF-8");
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeCharacters("\n");
            xml.writeStartElement("testsuite");
            xml.writeAttribute("name", result.suite());
            xml.writeAttribute("tests", Integer.toString(result.conversations().size()));
            xml.writeAttribute("failures", Long.toString(result.failedConversations()));
            xml.writeAttribute("errors", "0");
            xml.writeAttribute("time", seconds(result.conversations().stream()
                    .mapToDouble(EvalResult.ConversationResult::seconds).sum()));
            xml.writeCharacters("\n  ");
            xml.writeStartElement("properties");
            property(xml, "tenant", result.tenant());
            property(xml, "channel", result.channel());
            property(xml, "prompt_version", Integer.toString(result.promptVersion()));
            xml.writeEndElement();
            for (EvalResult.ConversationResult c : result.conversations()) {
                xml.writeCharacters("\n  ");
                xml.writeStartElement("testcase");
                xml.writeAttribute("classname", result.suite());
                xml.writeAttribute("name", c.name());
                xml.writeAttribute("time", seconds(c.seconds()));
                if (!c.passed()) {
                    xml.writeCharacters("\n    ");
                    xml.writeStartElement("failure");
                    xml.writeAttribute("message", c.failures().get(0));
                    xml.writeCharacters(String.join("\n", c.failures()));
                    xml.writeEndElement();
                }
                xml.writeCharacters("\n    ");
                xml.writeStartElement("system-out");
                xml.writeCharacters(String.join("\n", c.transcript()));
                xml.writeEndElement();
                xml.writeCharacters("\n  ");
                xml.writeEndElement();
            }
            xml.writeCharacters("\n");
            xml.writeEndElement();
            xml.writeCharacters("\n");
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IOException("cannot write the JUnit report " + file + ": " + e.getMessage(), e);
        }
    }

    private static void property(XMLStreamWriter xml, String name, String value) throws XMLStreamException {
        xml.writeEmptyElement("property");
        xml.writeAttribute("name", name);
        xml.writeAttribute("value", value);
    }

    private static String seconds(double s) {
        return String.format(Locale.ROOT, "%.3f", s);
    }
}
