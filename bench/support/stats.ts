/** Small statistics for benchmark tables: medians and percentiles, in milliseconds. */
export function percentile(samples: readonly number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index]!;
}

/** The middle sample; with an even count, the mean of the two middle ones (never the better one alone). */
export function median(samples: readonly number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export interface Figure {
  readonly name: string;
  readonly samples: readonly number[];
  readonly floorName: string;
  readonly floorSamples: readonly number[];
  readonly goal: string;
  /** `ms` unless said otherwise (e.g. `MB`). */
  readonly unit?: string;
}

export function figureTable(figures: readonly Figure[]): string {
  const header = '| figure | unit | median | p95 | n | floor | floor median | ratio | goal |\n| --- | --- | ---: | ---: | ---: | --- | ---: | ---: | --- |';
  const rows = figures.map((f) => {
    const m = median(f.samples);
    const hasFloor = f.floorSamples.length > 0;
    const fm = hasFloor ? median(f.floorSamples) : NaN;
    const cells = [
      f.name,
      f.unit ?? 'ms',
      m.toFixed(1),
      percentile(f.samples, 95).toFixed(1),
      String(f.samples.length),
      f.floorName,
      hasFloor ? fm.toFixed(1) : '—',
      hasFloor ? `${(m / fm).toFixed(2)}×` : '—',
      f.goal,
    ];
    return `| ${cells.join(' | ')} |`;
  });
  return [header, ...rows].join('\n');
}
