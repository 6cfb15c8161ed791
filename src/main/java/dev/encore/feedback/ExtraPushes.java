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

    List<Push> after(String event, Map<String, Object> values);
}
