import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { readIdpDescriptors } from '../saml/metadata/idp-descriptor.ts';
import { parseSamlXml } from '../saml/metadata/xml-dom.ts';
import { describeResult } from '../saml/validation/describe-result.ts';
import { MemoryReplayCache } from '../saml/validation/replay-cache.ts';
import type { SamlValidationPolicy, TrustedIdp } from '../saml/validation/types.ts';
import { validateSamlResponse } from '../saml/validation/validate-response.ts';
import { readMessage } from '../saml/validation/read-message.ts';
import { SamlRejection } from '../saml/validation/rejection.ts';
import { assertSafeXml } from '../saml/xml/harden-xml.ts';
import { defaultXmlLimits } from '../saml/xml/limits.ts';

const usage = `usage: npm run saml -- check <file> (--idp-cert <pem> | --metadata <file>) [options]
  --sp-key <pem>           SP private key to decrypt an EncryptedAssertion
  --audience <entityID>    our SP entityID (default: the message's own Audience, unchecked)
  --recipient <url>        our ACS URL (default: the Response Destination, unchecked)
  --in-response-to <id>    the AuthnRequest ID we sent (default: the message's own, unchecked)
  --now <ISO time>         the clock to judge times by (default: now)
  --allow-sha1             accept RSA-SHA1 / SHA-1 digests
<file> holds the Response as XML or as base64 (the SAMLResponse form value).
Exit status: 0 accept, 1 reject, 2 usage error.`;

/** Every LoA URI in domain.md §1.6 and §3.3: the CLI checks the class, not a request. */
const knownLoa = [
  'http://id.elegnamnden.se/loa/1.0/loa2',
  'http://id.elegnamnden.se/loa/1.0/loa3',
  'http://id.elegnamnden.se/loa/1.0/loa4',
  'http://id.swedenconnect.se/loa/1.0/uncertified-loa3',
  'http://id.elegnamnden.se/loa/1.0/eidas-sub',
  'http://id.elegnamnden.se/loa/1.0/eidas-high',
  'http://id.elegnamnden.se/loa/1.0/eidas-nf-sub',
  'http://id.elegnamnden.se/loa/1.0/eidas-nf-high',
  'http://id.sambi.se/loa/loa2',
  'http://id.sambi.se/loa/loa3',
  'http://id.sambi.se/loa/loa4',
];

class UsageError extends Error {}

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      'idp-cert': { type: 'string' },
      metadata: { type: 'string' },
      'sp-key': { type: 'string' },
      audience: { type: 'string' },
      recipient: { type: 'string' },
      now: { type: 'string' },
      'in-response-to': { type: 'string' },
      'allow-sha1': { type: 'boolean' },
    },
  });
  const [command, file] = positionals;
  if (command !== 'check' || !file || positionals.length !== 2)
    throw new UsageError('expected: check <file>');
  if (!values['idp-cert'] === !values.metadata)
    throw new UsageError('give exactly one of --idp-cert, --metadata');
  const now = values.now ? new Date(values.now) : new Date();
  if (Number.isNaN(now.getTime())) throw new UsageError('--now is not an ISO time');

  const content = readFileSync(file);
  const peek = peekMessage(content);
  const notes: string[] = [];
  const fromMessage = (option: string, given: string | undefined, found: string | undefined) => {
    if (given) return given;
    notes.push(`note: --${option} not given; using the message's own value, so it is not checked`);
    return found ?? '(none in the message)';
  };
  const idp = values['idp-cert']
    ? {
        entityId: peek.issuer ?? '',
        signingCertificates: [readFileSync(values['idp-cert'], 'utf8')],
      }
    : idpFromMetadata(readFileSync(values.metadata ?? '', 'utf8'), peek.issuer, now);
  const inResponseTo = fromMessage('in-response-to', values['in-response-to'], peek.inResponseTo);

  const policy: SamlValidationPolicy = {
    audience: fromMessage('audience', values.audience, peek.audience),
    recipient: fromMessage('recipient', values.recipient, peek.destination),
    idp,
    decryptionKeys: values['sp-key'] ? [readFileSync(values['sp-key'], 'utf8')] : [],
    allowedAcr: knownLoa,
    allowSha1: values['allow-sha1'] ?? false,
    findRequest: async (id) => (id === inResponseTo ? { id, idpEntityId: idp.entityId } : null),
    replayCache: new MemoryReplayCache(),
    now,
  };
  const result = await validateSamlResponse({ binding: 'file', content }, policy);
  for (const line of [...notes, ...describeResult(result)]) console.log(line);
  if (
    result.verdict === 'reject' &&
    result.rule === 'assertion_undecryptable' &&
    !values['sp-key']
  ) {
    console.log('  The Response-level checks above passed; pass --sp-key to check the assertion.');
  }
  return result.verdict === 'accept' ? 0 : 1;
}

interface Peek {
  issuer?: string;
  destination?: string;
  inResponseTo?: string;
  audience?: string;
}

/** Unverified values read only to fill in options the operator left out (and say so). */
function peekMessage(content: Buffer): Peek {
  let xml: string;
  try {
    xml = readMessage({ binding: 'file', content });
  } catch (error) {
    if (error instanceof SamlRejection) return {};
    throw error;
  }
  const first = (pattern: RegExp, text = xml) => pattern.exec(text)?.[1];
  const responseTag = first(/<(?:[\w-]+:)?Response\b([^>]*)>/) ?? '';
  return {
    issuer: first(/<(?:[\w-]+:)?Issuer[^>]*>\s*([^<\s]+)\s*</),
    destination: first(/\sDestination="([^"]*)"/, responseTag),
    inResponseTo: first(/\sInResponseTo="([^"]*)"/, responseTag),
    audience: first(/<(?:[\w-]+:)?Audience>\s*([^<\s]+)\s*</),
  };
}

function idpFromMetadata(xml: string, issuer: string | undefined, now: Date): TrustedIdp {
  const text = xml.replace(/^\uFEFF/, '').trimStart();
  assertSafeXml(text, { ...defaultXmlLimits, maxBytes: 64 * 1024 * 1024 });
  const root = parseSamlXml(text, 'metadata').documentElement as Element;
  const { idps } = readIdpDescriptors(root, 'cli', now);
  const chosen = idps.length === 1 ? idps[0] : idps.find((idp) => idp.entityId === issuer);
  if (!chosen)
    throw new UsageError(`metadata holds no usable IdP for issuer ${issuer ?? '(none)'}`);
  return { entityId: chosen.entityId, signingCertificates: chosen.signingCertificates };
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    const known =
      error instanceof UsageError ||
      (error as { code?: string }).code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION';
    const message =
      error instanceof SamlRejection
        ? `metadata refused: ${error.message}`
        : (error as Error).message;
    console.error(`saml: ${message}`);
    if (known || (error as { code?: string }).code === 'ENOENT') console.error(usage);
    process.exit(2);
  },
);
