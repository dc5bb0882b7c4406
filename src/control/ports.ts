import { createServer } from 'node:net';

/** True when nothing listens on 127.0.0.1:port. */
export function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen({ port, host: '127.0.0.1', exclusive: true }, () => probe.close(() => resolve(true)));
  });
}

export interface PortRange {
  readonly first: number;
  readonly last: number;
}

/** Parses `first-last`, e.g. `13306-13999`. */
export function parsePortRange(text: string): PortRange {
  const match = /^(\d+)-(\d+)$/.exec(text.trim());
  const first = Number(match?.[1]);
  const last = Number(match?.[2]);
  if (!match || first < 1024 || last > 65535 || first > last) throw new Error(`invalid port range: ${text}`);
  return { first, last };
}

/** The first free port of the range not already given to an instance. */
export async function choosePort(range: PortRange, taken: ReadonlySet<number>): Promise<number | undefined> {
  for (let port = range.first; port <= range.last; port++) {
    if (!taken.has(port) && (await portIsFree(port))) return port;
  }
  return undefined;
}
