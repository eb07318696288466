/** The simulated phones' JSON APIs (src/simulators/bankid/README.md, freja phone-server.ts). */

async function postJson(url: string, body: unknown): Promise<Record<string, unknown>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const answer = (await response.json()) as Record<string, unknown>;
  if (!response.ok) throw new Error(`${url}: ${response.status} ${JSON.stringify(answer)}`);
  return answer;
}

/** The BankID app on a test person's phone. */
export class BankIdPhone {
  constructor(private readonly phoneUrl: string) {}

  /** Opens an order from its autostart token (the `bankid:///?autostarttoken=` link). */
  async autostart(autoStartToken: string, personalNumber: string): Promise<string> {
    const view = await postJson(`${this.phoneUrl}/api/autostart`, {
      autoStartToken,
      personalNumber,
    });
    return String(view.session);
  }

  /** Scans the animated QR code's content (`bankid.<token>.<time>.<code>`). */
  async scan(qrData: string, personalNumber: string): Promise<string> {
    const view = await postJson(`${this.phoneUrl}/api/scan`, { qrData, personalNumber });
    return String(view.session);
  }

  async approve(session: string): Promise<void> {
    await postJson(`${this.phoneUrl}/api/sessions/${session}/approve`, {});
  }

  async phase(session: string): Promise<string> {
    const response = await fetch(`${this.phoneUrl}/api/sessions/${session}`);
    return String(((await response.json()) as Record<string, unknown>).phase);
  }
}

/** The Freja eID app on a test person's phone; `reference` is the app link or QR content. */
export class FrejaPhone {
  constructor(private readonly phoneUrl: string) {}

  async scan(reference: string, ssn: string): Promise<void> {
    await postJson(`${this.phoneUrl}/api/scan`, { reference, ssn });
  }

  async approve(reference: string, ssn: string): Promise<void> {
    await postJson(`${this.phoneUrl}/api/approve`, { reference, ssn });
  }
}
