/**
 * What RDS publishes about itself, from openrds's own data, through the AWS SDK, the AWS CLI and
 * boto3: orderable instance options, a family's default parameters, the account's quotas, the
 * event categories, and DescribeDBInstances's filters.
 */
import {
  CreateDBParameterGroupCommand,
  DescribeAccountAttributesCommand,
  DescribeDBInstancesCommand,
  DescribeDBParametersCommand,
  DescribeEngineDefaultParametersCommand,
  DescribeEventCategoriesCommand,
  DescribeOrderableDBInstanceOptionsCommand,
  type OrderableDBInstanceOption,
  paginateDescribeOrderableDBInstanceOptions,
} from '@aws-sdk/client-rds';
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { rdsFailure } from '../kit/api.js';
import { awsRds, python } from '../kit/clients.js';
import { startTestService, type TestService } from './support/service.js';

describe('catalogues: orderable options, engine defaults, quotas, event categories', () => {
  let t: TestService;

  before(async () => {
    t = await startTestService();
  });
  after(() => t?.[Symbol.asyncDispose]());

  test('the AWS CLI: describe-orderable-db-instance-options --engine mysql --engine-version 8.0.46', async () => {
    const out = JSON.parse(
      await awsRds(t.service.endpoint, ['describe-orderable-db-instance-options', '--engine', 'mysql', '--engine-version', '8.0.46', '--output', 'json']),
    ) as { OrderableDBInstanceOptions: OrderableDBInstanceOption[] };
    const options = out.OrderableDBInstanceOptions;
    assert.ok(options.length > 100, 'the CLI pages through every class and storage type');
    assert.ok(options.every((o) => o.Engine === 'mysql' && o.EngineVersion === '8.0.46' && o.LicenseModel === 'general-public-license'));
    const micro = options.filter((o) => o.DBInstanceClass === 'db.t3.micro').map((o) => o.StorageType);
    assert.deepEqual(micro, ['standard', 'gp2', 'gp3', 'io1', 'io2']);
    const gp3 = options.find((o) => o.DBInstanceClass === 'db.r6g.large' && o.StorageType === 'gp3')!;
    assert.deepEqual(
      [gp3.MinStorageSize, gp3.MaxStorageSize, gp3.SupportsIops, gp3.SupportsStorageThroughput, gp3.MultiAZCapable, gp3.ReadReplicaCapable, gp3.Vpc],
      [20, 65536, true, true, false, true, true],
    );
    assert.deepEqual(gp3.AvailabilityZones?.map((z) => z.Name), ['us-east-1a', 'us-east-1b', 'us-east-1c', 'us-east-1d', 'us-east-1e', 'us-east-1f']);
  });

  test('orderable options: a major, a class, the SDK paginator; nothing for other licences, non-VPC or other engines', async () => {
    const pages = paginateDescribeOrderableDBInstanceOptions({ client: t.rds, pageSize: 100 }, { Engine: 'mariadb', EngineVersion: '10.11', DBInstanceClass: 'db.m5.large' });
    const versions: string[] = [];
    for await (const page of pages) for (const o of page.OrderableDBInstanceOptions ?? []) if (o.StorageType === 'gp2') versions.push(o.EngineVersion!);
    assert.deepEqual(versions, ['10.11.13', '10.11.14', '10.11.15', '10.11.16', '10.11.18', '10.11.19']);
    const none = async (extra: object) =>
      (await t.rds.send(new DescribeOrderableDBInstanceOptionsCommand({ Engine: 'mysql', ...extra }))).OrderableDBInstanceOptions ?? [];
    assert.equal((await none({ LicenseModel: 'license-included' })).length, 0);
    assert.equal((await none({ Vpc: false })).length, 0);
    assert.equal((await none({ Engine: 'postgres' })).length, 0);
    assert.equal((await none({ AvailabilityZoneGroup: 'us-west-2-lax-1' })).length, 0);
    const missing = await rdsFailure(t.rds.send(new DescribeOrderableDBInstanceOptionsCommand({} as never)));
    assert.deepEqual([missing.code, missing.message], ['MissingParameter', 'The request must contain the parameter Engine']);
    const big = await rdsFailure(t.rds.send(new DescribeOrderableDBInstanceOptionsCommand({ Engine: 'mysql', MaxRecords: 10001 })));
    assert.deepEqual([big.code, big.message], ['InvalidParameterValue', 'Invalid value 10001 for MaxRecords. Must be between 20 and 10000']);
  });

  test("DescribeEngineDefaultParameters: a default group's parameters, paged with the Marker in EngineDefaults", async () => {
    const first = await t.rds.send(new DescribeEngineDefaultParametersCommand({ DBParameterGroupFamily: 'mysql8.0', MaxRecords: 20 }));
    assert.equal(first.EngineDefaults?.DBParameterGroupFamily, 'mysql8.0');
    assert.ok(first.EngineDefaults?.Marker, 'more than 20 parameters');
    const second = await t.rds.send(new DescribeEngineDefaultParametersCommand({ DBParameterGroupFamily: 'mysql8.0', MaxRecords: 20, Marker: first.EngineDefaults!.Marker }));
    assert.equal(second.EngineDefaults?.Marker, undefined);
    const defaults = [...first.EngineDefaults!.Parameters!, ...second.EngineDefaults!.Parameters!];
    const group = await t.rds.send(new DescribeDBParametersCommand({ DBParameterGroupName: 'default.mysql8.0', MaxRecords: 100 }));
    assert.deepEqual(defaults, group.Parameters, 'what DescribeDBParameters shows for the default group');
    const pool = defaults.find((p) => p.ParameterName === 'innodb_buffer_pool_size')!;
    assert.deepEqual([pool.ParameterValue, pool.ApplyType, pool.IsModifiable], ['{DBInstanceClassMemory*3/4}', 'static', true]);

    const bad = await rdsFailure(t.rds.send(new DescribeEngineDefaultParametersCommand({ DBParameterGroupFamily: 'postgres14' })));
    assert.deepEqual([bad.code, bad.message], ['InvalidParameterValue', 'ParameterGroupFamily postgres14 is not a valid parameter group family']);
    const filters = await rdsFailure(t.rds.send(new DescribeEngineDefaultParametersCommand({ DBParameterGroupFamily: 'mysql8.0', Filters: [{ Name: 'x', Values: ['y'] }] })));
    assert.equal(filters.code, 'InvalidParameterValue');
  });

  test('DescribeAccountAttributes counts what the account has, against the limits openrds enforces', async () => {
    const quotas = async () =>
      Object.fromEntries(((await t.rds.send(new DescribeAccountAttributesCommand({}))).AccountQuotas ?? []).map((q) => [q.AccountQuotaName, [q.Used, q.Max]]));
    const before = await quotas();
    assert.deepEqual(before.DBParameterGroups, [0, 50], 'default groups do not count');
    assert.deepEqual(before.DBInstances, [0, 100], "one instance per port of the test service's range");
    assert.deepEqual(before.ReadReplicasPerMaster, [0, 15]);
    assert.deepEqual(before.AllocatedStorage, [0, 100000]);
    assert.deepEqual(before.ManualSnapshots, [0, 100]);
    await t.rds.send(new CreateDBParameterGroupCommand({ DBParameterGroupName: 'counted', DBParameterGroupFamily: 'mariadb10.11', Description: 'counted' }));
    assert.deepEqual((await quotas()).DBParameterGroups, [1, 50]);

    const script = `
import boto3, sys
rds = boto3.client('rds', endpoint_url=sys.argv[1], region_name='us-east-1', aws_access_key_id='test', aws_secret_access_key='test')
print(sorted(q['AccountQuotaName'] for q in rds.describe_account_attributes()['AccountQuotas']))
`;
    assert.equal(
      (await python(script, [t.service.endpoint])).trim(),
      "['AllocatedStorage', 'DBInstances', 'DBParameterGroups', 'DBSubnetGroups', 'ManualSnapshots', 'ReadReplicasPerMaster', 'SubnetsPerDBSubnetGroup']",
    );
  });

  test('DescribeEventCategories: the categories of the events openrds records, for DB instances and blue/green deployments', async () => {
    const all = (await t.rds.send(new DescribeEventCategoriesCommand({}))).EventCategoriesMapList ?? [];
    assert.deepEqual(all.map((m) => m.SourceType), ['db-instance', 'blue-green-deployment']);
    for (const category of ['availability', 'creation', 'deletion', 'failure', 'notification', 'read replica']) assert.ok(all[0]!.EventCategories!.includes(category), category);
    const instances = (await t.rds.send(new DescribeEventCategoriesCommand({ SourceType: 'db-instance' }))).EventCategoriesMapList ?? [];
    assert.deepEqual(instances, [all[0]]);
    const clusters = (await t.rds.send(new DescribeEventCategoriesCommand({ SourceType: 'db-cluster' }))).EventCategoriesMapList ?? [];
    assert.deepEqual(clusters, [], 'openrds has no DB clusters');
    const out = JSON.parse(await awsRds(t.service.endpoint, ['describe-event-categories', '--source-type', 'db-instance', '--output', 'json']));
    assert.deepEqual(out.EventCategoriesMapList, instances);
    const bad = await rdsFailure(t.rds.send(new DescribeEventCategoriesCommand({ SourceType: 'db-thing' })));
    assert.equal(bad.code, 'InvalidParameterValue');
  });

  test("DescribeDBInstances: RDS's filters, and RDS's refusal of another", async () => {
    for (const Name of ['db-cluster-id', 'domain', 'db-instance-id', 'dbi-resource-id', 'engine']) {
      const out = await t.rds.send(new DescribeDBInstancesCommand({ Filters: [{ Name, Values: ['x'] }] }));
      assert.deepEqual(out.DBInstances, [], Name);
    }
    const bad = await rdsFailure(t.rds.send(new DescribeDBInstancesCommand({ Filters: [{ Name: 'tag:env', Values: ['x'] }] })));
    assert.deepEqual([bad.code, bad.message], ['InvalidParameterValue', 'Unrecognized filter name: tag:env']);
  });
});
