import { test } from 'node:test';
import assert from 'node:assert/strict';
import { deflateRawSync } from 'node:zlib';
import { validateSamlResponse } from '../../src/saml/validation/validate-response.ts';
import type { SamlResponseInput } from '../../src/saml/validation/types.ts';
import { assertSafeXml } from '../../src/saml/xml/harden-xml.ts';
import { parseXml, wholeText } from '../../src/saml/xml/dom.ts';
import { defaultXmlLimits } from '../../src/saml/xml/limits.ts';
import {
  assertionXml,
  asFile,
  asPost,
  policy,
  responseXml,
  sign,
  testParties,
} from './test-idp.ts';

async function rule(input: SamlResponseInput): Promise<string> {
  const result = await validateSamlResponse(input, await policy());
  return result.verdict === 'accept' ? 'accept' : result.rule;
}

const saml = responseXml('');

test('DOCTYPE, internal and external entities are refused before parsing', async () => {
  const withDoctype = (subset: string) =>
    saml.replace('<samlp:Response', `<!DOCTYPE samlp:Response [${subset}]><samlp:Response`);
  assert.equal(await rule(asPost(withDoctype('<!ENTITY a "aaaa">'))), 'xml_forbidden_construct');
  assert.equal(
    await rule(asPost(withDoctype('<!ENTITY ee SYSTEM "http://127.0.0.1:9/x">'))),
    'xml_forbidden_construct',
  );
  assert.equal(
    await rule(asFile(`<?xml version="1.0"?>\n<!DOCTYPE x SYSTEM "file:///etc/passwd">${saml}`)),
    'xml_forbidden_construct',
  );
});

test('processing instructions other than the XML declaration are refused', async () => {
  // The declaration itself is fine: this empty Response gets as far as the assertion count.
  assert.equal(
    await rule(asFile(`<?xml version="1.0" encoding="UTF-8"?>${saml}`)),
    'assertion_count',
  );
  assert.equal(await rule(asFile(`<?xml-stylesheet href="x"?>${saml}`)), 'xml_forbidden_construct');
  assert.equal(
    await rule(asFile(saml.replace('<samlp:Status>', '<?pi x?><samlp:Status>'))),
    'xml_forbidden_construct',
  );
  assert.equal(
    await rule(asFile(`<?xml version="1.0" encoding="ISO-8859-1"?>${saml}`)),
    'xml_forbidden_construct',
  );
});

test('a Redirect deflate bomb is refused without being expanded', async () => {
  const bomb = deflateRawSync(Buffer.alloc(50 * 1024 * 1024, 0x20));
  assert.ok(bomb.length < 100_000);
  const started = process.memoryUsage().rss;
  const input = { binding: 'redirect' as const, samlResponse: bomb.toString('base64') };
  assert.equal(await rule(input), 'message_too_large');
  assert.ok(process.memoryUsage().rss - started < 40 * 1024 * 1024);
});

test('a Redirect message inflates and is then validated like any other', async () => {
  const { idp } = await testParties();
  const signed = sign(responseXml(assertionXml()), 'Response', idp);
  const input = {
    binding: 'redirect' as const,
    samlResponse: deflateRawSync(signed).toString('base64'),
  };
  assert.equal(await rule(input), 'accept');
});

test('oversized, non-base64 and non-UTF-8 input is refused', async () => {
  assert.equal(
    await rule(asFile(`${saml.slice(0, -17)}${' '.repeat(600 * 1024)}</samlp:Response>`)),
    'message_too_large',
  );
  assert.equal(await rule({ binding: 'post', samlResponse: '<<not base64>>' }), 'input_malformed');
  assert.equal(
    await rule({ binding: 'file', content: Buffer.from([0x3c, 0xff, 0xfe, 0x3e]) }),
    'input_malformed',
  );
  assert.equal(await rule(asFile('<samlp:Response')), 'xml_malformed');
});

test('anything that is not a samlp:Response is refused', async () => {
  assert.equal(await rule(asFile(assertionXml())), 'not_a_response');
});

test('the scanner passes comments and CDATA but counts roots and depth', () => {
  assert.doesNotThrow(() =>
    assertSafeXml('<!-- a > b --><a><![CDATA[<!DOCTYPE>]]><b x="1>2"/></a>', defaultXmlLimits),
  );
  assert.throws(() => assertSafeXml('<a/><b/>', defaultXmlLimits), /more than one root/);
  assert.throws(
    () => assertSafeXml(`${'<a>'.repeat(100)}${'</a>'.repeat(100)}`, defaultXmlLimits),
    /nested deeper/,
  );
});

test('identity values are read as whole text, never cut at a comment', () => {
  const document = parseXml('<NameID>user@x<!---->.evil</NameID>');
  assert.equal(wholeText(document.documentElement as Element), 'user@x.evil');
});
