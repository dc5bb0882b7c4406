/** `npm run bench`: every benchmark, one table. */
import { benchCreateInstance } from './create-instance.js';
import { figureTable } from './stats.js';

const figures = [await benchCreateInstance(Number(process.env.BENCH_RUNS ?? 15))];
console.log(figureTable(figures));
