/**
 * The backup window's arithmetic (pure): RDS's `hh24:mi-hh24:mi` UTC window, on a day of
 * `dayMs` (a real day by default; shorter in tests, OPENRDS_BACKUP_DAY_S), and RDS's names of
 * automated snapshots.
 */

const MINUTES_PER_DAY = 1440;

function minuteOfDay(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return h! * 60 + m!;
}

/**
 * When the occurrence of `window` that contains `now` began (ms), or undefined when `now` is
 * outside the window. A window may wrap midnight (`23:45-00:15`).
 */
export function windowOccurrence(window: string, now: number, dayMs: number): number | undefined {
  const [from, to] = window.split('-').map(minuteOfDay) as [number, number];
  const minuteMs = dayMs / MINUTES_PER_DAY;
  const minute = (now - Math.floor(now / dayMs) * dayMs) / minuteMs;
  const length = (to - from + MINUTES_PER_DAY) % MINUTES_PER_DAY;
  const into = (minute - from + MINUTES_PER_DAY) % MINUTES_PER_DAY;
  return into < length ? now - into * minuteMs : undefined;
}

/** RDS's identifier of an automated snapshot: `rds:<instance>-<yyyy-mm-dd-hh-mm>` (UTC). */
export function automatedSnapshotId(instanceId: string, at: number): string {
  const iso = new Date(at).toISOString();
  return `rds:${instanceId}-${iso.slice(0, 10)}-${iso.slice(11, 13)}-${iso.slice(14, 16)}`;
}

/** The first whole second at or after `ms`. */
export function ceilToSecond(ms: number): number {
  return Math.ceil(ms / 1000) * 1000;
}

/** The whole second `ms` is in. */
export function floorToSecond(ms: number): number {
  return Math.floor(ms / 1000) * 1000;
}
