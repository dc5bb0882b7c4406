/** The one poll helper: its value, its timeout message, and giving up at once. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { done, eventually, GiveUp, notYet, poll, waitFor } from '../../kit/poll.js';

test('poll returns the value once done; a look that throws counts as not yet', async () => {
  let n = 0;
  const value = await poll('n to reach 3', async () => {
    n += 1;
    if (n === 1) throw new Error('not reachable yet');
    return n >= 3 ? done(n) : notYet(n);
  }, { intervalMs: 1 });
  assert.equal(value, 3);
});

test('a timeout says what was awaited and what was last seen', async () => {
  await assert.rejects(
    poll('db1 to be available', async () => notYet('creating'), { timeoutMs: 30, intervalMs: 5 }),
    /^Error: timed out after 30 ms waiting for db1 to be available; last seen: creating$/,
  );
  await assert.rejects(eventually('the flag', async () => false, 20), /waiting for the flag; last seen: false/);
  assert.equal(await waitFor('a row', async () => ({ id: 1 })).then((r) => r.id), 1);
});

test('GiveUp ends the wait at once', async () => {
  const started = Date.now();
  await assert.rejects(poll('x', async () => { throw new GiveUp('db1 failed'); }, 10_000), /db1 failed/);
  assert.ok(Date.now() - started < 1000);
});
