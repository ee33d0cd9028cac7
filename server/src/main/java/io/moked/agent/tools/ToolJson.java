package io.moked.agent.tools;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.moked.crm.meeting.Meeting;
import io.moked.crm.meeting.Slot;
import io.moked.hebrew.time.ParsedTime;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

/** JSON helpers shared by the tools: times are tenant-local "YYYY-MM-DDTHH:MM" everywhere the model reads them. */
final class ToolJson {
    static final ObjectMapper MAPPER = new ObjectMapper();
    static final int MAX_ERROR_CHARS = 500;

    private ToolJson() {
    }

    static String local(Instant instant, ZoneId zone) {
        return instant.atZone(zone).format(ParsedTime.LOCAL_MINUTES);
    }

    static ArrayNode slots(List<Slot> slots, ZoneId zone) {
        ArrayNode out = MAPPER.createArrayNode();
        for (Slot s : slots) {
            out.addObject().put("start", local(s.start(), zone)).put("end", local(s.end(), zone));
        }
        return out;
    }

    static ObjectNode meeting(Meeting m, ZoneId zone) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("meeting_id", m.id());
        o.put("start", local(m.startsAt(), zone));
        o.put("end", local(m.endsAt(), zone));
        o.put("kind", m.kind().id());
        o.put("status", m.status().id());
        if (m.address() != null) {
            o.put("address", m.address());
        }
        return o;
    }

    static String clip(String text, int max) {
        if (text == null) {
            return "";
        }
        return text.length() > max ? text.substring(0, max) + "…" : text;
    }
}
