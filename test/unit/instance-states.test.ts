/** The table of allowed transitions: every operation from every state, with RDS's refusals. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { InstanceStates, TRANSITIONS, type Operation } from '../../src/control/instance-states.js';
import { RdsError } from '../../src/errors.js';
import type { InstanceRecord, InstanceStatus } from '../../src/model/instance-record.js';
import { MemoryStore } from '../../kit/memory-store.js';

const STATUSES: readonly InstanceStatus[] = [
  'creating', 'available', 'modifying', 'upgrading', 'resetting-master-credentials', 'rebooting', 'stopping', 'stopped', 'starting', 'deleting', 'failed',
];

function record(status: InstanceStatus): InstanceRecord {
  return {
    id: 'db1', resourceId: 'db-X', engine: 'mariadb', engineVersion: '10.11.19', instanceClass: 'db.t3.micro', masterUsername: 'admin',
    dbName: null, port: 13306, serverId: 100, allocatedStorage: 20, backupRetentionPeriod: 1, createTime: '2026-01-01T00:00:00Z', tags: [], status,
  };
}

function statesWith(status: InstanceStatus): { states: InstanceStates; store: MemoryStore } {
  const store = new MemoryStore();
  store.putInstance(record(status));
  return { states: new InstanceStates(store), store };
}

describe('instance states', () => {
  for (const operation of Object.keys(TRANSITIONS) as Operation[]) {
    test(`${operation}: allowed from ${TRANSITIONS[operation].from.join(', ')} only`, () => {
      for (const status of STATUSES) {
        const { states, store } = statesWith(status);
        if ((TRANSITIONS[operation].from as readonly InstanceStatus[]).includes(status)) {
          assert.equal(states.begin('db1', operation).status, TRANSITIONS[operation].to);
          assert.equal(store.getInstance('db1')?.status, TRANSITIONS[operation].to, 'stored');
        } else {
          assert.throws(() => states.begin('db1', operation), (e: unknown) => e instanceof RdsError && e.code === 'InvalidDBInstanceState');
          assert.equal(store.getInstance('db1')?.status, status, `${operation} from ${status} leaves it ${status}`);
        }
      }
    });
  }

  test("RDS's messages", () => {
    assert.throws(() => statesWith('available').states.begin('db1', 'start'), /Instance db1 cannot be started as it is not in stopped state\./);
    assert.throws(() => statesWith('deleting').states.begin('db1', 'delete'), /Instance db1 is already being deleted\./);
    assert.throws(() => statesWith('stopped').states.begin('db1', 'reboot'), /Instance db1 is not in available state \(it is stopped\)\./);
    assert.throws(() => statesWith('stopped').states.begin('nope', 'reboot'), (e: unknown) => e instanceof RdsError && e.code === 'DBInstanceNotFound');
  });

  test('update keeps other fields and is a no-op once the instance is gone', () => {
    const { states } = statesWith('available');
    assert.equal(states.update('db1', { allocatedStorage: 50 })?.instanceClass, 'db.t3.micro');
    assert.equal(states.get('db1').allocatedStorage, 50);
    states.delete('db1');
    assert.equal(states.update('db1', { allocatedStorage: 60 }), undefined);
    assert.equal(states.find('db1'), undefined);
  });
});
