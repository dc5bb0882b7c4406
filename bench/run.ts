/** `npm run bench`: every benchmark, one table. Sizes: BENCH_RUNS, BENCH_REPLICA_MB. */
import { benchCreateInstance } from './create-instance.js';
import { benchReadReplica } from './read-replica.js';
import { figureTable } from './support/stats.js';

const figures = [
  await benchCreateInstance(Number(process.env.BENCH_RUNS ?? 15)),
  await benchReadReplica(Number(process.env.BENCH_REPLICA_RUNS ?? 3), Number(process.env.BENCH_REPLICA_MB ?? 200)),
];
console.log(figureTable(figures));
