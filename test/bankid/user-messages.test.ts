import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  errorCodes,
  errorMessage,
  failedHintCodes,
  hintMessage,
  pendingHintCodes,
} from '../../src/connectors/bankid/user-messages.ts';
import type { UserMessage } from '../../src/connectors/bankid/user-messages.ts';

const qr = { autostart: false };
const autostart = { autostart: true, mobile: true };

function assertBilingual(message: UserMessage, label: string): void {
  assert.ok(message.text.sv.length > 10, `${label}: Swedish text`);
  assert.ok(message.text.en.length > 10, `${label}: English text`);
  assert.notEqual(message.text.sv, message.text.en, `${label}: translated`);
}

test('every documented pending hint code has its own message, not the generic one', () => {
  const generic = hintMessage('pending', 'somethingNew', qr);
  assert.equal(generic.rfa, 'RFA21');
  for (const hintCode of pendingHintCodes) {
    const message = hintMessage('pending', hintCode, qr);
    assertBilingual(message, hintCode);
    assert.notDeepEqual(message.text, generic.text, hintCode);
  }
});

test('every documented failed hint code has its own message, not the generic one', () => {
  const generic = hintMessage('failed', 'somethingNew', qr);
  assert.equal(generic.rfa, 'RFA22');
  for (const hintCode of failedHintCodes) {
    const message = hintMessage('failed', hintCode, qr);
    assertBilingual(message, hintCode);
    assert.notDeepEqual(message.text, generic.text, hintCode);
  }
});

test('RFA numbers follow BankID: QR versus autostart, card versus mobile', () => {
  assert.equal(hintMessage('pending', 'outstandingTransaction', qr).rfa, 'RFA1');
  assert.equal(hintMessage('pending', 'outstandingTransaction', autostart).rfa, 'RFA13');
  assert.equal(hintMessage('pending', 'noClient', qr).rfa, 'RFA1');
  assert.equal(hintMessage('pending', 'userSign', qr).rfa, 'RFA9');
  assert.equal(hintMessage('pending', 'userMrtd', qr).rfa, 'RFA23');
  assert.equal(hintMessage('pending', 'started', qr).rfa, 'RFA15A');
  assert.equal(hintMessage('pending', 'started', autostart).rfa, 'RFA15B');
  assert.equal(hintMessage('failed', 'startFailed', qr).rfa, 'RFA17B');
  assert.equal(hintMessage('failed', 'startFailed', autostart).rfa, 'RFA17A');
  assert.equal(hintMessage('failed', 'expiredTransaction', qr).rfa, 'RFA8');
  assert.equal(hintMessage('failed', 'certificateErr', qr).rfa, 'RFA16');
  assert.equal(hintMessage('failed', 'userCancel', qr).rfa, 'RFA6');
  assert.equal(hintMessage('failed', 'cancelled', qr).rfa, 'RFA3');
});

test('every documented error code has a message; unknown ones get RFA22', () => {
  for (const errorCode of errorCodes) assertBilingual(errorMessage(errorCode), errorCode);
  assert.equal(errorMessage('alreadyInProgress').rfa, 'RFA4');
  assert.equal(errorMessage('maintenance').rfa, 'RFA5');
  assert.equal(errorMessage('requestTimeout').rfa, 'RFA5');
  assert.equal(errorMessage('internalError').rfa, 'RFA5');
  assert.equal(errorMessage('Maintenance').rfa, 'RFA5', 'matched without regard to case');
  assert.equal(errorMessage('brandNewError').rfa, 'RFA22');
  assert.equal(errorMessage(undefined).rfa, 'RFA22');
});
