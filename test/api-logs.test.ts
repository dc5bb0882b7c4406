/**
 * The instance's logs through the RDS API, as RDS users read them: DescribeDBLogFiles and
 * DownloadDBLogFilePortion with the AWS SDK and with the AWS CLI's paging.
 */
import {
  CreateDBParameterGroupCommand,
  DescribeDBLogFilesCommand,
  DownloadDBLogFilePortionCommand,
  ModifyDBParameterGroupCommand,
  type DBInstance,
} from '@aws-sdk/client-rds';
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createInstance } from './support/cluster.js';
import { connectTo, startTestService, type TestService } from './support/service.js';
import { awsRds } from '../kit/clients.js';
import { eventually } from '../kit/poll.js';

const PASSWORD = 'Logs-pass-1';

describe('logs through the API', () => {
  let t: TestService;
  let instance: DBInstance;

  before(async () => {
    t = await startTestService();
    await t.rds.send(new CreateDBParameterGroupCommand({ DBParameterGroupName: 'slow', DBParameterGroupFamily: 'mariadb10.11', Description: 'slow log' }));
    await t.rds.send(
      new ModifyDBParameterGroupCommand({
        DBParameterGroupName: 'slow',
        Parameters: [
          { ParameterName: 'slow_query_log', ParameterValue: '1', ApplyMethod: 'immediate' },
          { ParameterName: 'long_query_time', ParameterValue: '0', ApplyMethod: 'immediate' },
        ],
      }),
    );
    instance = await createInstance(t.rds, 'logs1', PASSWORD, { DBParameterGroupName: 'slow' });
  });
  after(() => t?.[Symbol.asyncDispose]());

  test('DescribeDBLogFiles lists the error log and, once a slow query ran, the slow query log', async () => {
    await using admin = await connectTo(instance, 'admin', PASSWORD);
    await admin.query('SELECT SLEEP(0.01) AS marker_of_the_slow_log');
    await eventually('the slow query log to be listed', async () => {
      const out = await t.rds.send(new DescribeDBLogFilesCommand({ DBInstanceIdentifier: 'logs1' }));
      return (out.DescribeDBLogFiles ?? []).some((f) => f.LogFileName === 'slowquery/mysql-slowquery.log' && f.Size! > 0);
    });
    const out = await t.rds.send(new DescribeDBLogFilesCommand({ DBInstanceIdentifier: 'logs1' }));
    const error = out.DescribeDBLogFiles!.find((f) => f.LogFileName === 'error/mysql-error.log');
    assert.ok(error && error.Size! > 0, 'the error log, with its size');
    assert.ok(Math.abs(Date.now() - error.LastWritten!) < 10 * 60_000, 'LastWritten is a POSIX time in ms');
    const filtered = await t.rds.send(new DescribeDBLogFilesCommand({ DBInstanceIdentifier: 'logs1', FilenameContains: 'slow' }));
    assert.deepEqual(filtered.DescribeDBLogFiles!.map((f) => f.LogFileName), ['slowquery/mysql-slowquery.log']);
    const big = await t.rds.send(new DescribeDBLogFilesCommand({ DBInstanceIdentifier: 'logs1', FileSize: 10_000_000 }));
    assert.deepEqual(big.DescribeDBLogFiles ?? [], []);
  });

  test('DownloadDBLogFilePortion: the most recent lines, and page by page from the start', async () => {
    const tail = await t.rds.send(new DownloadDBLogFilePortionCommand({ DBInstanceIdentifier: 'logs1', LogFileName: 'error/mysql-error.log', NumberOfLines: 2 }));
    assert.equal(tail.LogFileData!.trimEnd().split('\n').length, 2);
    assert.equal(tail.AdditionalDataPending, false);
    let whole = '';
    let pages = 0;
    for (let marker = '0'; ; pages++) {
      const out = await t.rds.send(
        new DownloadDBLogFilePortionCommand({ DBInstanceIdentifier: 'logs1', LogFileName: 'error/mysql-error.log', Marker: marker, NumberOfLines: 5 }),
      );
      whole += out.LogFileData ?? '';
      if (!out.AdditionalDataPending) break;
      marker = out.Marker!;
    }
    assert.ok(pages >= 2, `${pages} pages of 5 lines`);
    assert.match(whole, /ready for connections/);
    assert.ok(whole.endsWith(tail.LogFileData!), 'the pages end with the most recent lines');
    const slow = await t.rds.send(new DownloadDBLogFilePortionCommand({ DBInstanceIdentifier: 'logs1', LogFileName: 'slowquery/mysql-slowquery.log', Marker: '0' }));
    assert.match(slow.LogFileData!, /marker_of_the_slow_log/);
  });

  test('the AWS CLI pages through it with --starting-token 0', async () => {
    const stdout = await awsRds(t.service.endpoint, [
      'download-db-log-file-portion', '--db-instance-identifier', 'logs1', '--log-file-name', 'error/mysql-error.log', '--starting-token', '0', '--output', 'text',
    ]);
    assert.match(stdout, /ready for connections/);
  });

  test('unknown files and instances get RDS’s errors; Filters is refused', async () => {
    await assert.rejects(
      t.rds.send(new DownloadDBLogFilePortionCommand({ DBInstanceIdentifier: 'logs1', LogFileName: 'error/../../state/state.db' })),
      (e: Error) => e.name === 'DBLogFileNotFoundFault' && /DBLog File: error\/\.\.\/\.\.\/state\/state\.db, is not found on the DB instance/.test(e.message),
    );
    await assert.rejects(t.rds.send(new DescribeDBLogFilesCommand({ DBInstanceIdentifier: 'nope' })), (e: Error) => e.name === 'DBInstanceNotFoundFault');
    await assert.rejects(
      t.rds.send(new DownloadDBLogFilePortionCommand({ DBInstanceIdentifier: 'logs1', LogFileName: 'error/mysql-error.log', Marker: 'not-a-marker' })),
      (e: Error) => e.name === 'InvalidParameterValue',
    );
    await assert.rejects(
      t.rds.send(new DescribeDBLogFilesCommand({ DBInstanceIdentifier: 'logs1', Filters: [{ Name: 'x', Values: ['y'] }] })),
      (e: Error) => e.name === 'InvalidParameterValue',
    );
  });
});
