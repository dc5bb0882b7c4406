import type { z } from 'zod';
import type { ControlPlane } from '../control/control-plane.js';
import type { XmlValue } from './xml.js';

export interface RequestContext {
  readonly control: ControlPlane;
  /** From the SigV4 credential scope; `us-east-1` when the request is unsigned. */
  readonly region: string;
  readonly accountId: string;
}

/** One API action: its request schema beside its handler (one file per action). */
export interface Action<S extends z.ZodObject = z.ZodObject> {
  readonly name: string;
  /** Its parameters: one entry each; a parameter not here is refused (server.ts), never ignored. */
  readonly input: S;
  handle(input: z.output<S>, context: RequestContext): Promise<Record<string, XmlValue> | undefined>;
}

export function defineAction<S extends z.ZodObject>(action: Action<S>): Action<S> {
  return Object.freeze(action);
}
