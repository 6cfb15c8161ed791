package dev.encore.control;

import dev.encore.Reason;
import java.util.List;

/** The single answer to a {@link ControlCommand}: done, or failed with a reason (its protocol code). */
public sealed interface Reply {
    record Ok(String message, List<Object> extra) implements Reply {
        public Ok {
            extra = extra == null ? List.of() : List.copyOf(extra);
        }

        public Ok(String message) {
            this(message, List.of());
        }
    }

    record Error(Reason reason, String message) implements Reply {
    }
}
