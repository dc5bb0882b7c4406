/** The placement contract against the fake placement (test/placement-contract.test.ts: the local one). */
import { FakePlacement } from '../../kit/fake-placement.js';
import { placementContract } from '../../kit/placement-contract.js';

placementContract('fake', async () => {
  const placement = new FakePlacement();
  return {
    placement,
    crash: async (server) => void (await placement.crash(server.instanceId)),
    copyAccount: { user: 'backup', password: 'x' },
    prepare: async () => undefined,
    [Symbol.asyncDispose]: async () => undefined,
  };
});
