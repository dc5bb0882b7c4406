// The DB instances view: the replication topology and the table of instances, live.
import type { Instance } from './api';
import { Badge } from './details';
import { formatBytes, formatEndpoint, formatLag, replicationTone, statusTone } from './format';
import { ListTable } from './table';
import { Topology } from './topology';

export function InstancesView(props: { instances: Instance[] | null; selectedId: string | null; onSelect: (id: string) => void; onCreate: () => void }) {
  return (
    <>
      <div class="card">
        <div class="card-head">
          <h2>Topology</h2>
          <span class="muted">sources → read replicas</span>
        </div>
        <div class="topology-wrap">
          {props.instances && <Topology instances={props.instances} selected={props.selectedId} onSelect={props.onSelect} />}
        </div>
      </div>

      <div class="card">
        <div class="card-head">
          <h2>DB instances</h2>
          <span class="muted">{props.instances ? `${props.instances.length} in all` : 'loading…'}</span>
        </div>
        <ListTable
          columns={['DB identifier', 'Engine', 'Status', 'Endpoint', 'Role', 'Replication', '#Lag']}
          empty={
            props.instances?.length === 0 && (
              <>
                No DB instances. <button class="link" onClick={() => props.onCreate()}>Create one</button>
              </>
            )
          }
          rows={(props.instances ?? []).map((i) => (
          <tr
            key={i.id}
            data-instance={i.id}
            class={i.id === props.selectedId ? 'selected' : ''}
            onClick={() => props.onSelect(i.id)}
          >
            <td class="id">{i.id}</td>
            <td>
              {i.engine} <span class="muted">{i.engineVersion}</span>
            </td>
            <td data-col="status">
              <Badge tone={statusTone(i.status)}>{i.status}</Badge>
              {i.bytesCopied !== null && <span class="muted small"> {formatBytes(i.bytesCopied)} copied</span>}
            </td>
            <td class="mono">{formatEndpoint(i)}</td>
            <td data-col="role">{i.role === 'read replica' ? `replica of ${i.replicaOf}` : i.role}</td>
            <td data-col="replication">
              {i.replication ? <Badge tone={replicationTone(i.replication.status)}>{i.replication.status}</Badge> : <span class="muted">—</span>}
            </td>
            <td class="num" data-col="lag">
              {i.replicaLag !== null && i.replicaLag < 0 ? <span class="muted">—</span> : formatLag(i.replicaLag)}
            </td>
          </tr>
          ))}
        />
      </div>
    </>
  );
}
