/** Long operations as named phases; background operations and their failures. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { pino } from 'pino';
import { Operations, PhaseError } from '../../src/control/operations.js';

const quiet = pino({ level: 'silent' });

describe('operations', () => {
  test('phases run in order; a failure names the operation and the phase, and stops there', async () => {
    const ran: string[] = [];
    const ops = new Operations(quiet, () => assert.fail('not in the background'));
    const failure = await ops
      .phases('db1', 'create', [
        ['template', async () => void ran.push('template')],
        ['start', async () => { ran.push('start'); throw new Error('MariaDB exited during start-up'); }],
        ['master user', async () => void ran.push('master user')],
      ])
      .catch((e: unknown) => e);
    assert.ok(failure instanceof PhaseError);
    assert.equal(failure.message, 'create failed in start: MariaDB exited during start-up');
    assert.equal(failure.phase, 'start');
    assert.equal((failure.cause as Error).message, 'MariaDB exited during start-up');
    assert.deepEqual(ran, ['template', 'start']);
  });

  test('a background failure reaches onFailure with the instance; settled() waits for everything', async () => {
    const failures: [string, string][] = [];
    const ops = new Operations(quiet, (id, error) => failures.push([id, error.message]));
    let finished = false;
    ops.background('db1', async () => { await new Promise((r) => setTimeout(r, 30)); finished = true; });
    ops.background('db2', async () => { throw new Error('no disk'); });
    await ops.settled();
    assert.ok(finished);
    assert.deepEqual(failures, [['db2', 'no disk']]);
  });
});
