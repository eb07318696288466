import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { pino } from 'pino';
import { assembleLoginMethods } from '../../src/startup/login-methods.ts';
import type { AssembledMethods } from '../../src/startup/login-methods.ts';
import { FlowBrowser } from '../support/flow-browser.ts';
import { backToClient, beginLogin, redeem, registerVendor } from '../support/flow-client.ts';
import { BankIdPhone } from '../support/phone.ts';
import { startBrygga } from '../support/start-brygga.ts';
import type { RunningBrygga } from '../support/start-brygga.ts';
import { openTestStore } from '../support/store.ts';
import { finishBankId, scanBankIdQr } from './drive.ts';

let assembled: AssembledMethods | undefined;
let brygga: RunningBrygga;

before(async () => {
  brygga = await startBrygga(await openTestStore(), {
    overrides: { bankid: { enabled: true, simulator: { enabled: true, phonePort: 0 } } },
    methods: async (config) => {
      assembled = await assembleLoginMethods(config, pino({ level: 'silent' }));
      return assembled.methods;
    },
  });
});
after(async () => {
  await brygga.stop();
  await assembled?.close();
});

test("npm start's wiring: authnProvider skips the chooser; BankID simulator knows the demo staff", async () => {
  const phoneUrl = assembled?.simulators['BankID phone'];
  assert.ok(phoneUrl, 'the BankID simulator was started from configuration');
  const login = await beginLogin(await registerVendor(brygga, 'flow-wiring'), {
    'https://id.oidc.se/param/authnProvider': 'https://www.bankid.com',
  });
  const browser = new FlowBrowser();
  const toMethod = await browser.follow(login.authorizationUrl.href, brygga.issuer);
  const uid = /\/login\/bankid\/([\w-]+)/.exec(toMethod.url)?.[1];
  assert.ok(uid, `OIDC Sweden authnProvider went straight to BankID: ${toMethod.url}`);

  const phone = new BankIdPhone(phoneUrl);
  await phone.approve(await scanBankIdQr(browser, brygga.issuer, uid, phone, '198006129863'));
  const answer = await finishBankId(browser, brygga.issuer, uid);
  const { idToken } = await redeem(login, await backToClient(browser, brygga.issuer, answer));
  assert.equal(idToken['https://id.oidc.se/claim/authnProvider'], 'https://www.bankid.com');
  assert.equal(idToken['https://id.oidc.se/claim/personalIdentityNumber'], '198006129863');
});
