// What every dialog is made of: the modal frame, the submit that shows the API's error in the
// dialog, the Cancel/submit footer, and the fields several dialogs ask for.
import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Instance } from './api';

export function Modal(props: { title: string; onClose: () => void; children: ComponentChildren; testId: string }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.querySelector<HTMLElement>('input, select, button.primary, button.danger')?.focus();
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && props.onClose();
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  return (
    <div class="backdrop" onClick={(e) => e.target === e.currentTarget && props.onClose()}>
      <div class="modal" role="dialog" aria-modal="true" aria-label={props.title} data-testid={props.testId} ref={ref}>
        <h2>{props.title}</h2>
        {props.children}
      </div>
    </div>
  );
}

/** Runs `submit`; shows its error in the dialog (the API's message as it words it), closes on success. */
export function useSubmit(submit: () => Promise<void>, onClose: () => void) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = async (e?: Event) => {
    e?.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await submit();
      onClose();
    } catch (err) {
      setError((err as Error).message);
      setBusy(false);
    }
  };
  return { busy, error, run };
}

/** The error of the last try, then Cancel (when the dialog can be left) and the submit button. */
export function FormFooter(props: {
  error: string | null;
  busy: boolean;
  label: string;
  busyLabel: string;
  onCancel?: () => void;
  tone?: 'primary' | 'danger';
  disabled?: boolean;
}) {
  return (
    <>
      {props.error && <p class="form-error">{props.error}</p>}
      <div class="buttons">
        {props.onCancel && (
          <button type="button" onClick={props.onCancel}>
            Cancel
          </button>
        )}
        <button type="submit" class={props.tone ?? 'primary'} disabled={props.busy || props.disabled}>
          {props.busy ? props.busyLabel : props.label}
        </button>
      </div>
    </>
  );
}

/** The classes the dialogs offer for a new instance. */
export const INSTANCE_CLASSES = ['db.t3.micro', 'db.t3.small', 'db.t3.medium', 'db.m5.large', 'db.r5.large'];

/** A labelled select of `choices`; `blank` labels a first option of value '' (what the API does when the parameter is left out). */
export function Choice(props: { label: string; name: string; value: string; choices: readonly string[]; blank?: string; onChange: (value: string) => void }) {
  return (
    <label>
      {props.label}
      <select name={props.name} value={props.value} onChange={(e) => props.onChange(e.currentTarget.value)}>
        {props.blank !== undefined && <option value="">{props.blank}</option>}
        {props.choices.map((c) => (
          <option value={c} key={c}>
            {c}
          </option>
        ))}
      </select>
    </label>
  );
}

export function ClassSelect(props: { value: string; onChange: (value: string) => void }) {
  const classes = INSTANCE_CLASSES.includes(props.value) ? INSTANCE_CLASSES : [props.value, ...INSTANCE_CLASSES];
  return <Choice label="Instance class" name="instanceClass" value={props.value} choices={classes} onChange={props.onChange} />;
}

/** A choice of DB instance, by identifier. */
export function InstanceSelect(props: { label: string; instances: readonly Instance[]; value: string; onChange: (id: string) => void }) {
  return <Choice label={props.label} name="instance" value={props.value} choices={props.instances.map((i) => i.id)} onChange={props.onChange} />;
}

/** A labelled text input; `optional` says so beside the label instead of requiring a value. */
export function TextField(props: { label: string; name: string; value: string; onChange: (value: string) => void; placeholder?: string; optional?: boolean }) {
  return (
    <label>
      <span>
        {props.label} {props.optional && <span class="hint">(optional)</span>}
      </span>
      <input
        name={props.name}
        value={props.value}
        onInput={(e) => props.onChange(e.currentTarget.value)}
        placeholder={props.placeholder}
        required={!props.optional}
        autocomplete="off"
      />
    </label>
  );
}

/** What both restores ask for the new instance: its identifier, its class, and a port if not the default. */
export interface NewInstance {
  id: string;
  instanceClass: string;
  port: string;
}

export function NewInstanceFields(props: { value: NewInstance; onChange: (value: NewInstance) => void }) {
  const v = props.value;
  return (
    <>
      <TextField label="New DB instance identifier" name="newId" value={v.id} onChange={(id) => props.onChange({ ...v, id })} />
      <div class="row">
        <ClassSelect value={v.instanceClass} onChange={(instanceClass) => props.onChange({ ...v, instanceClass })} />
        <TextField label="Port" name="port" value={v.port} onChange={(port) => props.onChange({ ...v, port })} placeholder="a free one" optional />
      </div>
    </>
  );
}

/** The Query API's parameters for a NewInstance (an empty port is left out: rdsAction drops empty values). */
export const newInstanceParams = (v: NewInstance, idParam: string) => ({ [idParam]: v.id, DBInstanceClass: v.instanceClass, Port: v.port.trim() });
