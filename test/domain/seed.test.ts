import assert from 'node:assert/strict';
import { seedDemoDomain } from '../../src/domain/seed.ts';
import { careProviderKinds } from '../../src/domain/model/care-provider.ts';
import { createLoginPolicy } from '../../src/login/policy/index.ts';
import { bankIdIdentity } from './policy-fixture.ts';
import { silentLogger, testOnStores } from './stores.ts';

const healthcare = { clientId: 'demo-rp', scope: 'openid healthcare' };

testOnStores(
  'demo seed: every kind, idempotent, and the rules hold',
  async ({ store, audit, domain }) => {
    const first = await seedDemoDomain(store, audit, new Date(), domain);
    assert.deepEqual(first, { careProvidersCreated: 6, staffCreated: 7 });
    assert.deepEqual(await seedDemoDomain(store, audit, new Date(), domain), {
      careProvidersCreated: 0,
      staffCreated: 0,
    });
    const kinds = (await domain.careProviders.list()).map((careProvider) => careProvider.kind);
    assert.deepEqual(kinds.sort(), [...careProviderKinds].sort());

    const policy = createLoginPolicy({ domain, audit, logger: silentLogger });
    const login = (personalIdentityNumber: string) =>
      policy.evaluateLogin(bankIdIdentity({ personalIdentityNumber }), healthcare);

    const anna = await login('198006129863');
    assert.equal(anna.kind, 'choose');
    assert.equal(anna.kind === 'choose' && anna.options.length, 3);

    const david = await login('197807049825');
    assert.equal(david.kind === 'refuse' && david.rule, 'declaration_missing_or_expired');

    assert.equal((await login('197505039896')).kind, 'allow');
    const fredrik = await policy.evaluateLogin(
      bankIdIdentity({ personalIdentityNumber: undefined, coordinationNumber: '199001619882' }),
      healthcare,
    );
    assert.equal(fredrik.kind, 'allow');

    const gustav = await policy.evaluateLogin(
      bankIdIdentity({
        method: 'siths-card',
        personalIdentityNumber: undefined,
        asserted: { employeeHsaId: 'SE2321999993-GUGR01' },
      }),
      healthcare,
    );
    assert.equal(
      gustav.kind === 'allow' && gustav.commission?.commissionHsaId,
      'SE2321999993-UPP03',
    );
  },
);
