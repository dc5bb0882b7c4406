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
export interface Action<S extends z.ZodType = z.ZodType> {
  readonly name: string;
  readonly input: S;
  handle(input: z.output<S>, context: RequestContext): Promise<Record<string, XmlValue> | undefined>;
}

export function defineAction<S extends z.ZodType>(action: Action<S>): Action<S> {
  return Object.freeze(action);
}
