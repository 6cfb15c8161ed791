package dev.encore.feedback;

import java.util.List;
import java.util.Map;

/**
 * The extra messages osc-map.yaml asks for after a push (a TouchOSC LED, a label), given the push's
 * name ({@code status}, {@code dirty}, {@code session}, {@code armed}, {@code progress},
 * {@code heartbeat}) and its placeholder values. The daemon answers it from the control map.
 */
@FunctionalInterface
public interface ExtraPushes {
    /** No extra lines. */
    ExtraPushes NONE = (event, values) -> List.of();

    /**
     * The extra messages that follow one push.
     *
     * @param event the push's event: status, dirty, session, armed, progress or heartbeat
     * @param values the event's placeholder values by name, such as {@code name} and {@code position}
     * @return the messages to send after it, in order; empty for none
     */
    List<Push> after(String event, Map<String, Object> values);
}
