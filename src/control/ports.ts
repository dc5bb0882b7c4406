export interface PortRange {
  readonly first: number;
  readonly last: number;
}

/** RDS's refusal of a port another instance, or another process, has here. */
export const portInUse = (port: number): string => `Port ${port} is already in use on this host.`;

/** Parses `first-last`, e.g. `13306-13999`. */
export function parsePortRange(text: string): PortRange {
  const match = /^(\d+)-(\d+)$/.exec(text.trim());
  const first = Number(match?.[1]);
  const last = Number(match?.[2]);
  if (!match || first < 1024 || last > 65535 || first > last) throw new Error(`invalid port range: ${text}`);
  return { first, last };
}

/**
 * Ports handed out by requests still in flight (not yet recorded in the store), so that
 * concurrent creations never get the same one.
 */
export class PortReservations {
  readonly #held = new Set<number>();

  /** @param isFree whether nothing else uses the port where instances run (the placement knows). */
  constructor(private readonly isFree: (port: number) => Promise<boolean>) {}

  /** Reserves `port` unless an instance has it, a request holds it, or something listens on it. */
  async reserve(port: number, inUse: ReadonlySet<number>): Promise<boolean> {
    if (inUse.has(port) || this.#held.has(port)) return false;
    this.#held.add(port);
    if (await this.isFree(port)) return true;
    this.#held.delete(port);
    return false;
  }

  /** Reserves the first available port of the range. */
  async reserveFrom(range: PortRange, inUse: ReadonlySet<number>): Promise<number | undefined> {
    for (let port = range.first; port <= range.last; port++) {
      if (await this.reserve(port, inUse)) return port;
    }
    return undefined;
  }

  release(port: number): void {
    this.#held.delete(port);
  }
}
