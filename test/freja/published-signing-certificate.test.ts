import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { CompactSign } from 'jose';
import { verifyDetails } from '../../src/connectors/freja/details-verifier.ts';
import {
  loadSigningCertificates,
  signingCertificateState,
} from '../../src/connectors/freja/signing-certificates.ts';
import { approvedPayload, signingIdentity } from './fake-freja.ts';

const sharedData =
  process.env.BRYGGA_SHARED_DATA ?? path.resolve(process.cwd(), '..', 'shared', 'data');
const file = existsSync(sharedData)
  ? readdirSync(sharedData).find((name) => name.startsWith('f01-freja-test-jws-signing-'))
  : undefined;
const skip = file ? false : `no f01-freja-test-jws-signing-*.pem in ${sharedData}`;
const publishedX5t = 'DiZbzBfysUm6-IwI-GtienEsbjc';

test(
  "Freja's published test JWS certificate: x5t computed, expired since 2026-02-23",
  { skip },
  () => {
    const pem = readFileSync(path.join(sharedData, file ?? ''), 'utf8');
    const certificates = loadSigningCertificates([pem]);
    const certificate = certificates.get(publishedX5t);
    assert.ok(certificate, `x5t ${[...certificates.keys()].join(', ')} is not ${publishedX5t}`);
    assert.match(certificate.subject, /CN=Freja eID TEST JWS Signing/);
    assert.equal(certificate.notAfter.toISOString(), '2026-02-23T11:48:18.000Z');
    assert.equal(signingCertificateState(certificate, new Date('2026-02-24T00:00:00Z')), 'expired');
    assert.equal(signingCertificateState(certificate, new Date('2025-06-01T00:00:00Z')), 'valid');
  },
);

test(
  'a result naming the expired Freja certificate is refused before its signature is checked',
  { skip },
  async () => {
    const pem = readFileSync(path.join(sharedData, file ?? ''), 'utf8');
    const certificates = loadSigningCertificates([pem]);
    // Freja's private key is not public: sign with our own key and claim Freja's x5t.
    const impostor = await signingIdentity();
    const jws = await new CompactSign(
      new TextEncoder().encode(JSON.stringify(approvedPayload('ref-1', Date.parse('2025-06-01')))),
    )
      .setProtectedHeader({ alg: 'RS256', x5t: publishedX5t })
      .sign(impostor.certificate.keys.privateKey);

    const afterExpiry = await verifyDetails(jws, 'ref-1', certificates, new Date('2026-03-01'));
    assert.deepEqual(afterExpiry, { ok: false, reason: 'signing_certificate_expired' });
    const duringValidity = await verifyDetails(jws, 'ref-1', certificates, new Date('2025-06-01'));
    assert.deepEqual(duringValidity, { ok: false, reason: 'signature_invalid' });
  },
);
