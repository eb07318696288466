import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { verify } from 'node:crypto';
import { inflateRawSync } from 'node:zlib';
import {
  childElements,
  elementsAt,
  ns,
  parseSamlXml,
  textOf,
} from '../../src/saml/metadata/xml-dom.ts';
import { verifyRootSignature } from '../../src/saml/metadata/xml-signature.ts';
import { MemoryStore } from '../../src/store/memory-store.ts';
import { startSamlIdpSimulator } from '../../src/simulators/saml-idp/simulator.ts';
import type { SamlIdpSimulator } from '../../src/simulators/saml-idp/simulator.ts';
import { readSpPeer } from '../../src/simulators/saml-idp/sp-peer.ts';
import { getWithInteraction, issuer, samlConfig, startSp } from './harness.ts';
import type { RunningSp } from './harness.ts';

describe('SP metadata and AuthnRequests', () => {
  let simulator: SamlIdpSimulator;
  let redirectSp: RunningSp;
  let postSp: RunningSp;

  before(async () => {
    simulator = await startSamlIdpSimulator({ spMetadata: async () => '' });
    const federations = [
      {
        id: 'test',
        url: simulator.aggregate.url,
        signerCertificatePem: simulator.aggregate.signerCertificatePem,
      },
    ];
    const store = new MemoryStore();
    redirectSp = await startSp(store, samlConfig({ federations }));
    postSp = await startSp(store, samlConfig({ federations, sp: { requestBinding: 'post' } }));
  });
  after(async () => {
    await redirectSp.close();
    await postSp.close();
    await simulator.close();
  });

  test('GET /saml/metadata: entity, ACS, both keys, categories, UIInfo and Organization in sv and en', async () => {
    const response = await fetch(`${redirectSp.url}/saml/metadata`);
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /samlmetadata\+xml/);
    const xml = await response.text();
    const root = parseSamlXml(xml, 'SP metadata').documentElement;
    assert.equal(root.getAttribute('entityID'), `${issuer}/saml/sp`);
    const peer = readSpPeer(xml);
    assert.deepEqual(peer.acsUrls, [`${issuer}/saml/acs`]);
    assert.equal(peer.signingCertificates.length, 1);
    assert.equal(peer.encryptionCertificates.length, 1);
    assert.notEqual(peer.signingCertificates[0], peer.encryptionCertificates[0]);

    const categories = elementsAt(root, [
      [ns.md, 'Extensions'],
      [ns.mdattr, 'EntityAttributes'],
      [ns.saml, 'Attribute'],
      [ns.saml, 'AttributeValue'],
    ]).map(textOf);
    assert.ok(categories.includes('http://id.elegnamnden.se/ec/1.0/loa3-pnr'));
    assert.ok(categories.includes('http://id.swedenconnect.se/ec/1.0/loa3-hsaid'));

    const role = childElements(root, ns.md, 'SPSSODescriptor')[0]!;
    assert.equal(role.getAttribute('AuthnRequestsSigned'), 'true');
    const languagesOf = (elements: Element[]) =>
      elements.map((e) => e.getAttributeNS(ns.xml, 'lang')).sort();
    const displayNames = elementsAt(role, [
      [ns.md, 'Extensions'],
      [ns.mdui, 'UIInfo'],
      [ns.mdui, 'DisplayName'],
    ]);
    assert.deepEqual(languagesOf(displayNames), ['en', 'sv']);
    const organization = elementsAt(root, [
      [ns.md, 'Organization'],
      [ns.md, 'OrganizationName'],
    ]);
    assert.deepEqual(languagesOf(organization), ['en', 'sv']);
    const requested = elementsAt(role, [
      [ns.md, 'AttributeConsumingService'],
      [ns.md, 'RequestedAttribute'],
    ]);
    assert.ok(
      requested.some((attribute) => attribute.getAttribute('Name') === 'urn:oid:1.2.752.29.4.13'),
    );
  });

  test('Redirect AuthnRequest: signed, exact RequestedAuthnContext with the client acr values, ForceAuthn', async () => {
    const acr = ['http://id.elegnamnden.se/loa/1.0/loa3', 'http://id.sambi.se/loa/loa3'];
    redirectSp.services.addInteraction('uid-r', {
      forceAuthentication: true,
      requestedAcrValues: acr,
    });
    const response = await getWithInteraction(
      `${redirectSp.url}/login/saml/uid-r?idp=${encodeURIComponent(simulator.entityId)}`,
      'uid-r',
    );
    const location = new URL(response.headers.get('location') ?? '');
    const raw = new Map(
      location.search
        .slice(1)
        .split('&')
        .map((pair) => pair.split('=') as [string, string]),
    );
    const signed = `SAMLRequest=${raw.get('SAMLRequest')}&RelayState=${raw.get('RelayState')}&SigAlg=${raw.get('SigAlg')}`;
    const peer = readSpPeer(await (await fetch(`${redirectSp.url}/saml/metadata`)).text());
    const signature = Buffer.from(decodeURIComponent(raw.get('Signature') ?? ''), 'base64');
    assert.equal(
      verify('sha256', Buffer.from(signed), peer.signingCertificates[0]!, signature),
      true,
    );
    assert.equal(location.searchParams.get('RelayState'), 'uid-r');

    const xml = inflateRawSync(
      Buffer.from(location.searchParams.get('SAMLRequest') ?? '', 'base64'),
    ).toString();
    const request = parseSamlXml(xml, 'AuthnRequest').documentElement;
    assert.equal(request.getAttribute('ForceAuthn'), 'true');
    assert.equal(request.getAttribute('Destination'), `${simulator.url}/sso`);
    assert.equal(request.getAttribute('AssertionConsumerServiceURL'), `${issuer}/saml/acs`);
    const context = childElements(request, ns.samlp, 'RequestedAuthnContext')[0]!;
    assert.equal(context.getAttribute('Comparison'), 'exact');
    assert.deepEqual(childElements(context, ns.saml, 'AuthnContextClassRef').map(textOf), acr);
  });

  test('without client acr values the configured defaults are requested, ForceAuthn="false"', async () => {
    redirectSp.services.addInteraction('uid-d');
    const response = await getWithInteraction(
      `${redirectSp.url}/login/saml/uid-d?idp=${encodeURIComponent(simulator.entityId)}`,
      'uid-d',
    );
    const location = new URL(response.headers.get('location') ?? '');
    const xml = inflateRawSync(
      Buffer.from(location.searchParams.get('SAMLRequest') ?? '', 'base64'),
    ).toString();
    const request = parseSamlXml(xml, 'AuthnRequest').documentElement;
    assert.equal(request.getAttribute('ForceAuthn'), 'false');
    const refs = elementsAt(request, [
      [ns.samlp, 'RequestedAuthnContext'],
      [ns.saml, 'AuthnContextClassRef'],
    ]);
    assert.deepEqual(refs.map(textOf), samlConfig().sp.defaultAcrValues);
  });

  test('POST AuthnRequest: an auto-submitting form carrying an enveloped signature', async () => {
    postSp.services.addInteraction('uid-p');
    const response = await getWithInteraction(
      `${postSp.url}/login/saml/uid-p?idp=${encodeURIComponent(simulator.entityId)}`,
      'uid-p',
    );
    assert.equal(response.status, 200);
    const page = await response.text();
    assert.match(page, /data-saml-autosubmit/);
    assert.match(page, /src="\/static\/saml-post.js"/);
    assert.doesNotMatch(page, /<script>/);
    const value = /name="SAMLRequest" value="([^"]+)"/.exec(page)?.[1] ?? '';
    const peer = readSpPeer(await (await fetch(`${postSp.url}/saml/metadata`)).text());
    const verified = verifyRootSignature(Buffer.from(value, 'base64').toString(), {
      trustedCertificates: peer.signingCertificates,
      allowSha1: false,
      what: 'AuthnRequest',
    });
    assert.equal(verified.documentElement.localName, 'AuthnRequest');
  });

  test('the client-named authnProvider skips the page; an unknown one fails the login', async () => {
    redirectSp.services.addInteraction('uid-named', { requestedAuthnProvider: simulator.entityId });
    const named = await getWithInteraction(`${redirectSp.url}/login/saml/uid-named`, 'uid-named');
    assert.equal(named.status, 302);
    redirectSp.services.addInteraction('uid-unknown', {
      requestedAuthnProvider: 'https://idp.example/none',
    });
    const unknown = await getWithInteraction(
      `${redirectSp.url}/login/saml/uid-unknown`,
      'uid-unknown',
    );
    assert.equal(unknown.status, 400);
    assert.equal(redirectSp.services.failed.at(-1)?.code, 'method_not_available');
  });

  test('the chosen IdP is remembered in a cookie and preselected next time', async () => {
    redirectSp.services.addInteraction('uid-m');
    const chosen = await getWithInteraction(
      `${redirectSp.url}/login/saml/uid-m?idp=${encodeURIComponent(simulator.entityId)}`,
      'uid-m',
    );
    const cookie = (chosen.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    assert.ok(cookie.startsWith('brygga_saml_idp='));
    redirectSp.services.addInteraction('uid-m2');
    const page = await fetch(`${redirectSp.url}/login/saml/uid-m2`, {
      headers: { cookie: `test_interaction=uid-m2; ${cookie}` },
    });
    assert.match(await page.text(), new RegExp(`value="${simulator.entityId}"\\s+checked`));
  });
});
