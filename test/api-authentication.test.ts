/**
 * Optional authentication: with an access key configured (OPENRDS_API_ACCESS_KEY_ID and
 * OPENRDS_API_SECRET_ACCESS_KEY), every request must carry a valid SigV4 signature for it. Real
 * clients sign as they always do: the AWS SDK for JavaScript, boto3 (Debian's python3-boto3), the
 * openrds CLI. A wrong secret, an unknown key, a tampered body, a stale date, a malformed or
 * missing signature are each refused with AWS's code, and change nothing. The web console signs in
 * with the key (a session cookie) and works.
 */
import { CreateDBParameterGroupCommand, DescribeDBInstancesCommand, DescribeDBParameterGroupsCommand, RDSClient } from '@aws-sdk/client-rds';
import { Hash } from '@smithy/hash-node';
import { SignatureV4 } from '@smithy/signature-v4';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { chromium } from 'playwright-core';
import { createInstance } from './support/cluster.js';
import { startTestService, type TestService } from './support/service.js';
import { python } from '../kit/clients.js';

const run = promisify(execFile);
const KEY = 'AKIAOPENRDSTEST00001';
const SECRET = 'openrds-test-secret-key-0123456789abcdef';
const BIN = fileURLToPath(new URL('../../bin/openrds.js', import.meta.url));
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

describe('SigV4 authentication, when an access key is configured', () => {
  let t: TestService;
  let api: URL;

  const client = (accessKeyId: string, secretAccessKey: string) =>
    new RDSClient({ endpoint: t.service.endpoint, region: 'us-east-1', credentials: { accessKeyId, secretAccessKey }, maxAttempts: 1 });
  const groups = async () => ((await t.rds.send(new DescribeDBParameterGroupsCommand({}))).DBParameterGroups ?? []).map((g) => g.DBParameterGroupName);

  /** A request signed as the SDK signs it, then sent as given (possibly altered after signing). */
  async function signedPost(body: string, options: { secret?: string; date?: Date; alter?: (b: string) => string; checksum?: boolean } = {}) {
    const signer = new SignatureV4({ credentials: { accessKeyId: KEY, secretAccessKey: options.secret ?? SECRET }, region: 'us-east-1', service: 'rds', sha256: Hash.bind(null, 'sha256'), applyChecksum: options.checksum ?? true });
    const signed = await signer.sign(
      { method: 'POST', protocol: 'http:', hostname: api.hostname, port: Number(api.port), path: '/', query: {}, headers: { host: api.host, 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' }, body },
      { signingDate: options.date },
    );
    const response = await fetch(`${api.origin}/`, { method: 'POST', headers: signed.headers, body: options.alter ? options.alter(body) : body });
    return { status: response.status, text: await response.text() };
  }

  before(async () => {
    t = await startTestService({ apiAccessKeyId: KEY, apiSecretAccessKey: SECRET });
    api = new URL(t.service.endpoint);
    await createInstance(t.rds, 'authed', 'Authed-pass-1');
  });
  after(async () => {
    await t?.[Symbol.asyncDispose]();
  });

  test('the AWS SDK with the key works; with a wrong secret or an unknown key it is refused', async () => {
    assert.deepEqual((await t.rds.send(new DescribeDBInstancesCommand({}))).DBInstances?.map((i) => i.DBInstanceIdentifier), ['authed']);
    await t.rds.send(new CreateDBParameterGroupCommand({ DBParameterGroupName: 'signed', DBParameterGroupFamily: 'mariadb10.11', Description: 'made by a signed request' }));
    await assert.rejects(client(KEY, 'wrong-secret').send(new DescribeDBInstancesCommand({})), { name: 'SignatureDoesNotMatch' });
    await assert.rejects(client('AKIAUNKNOWN000000000', SECRET).send(new DescribeDBInstancesCommand({})), { name: 'InvalidClientTokenId' });
    await assert.rejects(
      client(KEY, 'wrong-secret').send(new CreateDBParameterGroupCommand({ DBParameterGroupName: 'forged', DBParameterGroupFamily: 'mariadb10.11', Description: 'x' })),
      { name: 'SignatureDoesNotMatch' },
    );
    assert.deepEqual((await groups()).filter((g) => g === 'signed' || g === 'forged'), ['signed']);
  });

  test('boto3 signs and is served; with a wrong secret it gets SignatureDoesNotMatch', async () => {
    const script = `
import boto3, botocore, sys
def rds(secret):
    return boto3.client('rds', endpoint_url=sys.argv[1], region_name='us-east-1', aws_access_key_id=sys.argv[2], aws_secret_access_key=secret)
print(','.join(i['DBInstanceIdentifier'] for i in rds(sys.argv[3]).describe_db_instances()['DBInstances']))
try:
    rds('wrong').describe_db_instances()
    print('served')
except botocore.exceptions.ClientError as e:
    print(e.response['Error']['Code'])
`;
    const stdout = await python(script, [t.service.endpoint, KEY, SECRET]);
    assert.deepEqual(stdout.trim().split('\n'), ['authed', 'SignatureDoesNotMatch']);
  });

  test('tampered, stale, malformed and missing signatures are refused with AWS codes', async () => {
    const create = (name: string) => `Action=CreateDBParameterGroup&Version=2014-10-31&DBParameterGroupName=${name}&DBParameterGroupFamily=mariadb10.11&Description=x`;
    assert.equal((await signedPost(create('by-hand'))).status, 200, 'a correct signature by hand');
    const attempts: [string, Promise<{ status: number; text: string }>, string][] = [
      ['the body changed after signing (x-amz-content-sha256 kept)', signedPost(create('tampered'), { alter: (b) => b.replace('tampered', 'tampered2') }), 'SignatureDoesNotMatch'],
      ['the body changed after signing (no content hash header)', signedPost(create('tampered'), { checksum: false, alter: (b) => b.replace('tampered', 'tampered3') }), 'SignatureDoesNotMatch'],
      ['signed 20 minutes ago', signedPost(create('stale'), { date: new Date(Date.now() - 20 * 60_000) }), 'SignatureDoesNotMatch'],
      ['no signature', fetch(`${api.origin}/`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: create('unsigned') }).then(async (r) => ({ status: r.status, text: await r.text() })), 'MissingAuthenticationToken'],
      ['a malformed Authorization', fetch(`${api.origin}/`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: 'AWS4-HMAC-SHA256 Credential=nope' }, body: create('malformed') }).then(async (r) => ({ status: r.status, text: await r.text() })), 'IncompleteSignature'],
      ['the JSON view unsigned', fetch(`${api.origin}/openrds/v1/instances`).then(async (r) => ({ status: r.status, text: await r.text() })), 'MissingAuthenticationToken'],
    ];
    for (const [what, reply, code] of attempts) {
      const { status, text } = await reply;
      assert.ok(status === 403 || status === 400, `${what}: HTTP ${status}`);
      assert.match(text, new RegExp(code), what);
    }
    const names = await groups();
    for (const name of ['tampered', 'tampered2', 'tampered3', 'stale', 'unsigned', 'malformed']) assert.ok(!names.includes(name), `${name} was not created`);
  });

  test('the openrds CLI signs with OPENRDS_API_* and is refused without', async () => {
    const env = { ...process.env, OPENRDS_ENDPOINT: t.service.endpoint };
    const { stdout } = await run(BIN, ['status'], { env: { ...env, OPENRDS_API_ACCESS_KEY_ID: KEY, OPENRDS_API_SECRET_ACCESS_KEY: SECRET } });
    assert.match(stdout, /authed/);
    await assert.rejects(run(BIN, ['status'], { env: { ...env, AWS_ACCESS_KEY_ID: 'x', AWS_SECRET_ACCESS_KEY: 'y', OPENRDS_API_ACCESS_KEY_ID: '', OPENRDS_API_SECRET_ACCESS_KEY: '' } }), /403|InvalidClientTokenId/);
  });

  test('the web console asks for the key, refuses a wrong one, then works', { timeout: 60_000 }, async () => {
    const profile = await mkdtemp(join(tmpdir(), 'openrds-chromium-'));
    const browser = await chromium.launchPersistentContext(profile, { executablePath: '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
    try {
      const page = browser.pages()[0] ?? (await browser.newPage());
      await page.goto(`${api.origin}/console/`);
      const dialog = page.getByTestId('sign-in-dialog');
      await dialog.waitFor({ timeout: 15_000 });
      await dialog.locator('input[name="accessKeyId"]').fill(KEY);
      await dialog.locator('input[name="secretAccessKey"]').fill('not-the-secret');
      await dialog.locator('button[type="submit"]').click();
      await dialog.getByText(/signature we calculated does not match/).waitFor({ timeout: 10_000 });
      await dialog.locator('input[name="secretAccessKey"]').fill(SECRET);
      await dialog.locator('button[type="submit"]').click();
      await page.locator('tr[data-instance="authed"]').waitFor({ timeout: 15_000 });
    } finally {
      await browser.close();
      await rm(profile, { recursive: true, force: true });
    }
  });
});
