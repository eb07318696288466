import Router from '@koa/router';
import { koaBody } from 'koa-body';
import { BryggaError } from '../../errors/brygga-error.ts';
import { html, page } from '../../web/html.ts';
import type { LoginMethod, LoginMethodServices } from '../login-method.ts';
import type { AuthenticatedIdentity } from '../authenticated-identity.ts';

/** A seeded person the development test login can sign in as. */
export interface DevPerson {
  key: string;
  label: { sv: string; en: string };
  personalIdentityNumber?: string;
  coordinationNumber?: string;
  employeeHsaId?: string;
  givenName: string;
  familyName: string;
}

export interface DevLoginOptions {
  env: 'development' | 'test' | 'production';
  acr: string;
  people: () => Promise<DevPerson[]>;
}

const texts = {
  sv: {
    label: 'Testinloggning (endast utveckling)',
    title: 'Testinloggning',
    warning: 'Endast för utveckling och test. Ingen e-legitimation används.',
    submit: 'Logga in som vald person',
  },
  en: {
    label: 'Test login (development only)',
    title: 'Test login',
    warning: 'For development and testing only. No e-identification is used.',
    submit: 'Log in as the chosen person',
  },
};

/**
 * Development-only login: pick a seeded person. It cannot be created with
 * NODE_ENV=production (and the config guard refuses oidc.devLogin there too).
 */
export function createDevLoginMethod(options: DevLoginOptions): LoginMethod {
  if (options.env === 'production') {
    throw new BryggaError('invalid_config', 'The development test login cannot run in production');
  }
  return {
    id: 'dev',
    label: { sv: texts.sv.label, en: texts.en.label },
    startPath: '/login/dev',
    routes: (services) => devLoginRoutes(services, options),
  };
}

function devLoginRoutes(services: LoginMethodServices, options: DevLoginOptions): Router {
  const router = new Router();
  const form = koaBody({ urlencoded: true, json: false, multipart: false, formLimit: '4kb' });

  router.get('/login/dev/:uid', async (ctx) => {
    const interaction = await services.loadInteraction(ctx);
    const text = texts[interaction.language];
    const people = await options.people();
    ctx.type = 'html';
    ctx.body = page({
      title: text.title,
      language: interaction.language,
      body: html`<h1>${text.title}</h1>
        <p class="warning">${text.warning}</p>
        <form method="post" action="/login/dev/${interaction.uid}">
          ${people.map(
            (person, index) =>
              html`<label class="choice"
                ><input
                  type="radio"
                  name="person"
                  value="${person.key}"
                  ${index === 0 ? html`checked` : ''}
                />
                ${person.label[interaction.language]}</label
              >`,
          )}
          <button class="button">${text.submit}</button>
        </form>`,
    });
  });

  router.post('/login/dev/:uid', form, async (ctx) => {
    const interaction = await services.loadInteraction(ctx);
    const key = String((ctx.request.body as Record<string, unknown>)?.person ?? '');
    const person = (await options.people()).find((candidate) => candidate.key === key);
    if (!person) throw new BryggaError('bad_request', 'Choose one of the listed people');
    await services.completeLogin(ctx, interaction.uid, devIdentity(person, options.acr));
  });

  return router;
}

function devIdentity(person: DevPerson, acr: string): AuthenticatedIdentity {
  return {
    method: 'dev',
    ...(person.personalIdentityNumber && { personalIdentityNumber: person.personalIdentityNumber }),
    ...(person.coordinationNumber && { coordinationNumber: person.coordinationNumber }),
    givenName: person.givenName,
    familyName: person.familyName,
    displayName: `${person.givenName} ${person.familyName}`,
    acr,
    amr: ['dev'],
    authnProvider: 'urn:brygga:development:test-login',
    txn: `dev-${Date.now().toString(36)}`,
    ...(person.employeeHsaId && { asserted: { employeeHsaId: person.employeeHsaId } }),
  };
}
