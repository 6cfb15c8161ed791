package dev.encore;

/**
 * Why an action failed, with the stable protocol error code a controller receives and the fix a
 * performer or maintainer can apply. Several reasons may share one protocol code; the code table in
 * docs/protocol.md is what controllers rely on, so codes never change once published.
 */
public enum Reason {
    /** Something failed that no other reason covers; the log says what. */
    GENERAL(-1, "See the log in the data folder for details."),
    /** A command or call got arguments it does not take. */
    BAD_ARGUMENTS(-2, "Check the command's arguments against the address table in docs/protocol.md."),
    /** osc-map.yaml (or a file it includes) has a mistake. */
    BAD_CONFIG(-2, "Edit osc-map.yaml where the message points (file, line, column) and check it with --check-map; README's osc-map.yaml reference lists every key."),
    /** No session has that name or position. */
    NO_SUCH_SESSION(-3, "Send /encore/list to see the stored sessions and their positions."),
    /** The session has no retained revision with that number. */
    NO_SUCH_REVISION(-3, "Send /encore/history to see the retained revisions of the session."),
    /** Another session already has that name, or one that looks the same. */
    NAME_TAKEN(-4, "Choose another name; names that look the same (case, spaces, fullwidth letters) count as one name."),
    /** The action needs an open session and none is open. */
    NO_ACTIVE_SESSION(-5, "Open a session first, or save to create one."),
    /** The switch policy {@code refuse} keeps the open session while it has unsaved changes. */
    UNSAVED_CHANGES(-6, "Save or revert first, or change switch_policy in osc-map.yaml."),
    /** A delete or revert was armed and waits for its confirmation. */
    CONFIRMATION_REQUIRED(-7, "Send the same command again within the arming window, or send /encore/delete/confirm (/encore/revert/confirm)."),
    /** The stems the action needs are still being extracted. */
    STEMS_NOT_READY(-8, "Wait for stem extraction to finish (watch /encore/progress), or use source mode full."),
    /** The drive holding the data folder is full. */
    STORAGE_FULL(-9, "Free disk space on the drive that holds the data folder, then save again."),
    /** Reading or writing the data folder failed. */
    STORAGE_FAILURE(-10, "Check that the data folder exists and is writable, then try again."),
    /** The data folder is on a read-only file system. */
    STORAGE_READ_ONLY(-10, "The data folder's file system is read-only: remount it read-write or start with --data on a writable drive."),
    /** The user running Encore may not write the data folder. */
    STORAGE_DENIED(-10, "Give the user running Encore write permission on the data folder."),
    /** A file of the store cannot be read as written. */
    STORE_DAMAGED(-10, "Copy the data folder somewhere safe and read the log in its logs/ folder: it names the damaged file."),
    /** Audio a session uses is not in the data folder. */
    ASSET_MISSING(-11, "Run /encore/check; re-import the track's file if its audio is gone."),
    /** Audio a session uses is damaged or shorter than recorded. */
    ASSET_CORRUPT(-11, "Run /encore/check; re-import the track's file to replace the damaged audio."),
    /** Another action is running, or the engine has stopped. */
    BUSY(-12, "Wait for the running action to finish and try again."),
    /** The sender is not allowed to control Encore. */
    DENIED(-13, "The sender is not in osc-map.yaml's allow list."),
    /** The audio file is of a kind Encore cannot read, or is cut short. */
    UNSUPPORTED_AUDIO(-14, "Use WAV or AIFF, or install ffmpeg for MP3, FLAC and OGG."),
    /** The file is outside every media folder. */
    PATH_NOT_ALLOWED(-15, "Put the file inside a media folder (osc-map.yaml media, or --media DIR)."),
    /** A show bundle failed its check and nothing was imported. */
    BUNDLE_REFUSED(-16, "Nothing was imported and the data folder is as it was: copy the bundle again from where it was made, or export it there again."),
    /** A backup laptop refused a change: its primary is alive and takes every change. */
    BACKUP_READ_ONLY(-17, "Send it to the primary laptop (it is mirrored here within a second), or, if the primary is gone, send /encore/takeover to this one first."),
    /** No declared fixture has that id. */
    NO_SUCH_FIXTURE(-18, "Send /encore/fixtures for the fixtures declared here; declare more under session.fixtures in osc-map.yaml (a host: EngineSettings.fixtures).");

    private final int code;
    private final String fix;

    Reason(int code, String fix) {
        this.code = code;
        this.fix = fix;
    }

    /**
     * The negative error code sent in {@code /encore/error}.
     *
     * @return the protocol code, such as -3
     */
    public int code() {
        return code;
    }

    /**
     * One sentence telling the user what to do about it.
     *
     * @return the fix
     */
    public String fix() {
        return fix;
    }
}
