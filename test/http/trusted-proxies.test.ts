import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { test } from 'node:test';
import Koa from 'koa';
import { trustedProxies } from '../../src/http/trusted-proxies.ts';

async function serve(addresses: string[]) {
  const app = new Koa({ proxy: true, maxIpsCount: 1 });
  app.use(trustedProxies(addresses));
  app.use((ctx) => {
    ctx.body = { ip: ctx.ip, protocol: ctx.protocol };
  });
  const server = createServer(app.callback());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/` };
}

const forwarded = { 'x-forwarded-for': '203.0.113.7', 'x-forwarded-proto': 'https' };

test('X-Forwarded-* from a configured proxy is believed', async () => {
  const { server, url } = await serve(['127.0.0.1']);
  const body = await (await fetch(url, { headers: forwarded })).json();
  server.close();
  assert.deepEqual(body, { ip: '203.0.113.7', protocol: 'https' });
});

test('X-Forwarded-* from any other peer is ignored', async () => {
  const { server, url } = await serve(['192.0.2.1']);
  const body = await (await fetch(url, { headers: forwarded })).json();
  server.close();
  assert.equal(body.protocol, 'http');
  assert.match(body.ip, /127\.0\.0\.1$/);
});

test('a client cannot choose its address by sending its own X-Forwarded-For', async () => {
  const { server, url } = await serve(['127.0.0.1']);
  // The client sent 203.0.113.7; the proxy appended the real peer, 198.51.100.20.
  const headers = { 'x-forwarded-for': '203.0.113.7, 198.51.100.20' };
  const body = await (await fetch(url, { headers })).json();
  server.close();
  assert.equal(body.ip, '198.51.100.20');
});
