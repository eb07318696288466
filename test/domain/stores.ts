import { randomUUID } from 'node:crypto';
import { test } from 'node:test';
import { AuditLog } from '../../src/audit/audit-log.ts';
import { createDomain } from '../../src/domain/domain.ts';
import type { Domain } from '../../src/domain/domain.ts';
import { createRootLogger } from '../../src/log/logger.ts';
import type { DocumentStore } from '../../src/store/document-store.ts';
import { MemoryStore } from '../../src/store/memory-store.ts';
import { MongoStore } from '../../src/store/mongo-store.ts';

export interface DomainFixture {
  store: DocumentStore;
  audit: AuditLog;
  domain: Domain;
}

/**
 * Runs `body` on the embedded store and, when MONGODB_URI is set, on a fresh database of
 * that server too, so the repositories are proven on both implementations.
 */
export function testOnStores(name: string, body: (fixture: DomainFixture) => Promise<void>): void {
  test(`${name} (memory store)`, async () => {
    await body(await fixtureOn(new MemoryStore()));
  });

  const uri = process.env.MONGODB_URI;
  test(`${name} (MongoDB)`, { skip: uri ? false : 'MONGODB_URI is not set' }, async () => {
    const store = await MongoStore.connect(uri ?? '', `brygga_test_${randomUUID().slice(0, 8)}`);
    try {
      await body(await fixtureOn(store));
    } finally {
      await store.close();
    }
  });
}

export async function fixtureOn(store: DocumentStore): Promise<DomainFixture> {
  const audit = new AuditLog(store, 'test-audit-hash-key-000000000000000', silentLogger);
  await audit.ensureIndexes();
  const domain = createDomain(store, audit);
  await domain.ensureIndexes();
  return { store, audit, domain };
}

export const silentLogger = createRootLogger({ level: 'silent' });
