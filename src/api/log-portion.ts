import { RdsError } from '../errors.js';

/** RDS returns at most 1 MB of a log per DownloadDBLogFilePortion call, and 10000 lines by default. */
export const MAX_PORTION_BYTES = 1024 * 1024;
export const DEFAULT_PORTION_LINES = 10_000;

export interface LogPortion {
  readonly data: string;
  /** Where the next call goes on from (a byte offset: the marker is opaque to clients). */
  readonly marker: string;
  readonly additionalDataPending: boolean;
}

/** The byte offset a marker stands for ('0' is the start of the file). */
function offsetOf(marker: string, size: number): number {
  if (!/^\d{1,15}$/.test(marker)) throw new RdsError('InvalidParameterValue', `The marker ${marker} is not valid.`);
  return Math.min(Number(marker), size);
}

/**
 * DownloadDBLogFilePortion's rules: with a Marker, up to NumberOfLines lines from there on; without
 * one, the last NumberOfLines lines (10000 when not given); never more than 1 MB.
 */
export async function logPortion(
  read: (start: number, end: number) => Promise<Buffer>,
  size: number,
  marker: string | undefined,
  numberOfLines: number | undefined,
): Promise<LogPortion> {
  const lines = numberOfLines ?? DEFAULT_PORTION_LINES;
  if (marker === undefined) {
    // The most recent lines: from the end, back at most 1 MB.
    const start = Math.max(0, size - MAX_PORTION_BYTES);
    const chunk = (await read(start, size)).toString('utf8');
    const all = chunk.split('\n');
    if (all.at(-1) === '') all.pop();
    // A chunk cut in the middle of a line starts with a partial line: drop it.
    if (start > 0) all.shift();
    const tail = all.slice(-lines);
    return { data: tail.length ? tail.join('\n') + '\n' : '', marker: String(size), additionalDataPending: false };
  }
  const start = offsetOf(marker, size);
  const chunk = await read(start, Math.min(size, start + MAX_PORTION_BYTES));
  // Up to `lines` whole lines (a last line without its newline only at the end of the file).
  let end = 0;
  for (let n = 0; n < lines && end < chunk.length; n++) {
    const newline = chunk.indexOf(0x0a, end);
    if (newline === -1) {
      end = start + chunk.length === size ? chunk.length : end;
      break;
    }
    end = newline + 1;
  }
  // A line longer than a whole portion goes out in pieces, so that paging always moves on.
  if (end === 0) end = chunk.length;
  const next = start + end;
  return { data: chunk.subarray(0, end).toString('utf8'), marker: String(next), additionalDataPending: next < size };
}
