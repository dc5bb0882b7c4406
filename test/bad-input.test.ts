/**
 * Bad input everywhere: every rds procedure parameter and every API action gets injection
 * strings, very long values, NULLs, wrong types and unicode. Each gets a clear error (an RDS
 * message or MariaDB's own, an AWS error code), the service keeps serving and nothing is half-done.
 * The API part is property-based (fast-check); OPENRDS_LONG=1 runs many more cases.
 */
import { DescribeBlueGreenDeploymentsCommand, DescribeDBInstancesCommand, ListTagsForResourceCommand, type DBInstance } from '@aws-sdk/client-rds';
import fc from 'fast-check';
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Connection, RowDataPacket } from 'mysql2/promise';
import { readFileSync } from 'node:fs';
import { ACTIONS } from '../src/api/actions/index.js';
import { createInstance, LONG, recordFigure, rows } from './support/cluster.js';
import { connectTo, startTestService, type TestService } from './support/service.js';

/** RDS's API model (the AWS CLI's copy, as test/api-model.test.ts reads it). */
const MODEL = JSON.parse(readFileSync('/usr/lib/python3/dist-packages/botocore/data/rds/2014-10-31/service-2.json', 'utf8')) as {
  readonly operations: Record<string, { readonly errors?: readonly { readonly shape: string }[] }>;
  readonly shapes: Record<string, { readonly error?: { readonly code?: string } }>;
};

const PASSWORD = 'Input-pass1';

/** Values no parameter should take as anything but data. */
const HOSTILE: readonly (string | number | null)[] = [
  null,
  '',
  ' ',
  "x', MASTER_HOST='evil",
  "'; DROP TABLE app.canary; --",
  "\\'; DROP TABLE app.canary; #",
  '`; DROP TABLE app.canary; `',
  "1; DROP TABLE app.canary",
  "1 OR 1=1",
  "pw\nMASTER_HOST='evil'",
  '\u0000',
  '😀🙂\u202eevil',
  'Ä̈ñ漢字',
  '\uFEFFbinlog.000001',
  '../../../../etc/passwd',
  '%',
  '_',
  'x'.repeat(256),
  'y'.repeat(70_000),
  -1,
  0,
  2 ** 31,
  2 ** 64,
  -(2 ** 63),
  1e308,
  '1e309',
  'NaN',
  '0x41',
  '3306abc',
];

/**
 * The public procedures of RDS for MariaDB (the instance here) and a valid-looking argument list for
 * each (every position gets each HOSTILE value); the MySQL versions' own are in procedures-family.
 */
const PROCEDURES: readonly [string, (string | number | null)[]][] = [
  ['rds_set_external_master', ['10.250.9.9', 3306, 'repl', 'Repl-pass1', 'binlog.000001', 4, 0]],
  ['rds_set_external_master_with_delay', ['10.250.9.9', 3306, 'repl', 'Repl-pass1', 'binlog.000001', 4, 0, 10]],
  ['rds_set_external_master_gtid', ['10.250.9.9', 3306, 'repl', 'Repl-pass1', '0-1-1', 0]],
  ['rds_set_source_delay', [10]],
  ['rds_next_master_log', ['binlog.000001']],
  ['rds_start_replication_until', ['binlog.000001', 4]],
  ['rds_set_configuration', ['binlog retention hours', 24]],
  ['rds_kill', [999999]],
  ['rds_kill_query', [999999]],
  ['rds_kill_query_id', [999999]],
];

/** Errors a bad argument may legitimately get: the procedures' SIGNALs and MariaDB's type checks. */
const ARGUMENT_ERRNOS = new Set([1644, 1264, 1265, 1292, 1366, 1406, 1094, 1095, 1210, 1048, 1318, 1367, 1300, 1690, 1411, 1582, 1108, 1441, 1941, 1957]);

describe('bad input everywhere', () => {
  let t: TestService;
  let instance: DBInstance;
  let admin: Connection & AsyncDisposable;
  const figures = { procedureCalls: 0, procedureErrors: 0, apiRequests: 0, apiErrors: 0, codes: new Map<string, number>() };

  before(async () => {
    t = await startTestService();
    instance = await createInstance(t.rds, 'bi', PASSWORD);
    admin = await connectTo(instance, 'admin', PASSWORD);
    await admin.query('CREATE TABLE app.canary (id INT PRIMARY KEY)');
    await admin.query('INSERT INTO app.canary VALUES (1), (2), (3)');
  });
  after(async () => {
    await recordFigure({ suite: 'bad-input', ...figures, codes: Object.fromEntries(figures.codes) });
    admin?.destroy();
    await t?.[Symbol.asyncDispose]();
  });

  /** Nothing took effect that should not have: the canary is whole, no replication to anywhere, no new grant. */
  async function intact(grants: string): Promise<void> {
    const [canary] = await rows<{ n: number }>(admin, 'SELECT COUNT(*) AS n FROM app.canary');
    assert.equal(Number(canary?.n), 3, 'app.canary is intact');
    const [status] = await admin.query<RowDataPacket[]>('SHOW SLAVE STATUS');
    for (const row of status) {
      assert.notEqual(row.Slave_IO_Running, 'Yes', 'no replication was started');
      assert.doesNotMatch(String(row.Master_Host), /evil/);
    }
    assert.equal(await grantsOf(admin), grants, 'the master user holds what it held');
  }

  test('every procedure parameter: injection, long, NULL, wrong types, unicode', async () => {
    const grants = await grantsOf(admin);
    const unclear: string[] = [];
    for (const [procedure, base] of PROCEDURES) {
      for (let i = 0; i < base.length; i++) {
        for (const value of HOSTILE) {
          const args = [...base];
          args[i] = value;
          figures.procedureCalls += 1;
          const sql = `CALL mysql.${procedure}(${args.map(() => '?').join(', ')})`;
          const outcome: 'ok' | { errno: number; message: string } = await admin.query(sql, args).then(
            () => 'ok' as const,
            (error: { errno: number; message: string }) => error,
          );
          if (typeof outcome !== 'string') {
            figures.procedureErrors += 1;
            if (!ARGUMENT_ERRNOS.has(outcome.errno) || outcome.message.length === 0) {
              unclear.push(`${procedure} arg ${i} = ${JSON.stringify(value)?.slice(0, 60)}: errno ${outcome.errno} ${outcome.message}`);
            }
          }
          // A configuration that was accepted as data is undone before the next case.
          if (outcome === 'ok' && procedure.startsWith('rds_set_external_master')) {
            await admin.query('CALL mysql.rds_reset_external_master()');
          }
          if (outcome === 'ok' && procedure === 'rds_set_configuration') {
            await admin.query("CALL mysql.rds_set_configuration('binlog retention hours', NULL)");
          }
        }
        await intact(grants);
      }
    }
    // The whole statement as a hostile string: it is one CALL or a syntax error, never two statements.
    for (const sql of [
      'CALL mysql.rds_kill(1); DROP TABLE app.canary',
      "CALL mysql.rds_set_configuration('binlog retention hours', 1); DROP TABLE app.canary",
      'CALL mysql.rds_kill(1 OR 1=1)',
      'CALL mysql.rds_stop_replication(1)',
      'CALL mysql.rds_set_external_master()',
    ]) {
      figures.procedureCalls += 1;
      figures.procedureErrors += 1;
      await assert.rejects(admin.query(sql), (e: { errno: number }) => [1064, 1318, 1094, 1644].includes(e.errno));
    }
    await intact(grants);
    assert.deepEqual(unclear, [], 'every refusal is a known, clear error');
  });

  // ── the API ────────────────────────────────────────────────────────────────────────────────

  /** The codes any action may answer with (the protocol's and the common validation errors)... */
  const codes = new Set([
    'MissingParameter',
    'InvalidParameterValue',
    'InvalidParameterCombination',
    'InvalidAction',
    'DBInstanceNotFound',
    'DBInstanceNotFoundFault',
    'DBParameterGroupNotFound',
    'InvalidDBInstanceState',
    'InvalidDBParameterGroupState',
    'DBInstanceAlreadyExists',
    'DBParameterGroupAlreadyExists',
    'InstanceQuotaExceeded',
    'ValidationError',
    'MalformedQueryString',
    'AccessDenied',
  ]);
  /** ...and those RDS's API model declares for the action. */
  const declared = (action: string): Set<string> => {
    const operation = MODEL.operations[action];
    return new Set((operation?.errors ?? []).map((e) => MODEL.shapes[e.shape]?.error?.code ?? e.shape));
  };

  async function post(body: string | Buffer, contentType = 'application/x-www-form-urlencoded'): Promise<{ status: number; text: string }> {
    const response = await fetch(t.service.endpoint, { method: 'POST', headers: { 'content-type': contentType }, body });
    return { status: response.status, text: await response.text() };
  }

  function form(params: Record<string, string>): string {
    return new URLSearchParams(params).toString();
  }

  /** The instance list (ids and statuses) and the parameter groups, to see that nothing changed. */
  async function snapshot(): Promise<string> {
    const instances = (await t.rds.send(new DescribeDBInstancesCommand({}))).DBInstances ?? [];
    return JSON.stringify(instances.map((i) => [i.DBInstanceIdentifier, i.DBInstanceStatus]));
  }

  function checkError(what: string, reply: { status: number; text: string }, action?: string): void {
    figures.apiRequests += 1;
    if (reply.status === 200) return;
    figures.apiErrors += 1;
    assert.ok(reply.status >= 400 && reply.status < 500, `${what}: HTTP ${reply.status} ${reply.text.slice(0, 300)}`);
    const code = /<Code>([^<]+)<\/Code>/.exec(reply.text)?.[1];
    if (reply.status === 413 || reply.status === 415 || reply.status === 400 && !code) {
      // the framework refused the body itself (too large, unsupported, unparsable): still a clean 4xx
      figures.codes.set(`HTTP ${reply.status}`, (figures.codes.get(`HTTP ${reply.status}`) ?? 0) + 1);
      return;
    }
    assert.ok(code && (codes.has(code) || (action !== undefined && declared(action).has(code))), `${what}: code ${code} in ${reply.text.slice(0, 300)}`);
    assert.match(reply.text, /<Message>[^<]+<\/Message>/, `${what}: a message`);
    figures.codes.set(code, (figures.codes.get(code) ?? 0) + 1);
  }

  test('malformed requests: no action, unknown action, bad encodings, huge bodies', async () => {
    const before = await snapshot();
    for (const [what, body, type] of [
      ['empty', '', undefined],
      ['no action', form({ Version: '2014-10-31' }), undefined],
      ['unknown action', form({ Action: 'DropEverything' }), undefined],
      ['action injection', form({ Action: "DescribeDBInstances'; --" }), undefined],
      ['bad version', form({ Action: 'DescribeDBInstances', Version: '1999-01-01' }), undefined],
      ['bad percent-encoding', 'Action=DescribeDBInstances&DBInstanceIdentifier=%zz%', undefined],
      ['duplicate parameters', 'Action=DeleteDBInstance&DBInstanceIdentifier=bi&DBInstanceIdentifier=nope&SkipFinalSnapshot=true', undefined],
      ['json body', JSON.stringify({ Action: 'DeleteDBInstance', DBInstanceIdentifier: 'bi' }), 'application/json'],
      ['xml body', '<Action>DeleteDBInstance</Action>', 'text/xml'],
      ['2 MB body', form({ Action: 'DescribeDBInstances', DBInstanceIdentifier: 'z'.repeat(2_000_000) }), undefined],
      ['binary body', Buffer.from([0, 255, 254, 1, 2, 3]), 'application/octet-stream'],
      ['deep list', form(Object.fromEntries(Array.from({ length: 2000 }, (_, i) => [`Tags.member.${i}.Key`, 'k']))) + '&Action=CreateDBInstance', undefined],
      ['unknown parameter', form({ Action: 'DescribeDBInstances', DBInstanceIdentifer: 'bi' }), undefined],
    ] as const) {
      const reply = await post(body, type);
      if (what === 'duplicate parameters') {
        // the last value counts (nope): DBInstanceNotFound, and bi stays
        assert.notEqual(reply.status, 200, what);
      }
      checkError(what, reply);
      assert.notEqual(reply.status, 200, `${what} must be refused`);
    }
    assert.equal(await snapshot(), before, 'nothing changed');
  });

  test('a parameter the action does not know is refused, not ignored: a misspelling, or one a newer SDK may send', async () => {
    const misspelt = await post(form({ Action: 'DescribeDBInstances', DBInstanceIdentifer: 'nope' }));
    assert.equal(misspelt.status, 400);
    assert.match(misspelt.text, /<Code>InvalidParameterValue<\/Code>/);
    assert.match(misspelt.text, /The parameter DBInstanceIdentifer is not recognized by DescribeDBInstances\./);
    // As a newer SDK would send one (the pinned SDK's are all known: test/api-model.test.ts), beside valid ones.
    const newer = await post(form({ Action: 'CreateBlueGreenDeployment', BlueGreenDeploymentName: 'bg', Source: instance.DBInstanceArn!, TargetDBInstanceCount: '2' }));
    assert.equal(newer.status, 400);
    assert.match(newer.text, /<Code>InvalidParameterValue<\/Code>/);
    assert.match(newer.text, /The parameter TargetDBInstanceCount is not recognized by CreateBlueGreenDeployment\./);
    const { BlueGreenDeployments } = await t.rds.send(new DescribeBlueGreenDeploymentsCommand({}));
    assert.deepEqual(BlueGreenDeployments ?? [], [], 'nothing was created');
  });

  test("a list entry's member that RDS's model does not name is refused; the model's own are taken", async () => {
    const tag = await post(form({ Action: 'AddTagsToResource', ResourceName: instance.DBInstanceArn!, 'Tags.member.1.Key': 'k', 'Tags.member.1.Colour': 'red' }));
    assert.equal(tag.status, 400);
    assert.match(tag.text, /<Message>The parameter Colour of Tags entry 1 is not recognized by AddTagsToResource\.<\/Message>/);
    const filter = await post(form({ Action: 'DescribeDBInstances', 'Filters.member.1.Name': 'db-instance-id', 'Filters.member.1.Values.member.1': 'bi', 'Filters.member.1.Value': 'bi' }));
    assert.match(filter.text, /<Message>The parameter Value of Filters entry 1 is not recognized by DescribeDBInstances\.<\/Message>/);
    // a parameter as DescribeDBParameters shows it, sent back whole (boto3 users do): RDS reads its name, value and method
    const described = await post(
      form({
        Action: 'ModifyDBParameterGroup',
        DBParameterGroupName: 'no-such-group',
        'Parameters.member.1.ParameterName': 'max_connections',
        'Parameters.member.1.ParameterValue': '50',
        'Parameters.member.1.ApplyMethod': 'immediate',
        'Parameters.member.1.Description': 'The number of simultaneous client connections allowed.',
        'Parameters.member.1.Source': 'user',
        'Parameters.member.1.IsModifiable': 'true',
      }),
    );
    assert.match(described.text, /<Code>DBParameterGroupNotFound<\/Code>/, 'past the parameters: the group is what is missing');
    const tags = (await t.rds.send(new ListTagsForResourceCommand({ ResourceName: instance.DBInstanceArn! }))).TagList ?? [];
    assert.ok(!tags.some((x) => x.Key === 'k'), 'the refused request tagged nothing');
  });

  test('every action, property-based: missing, malformed, oversized and hostile parameters', async () => {
    const before = await snapshot();
    const hostileString = fc.oneof(
      fc.constantFrom(...HOSTILE.map((v) => (v === null ? 'null' : String(v)))),
      fc.string({ maxLength: 80 }),
      fc.string({ unit: 'grapheme', maxLength: 40 }),
      fc.string({ unit: 'binary', maxLength: 40 }),
      fc.integer().map(String),
      fc.double().map(String),
      fc.constant('x'.repeat(5000)),
    );
    const actions = [...ACTIONS.values()];
    let batch = 0;
    // Requests that reached the action's schema: a parameter it does not know is refused before it.
    let reached = 0;
    const runs = LONG ? 3000 : 300;
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...actions),
        fc.array(hostileString, { minLength: 1, maxLength: 4 }),
        // now and then a parameter no action has, beside the action's own
        fc.oneof(
          { weight: 7, arbitrary: fc.constant([] as [string, string][]) },
          { weight: 1, arbitrary: fc.array(fc.tuple(fc.string({ maxLength: 30 }), hostileString), { minLength: 1, maxLength: 3 }) },
        ),
        fc.nat(),
        async (action, values, unknown, seed) => {
          const params: Record<string, string> = { Action: action.name };
          // some of the action's own parameters, each with a hostile value; the rest missing
          Object.keys(action.input.shape).forEach((key, i) => {
            if ((seed >> (i % 30)) & 1) params[key] = values[i % values.length]!;
          });
          for (const [k, v] of unknown) params[k || 'empty'] = v;
          // never a request that could succeed in changing something: the targets do not exist or are hostile
          if (/^(Delete|Modify|Reboot|Stop|Start|Promote)/.test(action.name) && params.DBInstanceIdentifier === 'bi') params.DBInstanceIdentifier = 'bi; --';
          const reply = await post(form(params));
          checkError(`${action.name} ${JSON.stringify(params).slice(0, 200)}`, reply, action.name);
          if (!/ is not recognized by /.test(reply.text)) reached += 1;
          if (reply.status === 200) {
            assert.match(action.name, /^Describe/, `${action.name} must not succeed with ${JSON.stringify(params).slice(0, 300)}`);
          }
          batch += 1;
          if (batch % 25 === 0) assert.equal(await snapshot(), before, 'the service serves and nothing changed');
        },
      ),
      { numRuns: runs, seed: Number(process.env.OPENRDS_FC_SEED ?? 4242) },
    );
    assert.ok(reached >= runs * 0.7, `only ${reached} of ${runs} requests reached an action's schema`);
    assert.equal(await snapshot(), before, 'nothing changed');
    await admin.query('SELECT 1');
  });
});

async function grantsOf(conn: Connection): Promise<string> {
  const [grants] = await conn.query<RowDataPacket[]>('SHOW GRANTS');
  return grants.map((g) => String(Object.values(g)[0])).sort().join('\n');
}
