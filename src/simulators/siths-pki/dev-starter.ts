import { X509Certificate } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { SithsCardConfig } from '../../config/sections/siths-card.ts';
import { createCertificateAuthority, issueCertificate } from '../../dev-pki/dev-pki.ts';
import type { IssuedCertificate } from '../../dev-pki/dev-pki.ts';
import { BryggaError } from '../../errors/brygga-error.ts';
import type { Logger } from '../../log/logger.ts';
import { createPkcs12 } from './pkcs12.ts';
import { filesOf, loadIssued, saveIssued } from './pki-files.ts';
import { startPkiServer } from './pki-server.ts';
import { issueIssuingCa, issueOcspSigner } from './pki-certificates.ts';
import { SithsTestPki, issuingCaName, rootName } from './siths-test-pki.ts';

/** The development card's holder: the seeded staff member who has only an HSA-ID. */
export const devCardHolder = { hsaId: 'SE2321999993-GUGR01', givenName: 'Gustav', surname: 'Gran' };

export interface RunningSithsDevPki {
  /** `sithsCard` with the CA files, OCSP responder, CRL and listener TLS files filled in. */
  config: SithsCardConfig;
  cardPkcs12Path: string;
  close(): Promise<void>;
}

/**
 * `npm start` in development (sithsCard.simulator.enabled): keeps a SITHS-like PKI under
 * `.data/siths/` across restarts, so a card imported into a browser stays valid, runs its
 * OCSP responder and CRL on 127.0.0.1, and writes the test card as PEM and PKCS#12.
 */
export async function startSithsDevPki(
  config: SithsCardConfig,
  env: 'development' | 'test' | 'production',
  logger: Logger,
): Promise<RunningSithsDevPki> {
  if (env === 'production') {
    throw new BryggaError('invalid_config', 'sithsCard.simulator must be off in production');
  }
  const directory = path.resolve(config.simulator.directory);
  const pki = new SithsTestPki(await loadOrCreateAuthorities(directory));
  const server = await startPkiServer(pki, config.simulator.port);

  const stored = await loadIssued(directory, 'card');
  const card = stored && stillUsable(stored, pki) ? stored : await pki.issueCard(devCardHolder);
  saveIssued(directory, 'card', card);
  const cardPkcs12Path = path.join(directory, 'card.p12');
  writeFileSync(
    cardPkcs12Path,
    createPkcs12(card.certificatePem, card.privateKeyPem, config.simulator.passphrase),
    {
      mode: 0o600,
    },
  );
  const chainPath = path.join(directory, 'ca-chain.pem');
  writeFileSync(chainPath, pki.caCertificatesPem.join(''));
  const tls = await loadOrCreateListenerTls(directory);

  logger.child({ component: 'siths-pki' }).info(
    {
      cardPkcs12Path,
      ocspUrl: pki.ocspUrl,
      crlUrl: pki.crlUrl,
      tlsCa: filesOf(directory, 'tls-ca').certificate,
    },
    'development SITHS card ready: import card.p12 (passphrase: sithsCard.simulator.passphrase)',
  );
  return {
    config: {
      ...config,
      caCertificatePaths: [chainPath],
      ocsp: { ...config.ocsp, enabled: true, url: pki.ocspUrl },
      crl: { ...config.crl, urls: [pki.crlUrl as string] },
      listener: { ...config.listener, certificatePath: tls.certificate, keyPath: tls.key },
    },
    cardPkcs12Path,
    close: server.close,
  };
}

async function loadOrCreateAuthorities(directory: string): Promise<SithsTestPki['authorities']> {
  let root = await loadIssued(directory, 'root-ca');
  let issuingCa = root && (await loadIssued(directory, 'issuing-ca'));
  let ocspSigner = issuingCa && (await loadIssued(directory, 'ocsp-signer'));
  if (!root || !issuingCa || !ocspSigner) {
    root = await createCertificateAuthority(rootName);
    issuingCa = await issueIssuingCa(root, issuingCaName);
    ocspSigner = await issueOcspSigner(issuingCa);
    saveIssued(directory, 'root-ca', root);
    saveIssued(directory, 'issuing-ca', issuingCa);
    saveIssued(directory, 'ocsp-signer', ocspSigner);
  }
  return { root, issuingCa, ocspSigner };
}

/** The listener's server certificate, for localhost and 127.0.0.1, from a TLS CA of its own. */
async function loadOrCreateListenerTls(
  directory: string,
): Promise<{ certificate: string; key: string }> {
  if (!(await loadIssued(directory, 'listener-tls'))) {
    const tlsCa = await createCertificateAuthority('Brygga DEV SITHS listener TLS CA');
    const server = await issueCertificate(tlsCa, {
      subject: 'CN=localhost',
      hosts: ['localhost', '127.0.0.1'],
      usage: 'server',
    });
    saveIssued(directory, 'tls-ca', tlsCa);
    saveIssued(directory, 'listener-tls', server);
  }
  return filesOf(directory, 'listener-tls');
}

/** A card from an earlier run is kept unless the CA was recreated or the card has expired. */
function stillUsable(card: IssuedCertificate, pki: SithsTestPki): boolean {
  const issuer = new X509Certificate(pki.authorities.issuingCa.certificatePem);
  const certificate = new X509Certificate(card.certificatePem);
  return certificate.verify(issuer.publicKey) && certificate.validToDate > new Date();
}
