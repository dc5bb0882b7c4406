import type { ComponentChildren } from 'preact';

/** A table of the console's lists: its header cells (`#` before a name right-aligns a number column), its rows, and what it says when it has none. */
export function ListTable(props: { columns: readonly string[]; rows: ComponentChildren; empty: ComponentChildren | null; testId?: string }) {
  return (
    <div class="table-wrap">
      <table class="instances" data-testid={props.testId}>
        <thead>
          <tr>
            {props.columns.map((c, n) => (c.startsWith('#') ? <th key={n} class="num">{c.slice(1)}</th> : <th key={n}>{c}</th>))}
          </tr>
        </thead>
        <tbody>
          {props.rows}
          {props.empty && (
            <tr>
              <td colSpan={props.columns.length} class="empty">
                {props.empty}
              </td>
            </tr>
          )}
        </tbody>
      </table>
    </div>
  );
}
