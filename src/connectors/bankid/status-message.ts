import type { Text } from '../../web/language.ts';
import { errorMessage, hintMessage, riskRefusedMessage } from './user-messages.ts';
import type { BankIdOrderDocument } from './order-repository.ts';

const completeText: Text = {
  sv: 'Du är identifierad. Inloggningen fortsätter…',
  en: 'You are identified. Continuing the login…',
};
const cancelledText: Text = { sv: 'Inloggningen avbröts.', en: 'The login was cancelled.' };

/** The status line the page shows for the login as it stands. */
export function statusText(document: BankIdOrderDocument): Text {
  const context = { autostart: document.autostart, mobile: document.mobile };
  switch (document.state) {
    case 'starting':
      return hintMessage('pending', 'outstandingTransaction', context).text;
    case 'pending':
      return hintMessage('pending', document.hintCode ?? 'outstandingTransaction', context).text;
    case 'complete':
      return completeText;
    case 'failed': {
      const hintCode = document.failure?.hintCode;
      if (hintCode === 'rpCancel') return cancelledText;
      if (hintCode?.startsWith('risk:')) return riskRefusedMessage().text;
      if (hintCode) return hintMessage('failed', hintCode, context).text;
      return errorMessage(document.failure?.errorCode).text;
    }
  }
}
