/** RDS's rules across an instance's options: window lengths and overlaps, storage, monitoring. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkOptions } from '../../src/control/instance-options.js';

const ok = (options: Parameters<typeof checkOptions>[0], storage = 20) => assert.doesNotThrow(() => checkOptions(options, storage), JSON.stringify(options));
const refused = (options: Parameters<typeof checkOptions>[0], message: RegExp, storage = 20) =>
  assert.throws(() => checkOptions(options, storage), message, JSON.stringify(options));

test('windows: at least 30 minutes, across midnight and the week end too', () => {
  ok({});
  ok({ preferredBackupWindow: '23:45-00:15' });
  refused({ preferredBackupWindow: '23:50-00:10' }, /backup window must be at least 30 minutes/);
  ok({ preferredMaintenanceWindow: 'sun:23:50-mon:00:20' });
  refused({ preferredMaintenanceWindow: 'sun:23:50-mon:00:10' }, /maintenance window must be at least 30 minutes/);
});

test('the daily backup window may not overlap the weekly maintenance window, on any day', () => {
  ok({ preferredBackupWindow: '03:00-03:30', preferredMaintenanceWindow: 'sun:03:30-sun:04:00' }, 20);
  refused({ preferredBackupWindow: '03:00-03:30', preferredMaintenanceWindow: 'wed:03:29-wed:04:00' }, /must not overlap/);
  // A backup window across midnight meets a maintenance window early on Monday.
  refused({ preferredBackupWindow: '23:45-00:15', preferredMaintenanceWindow: 'mon:00:00-mon:00:30' }, /must not overlap/);
  // A maintenance window across the week's end meets Monday's backup window.
  refused({ preferredBackupWindow: '00:10-00:40', preferredMaintenanceWindow: 'sun:23:50-mon:00:20' }, /must not overlap/);
});

test('storage and monitoring go in pairs, as RDS requires', () => {
  ok({ maxAllocatedStorage: 21 }, 20);
  refused({ maxAllocatedStorage: 20 }, /Max storage size must be greater than storage size/, 20);
  ok({ storageType: 'io1', iops: 1000 });
  refused({ storageType: 'io2' }, /Iops is required/);
  refused({ iops: 3000 }, /Iops is not valid for storage type gp2/);
  refused({ storageThroughput: 500, storageType: 'io1', iops: 1000 }, /only valid for storage type gp3/);
  ok({ monitoringInterval: 5, monitoringRoleArn: 'arn:aws:iam::000000000000:role/m' });
  refused({ monitoringInterval: 5 }, /MonitoringRoleARN value is required/);
  refused({ monitoringRoleArn: 'arn:aws:iam::000000000000:role/m' }, /MonitoringInterval value other than 0/);
});
