import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { inflateRawSync } from 'node:zlib';
import type { SamlSession, SamlSessionRef } from '../../src/saml/sp/session-store.ts';
import { MemoryStore } from '../../src/store/memory-store.ts';
import { startSamlIdpSimulator } from '../../src/simulators/saml-idp/simulator.ts';
import type { SamlIdpSimulator } from '../../src/simulators/saml-idp/simulator.ts';
import { getWithInteraction, postForm, postJson, samlConfig, startSp } from './harness.ts';
import type { RunningSp } from './harness.ts';

describe('SAML single logout', () => {
  let simulator: SamlIdpSimulator;
  let sp: RunningSp;
  const store = new MemoryStore();
  const ended: SamlSessionRef[] = [];

  before(async () => {
    let spMetadata = '';
    simulator = await startSamlIdpSimulator({ spMetadata: async () => spMetadata });
    const federations = [
      {
        id: 'test',
        url: simulator.aggregate.url,
        signerCertificatePem: simulator.aggregate.signerCertificatePem,
      },
    ];
    sp = await startSp(store, samlConfig({ federations }), {
      onIdpLogout: async (session) => {
        ended.push(session);
      },
    });
    spMetadata = (await sp.method.ready()).metadataXml;
  });
  after(async () => {
    await sp.close();
    await simulator.close();
  });

  async function login(uid: string): Promise<SamlSession> {
    sp.services.addInteraction(uid);
    const start = await getWithInteraction(
      `${sp.url}/login/saml/${uid}?idp=${encodeURIComponent(simulator.entityId)}`,
      uid,
    );
    const answer = await postJson<{ samlResponse: string }>(`${simulator.url}/control/respond`, {
      redirectUrl: start.headers.get('location'),
      personId: 'inera-lakare',
    });
    await postForm(`${sp.url}/saml/acs`, { SAMLResponse: answer.samlResponse, RelayState: uid });
    const session = await store
      .collection<SamlSession>('saml_sessions')
      .findOne({ interactionUid: uid });
    assert.ok(session, 'the SAML session was stored at login');
    return session;
  }

  async function logoutRequest(session: SamlSession) {
    return postJson<{ samlRequest: string; sloUrl: string }>(
      `${simulator.url}/control/logout-request`,
      {
        nameId: session.nameId,
        sessionIndex: session.sessionIndex,
      },
    );
  }

  test('IdP-initiated LogoutRequest with a bad signature is refused and the session lives on', async () => {
    const session = await login('uid-bad-slo');
    const { samlRequest } = await logoutRequest(session);
    const xml = Buffer.from(samlRequest, 'base64').toString();
    const forged = xml.replace(session.nameId, `${session.nameId}x`);
    const response = await postForm(`${sp.url}/saml/slo`, {
      SAMLRequest: Buffer.from(forged).toString('base64'),
    });
    assert.equal(response.status, 400);
    assert.equal(
      ended.some((ref) => ref.interactionUid === 'uid-bad-slo'),
      false,
    );
    const stored = await store.collection<SamlSession>('saml_sessions').findOne({ id: session.id });
    assert.equal(stored?.endedAt, undefined);
    assert.ok((await sp.services.auditReasons('saml.rejected')).includes('logout_refused'));
  });

  test('a signed IdP-initiated LogoutRequest ends the session and is answered', async () => {
    const session = await login('uid-slo');
    const { samlRequest } = await logoutRequest(session);
    const response = await postForm(`${sp.url}/saml/slo`, {
      SAMLRequest: samlRequest,
      RelayState: 'r1',
    });
    assert.equal(response.status, 302);
    const location = new URL(response.headers.get('location') ?? '');
    assert.equal(location.origin + location.pathname, `${simulator.url}/slo`);
    const answer = inflateRawSync(
      Buffer.from(location.searchParams.get('SAMLResponse') ?? '', 'base64'),
    );
    assert.match(answer.toString(), /status:Success"/);
    assert.ok(location.searchParams.get('Signature'));
    assert.deepEqual(
      ended.filter((ref) => ref.interactionUid === 'uid-slo').map((ref) => ref.samlSessionId),
      [session.id],
    );
  });

  test('the same LogoutRequest is honoured once: a replay is refused', async () => {
    const session = await login('uid-slo-replay');
    const { samlRequest } = await logoutRequest(session);
    const first = await postForm(`${sp.url}/saml/slo`, { SAMLRequest: samlRequest });
    assert.equal(first.status, 302);
    const second = await postForm(`${sp.url}/saml/slo`, { SAMLRequest: samlRequest });
    assert.equal(second.status, 400);
    const endedFor = ended.filter((ref) => ref.interactionUid === 'uid-slo-replay');
    assert.equal(endedFor.length, 1);
  });

  test('SP-initiated logout sends a signed LogoutRequest naming the session', async () => {
    const session = await login('uid-sp-slo');
    const response = await fetch(`${sp.url}/test/end-session?uid=uid-sp-slo`, {
      redirect: 'manual',
    });
    assert.equal(response.status, 302);
    const location = new URL(response.headers.get('location') ?? '');
    assert.equal(location.origin + location.pathname, `${simulator.url}/slo`);
    assert.ok(location.searchParams.get('Signature'));
    const request = inflateRawSync(
      Buffer.from(location.searchParams.get('SAMLRequest') ?? '', 'base64'),
    );
    assert.ok(request.toString().includes(`>${session.nameId}</saml:NameID>`));
    const stored = await store.collection<SamlSession>('saml_sessions').findOne({ id: session.id });
    assert.ok(stored?.endedAt instanceof Date);
  });

  test('no public route ends an IdP session by interaction uid', async () => {
    await login('uid-no-route');
    const response = await fetch(`${sp.url}/saml/logout?uid=uid-no-route`, { redirect: 'manual' });
    assert.equal(response.status, 404);
    const stored = await store
      .collection<SamlSession>('saml_sessions')
      .findOne({ interactionUid: 'uid-no-route' });
    assert.equal(stored?.endedAt, undefined);
  });
});
