/**
 * What openrds does not have (KMS, IAM authentication, Performance Insights, Active Directory,
 * other engines' settings) is refused when asked for, never accepted and dropped; the values that
 * say what openrds does anyway pass. Through the AWS SDK and the AWS CLI.
 */
import {
  CopyDBSnapshotCommand,
  CreateBlueGreenDeploymentCommand,
  CreateDBInstanceCommand,
  CreateDBInstanceReadReplicaCommand,
  ModifyDBInstanceCommand,
  PromoteReadReplicaCommand,
  RestoreDBInstanceFromDBSnapshotCommand,
  RestoreDBInstanceToPointInTimeCommand,
  StartDBInstanceCommand,
  StopDBInstanceCommand,
} from '@aws-sdk/client-rds';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { after, before, describe, test } from 'node:test';
import { rdsFailure } from '../kit/api.js';
import { startTestService, type TestService } from './support/service.js';

const base = { DBInstanceIdentifier: 'refused', Engine: 'mysql', DBInstanceClass: 'db.t3.micro', MasterUsername: 'admin', MasterUserPassword: 'Refused-pass-1' };

describe('parameters openrds refuses', () => {
  let t: TestService;

  before(async () => {
    t = await startTestService();
  });
  after(() => t?.[Symbol.asyncDispose]());

  test('CreateDBInstance: each is refused with its reason, and nothing is created', async () => {
    const cases: [Record<string, unknown>, string, RegExp][] = [
      [{ StorageEncrypted: true }, 'InvalidParameterCombination', /does not encrypt storage/],
      [{ KmsKeyId: 'alias/aws/rds' }, 'InvalidParameterValue', /no KMS keys/],
      [{ EnableIAMDatabaseAuthentication: true }, 'InvalidParameterCombination', /no IAM database authentication/],
      [{ EnablePerformanceInsights: true }, 'InvalidParameterCombination', /no Performance Insights/],
      [{ PerformanceInsightsRetentionPeriod: 7 }, 'InvalidParameterValue', /no Performance Insights/],
      [{ Timezone: 'UTC' }, 'InvalidParameterValue', /only valid for SQL Server/],
      [{ Domain: 'd-1234567890' }, 'InvalidParameterValue', /no Active Directory/],
      [{ NetworkType: 'DUAL' }, 'InvalidParameterValue', /IPv4 only/],
      [{ BackupTarget: 'outposts' }, 'InvalidParameterValue', /no Outposts/],
      [{ DBSecurityGroups: ['default'] }, 'InvalidParameterValue', /EC2-Classic/],
    ];
    for (const [extra, code, message] of cases) {
      const failure = await rdsFailure(t.rds.send(new CreateDBInstanceCommand({ ...base, ...extra })));
      assert.equal(failure.code, code, JSON.stringify(extra));
      assert.match(failure.message, message, JSON.stringify(extra));
    }
    assert.equal(t.service.control.describe().length, 0);
  });

  test('the values openrds has anyway pass validation (false, IPV4, region)', async () => {
    const modify = await rdsFailure(
      t.rds.send(new ModifyDBInstanceCommand({ DBInstanceIdentifier: 'nope', EnableIAMDatabaseAuthentication: false, EnablePerformanceInsights: false, NetworkType: 'IPV4' })),
    );
    assert.equal(modify.code, 'DBInstanceNotFound', 'validation passed; the instance does not exist');
    const replica = await rdsFailure(t.rds.send(new CreateDBInstanceReadReplicaCommand({ DBInstanceIdentifier: 'r', SourceDBInstanceIdentifier: 'nope', NetworkType: 'IPV4' })));
    assert.equal(replica.code, 'DBInstanceNotFound');
    const preSigned = await rdsFailure(t.rds.send(new CreateDBInstanceReadReplicaCommand({ DBInstanceIdentifier: 'r', SourceDBInstanceIdentifier: 'nope', PreSignedUrl: 'https://x' })));
    assert.match(preSigned.message, /one region/);
  });

  test("the JavaScript SDK's newer parameters: each refused with its code and reason, or passing with what openrds does anyway", async () => {
    const replica = { DBInstanceIdentifier: 'r', SourceDBInstanceIdentifier: 'nope' };
    const modify = { DBInstanceIdentifier: 'nope' };
    const restore = { DBInstanceIdentifier: 'r', DBSnapshotIdentifier: 'nope' };
    const pitr = { TargetDBInstanceIdentifier: 'r', SourceDBInstanceIdentifier: 'nope', UseLatestRestorableTime: true };
    const copy = { SourceDBSnapshotIdentifier: 'nope', TargetDBSnapshotIdentifier: 'copy' };
    const bg = { BlueGreenDeploymentName: 'bg', Source: 'arn:aws:rds:us-east-1:000000000000:db:nope' };
    const ad = 'openrds has no Active Directory domains';
    const sm = 'openrds has no Secrets Manager';
    // [request, code, message]; a null code: validation passes, and the missing instance or snapshot is what fails.
    const cases: [() => Promise<unknown>, string | null, string][] = [
      [() => t.rds.send(new CreateDBInstanceCommand({ ...base, DomainFqdn: 'corp.example.com' })), 'InvalidParameterValue', `${ad}: DomainFqdn is not supported.`],
      [() => t.rds.send(new CreateDBInstanceCommand({ ...base, DomainOu: 'OU=x' })), 'InvalidParameterValue', `${ad}: DomainOu is not supported.`],
      [() => t.rds.send(new RestoreDBInstanceFromDBSnapshotCommand({ ...restore, DomainAuthSecretArn: 'arn:x' })), 'InvalidParameterValue', `${ad}: DomainAuthSecretArn is not supported.`],
      [() => t.rds.send(new CreateDBInstanceReadReplicaCommand({ ...replica, DomainDnsIps: ['10.0.0.1'] })), 'InvalidParameterValue', `${ad}: DomainDnsIps is not supported.`],
      [() => t.rds.send(new ModifyDBInstanceCommand({ ...modify, DisableDomain: true })), 'InvalidParameterCombination', `${ad}: DisableDomain must be false (no instance is in a domain).`],
      [() => t.rds.send(new CreateDBInstanceCommand({ ...base, ManageMasterUserPassword: true })), 'InvalidParameterCombination', `${sm}: ManageMasterUserPassword must be false (send MasterUserPassword).`],
      [() => t.rds.send(new CreateDBInstanceCommand({ ...base, MasterUserSecretKmsKeyId: 'alias/x' })), 'InvalidParameterValue', `${sm}: MasterUserSecretKmsKeyId is not supported.`],
      [() => t.rds.send(new ModifyDBInstanceCommand({ ...modify, RotateMasterUserPassword: true })), 'InvalidParameterCombination', `${sm}: RotateMasterUserPassword must be false (send MasterUserPassword).`],
      [() => t.rds.send(new CreateDBInstanceCommand({ ...base, MasterUserAuthenticationType: 'iam-db-auth' })), 'InvalidParameterValue', 'openrds has no IAM database authentication: MasterUserAuthenticationType must be password.'],
      [() => t.rds.send(new ModifyDBInstanceCommand({ ...modify, DatabaseInsightsMode: 'advanced' })), 'InvalidParameterValue', 'openrds has no Performance Insights: DatabaseInsightsMode must be standard.'],
      [() => t.rds.send(new CreateDBInstanceCommand({ ...base, DedicatedLogVolume: true })), 'InvalidParameterCombination', "openrds keeps an instance's logs with its data: DedicatedLogVolume must be false."],
      [() => t.rds.send(new CreateDBInstanceCommand({ ...base, MultiTenant: true })), 'InvalidParameterCombination', 'The parameter MultiTenant is only valid for Oracle DB instances: it must be false.'],
      [() => t.rds.send(new CreateDBInstanceCommand({ ...base, DBSystemId: 'RDSCDB' })), 'InvalidParameterValue', 'The parameter DBSystemId is only valid for Oracle DB instances.'],
      [() => t.rds.send(new CreateDBInstanceCommand({ ...base, AdditionalStorageVolumes: [{ VolumeName: 'rdsdbdata2' }] })), 'InvalidParameterValue', 'openrds gives an instance one storage volume: AdditionalStorageVolumes is not supported.'],
      [() => t.rds.send(new StartDBInstanceCommand({ ...modify, DBCapacityReservationIdentifier: 'dbcr-1' })), 'InvalidParameterValue', 'openrds has no DB capacity reservations: DBCapacityReservationIdentifier is not supported.'],
      [() => t.rds.send(new StopDBInstanceCommand({ ...modify, DetachFromDBCapacityReservation: true })), 'InvalidParameterCombination', 'openrds has no DB capacity reservations: DetachFromDBCapacityReservation must be false.'],
      [() => t.rds.send(new CreateDBInstanceReadReplicaCommand({ ...replica, UpgradeStorageConfig: true })), 'InvalidParameterCombination', 'openrds has one storage file system configuration: UpgradeStorageConfig must be false.'],
      [() => t.rds.send(new CreateBlueGreenDeploymentCommand({ ...bg, UpgradeTargetStorageConfig: true })), 'InvalidParameterCombination', 'openrds has one storage file system configuration: UpgradeTargetStorageConfig must be false.'],
      [() => t.rds.send(new CreateBlueGreenDeploymentCommand({ ...bg, TargetResourceConfigurations: [{ SourceArn: bg.Source, TargetKmsKeyId: 'alias/x' }] })), 'InvalidParameterValue', "openrds has no KMS keys: TargetResourceConfigurations (green resources' KMS keys) is not supported."],
      [() => t.rds.send(new CreateDBInstanceReadReplicaCommand({ ...replica, SourceDBClusterIdentifier: 'c1' })), 'DBClusterNotFoundFault', 'DBCluster c1 not found.'],
      [() => t.rds.send(new PromoteReadReplicaCommand({ ...modify, TagSpecifications: [{ ResourceType: 'auto-backup', Tags: [] }] })), 'InvalidParameterValue', 'openrds does not tag automated backups or option groups: TagSpecifications is not supported (send Tags).'],
      [() => t.rds.send(new CopyDBSnapshotCommand({ ...copy, SnapshotTarget: 'outposts' })), 'InvalidParameterValue', 'openrds has no Outposts or Local Zones: SnapshotTarget must be region.'],
      [() => t.rds.send(new CopyDBSnapshotCommand({ ...copy, CopyOptionGroup: true })), 'InvalidParameterCombination', 'openrds has only the default option groups: CopyOptionGroup must be false.'],
      [() => t.rds.send(new CopyDBSnapshotCommand({ ...copy, SnapshotAvailabilityZone: 'us-east-1-lz' })), 'InvalidParameterValue', 'openrds has no Local Zones: SnapshotAvailabilityZone is not supported.'],
      [() => t.rds.send(new CreateDBInstanceReadReplicaCommand({ ...replica, EnableCustomerOwnedIp: true })), 'InvalidParameterCombination', 'openrds has no Outposts: EnableCustomerOwnedIp must be false.'],
      [() => t.rds.send(new CreateDBInstanceReadReplicaCommand({ ...replica, BackupTarget: 'outposts' })), 'InvalidParameterValue', 'openrds has no Outposts: BackupTarget must be region.'],
      [() => t.rds.send(new RestoreDBInstanceToPointInTimeCommand({ ...pitr, EngineLifecycleSupport: 'forever' })), 'InvalidParameterValue', 'EngineLifecycleSupport must be open-source-rds-extended-support or open-source-rds-extended-support-disabled.'],
      [() => t.rds.send(new RestoreDBInstanceFromDBSnapshotCommand({ ...restore, BackupRetentionPeriod: 36 })), 'InvalidParameterValue', 'Invalid backup retention period: 36. Retention period must be between 0 and 35.'],
      [() => t.rds.send(new ModifyDBInstanceCommand({ ...modify, ManageMasterUserPassword: false, DatabaseInsightsMode: 'standard', MultiTenant: false, MasterUserAuthenticationType: 'password', Engine: 'mysql' })), null, 'DBInstance nope not found.'],
      [() => t.rds.send(new RestoreDBInstanceFromDBSnapshotCommand({ ...restore, DedicatedLogVolume: false, ManageMasterUserPassword: false, EngineLifecycleSupport: 'open-source-rds-extended-support-disabled' })), null, 'DBSnapshot nope not found.'],
      [() => t.rds.send(new CopyDBSnapshotCommand({ ...copy, SnapshotTarget: 'region', CopyOptionGroup: false })), null, 'DBSnapshot nope not found.'],
      [() => t.rds.send(new StopDBInstanceCommand({ ...modify, DetachFromDBCapacityReservation: false })), null, 'DBInstance nope not found.'],
    ];
    for (const [send, code, message] of cases) {
      const failure = await rdsFailure(send());
      assert.deepEqual([failure.code === 'DBInstanceNotFound' || failure.code === 'DBSnapshotNotFound' ? null : failure.code, failure.message], [code, message]);
    }
    assert.equal(t.service.control.describe().length, 0);
  });

  test('the AWS CLI: create-db-instance --storage-encrypted', async () => {
    const env = { ...process.env, AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test', AWS_DEFAULT_REGION: 'us-east-1' };
    const args = ['rds', 'create-db-instance', '--endpoint-url', t.service.endpoint, '--db-instance-identifier', 'refused', '--engine', 'mysql',
      '--db-instance-class', 'db.t3.micro', '--master-username', 'admin', '--master-user-password', 'Refused-pass-1', '--storage-encrypted'];
    const failure = await promisify(execFile)('aws', args, { env }).then(() => undefined, (error: { stderr: string }) => error.stderr);
    assert.match(failure ?? 'it succeeded', /InvalidParameterCombination.*openrds does not encrypt storage: StorageEncrypted must be false\./);
  });
});
