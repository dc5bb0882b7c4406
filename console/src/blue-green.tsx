// The blue/green view: each deployment with its members, tasks and events, live; create, switch over, delete.
import type { BlueGreenDeployment, Instance } from './api';
import { CreateBlueGreenDialog, DeleteBlueGreenDialog, SwitchoverDialog } from './blue-green-dialogs';
import { Badge } from './details';
import { deploymentTone, formatDateTime, statusTone } from './format';
import { ListTable } from './table';
import type { Ui } from './ui';

/** An instance of the deployment, with the status it has now (blue and green go through modifying while they switch over). */
function Member(props: { id: string; instances: readonly Instance[] }) {
  const status = props.instances.find((i) => i.id === props.id)?.status;
  return (
    <span>
      <span class="mono">{props.id}</span> {status && <Badge tone={statusTone(status)}>{status}</Badge>}
    </span>
  );
}

/** While switching over: how many members are done, and the latest word of it. */
function SwitchoverProgress(props: { deployment: BlueGreenDeployment }) {
  const { members, events } = props.deployment;
  const done = members.filter((m) => m.status === 'SWITCHOVER_COMPLETED').length;
  return (
    <div class="switchover-progress" data-testid="switchover-progress">
      <progress />
      <span>
        Switching over: {done} of {members.length} {members.length === 1 ? 'member' : 'members'} done
        {events[0] && <span class="muted"> · {events[0].message}</span>}
      </span>
    </div>
  );
}

function DeploymentCard(props: { ui: Ui; deployment: BlueGreenDeployment; instances: readonly Instance[] }) {
  const { ui, deployment: d, instances } = props;
  return (
    <div class="card" data-deployment={d.id}>
      <div class="card-head">
        <h2>{d.name}</h2>
        <span class="muted mono">{d.id}</span>
        <span data-col="status">
          <Badge tone={deploymentTone(d.status)}>{d.status}</Badge>
        </span>
        <div class="card-actions">
          <button disabled={d.status !== 'AVAILABLE' && d.status !== 'SWITCHOVER_FAILED'} onClick={() => ui.open(<SwitchoverDialog ui={ui} deployment={d} />)}>
            Switch over
          </button>
          <button class="danger-outline" onClick={() => ui.open(<DeleteBlueGreenDialog ui={ui} deployment={d} />)}>
            Delete
          </button>
        </div>
      </div>
      <dl class="facts">
        <dt>Source</dt>
        <dd class="mono">{d.source}</dd>
        <dt>Target</dt>
        <dd class="mono">{d.target}</dd>
        <dt>Green's setup</dt>
        <dd>
          {d.targetEngineVersion ?? "blue's engine version"} · {d.targetParameterGroup ?? "blue's parameter group"}
        </dd>
        <dt>Created</dt>
        <dd title={d.createTime}>{formatDateTime(d.createTime)}</dd>
        {d.statusDetails && (
          <>
            <dt>Details</dt>
            <dd data-col="status-details">{d.statusDetails}</dd>
          </>
        )}
      </dl>
      {d.status === 'SWITCHOVER_IN_PROGRESS' && <SwitchoverProgress deployment={d} />}
      <ListTable
        testId="switchover-details"
        columns={['Source member', 'Target member', 'Switchover']}
        empty={null}
        rows={d.members.map((m) => (
          <tr key={`${m.source}>${m.target}`} data-member={m.source}>
            <td data-col="source">
              <Member id={m.source} instances={instances} />
            </td>
            <td data-col="target">
              <Member id={m.target} instances={instances} />
            </td>
            <td data-col="member-status">
              <Badge tone={deploymentTone(m.status)}>{m.status}</Badge>
            </td>
          </tr>
        ))}
      />
      <ol class="tasks" data-testid="tasks">
        {d.tasks.map((t) => (
          <li key={t.name} data-task={t.name}>
            <span class="mono small">{t.name}</span> <Badge tone={deploymentTone(t.status)}>{t.status}</Badge>
          </li>
        ))}
      </ol>
      {d.events.length > 0 && (
        <ol class="events" data-testid="deployment-events">
          {d.events.map((e, n) => (
            <li key={`${e.date}-${e.eventId}-${n}`}>
              <time dateTime={e.date} title={e.date}>
                {formatDateTime(e.date)}
              </time>
              <div>
                <div class="event-message">{e.message}</div>
                <div class="muted small">{e.eventId}</div>
              </div>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}

export function BlueGreenView(props: { ui: Ui; deployments: BlueGreenDeployment[] | null; instances: readonly Instance[]; selectedId: string | null }) {
  const { ui, instances } = props;
  return (
    <>
      <div class="card" data-testid="blue-green-view">
        <div class="card-head">
          <h2>Blue/green deployments</h2>
          <span class="muted">{props.deployments ? `${props.deployments.length} in all` : 'loading…'}</span>
          <div class="card-actions">
            <button
              class="primary"
              disabled={instances.length === 0}
              onClick={() => ui.open(<CreateBlueGreenDialog ui={ui} instances={instances} instanceId={props.selectedId ?? ''} />)}
            >
              Create blue/green deployment
            </button>
          </div>
        </div>
        {props.deployments?.length === 0 && <p class="empty">No blue/green deployments.</p>}
      </div>
      {(props.deployments ?? []).map((d) => (
        <DeploymentCard key={d.id} ui={ui} deployment={d} instances={instances} />
      ))}
    </>
  );
}
