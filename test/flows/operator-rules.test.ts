import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Domain } from '../../src/domain/domain.ts';
import type { Licence } from '../../src/domain/model/licence.ts';
import { FlowBrowser } from '../support/flow-browser.ts';
import type { FlowResponse } from '../support/flow-browser.ts';
import {
  assertError,
  backToClient,
  beginLogin,
  openChooser,
  registerVendor,
} from '../support/flow-client.ts';
import { BankIdPhone, FrejaPhone } from '../support/phone.ts';
import {
  startBryggaWithSimulators,
  startSimulators,
  unregisteredPerson,
} from '../support/start-with-simulators.ts';
import type { BryggaWithSimulators, Simulators } from '../support/start-with-simulators.ts';
import { storesUnderTest } from '../support/store.ts';
import { endedPageAndBack, loginWithBankId, loginWithFreja } from './drive.ts';

interface RuleCase {
  rule: string;
  personalNumber: string;
  method: 'bankid' | 'freja';
  /** The operator's change that makes the rule bite, through the domain repositories. */
  arrange?: (domain: Domain) => Promise<void>;
  sv: RegExp;
  en: RegExp;
}

const cases: RuleCase[] = [
  {
    rule: 'not_registered',
    personalNumber: unregisteredPerson.personalNumber,
    method: 'bankid',
    sv: /Du är inte registrerad hos någon vårdgivare/,
    en: /You are not registered with any care provider/,
  },
  {
    rule: 'licence_inactive',
    personalNumber: '198503159819', // Cecilia Carlsson, the pharmacy
    method: 'bankid',
    arrange: (domain) => changeLicence(domain, '5569990004', { status: 'suspended' }),
    sv: /Din vårdgivares licens gäller inte just nu/,
    en: /Your care provider(&#39;|')s licence is not valid at the moment/,
  },
  {
    rule: 'seats_exceeded',
    personalNumber: '196911229836', // Eva Ek, the municipality
    method: 'bankid',
    arrange: (domain) => changeLicence(domain, '2120999996', { seats: 0 }),
    sv: /Din vårdgivare har fler aktiva användare än licensen medger/,
    en: /Your care provider has more active users than its licence allows/,
  },
  {
    rule: 'method_not_allowed',
    personalNumber: '197505039896', // Bertil Berg: his licence has no Freja
    method: 'freja',
    sv: /Din vårdgivare tillåter inte den här inloggningsmetoden/,
    en: /Your care provider does not allow this login method/,
  },
  {
    rule: 'declaration_missing_or_expired',
    personalNumber: '197807049825', // David Dahl, the veterinary practice
    method: 'bankid',
    sv: /självdeklaration saknas eller har gått ut/,
    en: /self-declaration is missing or has expired/,
  },
];

for (const storeUnderTest of storesUnderTest()) {
  describe(`operator rules through a login (${storeUnderTest.name} store)`, () => {
    let simulators: Simulators;
    let brygga: BryggaWithSimulators;

    before(async () => {
      simulators = await startSimulators();
      brygga = await startBryggaWithSimulators(await storeUnderTest.open(), simulators);
    });
    after(async () => {
      await brygga.stop();
      await simulators.close();
    });

    for (const rule of cases) {
      test(`${rule.rule}: 403 page in Swedish and English, audit event, access_denied`, async () => {
        await rule.arrange?.(brygga.domain);
        const config = await registerVendor(brygga, `flow-rule-${rule.rule}`);
        const login = await beginLogin(config);
        const browser = new FlowBrowser();
        const { uid } = await openChooser(browser, brygga.issuer, login);

        const answer = await logIn(rule, browser, uid);
        assert.match(answer.headers.get('location') ?? '', /\/refused\?rule=/);
        const refusal = await endedPageAndBack(browser, brygga.issuer, answer);
        assert.equal(refusal.status, 403);
        assert.match(refusal.page, rule.sv);
        assert.match(refusal.page, /lang="sv"/);
        assert.match(refusal.english, rule.en);
        assert.match(refusal.english, /lang="en"/);

        const events = await brygga.audit.query({
          personHash: brygga.audit.hashPerson(rule.personalNumber),
        });
        const refused = events.find((event) => event.event === 'login.refused');
        assert.ok(refused, 'login.refused is audited');
        assert.equal(refused.reason, rule.rule);
        assert.equal(refused.method, rule.method);
        assert.equal(refused.clientId, `flow-rule-${rule.rule}`);

        const callback = await backToClient(browser, brygga.issuer, refusal.back);
        assertError(callback, login, brygga.issuer, 'access_denied');
        await browser.close();
      });
    }

    function logIn(rule: RuleCase, browser: FlowBrowser, uid: string): Promise<FlowResponse> {
      if (rule.method === 'freja') {
        const phone = new FrejaPhone(simulators.freja.phoneUrl);
        return loginWithFreja(browser, brygga.issuer, uid, phone, rule.personalNumber);
      }
      const phone = new BankIdPhone(simulators.bankid.phoneUrl);
      return loginWithBankId(browser, brygga.issuer, uid, phone, rule.personalNumber);
    }
  });
}

async function changeLicence(
  domain: Domain,
  orgNumber: string,
  change: Partial<Pick<Licence, 'status' | 'seats'>>,
): Promise<void> {
  const careProvider = await domain.careProviders.findByOrgNumber(orgNumber);
  assert.ok(careProvider, `care provider ${orgNumber} is seeded`);
  const [licence] = await domain.licences.listForCareProvider(careProvider.id);
  assert.ok(licence, 'the care provider has a licence');
  const { careProviderId, validFrom, validTo, seats, allowedMethods, status } = licence;
  await domain.licences.update(
    licence.id,
    licence.version,
    { careProviderId, validFrom, validTo, seats, allowedMethods, status, ...change },
    'operator',
  );
}
