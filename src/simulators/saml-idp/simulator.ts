import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Koa from 'koa';
import type { Context } from 'koa';
import Router from '@koa/router';
import { koaBody } from 'koa-body';
import type { SamlTestPerson } from '../../config/sections/saml-test-people.ts';
import { defaultSamlTestPeople } from '../../config/sections/saml-test-people.ts';
import { createCertificateAuthority, issueCertificate } from '../../dev-pki/dev-pki.ts';
import { isBryggaError } from '../../errors/brygga-error.ts';
import { postFormPage } from '../../saml/sp/post-form-page.ts';
import { createAggregateSigner, createSignedAggregate } from './aggregate.ts';
import { readPostRequest, readRedirectRequest } from './authn-request.ts';
import type { ReceivedAuthnRequest } from './authn-request.ts';
import { simulatorIdpMetadata } from './idp-metadata.ts';
import { failureResponse, loginResponse } from './login-response.ts';
import { loginPage } from './pages.ts';
import { readSpPeer } from './sp-peer.ts';
import type { SpPeer } from './sp-peer.ts';
import { serveStatic } from './static-files.ts';
import { byLocalName, signEnveloped } from './xml-sign.ts';
import type { SigningKey } from './xml-sign.ts';
import { idpLogoutRequest } from './logout-request.ts';

export interface SamlIdpSimulatorOptions {
  /** The SP's metadata, read on first use (the SP may start after the simulator). */
  spMetadata: () => Promise<string>;
  people?: SamlTestPerson[];
  /** Encrypt assertions to the SP's encryption certificate (SC-DEPLOY). Default true. */
  encryptAssertions?: boolean;
  port?: number;
  displayName?: { sv: string; en: string };
}

export interface SamlIdpSimulator {
  url: string;
  entityId: string;
  metadataXml: string;
  signingCertificatePem: string;
  /** A signed federation aggregate holding this IdP; pin `signerCertificatePem`. */
  aggregate: { xml: string; signerCertificatePem: string; url: string };
  /** Signs another aggregate with the same signer (tests: removed IdPs, expiry). */
  signAggregate(entities: string[], validUntil: Date): string;
  close(): Promise<void>;
}

const cancelStatus = 'http://id.elegnamnden.se/status/1.0/cancel';

/**
 * A SAML IdP for development and tests on 127.0.0.1: verifies signed AuthnRequests, lets a
 * person be picked, and POSTs back a signed (optionally encrypted) Response. Tests use
 * `POST /control/respond` to get the Response without a browser.
 */
export async function startSamlIdpSimulator(
  options: SamlIdpSimulatorOptions,
): Promise<SamlIdpSimulator> {
  const people = options.people ?? defaultSamlTestPeople;
  const authority = await createCertificateAuthority('Brygga SAML IdP simulator');
  const issued = await issueCertificate(authority, {
    subject: 'CN=SAML IdP simulator',
    usage: 'signing',
  });
  const signingKey: SigningKey = {
    privateKeyPem: issued.privateKeyPem,
    certificatePem: issued.certificatePem,
  };
  const signer = await createAggregateSigner();
  const pending = new Map<string, ReceivedAuthnRequest>();
  let peer: SpPeer | undefined;
  const spPeer = async () => (peer ??= readSpPeer(await options.spMetadata()));

  const app = new Koa();
  const router = new Router();
  const body = koaBody({ urlencoded: true, json: true, multipart: false, formLimit: '256kb' });
  const server: Server = await new Promise((resolve) => {
    const listening = app.listen(options.port ?? 0, '127.0.0.1', () => resolve(listening));
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const entityId = `${url}/idp`;
  const metadataXml = simulatorIdpMetadata({
    entityId,
    baseUrl: url,
    signingCertificatePem: issued.certificatePem,
    displayName: options.displayName ?? { sv: 'Test-IdP (simulator)', en: 'Test IdP (simulator)' },
    assuranceCertifications: [...new Set(people.map((person) => person.loa))],
  });
  const aggregateFor = (entities: string[], validUntil: Date) =>
    createSignedAggregate({ entities, signer, validUntil, cacheDuration: 'PT1H' });
  const weekAhead = () => new Date(Date.now() + 7 * 86_400_000);

  const responseContext = async () => {
    const sp = await spPeer();
    const encryptTo =
      options.encryptAssertions !== false ? sp.encryptionCertificates[0] : undefined;
    return {
      idpEntityId: entityId,
      spEntityId: sp.entityId,
      signingKey,
      ...(encryptTo && { encryptionCertificatePem: encryptTo }),
    };
  };
  /** No person: the login was cancelled (Sweden Connect cancel status, SC-DEPLOY). */
  const responseFor = async (request: ReceivedAuthnRequest, personId: string | undefined) => {
    const context = await responseContext();
    const person = people.find((candidate) => candidate.id === personId);
    const xml = person
      ? await loginResponse(request, person, context)
      : failureResponse(request, context, 'Responder', cancelStatus);
    return Buffer.from(xml).toString('base64');
  };

  const receive = async (ctx: Context): Promise<ReceivedAuthnRequest> => {
    const sp = await spPeer();
    if (ctx.method === 'GET') return readRedirectRequest(ctx.querystring, sp);
    const form = formOf(ctx);
    return readPostRequest(form.SAMLRequest ?? '', form.RelayState, sp);
  };

  const showLogin = async (ctx: Context) => {
    const request = await receive(ctx);
    const ticket = randomUUID();
    pending.set(ticket, request);
    ctx.type = 'html';
    ctx.body = loginPage(ticket, people, request.requestedClassRefs);
  };
  router.get('/sso', showLogin);
  router.post('/sso', body, showLogin);

  router.post('/login', body, async (ctx) => {
    const form = formOf(ctx);
    const request = pending.get(form.ticket ?? '');
    if (!request) {
      ctx.status = 400;
      ctx.body = 'Unknown or used login ticket';
      return;
    }
    pending.delete(form.ticket ?? '');
    const personId = form.action === 'cancel' ? undefined : form.person;
    const samlResponse = await responseFor(request, personId);
    ctx.type = 'html';
    ctx.body = postFormPage(request.acsUrl, 'SAMLResponse', samlResponse, request.relayState);
  });

  router.post('/control/respond', body, async (ctx) => {
    const input = (ctx.request.body ?? {}) as Record<string, unknown>;
    const redirectUrl = typeof input.redirectUrl === 'string' ? input.redirectUrl : undefined;
    const sp = await spPeer();
    const request = redirectUrl
      ? readRedirectRequest(new URL(redirectUrl).search, sp)
      : readPostRequest(String(input.samlRequest ?? ''), stringOr(input.relayState), sp);
    ctx.body = {
      samlResponse: await responseFor(request, stringOr(input.personId)),
      relayState: request.relayState ?? null,
      acsUrl: request.acsUrl,
      inResponseTo: request.id,
    };
  });

  router.post('/control/logout-request', body, async (ctx) => {
    const input = (ctx.request.body ?? {}) as Record<string, unknown>;
    const sp = await spPeer();
    const xml = idpLogoutRequest({
      issuer: entityId,
      destination: sp.sloUrls[0] ?? '',
      nameId: String(input.nameId ?? ''),
      sessionIndex: stringOr(input.sessionIndex),
    });
    ctx.body = {
      samlRequest: Buffer.from(
        signEnveloped(
          xml,
          signingKey,
          byLocalName('LogoutRequest'),
          byLocalName('LogoutRequest', 'Issuer'),
        ),
      ).toString('base64'),
      sloUrl: sp.sloUrls[0],
    };
  });

  router.get('/metadata', (ctx) => {
    ctx.type = 'application/samlmetadata+xml';
    ctx.body = metadataXml;
  });
  router.get('/aggregate', (ctx) => {
    ctx.type = 'application/samlmetadata+xml';
    ctx.body = aggregateFor([metadataXml], weekAhead());
  });
  router.get('/static/:file', (ctx) => serveStatic(ctx, String(ctx.params.file)));

  app.use(async (ctx, next) => {
    try {
      await next();
    } catch (error) {
      ctx.status = isBryggaError(error) ? error.status : 500;
      const message = isBryggaError(error) && error.expose ? error.message : 'Simulator error';
      ctx.body = {
        error: isBryggaError(error) ? error.code : 'internal',
        error_description: message,
      };
    }
  });
  app.use(router.routes());

  return {
    url,
    entityId,
    metadataXml,
    signingCertificatePem: issued.certificatePem,
    aggregate: {
      xml: aggregateFor([metadataXml], weekAhead()),
      signerCertificatePem: signer.certificatePem,
      url: `${url}/aggregate`,
    },
    signAggregate: aggregateFor,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function formOf(ctx: Context): Record<string, string | undefined> {
  const form = (ctx.request as { body?: unknown }).body;
  if (!form || typeof form !== 'object') return {};
  return Object.fromEntries(
    Object.entries(form).map(([key, value]) => [
      key,
      typeof value === 'string' ? value : undefined,
    ]),
  );
}

function stringOr(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}
