/** Primary/backup mirroring of journal records and blobs between laptops, on JGroups; loaded only for role primary or backup. */
package dev.encore.mirror;
