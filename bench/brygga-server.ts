import { randomUUID } from 'node:crypto';
import { MongoClient } from 'mongodb';
import type { DocumentStore } from '../src/store/document-store.ts';
import { MemoryStore } from '../src/store/memory-store.ts';
import { MongoStore } from '../src/store/mongo-store.ts';
import { startBrygga } from '../test/support/start-brygga.ts';
import { clientMetadata } from './client-assertion.ts';
import type { BenchClient } from './client-assertion.ts';
import type { RunningServer } from './bare-provider.ts';

/**
 * Brygga as the tests start it (demo data, development test login, simulators off), with
 * the benchmark client registered in the store like any relying party. The embedded store
 * by default; MongoDB (a fresh database, dropped afterwards) when MONGODB_URI is set.
 */
export async function startBenchBrygga(client: BenchClient): Promise<RunningServer> {
  const uri = process.env.MONGODB_URI;
  const database = `brygga_bench_${randomUUID().slice(0, 8)}`;
  const store: DocumentStore = uri ? await MongoStore.connect(uri, database) : new MemoryStore();
  const brygga = await startBrygga(store);
  await brygga.clients.add(clientMetadata(client));

  return {
    issuer: brygga.issuer,
    store: uri ? `MongoDB wire protocol at ${redactedUri(uri)}` : 'embedded (in-process)',
    async stop() {
      await brygga.stop();
      if (uri) await dropDatabase(uri, database);
    },
  };
}

async function dropDatabase(uri: string, database: string): Promise<void> {
  const mongo = new MongoClient(uri, { serverSelectionTimeoutMS: 3000 });
  try {
    await mongo.db(database).dropDatabase();
  } finally {
    await mongo.close();
  }
}

function redactedUri(uri: string): string {
  return uri.replace(/\/\/[^@/]*@/, '//***@');
}
