import { randomUUID } from 'node:crypto';
import type { DocumentStore } from '../../src/store/document-store.ts';
import { MemoryStore } from '../../src/store/memory-store.ts';
import { MongoStore } from '../../src/store/mongo-store.ts';

export interface StoreUnderTest {
  name: 'embedded' | 'mongodb';
  open(): Promise<DocumentStore>;
}

/**
 * The stores every storage test runs against: always the embedded one, and MongoDB (or
 * FerretDB) when MONGODB_URI is set. Each open() gets a fresh database.
 */
export function storesUnderTest(): StoreUnderTest[] {
  const stores: StoreUnderTest[] = [{ name: 'embedded', open: async () => new MemoryStore() }];
  const uri = process.env.MONGODB_URI;
  if (uri) {
    stores.push({
      name: 'mongodb',
      open: () => MongoStore.connect(uri, `brygga_test_${randomUUID().slice(0, 8)}`),
    });
  }
  return stores;
}

/** One store for flow tests: MongoDB when configured (the wire protocol), else embedded. */
export async function openTestStore(): Promise<DocumentStore> {
  const [first, second] = storesUnderTest();
  return (second ?? first!).open();
}
