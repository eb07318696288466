import type { AuditLog } from '../audit/audit-log.ts';
import type { DocumentStore } from '../store/document-store.ts';
import type { Domain } from './domain.ts';
import { createDomain } from './domain.ts';
import { declarationItems } from './model/self-declaration.ts';
import type { DemoCareProvider } from './seed-data.ts';
import { demoCareProviders, demoStaff } from './seed-data.ts';
import { identityNumberOf } from './model/staff-member.ts';

const actor = 'seed';
const day = 86_400_000;

export interface SeedSummary {
  careProvidersCreated: number;
  staffCreated: number;
}

/**
 * Loads the demo care providers (one of each kind, with licences and approved
 * self-declarations; the veterinary practice's has expired) and demo staff. Idempotent:
 * what exists (by organisation number, identity number or HSA-ID) is left as it is.
 */
export async function seedDemoDomain(
  store: DocumentStore,
  audit: AuditLog,
  now = new Date(),
  domain: Domain = createDomain(store, audit),
): Promise<SeedSummary> {
  await domain.ensureIndexes();
  const idsByKey = new Map<string, string>();
  let careProvidersCreated = 0;
  for (const demo of demoCareProviders) {
    const existing = await domain.careProviders.findByOrgNumber(demo.careProvider.orgNumber);
    if (existing) {
      idsByKey.set(demo.key, existing.id);
      continue;
    }
    idsByKey.set(demo.key, await createProvider(domain, demo, now));
    careProvidersCreated += 1;
  }

  let staffCreated = 0;
  for (const person of demoStaff) {
    const number = identityNumberOf(person);
    const hsaId = person.engagements?.find((e) => e.employeeHsaId)?.employeeHsaId;
    const existing = number
      ? await domain.staff.findByIdentityNumber(number)
      : hsaId && (await domain.staff.findByEmployeeHsaId(hsaId));
    if (existing) continue;
    const engagements = (person.engagements ?? []).map((engagement) => ({
      ...engagement,
      careProviderId: idsByKey.get(engagement.careProviderId) ?? engagement.careProviderId,
    }));
    await domain.staff.create({ ...person, engagements }, actor, now);
    staffCreated += 1;
  }
  return { careProvidersCreated, staffCreated };
}

async function createProvider(domain: Domain, demo: DemoCareProvider, now: Date): Promise<string> {
  const careProvider = await domain.careProviders.create(demo.careProvider, actor, now);
  await domain.licences.create(
    {
      careProviderId: careProvider.id,
      validFrom: new Date(now.getTime() - 30 * day),
      validTo: new Date(now.getTime() + 335 * day),
      seats: demo.seats,
      allowedMethods: demo.methods,
    },
    actor,
    now,
  );

  const approvedAt = demo.declaration === 'expired' ? new Date(now.getTime() - 425 * day) : now;
  const draft = await domain.selfDeclarations.createDraft(
    careProvider.id,
    {
      answers: Object.fromEntries(
        declarationItems.map((item) => [item, { fulfilled: true, description: 'Demo answer.' }]),
      ),
      responsiblePerson: { name: 'Demo Ansvarig', role: 'Informationssäkerhetsansvarig' },
      signedOn: approvedAt.toISOString().slice(0, 10),
    },
    actor,
    approvedAt,
  );
  await domain.selfDeclarations.submit(draft.id, 1, actor, approvedAt);
  await domain.selfDeclarations.approve(draft.id, 2, actor, 'Demo data', approvedAt);
  return careProvider.id;
}
