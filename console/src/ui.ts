import type { VNode } from 'preact';

/** What the console hands its views and dialogs. */
export interface Ui {
  /** Runs an RDS action; a notice says it began; an error is thrown with the API's message (a dialog shows it). */
  act(label: string, action: string, params: Record<string, string | undefined>): Promise<void>;
  /** act() for buttons outside dialogs: an error becomes a notice. */
  tryAct(label: string, action: string, params: Record<string, string | undefined>): void;
  /** Shows a dialog (one at a time); it calls close() when done. */
  open(dialog: VNode): void;
  close(): void;
  /** Selects an instance (its details show beside every view). */
  select(instanceId: string): void;
}
