import { request as httpsRequest } from 'node:https';
import type { IssuedCertificate } from '../../src/dev-pki/dev-pki.ts';
import type { BankIdSimulator, BankIdSimulatorOptions } from '../../src/simulators/bankid/start.ts';
import { startBankIdSimulator } from '../../src/simulators/bankid/start.ts';
import { qrAuthCode } from '../../src/simulators/bankid/qr-check.ts';

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Record<string, unknown>;
}

export interface RawRequest {
  method?: string;
  body?: unknown;
  rawBody?: string;
  contentType?: string | null;
  certificate?: IssuedCertificate | null;
}

/** Speaks to the simulator's RP API with node:https, so every header is under test control. */
export function rp(
  simulator: BankIdSimulator,
  rpCertificate: IssuedCertificate,
  path: string,
  options: RawRequest = {},
): Promise<RawResponse> {
  const url = new URL(path, simulator.url);
  const certificate = options.certificate === undefined ? rpCertificate : options.certificate;
  const payload =
    options.rawBody ?? (options.body === undefined ? '' : JSON.stringify(options.body));
  const contentType = options.contentType === undefined ? 'application/json' : options.contentType;
  return new Promise((resolve, reject) => {
    const request = httpsRequest(
      url,
      {
        method: options.method ?? 'POST',
        ca: simulator.caCertificatePem,
        ...(certificate && { cert: certificate.certificatePem, key: certificate.privateKeyPem }),
        headers: {
          ...(contentType !== null && { 'content-type': contentType }),
          'content-length': Buffer.byteLength(payload),
        },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            body: text ? (JSON.parse(text) as Record<string, unknown>) : {},
          });
        });
      },
    );
    request.on('error', reject);
    request.end(payload);
  });
}

/** The phone's JSON API. */
export async function phone(
  simulator: BankIdSimulator,
  path: string,
  body?: Record<string, unknown>,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${simulator.phoneUrl}/api/${path}`, {
    method: body ? 'POST' : 'GET',
    ...(body && { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/** What the RP would put in the QR code at `seconds` (test's own computation). */
export function qrData(order: Record<string, unknown>, seconds: number): string {
  const time = String(seconds);
  const code = qrAuthCode(String(order.qrStartSecret), time);
  return `bankid.${String(order.qrStartToken)}.${time}.${code}`;
}

export async function startSimulator(
  options: BankIdSimulatorOptions = {},
): Promise<{ simulator: BankIdSimulator; rpCertificate: IssuedCertificate }> {
  const simulator = await startBankIdSimulator(options);
  return { simulator, rpCertificate: await simulator.issueClientCertificate() };
}

export const astrid = '199001012385';
export const bertilModerate = '198512309876';
export const ceciliaHigh = '197806154329';
export const davidBlocked = '199203045670';
