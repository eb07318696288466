import { readFileSync } from 'node:fs';
import type { SamlKeyPairConfig, SamlSpConfig } from '../../config/sections/saml.ts';
import { createCertificateAuthority } from '../../dev-pki/dev-pki.ts';
import { BryggaError } from '../../errors/brygga-error.ts';
import type { Logger } from '../../log/logger.ts';
import type { DocumentStore } from '../../store/document-store.ts';
import { isDuplicateKeyError } from '../../store/document-store.ts';

export interface SpKeyPair {
  id: string;
  certificatePem: string;
  privateKeyPem: string;
  active: boolean;
}

/** Signing and encryption keys kept apart (SC-DEPLOY 2.1.3), each list with one active key. */
export interface SpKeyRing {
  signing: SpKeyPair[];
  encryption: SpKeyPair[];
}

export function activeKey(keys: SpKeyPair[]): SpKeyPair {
  const active = keys.find((key) => key.active);
  if (!active) throw new BryggaError('invalid_config', 'no active SAML SP key');
  return active;
}

/**
 * The SP keys from configuration. With none configured outside production, development keys
 * are made once and kept in `saml_sp_keys`, so the SP metadata stays the same across restarts.
 */
export async function loadSpKeys(
  config: SamlSpConfig,
  production: boolean,
  store: DocumentStore,
  logger: Logger,
): Promise<SpKeyRing> {
  if (config.signingKeys.length > 0 || config.encryptionKeys.length > 0 || production) {
    return {
      signing: fromConfig(config.signingKeys, 'signing'),
      encryption: fromConfig(config.encryptionKeys, 'encryption'),
    };
  }
  logger.warn('SAML SP uses development keys (saml.sp.signingKeys / encryptionKeys unset)');
  return developmentKeys(store);
}

function fromConfig(keys: SamlKeyPairConfig[], use: string): SpKeyPair[] {
  if (keys.length === 0)
    throw new BryggaError('invalid_config', `saml.sp: no ${use} key configured`);
  const activeCount = keys.filter((key) => key.active).length;
  if (keys.length > 1 && activeCount !== 1) {
    throw new BryggaError('invalid_config', `saml.sp: exactly one ${use} key must be active`);
  }
  return keys.map((key) => ({
    id: key.id,
    certificatePem: key.certificatePem ?? readPem(key.certificatePath as string),
    privateKeyPem: key.privateKeyPem ?? readPem(key.privateKeyPath as string),
    active: keys.length === 1 || key.active,
  }));
}

function readPem(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (cause) {
    throw new BryggaError('invalid_config', `cannot read SAML key file ${path}`, { cause });
  }
}

interface StoredDevelopmentKeys extends Record<string, unknown> {
  id: string;
  keys: SpKeyRing;
}

async function developmentKeys(store: DocumentStore): Promise<SpKeyRing> {
  const rows = store.collection<StoredDevelopmentKeys>('saml_sp_keys');
  await rows.createIndex({ id: 1 }, { unique: true });
  const existing = await rows.findOne({ id: 'development' });
  if (existing) return existing.keys;
  const make = async (name: string): Promise<SpKeyPair> => {
    const issued = await createCertificateAuthority(`Brygga SAML SP ${name} (development)`);
    return {
      id: `dev-${name}`,
      certificatePem: issued.certificatePem,
      privateKeyPem: issued.privateKeyPem,
      active: true,
    };
  };
  const keys = { signing: [await make('signing')], encryption: [await make('encryption')] };
  try {
    await rows.insertOne({ id: 'development', keys });
    return keys;
  } catch (error) {
    // Another process made them first: use theirs so every process publishes the same keys.
    if (!isDuplicateKeyError(error)) throw error;
    const winner = await rows.findOne({ id: 'development' });
    if (!winner) throw error;
    return winner.keys;
  }
}
