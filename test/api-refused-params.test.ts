/**
 * What openrds does not have (KMS, IAM authentication, Performance Insights, Active Directory,
 * other engines' settings) is refused when asked for, never accepted and dropped; the values that
 * say what openrds does anyway pass. Through the AWS SDK and the AWS CLI.
 */
import { CreateDBInstanceCommand, CreateDBInstanceReadReplicaCommand, ModifyDBInstanceCommand } from '@aws-sdk/client-rds';
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

  test('the AWS CLI: create-db-instance --storage-encrypted', async () => {
    const env = { ...process.env, AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test', AWS_DEFAULT_REGION: 'us-east-1' };
    const args = ['rds', 'create-db-instance', '--endpoint-url', t.service.endpoint, '--db-instance-identifier', 'refused', '--engine', 'mysql',
      '--db-instance-class', 'db.t3.micro', '--master-username', 'admin', '--master-user-password', 'Refused-pass-1', '--storage-encrypted'];
    const failure = await promisify(execFile)('aws', args, { env }).then(() => undefined, (error: { stderr: string }) => error.stderr);
    assert.match(failure ?? 'it succeeded', /InvalidParameterCombination.*openrds does not encrypt storage: StorageEncrypted must be false\./);
  });
});
