/** MapDB metadata store, content-addressed memory-mapped blob store for audio, asset collection and schema migration. */
package dev.encore.store;
