import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { test } from 'node:test';
import { createRootLogger } from '../../src/log/logger.ts';
import type { Logger } from '../../src/log/logger.ts';

/** A root logger whose JSON lines are kept in memory. */
function capturingLogger(): { logger: Logger; lines: () => string[] } {
  const chunks: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk.toString('utf8'));
      done();
    },
  });
  const logger = createRootLogger({ level: 'trace', destination });
  return { logger, lines: () => chunks.join('').split('\n').filter(Boolean) };
}

const secrets = {
  accessToken: 'at-Zq8sV1xkQ0aL3vTn6wRy',
  refreshToken: 'rt-Hc4mB7pXe2dJ9uFk5sQa',
  idToken: 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJlLXZhbHVl',
  authorizationCode: 'code-Lw3nR8tYc1vZ6qKp0mXe',
  clientSecret: 'cs-Tn7qW2eRz5yUi8oPa3sD1fGh',
  cookie: '_session=sess-Vb6nM1qWe4rTy7uIo0pAs; _interaction=int-Kj2hGf5dSa8',
  authorization: 'Bearer bearer-Xc9vB2nM5qW8eR1tY4uI',
  basic: 'Basic Y2xpZW50LWlkOmNsaWVudC1zZWNyZXQtWFlaMTIz',
  identityNumber: '198006129863',
  identityNumberDashed: '19800612-9863',
  shortIdentityNumber: '800612-9863',
  coordinationNumber: '199001619882',
  givenName: 'Annabella',
  surname: 'Anderssonsdotter',
  samlResponse: 'PHNhbWxwOlJlc3BvbnNlIElEPSJfYWJjMTIzIj48L3NhbWxwOlJlc3BvbnNlPg==',
  assertionXml: '<saml:Assertion ID="_a1"><saml:NameID>SE2321000016-AB12</saml:NameID>',
  qrStartSecret: 'qr-Ws3eDr5tFg7yHu9iJo1kL',
};

test('tokens, secrets, cookies, identity numbers, names and SAML never reach the log', () => {
  const { logger, lines } = capturingLogger();
  const request = logger.child({ requestId: 'req-1' });

  request.info(
    {
      accessToken: secrets.accessToken,
      refresh_token: secrets.refreshToken,
      id_token: secrets.idToken,
      authorizationCode: secrets.authorizationCode,
      client_secret: secrets.clientSecret,
      personalNumber: secrets.identityNumber,
      givenName: secrets.givenName,
      surname: secrets.surname,
      SAMLResponse: secrets.samlResponse,
      qrStartSecret: secrets.qrStartSecret,
    },
    'top-level fields',
  );
  request.warn(
    {
      req: {
        method: 'POST',
        headers: { cookie: secrets.cookie, authorization: secrets.authorization },
      },
      res: { headers: { 'set-cookie': [secrets.cookie] } },
      client: { clientSecret: secrets.clientSecret, credentials: { secret: secrets.basic } },
    },
    'headers and nested secrets',
  );
  request.info(
    {
      upstream: {
        response: {
          completionData: {
            user: {
              personalNumber: secrets.identityNumber,
              name: `${secrets.givenName} ${secrets.surname}`,
              givenName: secrets.givenName,
              surname: secrets.surname,
            },
            signature: secrets.assertionXml,
          },
        },
      },
      saml: { message: { SAMLResponse: secrets.samlResponse, assertion: secrets.assertionXml } },
      tokens: [{ access_token: secrets.accessToken }, { refresh_token: secrets.refreshToken }],
    },
    'deeply nested upstream answer',
  );
  request.warn(
    {
      detail: `lookup failed for ${secrets.identityNumberDashed} and ${secrets.shortIdentityNumber}`,
      list: [`person ${secrets.coordinationNumber}`],
    },
    `login refused for ${secrets.identityNumber}`,
  );
  request.error(
    {
      err: Object.assign(new Error(`no staff member ${secrets.identityNumber}`), {
        cause: new Error(`upstream said ${secrets.identityNumberDashed}`),
      }),
    },
    'error with an identity number in its message',
  );
  request.info('free text with %s in it', secrets.identityNumber);

  const output = lines();
  assert.equal(output.length, 6, 'every call wrote one JSON line');
  for (const line of output) JSON.parse(line);
  const all = output.join('\n');
  for (const [what, value] of Object.entries(secrets)) {
    assert.ok(!all.includes(value), `${what} leaked: ${value}`);
  }
  assert.ok(!all.includes('6129863'), 'no tail of an identity number');
  assert.match(all, /\[redacted\]/);
  assert.match(all, /\[identity-number\]/);
  assert.match(all, /"requestId":"req-1"/, 'the useful fields stay');
  assert.match(all, /"method":"POST"/);
  const logged = JSON.parse(output[4] ?? '{}').err;
  assert.equal(logged.type, 'Error', 'errors keep their class name');
  assert.match(logged.cause.message, /upstream said \[identity-number\]/, 'and their cause');
});

test('hashes and ids stay readable', () => {
  const { logger, lines } = capturingLogger();
  logger.info(
    { personHash: 'k3x9-hash', clientId: 'vendor-backend', orderRef: 'o-1', grantId: 'g-1' },
    'login succeeded',
  );
  const [line] = lines();
  const entry = JSON.parse(line ?? '{}');
  assert.equal(entry.personHash, 'k3x9-hash');
  assert.equal(entry.clientId, 'vendor-backend');
  assert.equal(entry.orderRef, 'o-1');
  assert.equal(entry.grantId, 'g-1');
});
