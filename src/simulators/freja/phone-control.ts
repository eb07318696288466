import type { SimulatedTransaction } from './model.ts';
import type { TransactionBook } from './transaction-book.ts';
import { PhoneError } from './transaction-book.ts';

export type PhoneAction = 'scan' | 'approve' | 'cancel' | 'reject' | 'expire';
export const phoneActions: readonly PhoneAction[] = [
  'scan',
  'approve',
  'cancel',
  'reject',
  'expire',
];

export interface PhoneCommand {
  action: PhoneAction;
  /** The authRef, the `frejaeid://` app link or the QR content. */
  reference: string;
  /** The test person using the phone (scan and approve). */
  ssn?: string;
}

/** The static app link put in QR codes and same-device buttons (upstreams.md §2.8). */
export function appLinkFor(authRef: string): string {
  return `frejaeid://bindUserToTransaction?transactionReference=${encodeURIComponent(authRef)}`;
}

/**
 * Takes the authRef out of whatever the phone was given. Dynamic QR references carry
 * `<authRef>.<timeWindow>.<hmac>` (upstreams.md §2.8); authRefs themselves have no dot.
 */
export function authRefFrom(reference: string): string {
  const trimmed = reference.trim();
  const match = /[?&]transactionReference=([^&]+)/.exec(trimmed);
  const value = match?.[1] ? decodeURIComponent(match[1]) : trimmed;
  return value.split('.')[0] ?? '';
}

/** What the user does in the simulated Freja app. */
export async function runPhoneCommand(
  book: TransactionBook,
  command: PhoneCommand,
): Promise<SimulatedTransaction> {
  const authRef = authRefFrom(command.reference);
  switch (command.action) {
    case 'scan':
      return book.scan(authRef, requirePerson(command));
    case 'approve':
      return book.approve(authRef, requirePerson(command));
    case 'cancel':
      book.finish(authRef, 'CANCELED');
      break;
    case 'reject':
      book.finish(authRef, 'REJECTED');
      break;
    case 'expire':
      book.finish(authRef, 'EXPIRED');
      break;
  }
  return book.get(authRef);
}

function requirePerson(command: PhoneCommand): string {
  if (!command.ssn) throw new PhoneError('unknown_person', 404);
  return command.ssn;
}

export function parsePhoneCommand(input: Record<string, unknown>): PhoneCommand | undefined {
  const { action, reference, ssn } = input;
  if (typeof action !== 'string' || !phoneActions.includes(action as PhoneAction)) return undefined;
  if (typeof reference !== 'string' || reference.trim() === '') return undefined;
  return {
    action: action as PhoneAction,
    reference,
    ...(typeof ssn === 'string' && ssn !== '' && { ssn }),
  };
}
