/**
 * What RDS records of an instance and shows back (windows, storage, the CA, monitoring, log exports,
 * security groups), honoured or refused as RDS does, through the AWS SDK and the AWS CLI.
 */
import {
  CreateDBInstanceCommand,
  CreateDBInstanceReadReplicaCommand,
  DescribeEventsCommand,
  ModifyDBInstanceCommand,
  RebootDBInstanceCommand,
  StopDBInstanceCommand,
} from '@aws-sdk/client-rds';
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createInstance } from './support/cluster.js';
import { startTestService, type TestService } from './support/service.js';
import { describeOne, rdsFailure, waitForStatus } from '../kit/api.js';
import { awsRds } from '../kit/clients.js';

const PASSWORD = 'Options-pass-1';
const base = { Engine: 'mariadb', DBInstanceClass: 'db.t3.micro', MasterUsername: 'admin', MasterUserPassword: PASSWORD };

describe('instance options: honoured or refused', () => {
  let t: TestService;

  before(async () => {
    t = await startTestService();
    await createInstance(t.rds, 'opts', PASSWORD, {
      PreferredBackupWindow: '01:00-01:45',
      PreferredMaintenanceWindow: 'Tue:04:00-tue:05:00',
      AutoMinorVersionUpgrade: false,
      CopyTagsToSnapshot: true,
      PubliclyAccessible: true,
      MaxAllocatedStorage: 100,
      AvailabilityZone: 'us-east-1c',
      StorageType: 'gp3',
      Iops: 3000,
      StorageThroughput: 125,
      MonitoringInterval: 60,
      MonitoringRoleArn: 'arn:aws:iam::000000000000:role/rds-monitoring',
      EnableCloudwatchLogsExports: ['error', 'slowquery'],
      VpcSecurityGroupIds: ['sg-0123456789abcdef0'],
      MultiAZ: false,
      LicenseModel: 'general-public-license',
      CACertificateIdentifier: 'rds-ca-rsa4096-g1',
      EngineLifecycleSupport: 'open-source-rds-extended-support-disabled',
    });
  });
  after(() => t?.[Symbol.asyncDispose]());

  test('what CreateDBInstance was given is what DescribeDBInstances shows', async () => {
    const i = await describeOne(t.rds, 'opts');
    assert.equal(i.PreferredBackupWindow, '01:00-01:45');
    assert.equal(i.PreferredMaintenanceWindow, 'tue:04:00-tue:05:00');
    assert.equal(i.AutoMinorVersionUpgrade, false);
    assert.equal(i.CopyTagsToSnapshot, true);
    assert.equal(i.PubliclyAccessible, true);
    assert.equal(i.MaxAllocatedStorage, 100);
    assert.equal(i.AvailabilityZone, 'us-east-1c');
    assert.equal(i.StorageType, 'gp3');
    assert.equal(i.Iops, 3000);
    assert.equal(i.StorageThroughput, 125);
    assert.equal(i.MonitoringInterval, 60);
    assert.equal(i.MonitoringRoleArn, 'arn:aws:iam::000000000000:role/rds-monitoring');
    assert.deepEqual(i.EnabledCloudwatchLogsExports, ['error', 'slowquery']);
    assert.deepEqual(i.VpcSecurityGroups, [{ VpcSecurityGroupId: 'sg-0123456789abcdef0', Status: 'active' }]);
    assert.equal(i.MultiAZ, false);
    assert.equal(i.CACertificateIdentifier, 'rds-ca-rsa4096-g1');
    assert.equal(i.EngineLifecycleSupport, 'open-source-rds-extended-support-disabled');
  });

  test('ModifyDBInstance changes them; log exports are enabled and disabled by type', async () => {
    await t.rds.send(
      new ModifyDBInstanceCommand({
        DBInstanceIdentifier: 'opts',
        CACertificateIdentifier: 'rds-ca-ecc384-g1',
        PreferredBackupWindow: '22:00-22:30',
        CloudwatchLogsExportConfiguration: { EnableLogTypes: ['general'], DisableLogTypes: ['slowquery'] },
      }),
    );
    const i = await describeOne(t.rds, 'opts');
    assert.equal(i.CACertificateIdentifier, 'rds-ca-ecc384-g1');
    assert.equal(i.PreferredBackupWindow, '22:00-22:30');
    assert.equal(i.PreferredMaintenanceWindow, 'tue:04:00-tue:05:00', 'what was not sent stays');
    assert.deepEqual(i.EnabledCloudwatchLogsExports, ['error', 'general']);
  });

  test("RDS's rules: formats, 30-minute windows that do not overlap, storage, monitoring, MultiAZ", async () => {
    const refusals: [Record<string, unknown>, string, RegExp][] = [
      [{ PreferredBackupWindow: '1:00-2:00' }, 'InvalidParameterValue', /hh24:mi-hh24:mi/],
      [{ PreferredBackupWindow: '01:00-01:20' }, 'InvalidParameterValue', /at least 30 minutes/],
      [{ PreferredMaintenanceWindow: 'sun:05:00-sun:05:10' }, 'InvalidParameterValue', /at least 30 minutes/],
      [{ PreferredBackupWindow: '05:00-05:30', PreferredMaintenanceWindow: 'sun:05:15-sun:06:00' }, 'InvalidParameterCombination', /must not overlap/],
      [{ MaxAllocatedStorage: 20 }, 'InvalidParameterCombination', /Max storage size must be greater than storage size/],
      [{ MonitoringInterval: 30 }, 'InvalidParameterCombination', /MonitoringRoleARN value is required/],
      [{ MonitoringRoleArn: 'arn:aws:iam::000000000000:role/x' }, 'InvalidParameterCombination', /MonitoringInterval value other than 0/],
      [{ StorageType: 'io1' }, 'InvalidParameterCombination', /Iops is required/],
      [{ StorageType: 'gp2', Iops: 3000 }, 'InvalidParameterCombination', /Iops is not valid/],
      [{ MultiAZ: true }, 'InvalidParameterValue', /MultiAZ is not supported/],
      [{ LicenseModel: 'license-included' }, 'InvalidParameterValue', /general-public-license/],
      [{ AvailabilityZone: 'eu-west-1a' }, 'InvalidParameterValue', /Availability Zone/],
      [{ VpcSecurityGroupIds: ['not-a-group'] }, 'InvalidParameterValue', /security group/],
    ];
    for (const [extra, code, message] of refusals) {
      const failure = await rdsFailure(t.rds.send(new CreateDBInstanceCommand({ DBInstanceIdentifier: 'refused', ...base, ...extra })));
      assert.equal(failure.code, code, JSON.stringify(extra));
      assert.match(failure.message, message, JSON.stringify(extra));
    }
    assert.equal((await rdsFailure(describeOne(t.rds, 'refused'))).code, 'DBInstanceNotFound', 'nothing was created');
    const overlap = await rdsFailure(t.rds.send(new ModifyDBInstanceCommand({ DBInstanceIdentifier: 'opts', PreferredBackupWindow: '04:30-05:00' })));
    assert.equal(overlap.code, 'InvalidParameterCombination');
    assert.equal((await describeOne(t.rds, 'opts')).PreferredBackupWindow, '22:00-22:30', 'a refused modification changes nothing');
  });

  test('a read replica keeps its source’s windows and takes what it is given; its storage is at least its source’s', async () => {
    // Engine names the instance's own engine only (RDS converts between editions, which MariaDB has none of).
    const engine = await rdsFailure(t.rds.send(new ModifyDBInstanceCommand({ DBInstanceIdentifier: 'opts', Engine: 'mysql' })));
    assert.deepEqual([engine.code, engine.message], ['InvalidParameterCombination', "DB instance opts is of engine mariadb, not mysql: an instance's engine does not change."]);
    await t.rds.send(new ModifyDBInstanceCommand({ DBInstanceIdentifier: 'opts', Engine: 'mariadb', AllocatedStorage: 40 }));
    const small = await rdsFailure(t.rds.send(new CreateDBInstanceReadReplicaCommand({ DBInstanceIdentifier: 'opts-r', SourceDBInstanceIdentifier: 'opts', AllocatedStorage: 30 })));
    assert.deepEqual([small.code, small.message], ['InvalidParameterValue', "AllocatedStorage 30 GiB is less than the 40 GiB of DB instance opts: a copy needs at least its source's storage."]);
    await t.rds.send(
      new CreateDBInstanceReadReplicaCommand({
        DBInstanceIdentifier: 'opts-r',
        SourceDBInstanceIdentifier: 'opts',
        PubliclyAccessible: false,
        AllocatedStorage: 50,
        CACertificateIdentifier: 'rds-ca-rsa2048-g1',
      }),
    );
    const r = await waitForStatus(t.rds, 'opts-r', 'available', 120_000);
    assert.equal(r.PreferredMaintenanceWindow, 'tue:04:00-tue:05:00');
    assert.equal(r.PubliclyAccessible, false);
    assert.equal(r.AllocatedStorage, 50);
    assert.equal(r.CACertificateIdentifier, 'rds-ca-rsa2048-g1', "the request's, not the source's");
    assert.equal(r.EngineLifecycleSupport, 'open-source-rds-extended-support-disabled', "the source's");
  });

  test('what cannot mean anything here is refused, not ignored: a bad stop snapshot name, a forced failover, Filters', async () => {
    const snapshot = await rdsFailure(t.rds.send(new StopDBInstanceCommand({ DBInstanceIdentifier: 'opts', DBSnapshotIdentifier: 'before--stop' })));
    assert.equal(snapshot.code, 'InvalidParameterValue');
    assert.match(snapshot.message, /DBSnapshotIdentifier is not a valid identifier/);
    const failover = await rdsFailure(t.rds.send(new RebootDBInstanceCommand({ DBInstanceIdentifier: 'opts', ForceFailover: true })));
    assert.match(failover.message, /not Multi-AZ/);
    const filters = await rdsFailure(t.rds.send(new DescribeEventsCommand({ Filters: [{ Name: 'x', Values: ['y'] }] })));
    assert.match(filters.message, /Filters is not supported/);
    assert.equal((await describeOne(t.rds, 'opts')).DBInstanceStatus, 'available', 'nothing was done');
    assert.equal((await t.rds.send(new RebootDBInstanceCommand({ DBInstanceIdentifier: 'opts', ForceFailover: false }))).DBInstance?.DBInstanceStatus, 'rebooting');
    await waitForStatus(t.rds, 'opts', 'available');
  });

  test('the AWS CLI sends them and reads them back', async () => {
    await awsRds(t.service.endpoint, [
      'create-db-instance', '--db-instance-identifier', 'opts-cli', '--engine', 'mariadb', '--db-instance-class', 'db.t3.micro',
      '--master-username', 'admin', '--master-user-password', PASSWORD, '--no-auto-minor-version-upgrade',
      '--preferred-backup-window', '02:00-02:30', '--no-multi-az',
    ]);
    const out = JSON.parse(await awsRds(t.service.endpoint, ['describe-db-instances', '--db-instance-identifier', 'opts-cli', '--output', 'json']));
    assert.equal(out.DBInstances[0].AutoMinorVersionUpgrade, false);
    assert.equal(out.DBInstances[0].PreferredBackupWindow, '02:00-02:30');
    await waitForStatus(t.rds, 'opts-cli', 'available');
  });
});
