/**
 * The operator guard's cost: one pass over `instances` idle instances, 4 at a time as the monitor
 * asks them (every check of SECURITY.md, each one query, on every instance), beside the floor of
 * the same walk with the cheapest operator round trip (SELECT 1 in the same kept session).
 *
 *   node dist/bench/guard.js [--instances 20] [--passes 15]
 */
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { pino } from 'pino';
import { OperatorGuard } from '../src/control/operator-guard.js';
import { startBenchService } from './support/bench-service.js';
import { figureTable, type Figure } from './support/stats.js';

const AT_ONCE = 4;

async function walk(ids: readonly string[], visit: (id: string) => Promise<void>): Promise<number> {
  const started = performance.now();
  for (let i = 0; i < ids.length; i += AT_ONCE) await Promise.all(ids.slice(i, i + AT_ONCE).map(visit));
  return performance.now() - started;
}

export async function benchGuard(instances: number, passes: number): Promise<Figure[]> {
  await using bench = await startBenchService('26000-26199');
  const ids = Array.from({ length: instances }, (_, i) => `guard-${i}`);
  await Promise.all(ids.map((id) => bench.create(id)));
  const { monitored } = bench.service.control;
  const operatorGuard = new OperatorGuard(monitored, bench.service.placement.engine, pino({ level: 'silent' }));
  const guard: number[] = [];
  const floor: number[] = [];
  for (let pass = 0; pass < passes; pass++) {
    // alternating, so that both see the same machine
    floor.push(await walk(ids, (id) => monitored.withOperator(id, (op) => op.ping())));
    guard.push(await walk(ids, (id) => operatorGuard.checkQuietly(id)));
  }
  return [
    {
      name: `guard pass over ${instances} idle instances (${AT_ONCE} at a time, as the monitor)`,
      samples: guard,
      floorName: 'the same walk with SELECT 1 as the operator',
      floorSamples: floor,
      goal: '≤ 100 ms per pass (the monitor runs every 1 s)',
    },
  ];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({ options: { instances: { type: 'string', default: '20' }, passes: { type: 'string', default: '15' } } });
  console.log(figureTable(await benchGuard(Number(values.instances), Number(values.passes))));
}
