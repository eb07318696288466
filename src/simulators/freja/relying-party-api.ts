import { FrejaApiError } from './api-error.ts';
import { parseInitAuthRequest } from './init-request.ts';
import type { SimulatedTransaction } from './model.ts';
import type { TransactionBook } from './transaction-book.ts';
import { PhoneError } from './transaction-book.ts';
import { readFrejaParameter } from './wire.ts';

export interface ApiAnswer {
  status: number;
  body: unknown;
}

type Operation = (rawBody: string) => Promise<unknown>;

/** The authentication service of upstreams.md §2.2, keyed by path. */
export function relyingPartyOperations(
  book: TransactionBook,
  autoApprove: string | undefined,
): Map<string, Operation> {
  return new Map<string, Operation>([
    [
      '/authentication/1.0/initAuthentication',
      async (raw) => {
        const request = parseInitAuthRequest(readFrejaParameter(raw, 'initAuthRequest'));
        const transaction = book.init(request);
        if (autoApprove) await approveQuietly(book, transaction.authRef, autoApprove);
        return {
          authRef: transaction.authRef,
          ...(transaction.qrCodeSecret && { qrCodeSecret: transaction.qrCodeSecret }),
        };
      },
    ],
    [
      '/authentication/1.0/getOneResult',
      async (raw) => {
        const authRef = referenceFrom(readFrejaParameter(raw, 'getOneAuthResultRequest'));
        return resultView(book.get(authRef));
      },
    ],
    [
      '/authentication/1.0/getResults',
      async (raw) => {
        const request = readFrejaParameter(raw, 'getAuthResultsRequest');
        if (request.includePrevious !== 'ALL') throw new FrejaApiError(1200);
        return { authenticationResults: book.all().map(resultView) };
      },
    ],
    [
      '/authentication/1.0/cancel',
      async (raw) => {
        book.rpCancel(referenceFrom(readFrejaParameter(raw, 'cancelAuthRequest')));
        // [U] upstreams.md §2.2: the real cancel body is empty or `{}`.
        return {};
      },
    ],
  ]);
}

export async function answer(operation: Operation, rawBody: string): Promise<ApiAnswer> {
  try {
    return { status: 200, body: await operation(rawBody) };
  } catch (error) {
    if (error instanceof FrejaApiError) return { status: error.httpStatus, body: error.body() };
    return { status: 500, body: new FrejaApiError(0).body() };
  }
}

function referenceFrom(request: Record<string, unknown>): string {
  if (typeof request.authRef !== 'string' || request.authRef === '') throw new FrejaApiError(1000);
  return request.authRef;
}

function resultView(transaction: SimulatedTransaction): Record<string, unknown> {
  return {
    authRef: transaction.authRef,
    status: transaction.status,
    ...(transaction.details && { details: transaction.details }),
    ...(transaction.requestedAttributes && {
      requestedAttributes: transaction.requestedAttributes,
    }),
  };
}

/** Development auto-approve: a person below the level leaves the request to the phone. */
async function approveQuietly(book: TransactionBook, authRef: string, ssn: string): Promise<void> {
  try {
    await book.approve(authRef, ssn);
  } catch (error) {
    if (!(error instanceof PhoneError)) throw error;
  }
}
