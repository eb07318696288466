import type { AuditLog } from '../audit/audit-log.ts';
import type { DocumentStore } from '../store/document-store.ts';
import { CareProviderRepository } from './repositories/care-providers.ts';
import { LicenceRepository } from './repositories/licences.ts';
import type { SelfDeclarationOptions } from './repositories/self-declarations.ts';
import { SelfDeclarationRepository } from './repositories/self-declarations.ts';
import { StaffRepository } from './repositories/staff.ts';

/** The operator's domain: every repository, built once over one store. */
export interface Domain {
  careProviders: CareProviderRepository;
  licences: LicenceRepository;
  selfDeclarations: SelfDeclarationRepository;
  staff: StaffRepository;
  ensureIndexes(): Promise<void>;
}

export function createDomain(
  store: DocumentStore,
  audit: AuditLog,
  options: { selfDeclarations?: SelfDeclarationOptions } = {},
): Domain {
  const careProviders = new CareProviderRepository(store, audit);
  const licences = new LicenceRepository(store, audit, careProviders);
  const selfDeclarations = new SelfDeclarationRepository(
    store,
    audit,
    careProviders,
    options.selfDeclarations,
  );
  const staff = new StaffRepository(store, audit, careProviders);

  return {
    careProviders,
    licences,
    selfDeclarations,
    staff,
    async ensureIndexes() {
      await careProviders.ensureIndexes();
      await licences.ensureIndexes();
      await selfDeclarations.ensureIndexes();
      await staff.ensureIndexes();
    },
  };
}
