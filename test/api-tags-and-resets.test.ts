/**
 * What Terraform's aws_db_parameter_group and aws_db_instance call besides create and describe,
 * replayed through the AWS SDK, the AWS CLI and boto3: tags on both (ListTagsForResource on every
 * read), ResetDBParameterGroup for removed parameters, and deletion protection.
 */
import {
  AddTagsToResourceCommand,
  CreateDBParameterGroupCommand,
  DeleteDBInstanceCommand,
  DeleteDBParameterGroupCommand,
  DescribeDBParametersCommand,
  ListTagsForResourceCommand,
  ModifyDBInstanceCommand,
  ModifyDBParameterGroupCommand,
  RemoveTagsFromResourceCommand,
  ResetDBParameterGroupCommand,
  type DBInstance,
} from '@aws-sdk/client-rds';
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { RowDataPacket } from 'mysql2/promise';
import { createInstance } from './support/cluster.js';
import { connectTo, startTestService, type TestService } from './support/service.js';
import { describeOne, rdsFailure } from '../kit/api.js';
import { awsRds, python } from '../kit/clients.js';
import { eventually } from '../kit/poll.js';

const PASSWORD = 'Tags-pass-1';

describe('tags, parameter group resets and deletion protection', () => {
  let t: TestService;
  let instance: DBInstance;
  const groupArn = 'arn:aws:rds:us-east-1:000000000000:pg:tf-group';

  before(async () => {
    t = await startTestService();
    await t.rds.send(
      new CreateDBParameterGroupCommand({
        DBParameterGroupName: 'tf-group',
        DBParameterGroupFamily: 'mariadb10.11',
        Description: 'Managed by Terraform',
        Tags: [{ Key: 'team', Value: 'data' }],
      }),
    );
    instance = await createInstance(t.rds, 'tagged', PASSWORD, {
      DBParameterGroupName: 'tf-group',
      DeletionProtection: true,
      Tags: [{ Key: 'env', Value: 'test' }],
    });
  });
  after(() => t?.[Symbol.asyncDispose]());

  const tagsOf = async (arn: string) =>
    ((await t.rds.send(new ListTagsForResourceCommand({ ResourceName: arn }))).TagList ?? []).map((tag) => `${tag.Key}=${tag.Value}`).sort();

  test('tags given at creation are listed; added ones replace values, removed ones go', async () => {
    assert.deepEqual(await tagsOf(groupArn), ['team=data']);
    assert.deepEqual(await tagsOf(instance.DBInstanceArn!), ['env=test']);
    await t.rds.send(new AddTagsToResourceCommand({ ResourceName: instance.DBInstanceArn!, Tags: [{ Key: 'env', Value: 'prod' }, { Key: 'owner', Value: 'ops' }] }));
    await t.rds.send(new RemoveTagsFromResourceCommand({ ResourceName: groupArn, TagKeys: ['team'] }));
    assert.deepEqual(await tagsOf(instance.DBInstanceArn!), ['env=prod', 'owner=ops']);
    assert.deepEqual(await tagsOf(groupArn), []);
    assert.deepEqual(
      (await describeOne(t.rds, 'tagged')).TagList?.map((tag) => `${tag.Key}=${tag.Value}`).sort(),
      ['env=prod', 'owner=ops'],
      'DescribeDBInstances shows them in TagList',
    );
  });

  test("RDS's rules on tags and ARNs", async () => {
    const tooMany = Array.from({ length: 49 }, (_, i) => ({ Key: `k${i}`, Value: 'v' }));
    const quota = await rdsFailure(t.rds.send(new AddTagsToResourceCommand({ ResourceName: instance.DBInstanceArn!, Tags: tooMany })));
    assert.equal(quota.code, 'InvalidParameterValue');
    assert.match(quota.message, /Cannot add more than 50 tags to a resource/);
    const reserved = await rdsFailure(t.rds.send(new AddTagsToResourceCommand({ ResourceName: groupArn, Tags: [{ Key: 'aws:owner', Value: 'x' }] })));
    assert.equal(reserved.code, 'InvalidParameterValue');
    const missing = await rdsFailure(t.rds.send(new ListTagsForResourceCommand({ ResourceName: 'arn:aws:rds:us-east-1:000000000000:db:nope' })));
    assert.equal(missing.code, 'DBInstanceNotFound');
    const noGroup = await rdsFailure(t.rds.send(new ListTagsForResourceCommand({ ResourceName: 'arn:aws:rds:us-east-1:000000000000:pg:nope' })));
    assert.equal(noGroup.code, 'DBParameterGroupNotFound');
    const foreign = await rdsFailure(t.rds.send(new ListTagsForResourceCommand({ ResourceName: 'arn:aws:rds:us-east-1:123456789012:db:tagged' })));
    assert.equal(foreign.code, 'InvalidParameterValue');
    assert.deepEqual(await tagsOf(instance.DBInstanceArn!), ['env=prod', 'owner=ops'], 'nothing changed');
  });

  test('the AWS CLI and boto3 read and write the same tags', async () => {
    await awsRds(t.service.endpoint, ['add-tags-to-resource', '--resource-name', groupArn, '--tags', 'Key=cli,Value=yes']);
    const stdout = await awsRds(t.service.endpoint, ['list-tags-for-resource', '--resource-name', groupArn, '--output', 'json']);
    assert.deepEqual(JSON.parse(stdout).TagList, [{ Key: 'cli', Value: 'yes' }]);
    const script = `
import boto3, sys
rds = boto3.client('rds', endpoint_url=sys.argv[1], region_name='us-east-1', aws_access_key_id='test', aws_secret_access_key='test')
rds.add_tags_to_resource(ResourceName=sys.argv[2], Tags=[{'Key': 'boto', 'Value': '3'}])
print(sorted(t['Key'] for t in rds.list_tags_for_resource(ResourceName=sys.argv[2])['TagList']))
`;
    assert.equal((await python(script, [t.service.endpoint, groupArn])).trim(), "['boto', 'cli']");
  });

  test('ResetDBParameterGroup: a removed parameter goes back to its default, on the running instance too', async () => {
    await t.rds.send(
      new ModifyDBParameterGroupCommand({
        DBParameterGroupName: 'tf-group',
        Parameters: [
          { ParameterName: 'max_connections', ParameterValue: '42', ApplyMethod: 'immediate' },
          { ParameterName: 'long_query_time', ParameterValue: '3', ApplyMethod: 'immediate' },
        ],
      }),
    );
    await using admin = await connectTo(instance, 'admin', PASSWORD);
    const variable = async (name: string) => String(((await admin.query<RowDataPacket[]>(`SELECT @@GLOBAL.${name} AS v`))[0][0]!).v);
    assert.equal(await variable('max_connections'), '42');
    const reset = await t.rds.send(
      new ResetDBParameterGroupCommand({ DBParameterGroupName: 'tf-group', Parameters: [{ ParameterName: 'max_connections', ApplyMethod: 'immediate' }] }),
    );
    assert.equal(reset.DBParameterGroupName, 'tf-group');
    const user = await t.rds.send(new DescribeDBParametersCommand({ DBParameterGroupName: 'tf-group', Source: 'user' }));
    assert.deepEqual(user.Parameters?.map((p) => p.ParameterName), ['long_query_time'], 'only what was not reset is the user’s');
    await eventually('the default back on the instance', async () => (await variable('max_connections')) !== '42');
    // A default that is RDS's formula ({TrueIfReplica}) is worked out for the instance.
    await t.rds.send(
      new ModifyDBParameterGroupCommand({ DBParameterGroupName: 'tf-group', Parameters: [{ ParameterName: 'read_only', ParameterValue: '1', ApplyMethod: 'immediate' }] }),
    );
    await eventually('read_only on', async () => (await variable('read_only')) === '1');
    await t.rds.send(new ResetDBParameterGroupCommand({ DBParameterGroupName: 'tf-group', ResetAllParameters: true }));
    await eventually('read_only back off (not a replica)', async () => (await variable('read_only')) === '0');
    const none = await t.rds.send(new DescribeDBParametersCommand({ DBParameterGroupName: 'tf-group', Source: 'user' }));
    assert.deepEqual(none.Parameters ?? [], []);
    const both = await rdsFailure(
      t.rds.send(new ResetDBParameterGroupCommand({ DBParameterGroupName: 'tf-group', ResetAllParameters: true, Parameters: [{ ParameterName: 'max_connections' }] })),
    );
    assert.equal(both.code, 'InvalidParameterCombination');
    const onDefault = await rdsFailure(t.rds.send(new ResetDBParameterGroupCommand({ DBParameterGroupName: 'default.mariadb10.11', ResetAllParameters: true })));
    assert.equal(onDefault.code, 'InvalidDBParameterGroupState');
  });

  test('a protected instance is not deleted; with protection turned off it is', async () => {
    assert.equal((await describeOne(t.rds, 'tagged')).DeletionProtection, true);
    const refused = await rdsFailure(t.rds.send(new DeleteDBInstanceCommand({ DBInstanceIdentifier: 'tagged', SkipFinalSnapshot: true })));
    assert.equal(refused.code, 'InvalidParameterCombination');
    assert.equal(refused.message, 'Cannot delete protected DB Instance, please disable deletion protection and try again.');
    assert.equal((await describeOne(t.rds, 'tagged')).DBInstanceStatus, 'available');
    await t.rds.send(new ModifyDBInstanceCommand({ DBInstanceIdentifier: 'tagged', DeletionProtection: false }));
    assert.equal((await describeOne(t.rds, 'tagged')).DeletionProtection, false);
    await t.rds.send(new DeleteDBInstanceCommand({ DBInstanceIdentifier: 'tagged', SkipFinalSnapshot: true }));
    await eventually('the instance to be gone', async () => (await rdsFailure(describeOne(t.rds, 'tagged'))).code === 'DBInstanceNotFound');
    await t.rds.send(new DeleteDBParameterGroupCommand({ DBParameterGroupName: 'tf-group' }));
  });

  test('CreateDBParameterGroup needs a description', async () => {
    const blank = await rdsFailure(
      t.rds.send(new CreateDBParameterGroupCommand({ DBParameterGroupName: 'blank', DBParameterGroupFamily: 'mariadb10.11', Description: '' })),
    );
    assert.ok(['InvalidParameterValue', 'MissingParameter'].includes(blank.code), blank.code);
  });
});
