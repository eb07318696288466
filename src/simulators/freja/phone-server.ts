import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { FrejaTestPerson } from '../../config/sections/freja.ts';
import type { Clock } from './clock.ts';
import { readBody, sendHtml, sendJson, sendText } from './http-io.ts';
import { appLinkFor, parsePhoneCommand, runPhoneCommand } from './phone-control.ts';
import { renderPhonePage } from './phone-page.ts';
import type { TransactionBook } from './transaction-book.ts';
import { PhoneError } from './transaction-book.ts';

/**
 * The simulated user's phone, on plain HTTP at 127.0.0.1 so a developer's browser can use it
 * without the relying-party certificate: an HTML page and a JSON API for tests and scripts.
 */
export function createPhoneServer(
  book: TransactionBook,
  people: readonly FrejaTestPerson[],
  clock: Clock,
): Server {
  return createServer((request, response) => {
    route(request, response).catch(() => sendText(response, 500, 'Simulator error'));
  });

  async function route(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://phone.invalid');
    const path = url.pathname;
    if (request.method === 'GET' && path === '/phone') {
      const result = url.searchParams.get('result') ?? undefined;
      return sendHtml(response, renderPhonePage(people, book.active(), clock.now(), result));
    }
    if (request.method === 'GET' && path === '/phone/api/transactions') {
      return sendJson(
        response,
        200,
        book.active().map((transaction) => ({
          authRef: transaction.authRef,
          status: transaction.status,
          appLink: appLinkFor(transaction.authRef),
          userInfoType: transaction.request.userInfoType,
          minRegistrationLevel: transaction.request.minRegistrationLevel,
          expiresAt: new Date(transaction.expiresAt).toISOString(),
        })),
      );
    }
    if (request.method === 'POST' && path === '/phone/action') return formAction(request, response);
    const apiAction = /^\/phone\/api\/([a-z]+)$/.exec(path)?.[1];
    if (request.method === 'POST' && apiAction) return jsonAction(request, response, apiAction);
    return sendText(response, 404, 'Not found');
  }

  async function jsonAction(request: IncomingMessage, response: ServerResponse, action: string) {
    const input = parseJsonObject(await readBody(request));
    const command = input && parsePhoneCommand({ ...input, action });
    if (!command) return sendJson(response, 400, { error: 'invalid_command' });
    try {
      const transaction = await runPhoneCommand(book, command);
      return sendJson(response, 200, { authRef: transaction.authRef, status: transaction.status });
    } catch (error) {
      if (!(error instanceof PhoneError)) throw error;
      return sendJson(response, error.httpStatus, { error: error.reason });
    }
  }

  async function formAction(request: IncomingMessage, response: ServerResponse) {
    const form = Object.fromEntries(new URLSearchParams((await readBody(request)) ?? ''));
    const command = parsePhoneCommand(form);
    let result = 'invalid_command';
    if (command) {
      try {
        const transaction = await runPhoneCommand(book, command);
        result = `${command.action}: ${transaction.status}`;
      } catch (error) {
        if (!(error instanceof PhoneError)) throw error;
        result = `${command.action} refused: ${error.reason}`;
      }
    }
    response.writeHead(303, { location: `/phone?result=${encodeURIComponent(result)}` });
    response.end();
  }
}

function parseJsonObject(text: string | undefined): Record<string, unknown> | undefined {
  try {
    const parsed = JSON.parse(text ?? '') as unknown;
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}
