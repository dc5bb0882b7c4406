/** The placement contract against the local placement: real mariadbd processes on a scratch state directory. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { placementContract } from '../kit/placement-contract.js';
import { createLocalMariaDB } from '../src/engine/index.js';

placementContract('local', async () => {
  const home = await mkdtemp(join(tmpdir(), 'openrds-contract-'));
  const placement = await createLocalMariaDB(home);
  return {
    placement,
    crash: async (server) => void process.kill(server.pid, 'SIGKILL'),
    // A template without the personality keeps the bootstrap account: the copy logs in with it.
    copyAccount: placement.engine.bootstrapAccount,
    prepare: async () => undefined,
    async [Symbol.asyncDispose]() {
      for (const id of await placement.list()) await placement.destroy(id);
      await rm(home, { recursive: true, force: true });
    },
  };
});
