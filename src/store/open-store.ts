import type { BryggaConfig } from '../config/schema.ts';
import type { DocumentStore } from './document-store.ts';
import { MemoryStore } from './memory-store.ts';
import { MongoStore } from './mongo-store.ts';

/** MongoDB when a URI is configured, else the embedded store (development only). */
export async function openStore(config: BryggaConfig): Promise<DocumentStore> {
  if (config.mongodb.uri) return MongoStore.connect(config.mongodb.uri, config.mongodb.database);
  return new MemoryStore();
}
