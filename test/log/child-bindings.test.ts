import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { test } from 'node:test';
import { createRootLogger } from '../../src/log/logger.ts';

test('child bindings are redacted at any depth and grandchildren keep every binding', () => {
  const chunks: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk.toString('utf8'));
      done();
    },
  });
  const logger = createRootLogger({ level: 'info', destination });

  const request = logger.child({
    requestId: 'req-7',
    token: 'tok-Pq4wE7rT',
    req: { headers: { cookie: 'sid-Zx8cV2bN', authorization: 'Bearer br-Lk5jH3gF' } },
    upstream: { user: { profile: { personalNumber: '198006129863', name: 'Annabella' } } },
  });
  const grandchild = request.child({ interactionId: 'int-9', client_assertion: 'ca-Mn6bV4cX' });
  grandchild.info({ step: 'resume' }, 'milestone');

  const line = chunks.join('');
  for (const secret of ['tok-Pq4wE7rT', 'sid-Zx8cV2bN', 'br-Lk5jH3gF', 'ca-Mn6bV4cX']) {
    assert.ok(!line.includes(secret), `${secret} leaked`);
  }
  assert.ok(!line.includes('6129863') && !line.includes('Annabella'), 'a person leaked');
  const entry = JSON.parse(line);
  assert.equal(entry.requestId, 'req-7', "the parent's bindings stay on the grandchild");
  assert.equal(entry.interactionId, 'int-9');
  assert.equal(entry.step, 'resume');
  assert.equal(entry.req.headers.cookie, '[redacted]');
  assert.equal(entry.upstream.user.profile.personalNumber, '[redacted]');
});
