import { createCipheriv, createDecipheriv, randomBytes, randomUUID } from 'node:crypto';
import { exportJWK, generateKeyPair } from 'jose';
import type { JWK } from 'jose';
import { BryggaError } from '../errors/brygga-error.ts';
import type { DocumentCollection, DocumentStore } from '../store/document-store.ts';

/** Algorithms Brygga signs with (OIDC Sweden profile 6: RS256 and ES256 are required). */
export const signingAlgorithms = ['ES256', 'RS256'] as const;
export type SigningAlgorithm = (typeof signingAlgorithms)[number];

interface StoredSigningKey extends Record<string, unknown> {
  kid: string;
  alg: SigningAlgorithm;
  /** active: signs and is published; retired: only published, to verify older tokens. */
  status: 'active' | 'retired';
  createdAt: Date;
  retiredAt?: Date;
  /** AES-256-GCM of the private JWK: base64url iv.tag.ciphertext */
  sealedJwk: string;
}

export interface KeySummary {
  kid: string;
  alg: string;
  status: string;
  createdAt: Date;
  retiredAt?: Date;
}

/**
 * Signing keys live in the database, encrypted at rest with secrets.keyEncryptionKey,
 * so every process signs with the same keys and a restart never changes them.
 */
export class SigningKeyStore {
  private readonly keys: DocumentCollection<StoredSigningKey>;
  private readonly encryptionKey: Buffer;

  constructor(store: DocumentStore, keyEncryptionKey: string) {
    this.keys = store.collection('signing_keys');
    this.encryptionKey = Buffer.from(keyEncryptionKey, 'base64');
  }

  async ensureIndexes(): Promise<void> {
    await this.keys.createIndex({ kid: 1 }, { unique: true });
  }

  /**
   * TODO(keys-reload): read once at start-up; after `npm run keys -- rotate` each process
   * signs with the new keys, and publishes them, only once restarted (a rolling restart).
   *
   * The JWKS oidc-provider signs with: active keys first (it signs with the first key of
   * an algorithm), then retired ones so tokens signed before a rotation still verify.
   */
  async loadJwks(): Promise<{ keys: JWK[] }> {
    const stored = await this.keys.find({}, { sort: { createdAt: -1 } });
    const ordered = [
      ...stored.filter((key) => key.status === 'active'),
      ...stored.filter((key) => key.status === 'retired'),
    ];
    return { keys: ordered.map((key) => this.unseal(key)) };
  }

  async hasKeys(): Promise<boolean> {
    return (await this.keys.countDocuments({ status: 'active' })) > 0;
  }

  /** Creates a new active key per algorithm; the previous active keys become retired. */
  async rotate(): Promise<KeySummary[]> {
    const now = new Date();
    const fresh = await Promise.all(signingAlgorithms.map((alg) => this.generate(alg, now)));
    for (const key of fresh) await this.keys.insertOne(key);
    await this.keys.updateMany(
      { status: 'active', kid: { $nin: fresh.map((key) => key.kid) } },
      { $set: { status: 'retired', retiredAt: now } },
    );
    return this.list();
  }

  /** Removes retired keys older than the given date (after the longest token lifetime). */
  async pruneRetired(retiredBefore: Date): Promise<number> {
    return this.keys.deleteMany({ status: 'retired', retiredAt: { $lt: retiredBefore } });
  }

  async list(): Promise<KeySummary[]> {
    const stored = await this.keys.find({}, { sort: { createdAt: -1 } });
    return stored.map(({ kid, alg, status, createdAt, retiredAt }) => ({
      kid,
      alg,
      status,
      createdAt,
      ...(retiredAt && { retiredAt }),
    }));
  }

  private async generate(alg: SigningAlgorithm, createdAt: Date): Promise<StoredSigningKey> {
    const { privateKey } = await generateKeyPair(alg, { extractable: true, modulusLength: 3072 });
    const kid = `${alg.toLowerCase()}-${createdAt.toISOString().slice(0, 10)}-${randomUUID().slice(0, 8)}`;
    const jwk = { ...(await exportJWK(privateKey)), kid, alg, use: 'sig' };
    return { kid, alg, status: 'active', createdAt, sealedJwk: this.seal(jwk) };
  }

  private seal(jwk: JWK): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.encryptionKey, iv);
    const ciphertext = Buffer.concat([cipher.update(JSON.stringify(jwk), 'utf8'), cipher.final()]);
    return [iv, cipher.getAuthTag(), ciphertext]
      .map((part) => part.toString('base64url'))
      .join('.');
  }

  private unseal(key: StoredSigningKey): JWK {
    const [iv, tag, ciphertext] = key.sealedJwk
      .split('.')
      .map((part) => Buffer.from(part, 'base64url'));
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.encryptionKey, iv as Buffer);
      decipher.setAuthTag(tag as Buffer);
      const plain = Buffer.concat([decipher.update(ciphertext as Buffer), decipher.final()]);
      return JSON.parse(plain.toString('utf8')) as JWK;
    } catch (cause) {
      throw new BryggaError(
        'invalid_config',
        `Signing key ${key.kid} cannot be decrypted: secrets.keyEncryptionKey is not the key it was sealed with`,
        { cause },
      );
    }
  }
}
