/** What RDS shows for a read replica, from SHOW SLAVE STATUS, the stop point and the last action. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { observeReplica } from '../../src/replication/replica-state.js';

const running = { Slave_IO_Running: 'Yes', Slave_SQL_Running: 'Yes', Seconds_Behind_Master: 3, Until_Condition: 'None' };

test('replica status: every case the monitor decides', () => {
  assert.deepEqual(observeReplica(running, null, 'start slave'), { status: 'replicating', message: '', lag: 3 });
  assert.deepEqual(observeReplica({ ...running, Until_Condition: 'Master' }, 'binlog.000002:400', 'start slave until'), {
    status: 'replication stop point set', message: '', lag: 3,
  });
  assert.equal(observeReplica({ ...running, Slave_SQL_Running: 'No' }, 'binlog.000002:400', 'start slave until').status, 'replication stop point reached');
  assert.deepEqual(observeReplica({ ...running, Slave_SQL_Running: 'No', Last_SQL_Errno: 1062, Last_SQL_Error: 'Duplicate entry' }, null, 'start slave'), {
    status: 'error', message: 'Duplicate entry', lag: -1,
  });
  assert.equal(observeReplica({ ...running, Slave_IO_Running: 'Connecting' }, null, 'start slave').message, 'Connecting to the source.');
  assert.deepEqual(observeReplica({ Slave_IO_Running: 'No', Slave_SQL_Running: 'No' }, null, 'stop slave'), { status: 'stopped', message: '', lag: -1 });
  // Both threads down, no error, not stopped by rds_stop_replication: a server still starting.
  assert.equal(observeReplica({ Slave_IO_Running: 'No', Slave_SQL_Running: 'No' }, null, 'start slave').status, 'unknown');
  assert.equal(observeReplica(undefined, null, null).status, 'error');
  assert.equal(observeReplica({ ...running, Seconds_Behind_Master: null }, null, null).lag, -1, 'no lag figure: -1');
});
