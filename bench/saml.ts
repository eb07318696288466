import { pathToFileURL } from 'node:url';
import samlify from 'samlify';
import { MemoryReplayCache } from '../src/saml/validation/replay-cache.ts';
import { validateSamlResponse } from '../src/saml/validation/validate-response.ts';
import { registerSamlifySchemaValidator } from '../src/saml/xml/schema-validator.ts';
import {
  acsUrl,
  assertionXml,
  encrypt,
  idpEntityId,
  policy,
  responseXml,
  sign,
  spEntityId,
  testParties,
  useClock,
} from '../test/saml-validation/test-idp.ts';

export interface SamlBenchResult {
  messages: number;
  /** samlify alone (no schema validator): parse, verify, decrypt, extract. */
  samlifyPerSecond: number;
  /** Brygga: hardening, compiled-schema validation, verification, decryption, every check. */
  bryggaPerSecond: number;
  /** bryggaPerSecond / samlifyPerSecond; the goal is at least 0.7. */
  ratio: number;
}

/**
 * One run, one set of signed Responses with a signed assertion encrypted with AES-256-GCM,
 * each judged once sequentially by samlify's bare flow and by validateSamlResponse.
 */
export async function benchmarkSaml(messages = 200): Promise<SamlBenchResult> {
  useClock(new Date());
  const { idp, sp } = await testParties();
  // One extra message warms each side up and is not timed.
  const responses = Array.from({ length: messages + 1 }, () =>
    Buffer.from(
      sign(
        responseXml(
          encrypt(sign(assertionXml(), 'Assertion', idp), sp.certificatePem, 'aes256-gcm'),
        ),
        'Response',
        idp,
      ),
    ).toString('base64'),
  );

  // The baseline: samlify with a validator that accepts everything.
  samlify.setSchemaValidator({ validate: async () => 'skipped' });
  const samlIdp = samlify.IdentityProvider({
    entityID: idpEntityId,
    signingCert: idp.certificatePem,
    isAssertionEncrypted: true,
    singleSignOnService: [
      {
        Binding: 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST',
        Location: 'https://idp.test.example/sso',
      },
    ],
    singleLogoutService: [
      {
        Binding: 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST',
        Location: 'https://idp.test.example/slo',
      },
    ],
  });
  const samlSp = samlify.ServiceProvider({
    entityID: spEntityId,
    encPrivateKey: sp.privateKeyPem,
    isAssertionEncrypted: true,
    wantMessageSigned: true,
    assertionConsumerService: [
      { Binding: 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST', Location: acsUrl },
    ],
  });
  const samlifySeconds = await timed(responses, (SAMLResponse) =>
    samlSp.parseLoginResponse(samlIdp, 'post', { body: { SAMLResponse } }),
  );
  registerSamlifySchemaValidator();

  const rules = await policy({
    now: new Date(),
    replayCache: new MemoryReplayCache(),
    requireSignedAssertion: true,
  });
  const bryggaSeconds = await timed(responses, async (samlResponse) => {
    const result = await validateSamlResponse({ binding: 'post', samlResponse }, rules);
    if (result.verdict !== 'accept') throw new Error(`benchmark message refused: ${result.rule}`);
  });

  const samlifyPerSecond = messages / samlifySeconds;
  const bryggaPerSecond = messages / bryggaSeconds;
  return { messages, samlifyPerSecond, bryggaPerSecond, ratio: bryggaPerSecond / samlifyPerSecond };
}

async function timed(inputs: string[], run: (input: string) => Promise<unknown>): Promise<number> {
  await run(inputs[0] as string);
  const started = performance.now();
  for (const input of inputs.slice(1)) await run(input);
  return (performance.now() - started) / 1000;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const result = await benchmarkSaml(Number(process.argv[2] ?? 200));
  console.log(`samlify (bare parse):           ${result.samlifyPerSecond.toFixed(0)} responses/s`);
  console.log(`Brygga (validated + decrypted): ${result.bryggaPerSecond.toFixed(0)} responses/s`);
  console.log(`ratio: ${result.ratio.toFixed(2)} (goal >= 0.70)`);
}
