/** The journal of record, the MapDB index derived from it, the content-addressed memory-mapped blob store for audio, asset collection, migration and the folder lock. */
package dev.encore.store;
