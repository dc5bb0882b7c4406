/**
 * DB subnet groups as validated bookkeeping (no VPCs here), and an instance's DBSubnetGroup, as
 * Terraform's aws_db_subnet_group and aws_db_instance drive them: through the AWS SDK, the AWS CLI
 * and boto3.
 */
import {
  CreateDBInstanceReadReplicaCommand,
  CreateDBSubnetGroupCommand,
  DeleteDBSubnetGroupCommand,
  DescribeAccountAttributesCommand,
  DescribeDBSubnetGroupsCommand,
  ListTagsForResourceCommand,
  ModifyDBInstanceCommand,
  ModifyDBSubnetGroupCommand,
  RemoveTagsFromResourceCommand,
} from '@aws-sdk/client-rds';
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { describeOne, rdsFailure } from '../kit/api.js';
import { awsRds, python } from '../kit/clients.js';
import { createInstance, createReplica } from './support/cluster.js';
import { startTestService, type TestService } from './support/service.js';

const PASSWORD = 'Subnets-pass-1';
const SUBNETS = ['subnet-0a1b2c3d4e5f60718', 'subnet-0a1b2c3d4e5f60719'];

describe('DB subnet groups', () => {
  let t: TestService;

  before(async () => {
    t = await startTestService();
  });
  after(() => t?.[Symbol.asyncDispose]());

  test("Terraform's aws_db_subnet_group: create with tags, read, list tags, modify, delete", async () => {
    const created = await t.rds.send(
      new CreateDBSubnetGroupCommand({ DBSubnetGroupName: 'App-Subnets', DBSubnetGroupDescription: 'Managed by Terraform', SubnetIds: SUBNETS, Tags: [{ Key: 'env', Value: 'test' }] }),
    );
    const group = created.DBSubnetGroup!;
    assert.equal(group.DBSubnetGroupName, 'app-subnets', 'stored in lower case, as RDS stores it');
    assert.equal(group.DBSubnetGroupArn, 'arn:aws:rds:us-east-1:000000000000:subgrp:app-subnets');
    assert.equal(group.SubnetGroupStatus, 'Complete');
    assert.match(group.VpcId!, /^vpc-[0-9a-f]{17}$/);
    assert.deepEqual(group.Subnets?.map((s) => [s.SubnetIdentifier, s.SubnetAvailabilityZone?.Name, s.SubnetStatus]), [
      [SUBNETS[0], 'us-east-1a', 'Active'],
      [SUBNETS[1], 'us-east-1b', 'Active'],
    ]);
    const read = await t.rds.send(new DescribeDBSubnetGroupsCommand({ DBSubnetGroupName: 'app-subnets' }));
    assert.deepEqual(read.DBSubnetGroups, [group]);
    const tags = await t.rds.send(new ListTagsForResourceCommand({ ResourceName: group.DBSubnetGroupArn }));
    assert.deepEqual(tags.TagList, [{ Key: 'env', Value: 'test' }]);
    await t.rds.send(new RemoveTagsFromResourceCommand({ ResourceName: group.DBSubnetGroupArn, TagKeys: ['env'] }));
    assert.deepEqual((await t.rds.send(new ListTagsForResourceCommand({ ResourceName: group.DBSubnetGroupArn }))).TagList, []);

    const modified = await t.rds.send(new ModifyDBSubnetGroupCommand({ DBSubnetGroupName: 'app-subnets', SubnetIds: [SUBNETS[1]!, 'subnet-0a1b2c3d4e5f6071a'] }));
    assert.equal(modified.DBSubnetGroup?.DBSubnetGroupDescription, 'Managed by Terraform', 'kept when not given');
    assert.deepEqual(modified.DBSubnetGroup?.Subnets?.map((s) => s.SubnetIdentifier), [SUBNETS[1], 'subnet-0a1b2c3d4e5f6071a']);

    await t.rds.send(new DeleteDBSubnetGroupCommand({ DBSubnetGroupName: 'app-subnets' }));
    const gone = await rdsFailure(t.rds.send(new DescribeDBSubnetGroupsCommand({ DBSubnetGroupName: 'app-subnets' })));
    assert.deepEqual([gone.code, gone.status, gone.message], ['DBSubnetGroupNotFoundFault', 404, "DB subnet group 'app-subnets' does not exist."]);
  });

  test("RDS's refusals: a taken name, default, no subnets, a bad subnet id, a blank description, an unknown group", async () => {
    const create = (input: Partial<{ DBSubnetGroupName: string; DBSubnetGroupDescription: string; SubnetIds: string[] }>) =>
      rdsFailure(t.rds.send(new CreateDBSubnetGroupCommand({ DBSubnetGroupName: 'refusals', DBSubnetGroupDescription: 'd', SubnetIds: SUBNETS, ...input })));
    await t.rds.send(new CreateDBSubnetGroupCommand({ DBSubnetGroupName: 'taken', DBSubnetGroupDescription: 'd', SubnetIds: SUBNETS }));
    const taken = await create({ DBSubnetGroupName: 'TAKEN' });
    assert.deepEqual([taken.code, taken.message], ['DBSubnetGroupAlreadyExists', "DB subnet group 'taken' already exists."]);
    assert.equal((await create({ DBSubnetGroupName: 'default' })).code, 'InvalidParameterValue');
    assert.equal((await create({ DBSubnetGroupName: '1st' })).code, 'InvalidParameterValue');
    const empty = await create({ SubnetIds: [] });
    assert.deepEqual([empty.code, empty.message], ['InvalidSubnet', 'Subnet IDs are required.']);
    assert.equal((await create({ SubnetIds: ['sn-1'] })).code, 'InvalidSubnet');
    assert.equal((await create({ DBSubnetGroupDescription: ' ' })).code, 'InvalidParameterValue');
    const many = await create({ SubnetIds: Array.from({ length: 21 }, (_, i) => `subnet-${String(i).padStart(8, '0')}`) });
    assert.equal(many.code, 'DBSubnetQuotaExceededFault');
    assert.equal((await rdsFailure(t.rds.send(new ModifyDBSubnetGroupCommand({ DBSubnetGroupName: 'nope', SubnetIds: SUBNETS })))).code, 'DBSubnetGroupNotFoundFault');
    assert.equal((await rdsFailure(t.rds.send(new DeleteDBSubnetGroupCommand({ DBSubnetGroupName: 'nope' })))).code, 'DBSubnetGroupNotFoundFault');
    await t.rds.send(new DeleteDBSubnetGroupCommand({ DBSubnetGroupName: 'taken' }));
  });

  test("an instance in a group: DBSubnetGroup in DescribeDBInstances, its replica in its group, moved, the group kept while in use", async () => {
    await t.rds.send(new CreateDBSubnetGroupCommand({ DBSubnetGroupName: 'private', DBSubnetGroupDescription: 'private subnets', SubnetIds: SUBNETS }));
    await t.rds.send(new CreateDBSubnetGroupCommand({ DBSubnetGroupName: 'other-vpc', DBSubnetGroupDescription: 'another VPC', SubnetIds: [SUBNETS[0]!] }));
    const unknown = await rdsFailure(createInstance(t.rds, 'nogroup', PASSWORD, { DBSubnetGroupName: 'nope' }));
    assert.equal(unknown.code, 'DBSubnetGroupNotFoundFault');

    const instance = await createInstance(t.rds, 'placed', PASSWORD, { DBSubnetGroupName: 'Private' });
    assert.equal(instance.DBSubnetGroup?.DBSubnetGroupName, 'private');
    assert.equal(instance.DBSubnetGroup?.DBSubnetGroupDescription, 'private subnets');
    assert.deepEqual(instance.DBSubnetGroup?.Subnets?.map((s) => s.SubnetIdentifier), SUBNETS);
    const quotas = (await t.rds.send(new DescribeAccountAttributesCommand({}))).AccountQuotas ?? [];
    assert.deepEqual(quotas.filter((q) => q.AccountQuotaName?.includes('Subnet')).map((q) => [q.AccountQuotaName, q.Used]), [['DBSubnetGroups', 2], ['SubnetsPerDBSubnetGroup', 2]]);

    const replicaInGroup = await rdsFailure(
      t.rds.send(new CreateDBInstanceReadReplicaCommand({ DBInstanceIdentifier: 'placed-replica', SourceDBInstanceIdentifier: 'placed', DBSubnetGroupName: 'private' })),
    );
    assert.equal(replicaInGroup.code, 'DBSubnetGroupNotAllowedFault');
    const replica = await createReplica(t.rds, 'placed-replica', 'placed');
    assert.equal(replica.DBSubnetGroup?.DBSubnetGroupName, 'private', "in its source's group, as on RDS");

    const inUse = await rdsFailure(t.rds.send(new DeleteDBSubnetGroupCommand({ DBSubnetGroupName: 'private' })));
    assert.deepEqual([inUse.code, inUse.message], ['InvalidDBSubnetGroupStateFault', "Cannot delete the subnet group 'private' because at least one database instance: placed is still using it."]);

    // A group's change shows on its instances.
    await t.rds.send(new ModifyDBSubnetGroupCommand({ DBSubnetGroupName: 'private', DBSubnetGroupDescription: 'renamed', SubnetIds: SUBNETS }));
    assert.equal((await describeOne(t.rds, 'placed')).DBSubnetGroup?.DBSubnetGroupDescription, 'renamed');

    const moved = await t.rds.send(new ModifyDBInstanceCommand({ DBInstanceIdentifier: 'placed', DBSubnetGroupName: 'other-vpc', ApplyImmediately: true }));
    assert.equal(moved.DBInstance?.DBSubnetGroup?.DBSubnetGroupName, 'other-vpc');
    const cli = JSON.parse(await awsRds(t.service.endpoint, ['describe-db-instances', '--db-instance-identifier', 'placed', '--output', 'json']));
    assert.equal(cli.DBInstances[0].DBSubnetGroup.VpcId, moved.DBInstance?.DBSubnetGroup?.VpcId);
    const stillUsed = await rdsFailure(t.rds.send(new DeleteDBSubnetGroupCommand({ DBSubnetGroupName: 'private' })));
    assert.equal(stillUsed.message, "Cannot delete the subnet group 'private' because at least one database instance: placed-replica is still using it.");

    const script = `
import boto3, sys
rds = boto3.client('rds', endpoint_url=sys.argv[1], region_name='us-east-1', aws_access_key_id='test', aws_secret_access_key='test')
print([g['DBSubnetGroupName'] for g in rds.describe_db_subnet_groups()['DBSubnetGroups']])
`;
    assert.equal((await python(script, [t.service.endpoint])).trim(), "['other-vpc', 'private']");
  });
});
