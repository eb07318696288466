import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { AuditLog } from '../../src/audit/audit-log.ts';
import { parseStaffCsv } from '../../src/admin/staff-csv.ts';
import { importStaff } from '../../src/admin/staff-import.ts';
import { createDomain } from '../../src/domain/domain.ts';
import { createRootLogger } from '../../src/log/logger.ts';
import type { DocumentStore } from '../../src/store/document-store.ts';
import { storesUnderTest } from '../support/store.ts';
import { freshOrgNumber, freshPersonnummer } from './harness.ts';
import { staffFile } from './staff-file.ts';

async function openDomain(open: () => Promise<DocumentStore>) {
  const store = await open();
  const audit = new AuditLog(
    store,
    'test-audit-key-000000000000000000000',
    createRootLogger({ level: 'silent' }),
  );
  const domain = createDomain(store, audit);
  await domain.ensureIndexes();
  const careProvider = await domain.careProviders.create(
    { orgNumber: freshOrgNumber(), name: 'Importvården', kind: 'private-care-provider' },
    'test',
  );
  return { store, domain, careProviderId: careProvider.id };
}

const expectedRejections = [
  [4, 'personalIdentityNumber'],
  [5, 'givenName'],
  [6, 'employeeHsaId'],
  [7, 'personalIdentityNumber'],
  [8, 'givenName'],
  [9, 'commissionHsaId'],
];

for (const { name, open } of storesUnderTest()) {
  describe(`staff CSV import (${name} store)`, () => {
    test('a dry run reports accepted people and rejected rows, and writes nothing', async () => {
      const { store, domain, careProviderId } = await openDomain(open);
      const file = staffFile();
      const rows = parseStaffCsv(file.text);
      const report = await importStaff(domain, {
        careProviderId,
        rows,
        dryRun: true,
        actor: 'test',
      });

      assert.deepEqual(
        report.accepted.map((person) => [person.lines, person.action]),
        [
          [[2, 3], 'created'],
          [[10], 'created'],
        ],
      );
      assert.deepEqual(
        report.rejected.map((row) => [row.line, row.field]),
        expectedRejections,
      );
      assert.match(report.rejected[0]!.reason, /check digit/);
      assert.equal(report.rejected[2]!.reason, 'also given on line 2');
      assert.equal(report.rejected[4]!.reason, 'differs from line 2 for the same person');
      assert.deepEqual(await domain.staff.listForCareProvider(careProviderId), []);
      await store.close();
    });

    test('the import writes the accepted people with their commissions; a re-import replaces', async () => {
      const { store, domain, careProviderId } = await openDomain(open);
      const file = staffFile();
      const rows = parseStaffCsv(file.text);
      const report = await importStaff(domain, {
        careProviderId,
        rows,
        dryRun: false,
        actor: 'test',
      });
      assert.deepEqual(
        report.rejected.map((row) => [row.line, row.field]),
        expectedRejections,
      );
      assert.equal(report.accepted.length, 2);

      const anna = await domain.staff.findByIdentityNumber(file.anna);
      assert.equal(anna?.personId, report.accepted[0]!.personId);
      const engagement = anna?.engagements[0];
      assert.deepEqual(engagement?.systemRoles, ['r1', 'r2']);
      assert.deepEqual(
        engagement?.commissions.map((c) => c.commissionHsaId),
        ['SE5591234561-UPP1', 'SE5591234561-UPP2'],
      );
      const gustav = await domain.staff.findByEmployeeHsaId('SE5591234561-GG01');
      assert.equal(gustav?.givenName, 'Gustav', 'an HSA-ID-only person (SITHS) is imported');
      assert.equal(await domain.staff.findByIdentityNumber(file.fia), null);

      const again = await importStaff(domain, {
        careProviderId,
        rows,
        dryRun: false,
        actor: 'test',
      });
      assert.deepEqual(
        again.accepted.map((p) => p.action),
        ['engagement replaced', 'engagement replaced'],
      );
      assert.equal((await domain.staff.listForCareProvider(careProviderId)).length, 2);
      await store.close();
    });

    test('a person registered at another care provider gets an engagement added', async () => {
      const { store, domain, careProviderId } = await openDomain(open);
      const other = await domain.careProviders.create(
        { orgNumber: freshOrgNumber(), name: 'Annan', kind: 'region' },
        'test',
      );
      const personnummer = freshPersonnummer();
      await domain.staff.create(
        {
          personalIdentityNumber: personnummer,
          givenName: 'Hanna',
          familyName: 'Holm',
          engagements: [{ careProviderId: other.id }],
        },
        'test',
      );
      const rows = parseStaffCsv(
        `personalIdentityNumber,givenName,familyName\n${personnummer},Hanna,Holm\n`,
      );
      const report = await importStaff(domain, {
        careProviderId,
        rows,
        dryRun: false,
        actor: 'test',
      });
      assert.deepEqual(
        report.accepted.map((p) => p.action),
        ['engagement added'],
      );
      const hanna = await domain.staff.findByIdentityNumber(personnummer);
      assert.deepEqual(
        hanna?.engagements.map((e) => e.careProviderId).sort(),
        [careProviderId, other.id].sort(),
      );
      await store.close();
    });
  });
}

test('a file with an unknown column or broken quoting is refused whole, naming the problem', () => {
  assert.throws(() => parseStaffCsv('personalIdentityNumber,name\n1,2\n'), {
    code: 'bad_request',
    message: /^header: unknown column "name"/,
  });
  assert.throws(() => parseStaffCsv('givenName,familyName\n"Anna,Berg\n'), {
    code: 'bad_request',
    message: /^file: Quote Not Closed/,
  });
});
