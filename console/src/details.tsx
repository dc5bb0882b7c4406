import type { Instance, LagSample, RdsEvent } from './api';
import { formatAgo, formatEndpoint, formatLag, formatTime, replicationTone, statusTone } from './format';
import { LagChart } from './lag-chart';

export function Badge(props: { tone: string; children: string }) {
  return <span class={`badge tone-${props.tone}`}>{props.children}</span>;
}

export type ActionName = 'replica' | 'snapshot' | 'point-in-time' | 'start' | 'stop' | 'reboot' | 'promote' | 'delete';

export function Details(props: {
  instance: Instance;
  events: RdsEvent[] | undefined;
  samples: LagSample[];
  now: number;
  onAction: (action: ActionName) => void;
}) {
  const i = props.instance;
  const available = i.status === 'available';
  const isReplica = i.role === 'read replica';
  return (
    <div class="details" data-testid="details">
      <div class="card">
        <div class="card-head">
          <h2 class="details-title">{i.id}</h2>
          <Badge tone={statusTone(i.status)}>{i.status}</Badge>
        </div>
        <dl class="facts">
          <dt>Engine</dt>
          <dd>
            {i.engine} {i.engineVersion}
          </dd>
          <dt>Endpoint</dt>
          <dd class="mono">{formatEndpoint(i)}</dd>
          <dt>Master user</dt>
          <dd class="mono">{i.masterUsername}</dd>
          <dt>Role</dt>
          <dd>{isReplica ? `read replica of ${i.replicaOf}` : i.replicas.length > 0 ? `source of ${i.replicas.join(', ')}` : 'standalone'}</dd>
          {i.replication && (
            <>
              <dt>Replication</dt>
              <dd>
                <Badge tone={replicationTone(i.replication.status)}>{i.replication.status}</Badge>{' '}
                <span class="muted small">since {formatTime(i.replication.since)}</span>
                {i.replication.message && <div class="replication-message">{i.replication.message}</div>}
                {(i.replication.status === 'stopped' || i.replication.status === 'error') && (
                  <span class="stopped-hint">
                    To resume, as the master user:
                    <br />
                    <code>CALL mysql.rds_start_replication;</code>
                  </span>
                )}
              </dd>
            </>
          )}
        </dl>
        <div class="actions">
          <button onClick={() => props.onAction('replica')} disabled={!available}>
            Create read replica
          </button>
          <button onClick={() => props.onAction('snapshot')} disabled={!available}>
            Take snapshot
          </button>
          <button onClick={() => props.onAction('point-in-time')} disabled={i.backupRetentionPeriod === 0}>
            Restore to point in time
          </button>
          {isReplica && (
            <button onClick={() => props.onAction('promote')} disabled={!available}>
              Promote
            </button>
          )}
          <button onClick={() => props.onAction('reboot')} disabled={!available}>
            Reboot
          </button>
          {i.status === 'stopped' ? (
            <button onClick={() => props.onAction('start')}>Start</button>
          ) : (
            <button onClick={() => props.onAction('stop')} disabled={!available}>
              Stop
            </button>
          )}
          <button class="danger-outline" onClick={() => props.onAction('delete')} disabled={!['available', 'stopped', 'failed'].includes(i.status)}>
            Delete
          </button>
        </div>
      </div>

      {isReplica && (
        <div class="card">
          <div class="card-head">
            <h2>Replica lag</h2>
            <span class="lag-now" data-testid="lag-now">
              {formatLag(i.replicaLag)}
            </span>
          </div>
          <LagChart samples={props.samples} now={props.now} />
        </div>
      )}

      <div class="card">
        <div class="card-head">
          <h2>Events</h2>
          <span class="muted">{props.events ? `${props.events.length} recent` : 'loading…'}</span>
        </div>
        <ol class="events" data-testid="events">
          {(props.events ?? []).map((e, n) => (
            <li key={`${e.date}-${e.eventId}-${n}`}>
              <time dateTime={e.date} title={new Date(e.date).toLocaleString()}>
                {formatAgo(e.date, props.now)}
              </time>
              <div>
                <div class="event-message">{e.message}</div>
                <div class="muted small">
                  {e.eventId} · {e.categories.join(', ')}
                </div>
              </div>
            </li>
          ))}
          {props.events?.length === 0 && <li class="muted">No events.</li>}
        </ol>
      </div>
    </div>
  );
}
