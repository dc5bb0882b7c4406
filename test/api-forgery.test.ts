/**
 * What a web page can make a developer's browser send to the API, tried the way a page would try
 * it: an <img> whose URL deletes an instance, a cross-site form POST, a no-cors fetch with a
 * text/plain body, and a DNS-rebinding page that reads DescribeDBInstances through a name that
 * resolves to 127.0.0.1. Each is refused (403 AccessDenied) and the instance stays; the AWS SDK and
 * the web console keep working. Debian's Chromium runs the pages; the same checks are also made
 * with exact headers over plain HTTP.
 */
import { DescribeDBInstancesCommand } from '@aws-sdk/client-rds';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { chromium, type BrowserContext } from 'playwright-core';
import { createInstance } from './support/cluster.js';
import { startTestService, type TestService } from './support/service.js';
import { describeOne } from '../kit/api.js';

const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const DELETE_PROD = 'Action=DeleteDBInstance&Version=2014-10-31&DBInstanceIdentifier=prod&SkipFinalSnapshot=true';

/** A raw HTTP exchange with exactly these headers (fetch will not send a foreign Host). */
function raw(url: string, options: { method?: string; headers?: Record<string, string>; body?: string }): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method: options.method ?? 'GET', headers: options.headers }, (res) => {
      let text = '';
      res.setEncoding('utf8').on('data', (chunk: string) => (text += chunk)).on('end', () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

describe('the API refuses what a web page can forge', () => {
  let t: TestService;
  let api: URL;
  let attacker: Server;
  let attackerOrigin: string;
  let browser: BrowserContext;
  let profile: string;
  /** What the attacker's page server was asked for (the pages report their results here). */
  const reports: string[] = [];

  const prodStillThere = async (what: string) => {
    const prod = await describeOne(t.rds, 'prod');
    assert.equal(prod.DBInstanceStatus, 'available', `${what}: prod is untouched`);
  };

  before(async () => {
    t = await startTestService();
    api = new URL(t.service.endpoint);
    await createInstance(t.rds, 'prod', 'Prod-pass-1');
    // The attacker's site: another address on loopback, so another site for the browser.
    attacker = createServer((req, res) => {
      if (req.url?.startsWith('/report')) {
        reports.push(decodeURIComponent(req.url.slice('/report?'.length)));
        res.end();
        return;
      }
      res.setHeader('content-type', 'text/html');
      res.end(PAGES[req.url ?? '/']?.(api.origin) ?? 'not found');
    });
    await new Promise<void>((resolve) => attacker.listen(0, '127.0.0.2', resolve));
    attackerOrigin = `http://127.0.0.2:${(attacker.address() as AddressInfo).port}`;
    profile = await mkdtemp(join(tmpdir(), 'openrds-chromium-'));
    browser = await chromium.launchPersistentContext(profile, {
      executablePath: '/usr/bin/chromium',
      headless: true,
      // DNS rebinding, simulated: rebind.test resolves to the API's own address.
      args: [...CHROMIUM_ARGS, '--host-resolver-rules=MAP rebind.test 127.0.0.1'],
    });
  });
  after(async () => {
    await browser?.close();
    await rm(profile, { recursive: true, force: true }).catch(() => undefined);
    attacker?.close();
    await t?.[Symbol.asyncDispose]();
  });

  test('a page on another site: <img> GET, form POST and text/plain fetch change nothing', async () => {
    const page = await browser.newPage();
    for (const name of ['/img', '/form', '/fetch-text']) {
      await page.goto(attackerOrigin + name);
      await page.waitForLoadState('load');
      await page.waitForTimeout(300);
      await prodStillThere(name);
    }
    // the fetch page could not read any reply either (no CORS), and said so
    assert.ok(reports.some((r) => r.startsWith('fetch-text:')), `the fetch page ran: ${reports.join(', ')}`);
    assert.ok(!reports.some((r) => r.includes('<DeleteDBInstanceResult')), 'no reply was readable');
    await page.close();
  });

  test('DNS rebinding: a page served under another name reads nothing', async () => {
    const page = await browser.newPage();
    // The page itself is the API's own "/" under a foreign name: refused before anything is served.
    const response = await page.goto(`http://rebind.test:${api.port}/?Action=DescribeDBInstances`);
    assert.equal(response?.status(), 403);
    assert.match(await page.content(), /AccessDenied/);
    assert.doesNotMatch(await page.content(), /prod/);
    const console = await page.goto(`http://rebind.test:${api.port}/openrds/v1/instances`);
    assert.equal(console?.status(), 403, 'the console JSON is refused too');
    await page.close();
    await prodStillThere('rebinding');
  });

  test('exact headers: foreign Host, cross-site Origin and Sec-Fetch-Site, GET actions, other body types', async () => {
    const form = { 'content-type': 'application/x-www-form-urlencoded' };
    const attempts: [string, Parameters<typeof raw>[1]][] = [
      ['GET with a state-changing action', { headers: {}, method: 'GET' }],
      ['POST from another origin', { method: 'POST', headers: { ...form, origin: 'http://evil.example' }, body: DELETE_PROD }],
      ['POST with an opaque origin (sandboxed frame)', { method: 'POST', headers: { ...form, origin: 'null' }, body: DELETE_PROD }],
      ['POST marked cross-site', { method: 'POST', headers: { ...form, 'sec-fetch-site': 'cross-site' }, body: DELETE_PROD }],
      ['POST marked same-site (another port)', { method: 'POST', headers: { ...form, 'sec-fetch-site': 'same-site' }, body: DELETE_PROD }],
      ['POST with a foreign Host', { method: 'POST', headers: { ...form, host: 'rebind.test:' + api.port }, body: DELETE_PROD }],
      ['POST text/plain', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: DELETE_PROD }],
      ['POST multipart', { method: 'POST', headers: { 'content-type': 'multipart/form-data; boundary=x' }, body: DELETE_PROD }],
      ['POST without a content type', { method: 'POST', headers: {}, body: DELETE_PROD }],
    ];
    for (const [what, options] of attempts) {
      const url = options.method === 'GET' ? `${api.origin}/?${DELETE_PROD}` : `${api.origin}/`;
      const reply = await raw(url, options);
      assert.equal(reply.status, 403, `${what}: ${reply.text.slice(0, 200)}`);
      assert.match(reply.text, /<Code>AccessDenied<\/Code>/, what);
      assert.match(reply.text, /<Message>[^<]{20,}<\/Message>/, `${what}: says why`);
      await prodStillThere(what);
    }
    // What clients send is still served: a same-origin POST, a signed-less read over GET, the SDK.
    const same = await raw(`${api.origin}/`, { method: 'POST', headers: { ...form, origin: api.origin, 'sec-fetch-site': 'same-origin' }, body: 'Action=DescribeDBInstances&Version=2014-10-31' });
    assert.equal(same.status, 200, same.text.slice(0, 200));
    const read = await raw(`${api.origin}/?Action=DescribeDBInstances&Version=2014-10-31`, { headers: { host: `localhost:${api.port}` } });
    assert.equal(read.status, 200, read.text.slice(0, 200));
    const out = await t.rds.send(new DescribeDBInstancesCommand({}));
    assert.deepEqual(out.DBInstances?.map((i) => i.DBInstanceIdentifier), ['prod']);
  });
});

/** The attacker's pages, given the API's origin. */
const PAGES: Record<string, (apiOrigin: string) => string> = {
  '/img': (apiOrigin) => `<!doctype html><img src="${apiOrigin}/?${DELETE_PROD}">`,
  '/form': (apiOrigin) =>
    `<!doctype html><form id="f" method="POST" action="${apiOrigin}/">` +
    DELETE_PROD.split('&').map((pair) => { const [k, v] = pair.split('='); return `<input type="hidden" name="${k}" value="${v}">`; }).join('') +
    `</form><script>document.getElementById('f').submit()</script>`,
  '/fetch-text': (apiOrigin) =>
    `<!doctype html><script>
      fetch(${JSON.stringify(apiOrigin + '/')}, { method: 'POST', mode: 'no-cors', headers: { 'content-type': 'text/plain' }, body: ${JSON.stringify(DELETE_PROD)} })
        .then((r) => r.text()).then((text) => fetch('/report?' + encodeURIComponent('fetch-text:' + text)), (e) => fetch('/report?' + encodeURIComponent('fetch-text:' + e)));
    </script>`,
};
