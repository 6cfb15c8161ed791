package dev.encore.feedback;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What the engine tells controllers, independent of how it travels (OSC pushes, MIDI LEDs, a host's
 * listener). Each variant maps to one push docs/protocol.md lists.
 */
public sealed interface FeedbackEvent {

    /**
     * The status changed; {@code dirty} is true while the live state differs from the stored session.
     * {@code message} explains an {@link Status#ERROR} and is empty otherwise.
     */
    record StatusChanged(Status status, boolean dirty, String message) implements FeedbackEvent {
        /**
         * A null message is empty.
         *
         * @param status the new status
         * @param dirty whether the live state differs from the stored session
         * @param message why, for {@link Status#ERROR}
         */
        public StatusChanged {
            message = message == null ? "" : message;
        }
    }

    /** The active session (empty name and position 0 when none), its 1-based position and the setlist length. */
    record SessionChanged(String name, int position, int count) implements FeedbackEvent {
        /**
         * A null name is empty.
         *
         * @param name the session's name, empty for none
         * @param position its 1-based setlist position, 0 for none
         * @param count the setlist's length
         */
        public SessionChanged {
            name = name == null ? "" : name;
        }
    }

    /**
     * Long work advanced: {@code task} is import, stems, open or check; {@code item} what it works on
     * (the track's file for import and stems, the session for open, empty for check); fraction runs
     * 0..1, and each task's 1.0 comes once.
     */
    record Progress(String task, String item, double fraction) implements FeedbackEvent {
        /**
         * A null item is empty.
         *
         * @param task import, stems, open or check
         * @param item what the task works on
         * @param fraction how far it is, 0..1
         */
        public Progress {
            item = item == null ? "" : item;
        }

        /**
         * Progress of a task that works on no one item.
         *
         * @param task the task
         * @param fraction how far it is, 0..1
         */
        public Progress(String task, double fraction) {
            this(task, "", fraction);
        }
    }

    /** A destructive action (delete, revert) was armed and waits for confirmation, or was disarmed. */
    record Armed(String action, boolean armed) implements FeedbackEvent {
    }

    /** A parameter came back from a stored session after open or revert, so faders can jump. */
    record ParamRestored(String path, JsonNode value) implements FeedbackEvent {
    }
}
