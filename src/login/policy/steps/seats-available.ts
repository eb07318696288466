import type { PolicyStep } from './step.ts';

/**
 * Active staff do not outnumber the licence's seats. A seat is one active staff member;
 * when the care provider has activated more people than it pays for, nobody there may log
 * in until the operator or the care provider's administrator deactivates someone.
 * TODO(seats): refuse activations beyond the seats when staff are edited (admin API), so
 * an over-full care provider cannot arise in the first place.
 */
export const seatsAvailable: PolicyStep = {
  rule: 'seats_exceeded',
  async passes(candidate, { domain }) {
    const seats = Math.max(...candidate.licences.map((licence) => licence.seats));
    const used = await domain.staff.countActiveSeats(candidate.engagement.careProviderId);
    return used <= seats;
  },
};
