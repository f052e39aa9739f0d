package dev.breakwater.web.status;

import dev.breakwater.store.ComponentState;
import dev.breakwater.store.IncidentRecord;
import java.io.StringWriter;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * The status page's incidents as an Atom 1.0 feed (RFC 4287): one entry per incident update, newest first, at most
 * {@link #MAX_ENTRIES}. Ids are the page's URL with the update's fragment ({@code <base>/status#incident-7-update-31}):
 * stable as long as the public URL is. Written with {@link XMLStreamWriter}, which escapes text and attributes;
 * characters XML 1.0 cannot carry at all (most control characters) are dropped first. Stateless.
 */
final class StatusFeed {
    static final int MAX_ENTRIES = 100;
    static final String CONTENT_TYPE = "application/atom+xml; charset=utf-8";
    private static final String ATOM = "http://www.w3.org/2005/Atom";
    private static final XMLOutputFactory FACTORY = XMLOutputFactory.newFactory();

    private record Entry(IncidentRecord incident, IncidentRecord.Update update) {}

    private StatusFeed() {}

    /** @param baseUrl the server's public URL without a trailing slash, e.g. {@code https://errors.example.com} */
    static String write(StatusReport report, String baseUrl) {
        List<Entry> entries = new ArrayList<>();
        for (IncidentRecord incident : report.incidents()) {
            incident.updates().forEach(update -> entries.add(new Entry(incident, update)));
        }
        entries.sort(Comparator.comparing((Entry e) -> e.update().at()).thenComparing(e -> e.update().id()).reversed());
        List<Entry> shown = entries.subList(0, Math.min(MAX_ENTRIES, entries.size()));
        // the feed changed when its newest entry or a component did; never "now", so readers can tell nothing changed
        Instant updated = shown.isEmpty() ? Instant.EPOCH : shown.getFirst().update().at();
        for (ComponentState component : report.components()) {
            updated = component.since().isAfter(updated) ? component.since() : updated;
        }
        StringWriter out = new StringWriter();
        try {
            XMLStreamWriter xml = FACTORY.createXMLStreamWriter(out);
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeStartElement("feed");
            xml.writeDefaultNamespace(ATOM);
            text(xml, "id", baseUrl + "/status");
            text(xml, "title", "Breakwater status: incidents");
            text(xml, "subtitle", "Now: " + report.overall().headline());
            text(xml, "updated", time(updated));
            link(xml, "self", "application/atom+xml", baseUrl + "/status.atom");
            link(xml, "alternate", "text/html", baseUrl + "/status");
            xml.writeStartElement("author");
            text(xml, "name", "Breakwater");
            xml.writeEndElement();
            for (Entry entry : shown) {
                IncidentRecord incident = entry.incident();
                IncidentRecord.Update update = entry.update();
                String anchor = StatusPageView.anchor(incident.id());
                xml.writeStartElement("entry");
                text(xml, "id", baseUrl + "/status#" + anchor + "-update-" + update.id());
                text(xml, "title", incident.title() + ": " + StatusPageView.statusLabel(update.status()));
                text(xml, "updated", time(update.at()));
                text(xml, "published", time(update.at()));
                link(xml, "alternate", "text/html", baseUrl + "/status#" + anchor);
                xml.writeStartElement("category");
                xml.writeAttribute("term", update.status());
                xml.writeEndElement();
                xml.writeStartElement("content");
                xml.writeAttribute("type", "text");
                xml.writeCharacters(xmlSafe(update.message()));
                xml.writeEndElement();
                xml.writeEndElement();
            }
            xml.writeEndElement();
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot write the status feed", e);
        }
        return out.toString();
    }

    private static void text(XMLStreamWriter xml, String element, String text) throws XMLStreamException {
        xml.writeStartElement(element);
        xml.writeCharacters(xmlSafe(text));
        xml.writeEndElement();
    }

    private static void link(XMLStreamWriter xml, String rel, String type, String href) throws XMLStreamException {
        xml.writeEmptyElement("link");
        xml.writeAttribute("rel", rel);
        xml.writeAttribute("type", type);
        xml.writeAttribute("href", xmlSafe(href));
    }

    private static String time(Instant instant) {
        return DateTimeFormatter.ISO_INSTANT.format(instant);
    }

    /** Drops what XML 1.0 forbids even escaped: C0 controls but tab, newline, return; lone surrogates; U+FFFE/F. */
    static String xmlSafe(String text) {
        StringBuilder safe = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            boolean allowed = c == 0x9 || c == 0xA || c == 0xD
                    || (c >= 0x20 && c <= 0xD7FF)
                    || (c >= 0xE000 && c <= 0xFFFD)
                    || (c >= 0x10000 && c <= 0x10FFFF);
            if (allowed) {
                safe.appendCodePoint(c);
            }
            i += Character.charCount(c);
        }
        return safe.toString();
    }
}
