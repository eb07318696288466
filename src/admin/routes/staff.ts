import Router from '@koa/router';
import type { Domain } from '../../domain/domain.ts';
import type { StaffMember, StaffMemberInput } from '../../domain/model/staff-member.ts';
import { BryggaError } from '../../errors/brygga-error.ts';
import { principalOf } from '../bearer-auth.ts';
import { expectedVersion, sendVersioned, writeIfVersion } from '../concurrency.ts';
import type { Principal } from '../principal.ts';
import { actorOf, mayAdminister, requireCareProvider } from '../principal.ts';
import { registrationView, staffView } from '../representations.ts';
import { deactivateSchema, searchSchema, staffListQuerySchema } from '../inputs.ts';
import { jsonBody, parseBody, parseQuery } from '../request-body.ts';
import { inputOf, normalisedIdentityNumber, registerStaff } from '../staff-service.ts';
import { staffUpdateFor } from '../staff-update.ts';

/**
 * Staff and their engagements (with commissions). A person is addressed by the random
 * personId; an identity number only ever travels in a request body (POST /staff/search).
 */
export function staffRoutes(domain: Domain): Router {
  const router = new Router();

  async function visibleStaff(principal: Principal, personId: string): Promise<StaffMember> {
    const staff = await domain.staff.get(personId);
    if (!staff.engagements.some((e) => mayAdminister(principal, e.careProviderId))) {
      throw new BryggaError('forbidden', 'This person is not staff of your care provider');
    }
    return staff;
  }
  const versionOf = (personId: string) => async () => (await domain.staff.get(personId)).version;

  router.get('/staff', async (ctx) => {
    const principal = principalOf(ctx);
    const { careProviderId } = parseQuery(ctx, staffListQuerySchema);
    let staff: StaffMember[];
    if (careProviderId) {
      requireCareProvider(principal, careProviderId);
      staff = await domain.staff.listForCareProvider(careProviderId);
    } else if (principal.operator) {
      staff = await domain.staff.list();
    } else {
      const perProvider = await Promise.all(
        [...principal.careProviderIds].map((id) => domain.staff.listForCareProvider(id)),
      );
      staff = [...new Map(perProvider.flat().map((m) => [m.personId, m])).values()];
    }
    ctx.body = { staff: staff.map((member) => staffView(member, principal)) };
  });

  router.post('/staff', async (ctx) => {
    const principal = principalOf(ctx);
    const input = jsonBody<StaffMemberInput>(ctx);
    assertOwnEngagements(principal, input);
    const { staff, created, given } = await registerStaff(domain, input, actorOf(principal));
    ctx.set('Location', `/admin/v1/staff/${staff.personId}`);
    if (principal.operator) {
      ctx.status = created ? 201 : 200;
      sendVersioned(ctx, staff, staffView(staff, principal));
      return;
    }
    // A care-provider admin must not learn whether, or how, another care provider has the
    // person: the same status and only what it sent and its own engagements.
    ctx.status = 201;
    sendVersioned(ctx, staff, registrationView(staff, given, principal));
  });

  router.post('/staff/search', async (ctx) => {
    const principal = principalOf(ctx);
    const { identityNumber } = parseBody(ctx, searchSchema);
    const normalised = normalisedIdentityNumber(identityNumber);
    if (!normalised) throw new BryggaError('bad_request', 'identityNumber: not an identity number');
    const staff = await domain.staff.findByIdentityNumber(normalised);
    // Not found and not yours look the same: an identity number must not probe other tenants.
    if (!staff?.engagements.some((e) => mayAdminister(principal, e.careProviderId))) {
      throw new BryggaError('not_found', 'No staff member of yours has this identity number');
    }
    sendVersioned(ctx, staff, staffView(staff, principal));
  });

  router.get('/staff/:personId', async (ctx) => {
    const principal = principalOf(ctx);
    const staff = await visibleStaff(principal, ctx.params.personId!);
    sendVersioned(ctx, staff, staffView(staff, principal));
  });

  router.put('/staff/:personId', async (ctx) => {
    const principal = principalOf(ctx);
    const personId = ctx.params.personId!;
    const current = await visibleStaff(principal, personId);
    const version = expectedVersion(ctx);
    const input = jsonBody<StaffMemberInput>(ctx);
    assertOwnEngagements(principal, input);
    const staff = await writeIfVersion(version, versionOf(personId), () =>
      domain.staff.update(
        personId,
        version,
        staffUpdateFor(principal, current, input),
        actorOf(principal),
      ),
    );
    sendVersioned(ctx, staff, staffView(staff, principal));
  });

  router.post('/staff/:personId/deactivate', async (ctx) => {
    const principal = principalOf(ctx);
    const personId = ctx.params.personId!;
    const current = await visibleStaff(principal, personId);
    const version = expectedVersion(ctx);
    const careProviderId =
      parseBody(ctx, deactivateSchema).careProviderId ?? soleCareProvider(principal);
    if (!careProviderId)
      throw new BryggaError('bad_request', 'careProviderId: name the care provider');
    requireCareProvider(principal, careProviderId);
    if (!current.engagements.some((e) => e.careProviderId === careProviderId)) {
      throw new BryggaError('bad_request', 'careProviderId: this person is not engaged there');
    }
    const engagements = current.engagements.map((engagement) =>
      engagement.careProviderId === careProviderId ? { ...engagement, active: false } : engagement,
    );
    const staff = await writeIfVersion(version, versionOf(personId), () =>
      domain.staff.update(
        personId,
        version,
        { ...inputOf(current), engagements },
        actorOf(principal),
      ),
    );
    sendVersioned(ctx, staff, staffView(staff, principal));
  });

  return router;
}

/** A care-provider admin of exactly one care provider needs not name it. */
function soleCareProvider(principal: Principal): string | undefined {
  if (principal.operator || principal.careProviderIds.size !== 1) return undefined;
  return [...principal.careProviderIds][0];
}

function assertOwnEngagements(principal: Principal, input: StaffMemberInput): void {
  if (!Array.isArray(input.engagements)) return;
  for (const [index, engagement] of input.engagements.entries()) {
    const careProviderId = (engagement as { careProviderId?: unknown }).careProviderId;
    if (typeof careProviderId === 'string' && !mayAdminister(principal, careProviderId)) {
      throw new BryggaError(
        'forbidden',
        `engagements.${index}.careProviderId: not a care provider you administer`,
      );
    }
  }
}
