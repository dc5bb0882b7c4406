/** What RDS shows for a read replica, from its replication threads, the stop point and the last action. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ReplicationState } from '../../src/engine/index.js';
import { observeReplica } from '../../src/replication/replica-state.js';

const running: ReplicationState = {
  ioThread: 'running', sqlThread: 'running', lastError: '', secondsBehindSource: 3, untilSet: false,
  sourceLogFile: 'binlog.000002', sourceHost: '127.0.0.1', sourcePort: 13306,
};
const stopped: ReplicationState = { ...running, ioThread: 'stopped', sqlThread: 'stopped', secondsBehindSource: null };

test('replica status: every case the monitor decides', () => {
  assert.deepEqual(observeReplica(running, null, 'start slave'), { status: 'replicating', message: '', lag: 3 });
  assert.deepEqual(observeReplica({ ...running, untilSet: true }, 'binlog.000002:400', 'start slave until'), {
    status: 'replication stop point set', message: '', lag: 3,
  });
  assert.equal(observeReplica({ ...running, untilSet: true }, null, 'start slave').status, 'replicating', 'an UNTIL nobody recorded is not a stop point');
  assert.equal(observeReplica({ ...running, sqlThread: 'stopped' }, 'binlog.000002:400', 'start slave until').status, 'replication stop point reached');
  assert.deepEqual(observeReplica({ ...running, sqlThread: 'stopped', lastError: 'Duplicate entry' }, null, 'start slave'), {
    status: 'error', message: 'Duplicate entry', lag: -1,
  });
  assert.equal(observeReplica({ ...running, ioThread: 'connecting' }, null, 'start slave').message, 'Connecting to the source.');
  assert.deepEqual(observeReplica(stopped, null, 'stop slave'), { status: 'stopped', message: '', lag: -1 });
  // Both threads down, no error, not stopped by rds_stop_replication: a server still starting.
  assert.equal(observeReplica(stopped, null, 'start slave').status, 'unknown');
  assert.equal(observeReplica(undefined, null, null).status, 'error');
  assert.equal(observeReplica({ ...running, secondsBehindSource: null }, null, null).lag, -1, 'no lag figure: -1');
});
