import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Credentials, Placement, RunningServer } from '../src/engine/index.js';

/** A placement under the contract, with what the contract cannot do through the interface. */
export interface PlacementUnderTest extends AsyncDisposable {
  readonly placement: Placement;
  /** Ends a running server as a crash would (not through stop or kill). */
  crash(server: RunningServer): Promise<void>;
  /** The account a hot copy of a server made from the template logs in with. */
  readonly copyAccount: Credentials;
  /** What the template's `prepare` does to its server (may be nothing). */
  prepare(server: RunningServer): Promise<void>;
}

/** A port nothing uses, from `first` on. */
async function freePort(placement: Placement, first: number): Promise<number> {
  for (let port = first; ; port++) if (await placement.portIsFree(port)) return port;
}

/**
 * What every placement must do, as the control plane relies on it: one suite, run against the
 * local placement (with real servers) and the fake one.
 */
export function placementContract(name: string, make: () => Promise<PlacementUnderTest>): void {
  describe(`placement contract: ${name}`, () => {
    let under: PlacementUnderTest;
    let placement: Placement;
    const key = `contract-${process.pid}`;
    let port = 0;

    before(async () => {
      under = await make();
      placement = under.placement;
      await placement.prepareHome();
      port = await freePort(placement, 29_500 + (process.pid % 200) * 2);
    });
    after(() => under?.[Symbol.asyncDispose]());

    test('a template is built once, whatever the number of callers', async () => {
      let builds = 0;
      const prepare = async (server: RunningServer) => {
        builds += 1;
        assert.ok(server.endpoint.socketPath, 'the template server has a socket');
        await under.prepare(server);
      };
      await Promise.all([1, 2, 3].map(() => placement.ensureTemplate(key, prepare)));
      await placement.ensureTemplate(key, prepare);
      assert.equal(builds, 1);
    });

    test('provision, start at the endpoint it gives, stop: an exit asked for', async () => {
      assert.equal(await placement.exists('contract-a'), false);
      await placement.provision('contract-a', key);
      assert.equal(await placement.exists('contract-a'), true);
      assert.ok((await placement.list()).includes('contract-a'));
      const server = await placement.start('contract-a', { serverId: 11, port });
      assert.deepEqual(server.endpoint, placement.endpoint('contract-a', port));
      assert.equal(await placement.portIsFree(port), false, 'its port is in use');
      assert.ok(server.pid > 0);
      const exit = await server.stop();
      assert.equal(exit.requested, true);
    });

    test('kill is asked for; a crash is not', async () => {
      const killed = await placement.start('contract-a', { serverId: 11, port });
      assert.equal((await killed.kill()).requested, true);
      const crashed = await placement.start('contract-a', { serverId: 11, port });
      await under.crash(crashed);
      assert.equal((await crashed.exited).requested, false);
    });

    test('a hot copy of a running server starts as a server of its own', async () => {
      const source = await placement.start('contract-a', { serverId: 11, port });
      const progress: number[] = [];
      const position = await placement.copyFrom('contract-a', 'contract-b', under.copyAccount, (bytes) => progress.push(bytes));
      assert.match(position.binlogFile, /\S/);
      assert.ok(position.binlogPosition > 0);
      assert.ok(progress.length > 0 && progress.at(-1)! > 0, 'progress was reported');
      assert.equal(await placement.exists('contract-b'), true);
      const copy = await placement.start('contract-b', { serverId: 12, port: port + 1 });
      await copy.stop();
      await source.stop();
    });

    test('a snapshot of a running server restores as a server of its own; its files go with it', async () => {
      const source = await placement.start('contract-a', { serverId: 11, port });
      const progress: [number, number][] = [];
      const copy = await placement.snapshot('contract-a', 'contract-snap', under.copyAccount, (copied, total) => progress.push([copied, total]));
      await source.stop();
      assert.ok(copy.position.binlogPosition > 0 && copy.bytes > 0);
      assert.ok(progress.length > 0 && progress.at(-1)![1] > 0, 'progress was reported against a total');
      await placement.copySnapshot('contract-snap', 'contract-snap2');
      assert.deepEqual((await placement.listSnapshots()).filter((id) => id.startsWith('contract-')).sort(), ['contract-snap', 'contract-snap2']);
      await placement.destroySnapshot('contract-snap');
      await placement.restoreSnapshot('contract-snap2', 'contract-c');
      const restored = await placement.start('contract-c', { serverId: 13, port: port + 2 });
      await restored.stop();
      await placement.destroy('contract-c');
      await placement.destroySnapshot('contract-snap2');
      assert.deepEqual((await placement.listSnapshots()).filter((id) => id.startsWith('contract-')), []);
    });

    test('a start for repair, then a normal start again', async () => {
      const repair = await placement.startForRepair('contract-a', { serverId: 11, port });
      await repair.stop();
      const server = await placement.start('contract-a', { serverId: 11, port });
      await server.stop();
    });

    test('a stopped instance renamed starts under its new name, with its data; a rename done again is a no-op', async () => {
      await placement.rename('contract-b', 'contract-r');
      assert.equal(await placement.exists('contract-b'), false);
      assert.equal(await placement.exists('contract-r'), true);
      await placement.rename('contract-b', 'contract-r');
      const server = await placement.start('contract-r', { serverId: 12, port: port + 1 });
      assert.deepEqual(server.endpoint, placement.endpoint('contract-r', port + 1));
      await server.stop();
      await placement.rename('contract-r', 'contract-b');
    });

    test('destroy removes every trace; nothing is left over', async () => {
      for (const id of ['contract-a', 'contract-b']) {
        await placement.destroy(id);
        assert.equal(await placement.exists(id), false);
        assert.equal(await placement.stopLeftover(id), false);
      }
      assert.deepEqual((await placement.list()).filter((id) => id.startsWith('contract-')), []);
    });
  });
}
