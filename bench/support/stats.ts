/** Small statistics for benchmark tables: medians and percentiles, in milliseconds. */
export function percentile(samples: readonly number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index]!;
}

export const median = (samples: readonly number[]) => percentile(samples, 50);

export interface Figure {
  readonly name: string;
  readonly samples: readonly number[];
  readonly floorName: string;
  readonly floorSamples: readonly number[];
  readonly goal: string;
}

export function figureTable(figures: readonly Figure[]): string {
  const header = '| figure | median ms | p95 ms | floor | floor median ms | ratio | goal |\n| --- | ---: | ---: | --- | ---: | ---: | --- |';
  const rows = figures.map((f) => {
    const m = median(f.samples);
    const fm = median(f.floorSamples);
    return `| ${f.name} | ${m.toFixed(1)} | ${percentile(f.samples, 95).toFixed(1)} | ${f.floorName} | ${fm.toFixed(1)} | ${(m / fm).toFixed(2)}× | ${f.goal} |`;
  });
  return [header, ...rows].join('\n');
}
