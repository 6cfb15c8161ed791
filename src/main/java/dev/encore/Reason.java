package dev.encore;

/**
 * Why an action failed, with the stable protocol error code a controller receives and the fix a
 * performer or maintainer can apply. Several reasons may share one protocol code; the code table in
 * README.md is what controllers rely on, so codes never change once published.
 */
public enum Reason {
    GENERAL(-1, "See the log in the data folder for details."),
    BAD_ARGUMENTS(-2, "Check the command's arguments against the address table in README.md."),
    BAD_CONFIG(-2, "Edit osc-map.yaml where the message points (file, line, column) and check it with --check-map; README's osc-map.yaml reference lists every key."),
    NO_SUCH_SESSION(-3, "Send /encore/list to see the stored sessions and their positions."),
    NO_SUCH_REVISION(-3, "Send /encore/history to see the retained revisions of the session."),
    NAME_TAKEN(-4, "Choose another name; names that look the same (case, spaces, fullwidth letters) count as one name."),
    NO_ACTIVE_SESSION(-5, "Open a session first, or save to create one."),
    UNSAVED_CHANGES(-6, "Save or revert first, or change switch_policy in osc-map.yaml."),
    CONFIRMATION_REQUIRED(-7, "Send the same command again within the arming window, or send /encore/delete/confirm (/encore/revert/confirm)."),
    STEMS_NOT_READY(-8, "Wait for stem extraction to finish (watch /encore/progress), or use source mode full."),
    STORAGE_FULL(-9, "Free disk space on the drive that holds the data folder, then save again."),
    STORAGE_FAILURE(-10, "Check that the data folder exists and is writable, then try again."),
    STORAGE_READ_ONLY(-10, "The data folder's file system is read-only: remount it read-write or start with --data on a writable drive."),
    STORAGE_DENIED(-10, "Give the user running Encore write permission on the data folder."),
    STORE_DAMAGED(-10, "Copy the data folder somewhere safe and read the log in its logs/ folder: it names the damaged file."),
    ASSET_MISSING(-11, "Run /encore/check; re-import the track's file if its audio is gone."),
    ASSET_CORRUPT(-11, "Run /encore/check; re-import the track's file to replace the damaged audio."),
    BUSY(-12, "Wait for the running action to finish and try again."),
    DENIED(-13, "The sender is not in osc-map.yaml's allow list."),
    UNSUPPORTED_AUDIO(-14, "Use WAV or AIFF, or install ffmpeg for MP3, FLAC and OGG."),
    PATH_NOT_ALLOWED(-15, "Put the file inside a media folder (osc-map.yaml media, or --media DIR)."),
    BUNDLE_REFUSED(-16, "Nothing was imported and the data folder is as it was: copy the bundle again from where it was made, or export it there again."),
    BACKUP_READ_ONLY(-17, "Send it to the primary laptop (it is mirrored here within a second), or, if the primary is gone, send /encore/takeover to this one first.");

    private final int code;
    private final String fix;

    Reason(int code, String fix) {
        this.code = code;
        this.fix = fix;
    }

    /** The negative error code sent in {@code /encore/error}. */
    public int code() {
        return code;
    }

    /** One sentence telling the user what to do about it. */
    public String fix() {
        return fix;
    }
}
