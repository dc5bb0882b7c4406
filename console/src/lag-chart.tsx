import type { LagSample } from './api';
import { formatTime } from './format';

// Drawn at about its own size in the details panel, so that its text stays readable.
const W = 400;
const H = 160;
const M = { top: 10, right: 10, bottom: 24, left: 38 };
const HOUR_MS = 3_600_000;
/** The x axis spans the samples of the last hour, and at least this much. */
const MIN_SPAN_MS = 60_000;

/** 1, 2, 5, 10, 20, 50, ... the smallest at or above `value`. */
function niceCeil(value: number): number {
  if (value <= 1) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 5, 10]) if (step * power >= value) return step * power;
  return 10 * power;
}

/**
 * A read replica's lag over the last hour: a line where it replicated, red bands where it did not
 * (lag -1), a gap where no sample was taken (the instance was stopped, or openrds was down).
 */
export function LagChart(props: { samples: readonly LagSample[]; now: number }) {
  const samples = props.samples.filter((s) => s.at >= props.now - HOUR_MS);
  if (samples.length === 0) {
    return <div class="chart-empty">No lag samples yet: the monitor records one every few seconds while the replica runs.</div>;
  }
  const end = Math.max(props.now, samples[samples.length - 1]!.at);
  const start = Math.min(samples[0]!.at, end - MIN_SPAN_MS);
  const maxLag = niceCeil(Math.max(...samples.map((s) => s.lag)));
  const x = (t: number) => M.left + ((t - start) / (end - start)) * (W - M.left - M.right);
  const y = (lag: number) => M.top + (1 - lag / maxLag) * (H - M.top - M.bottom);
  // A gap longer than a few sample periods breaks the line.
  const gapMs = 15_000;
  const segments: LagSample[][] = [];
  const stopped: Array<[number, number]> = [];
  let segment: LagSample[] = [];
  let previous: LagSample | undefined;
  for (const s of samples) {
    const broken = previous === undefined || s.at - previous.at > gapMs;
    if (broken || s.lag < 0) {
      if (segment.length > 0) segments.push(segment);
      segment = [];
    }
    if (s.lag >= 0) segment.push(s);
    else {
      // A band from the previous sample (when adjacent) to this one, merged with the band before.
      const from = previous && !broken ? previous.at : s.at;
      const last = stopped[stopped.length - 1];
      if (last && last[1] === from) last[1] = s.at;
      else stopped.push([from, s.at]);
    }
    previous = s;
  }
  if (segment.length > 0) segments.push(segment);
  const path = (points: LagSample[]) => points.map((p, i) => `${i === 0 ? 'M' : 'L'} ${x(p.at).toFixed(1)} ${y(p.lag).toFixed(1)}`).join(' ');
  const area = (points: LagSample[]) =>
    `${path(points)} L ${x(points[points.length - 1]!.at).toFixed(1)} ${y(0)} L ${x(points[0]!.at).toFixed(1)} ${y(0)} Z`;
  const ticksY = [0, maxLag / 2, maxLag];
  const ticksX = [start, start + (end - start) / 2, end];
  const current = samples[samples.length - 1]!;
  return (
    <svg class="lag-chart" viewBox={`0 0 ${W} ${H}`} role="img" aria-label="Replica lag over the last hour" data-points={samples.length}>
      {ticksY.map((t) => (
        <g key={`y${t}`}>
          <line class="grid" x1={M.left} x2={W - M.right} y1={y(t)} y2={y(t)} />
          <text class="axis" x={M.left - 6} y={y(t) + 4} text-anchor="end">
            {`${Number.isInteger(t) ? t : t.toFixed(1)} s`}
          </text>
        </g>
      ))}
      {ticksX.map((t, i) => (
        <text key={`x${i}`} class="axis" x={x(t)} y={H - 8} text-anchor={i === 0 ? 'start' : i === 2 ? 'end' : 'middle'}>
          {formatTime(t)}
        </text>
      ))}
      {stopped.map(([from, to]) => (
        <rect key={`s${from}`} class="stopped-band" x={x(from)} y={M.top} width={Math.max(2, x(to) - x(from))} height={H - M.top - M.bottom}>
          <title>not replicating</title>
        </rect>
      ))}
      {segments.map((points) =>
        points.length > 1 ? (
          <g key={`l${points[0]!.at}`}>
            <path class="lag-area" d={area(points)} />
            <path class="lag-line" d={path(points)} />
          </g>
        ) : (
          <circle key={`l${points[0]!.at}`} class="lag-point" cx={x(points[0]!.at)} cy={y(points[0]!.lag)} r="2" />
        ),
      )}
      {current.lag >= 0 && <circle class="lag-dot" cx={x(current.at)} cy={y(current.lag)} r="3.5" />}
    </svg>
  );
}
