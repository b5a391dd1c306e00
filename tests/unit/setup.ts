// Dexie under Node: a fresh in-memory IndexedDB per test file.
import 'fake-indexeddb/auto';
