import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Fault, FaultQueue, RpEndpoint } from './faults.ts';
import type { RpErrorCode } from './rp-error.ts';
import { rpErrorStatus } from './rp-error.ts';
import type { PhoneSessionView, SimulatedPhone } from './phone.ts';
import { PhoneError } from './phone.ts';
import { phonePage } from './phone-page.ts';

type Fields = Record<string, string | undefined>;

/**
 * The simulated phone's control surface, plain HTTP on its own port (see README.md):
 * a JSON API under /phone/api for tests and an HTML page at /phone for people.
 */
export function createPhoneHandler(phone: SimulatedPhone, faults: FaultQueue) {
  return (request: IncomingMessage, response: ServerResponse): void => {
    route(phone, faults, request, response).catch((error: unknown) => {
      const phoneError =
        error instanceof PhoneError ? error : new PhoneError(500, 'internal', 'Simulator fault');
      sendJson(response, phoneError.status, {
        error: phoneError.code,
        message: phoneError.message,
      });
    });
  };
}

async function route(
  phone: SimulatedPhone,
  faults: FaultQueue,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  const url = new URL(request.url ?? '/', 'http://phone');
  const path = url.pathname;
  const method = request.method ?? 'GET';

  if (method === 'GET' && path === '/phone') {
    const session = url.searchParams.get('session');
    const view = session ? tryStatus(phone, session) : undefined;
    const notice = url.searchParams.get('notice') ?? undefined;
    return sendHtml(response, phonePage(phone.listPeople(), view, notice, phone.waitingOrders()));
  }
  if (method === 'GET' && path === '/phone/api/people') {
    return sendJson(response, 200, phone.listPeople());
  }
  const sessionPath = /^\/phone\/(api|form)\/sessions\/([0-9a-f-]{36})(?:\/(\w+))?$/.exec(path);
  if (method === 'GET' && sessionPath?.[1] === 'api' && !sessionPath[3]) {
    return sendJson(response, 200, phone.status(sessionPath[2] ?? ''));
  }
  if (method !== 'POST') throw new PhoneError(404, 'notFound', 'No such page');

  const fields = await readFields(request);
  if (path === '/phone/api/scan')
    return sendJson(response, 200, phone.scan(need(fields, 'qrData'), fields.personalNumber));
  if (path === '/phone/api/autostart') {
    return sendJson(
      response,
      200,
      phone.autostart(need(fields, 'autoStartToken'), fields.personalNumber),
    );
  }
  if (path === '/phone/api/faults') {
    faults.add(faultFrom(fields));
    return sendJson(response, 200, {});
  }
  if (path === '/phone/form/pickup') {
    const code = need(fields, 'code').trim();
    const view = formAction(() =>
      code.startsWith('bankid.')
        ? phone.scan(code, fields.personalNumber)
        : phone.autostart(code, fields.personalNumber),
    );
    return redirect(response, view);
  }
  if (sessionPath?.[3]) {
    const [, surface, session = '', action] = sessionPath;
    const act = (): PhoneSessionView => {
      if (action === 'approve') return phone.approve(session, fields.personalNumber);
      if (action === 'cancel') return phone.cancel(session);
      if (action === 'expire') return phone.expire(session);
      throw new PhoneError(404, 'notFound', 'No such action');
    };
    if (surface === 'api') return sendJson(response, 200, act());
    return redirect(response, formAction(act), session);
  }
  throw new PhoneError(404, 'notFound', 'No such page');
}

function faultFrom(fields: Fields): Fault {
  const errorCode = need(fields, 'errorCode');
  if (!(errorCode in rpErrorStatus))
    throw new PhoneError(400, 'unknownErrorCode', 'No such errorCode');
  const endpoint = fields.endpoint;
  if (endpoint !== undefined && !['auth', 'sign', 'collect', 'cancel'].includes(endpoint)) {
    throw new PhoneError(400, 'unknownEndpoint', 'No such endpoint');
  }
  return {
    errorCode: errorCode as RpErrorCode,
    ...(endpoint && { endpoint: endpoint as RpEndpoint }),
    ...(fields.status && { status: Number(fields.status) }),
    ...(fields.times && { times: Number(fields.times) }),
    ...(fields.details && { details: fields.details }),
  };
}

function formAction(act: () => PhoneSessionView): PhoneSessionView | string {
  try {
    return act();
  } catch (error) {
    if (error instanceof PhoneError) return error.message;
    throw error;
  }
}

function redirect(
  response: ServerResponse,
  outcome: PhoneSessionView | string,
  session?: string,
): void {
  const query = new URLSearchParams();
  if (typeof outcome === 'string') {
    query.set('notice', outcome);
    if (session) query.set('session', session);
  } else {
    query.set('session', outcome.session);
  }
  response.writeHead(303, { Location: `/phone?${query.toString()}` });
  response.end();
}

function tryStatus(phone: SimulatedPhone, session: string): PhoneSessionView | undefined {
  try {
    return phone.status(session);
  } catch {
    return undefined;
  }
}

function need(fields: Fields, name: string): string {
  const value = fields[name];
  if (!value) throw new PhoneError(400, 'missingField', `${name} is required`);
  return value;
}

async function readFields(request: IncomingMessage): Promise<Fields> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const raw = Buffer.concat(chunks).toString('utf8');
  if (!raw) return {};
  if ((request.headers['content-type'] ?? '').includes('application/json')) {
    try {
      const parsed: unknown = JSON.parse(raw);
      if (typeof parsed !== 'object' || parsed === null) throw new Error('not an object');
      return Object.fromEntries(
        Object.entries(parsed).map(([key, value]) => [
          key,
          typeof value === 'string' ? value : JSON.stringify(value),
        ]),
      );
    } catch {
      throw new PhoneError(400, 'invalidJson', 'Body is not a JSON object');
    }
  }
  return Object.fromEntries(new URLSearchParams(raw));
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'Content-Type': 'application/json' });
  response.end(JSON.stringify(body));
}

function sendHtml(response: ServerResponse, body: string): void {
  response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
  response.end(body);
}
