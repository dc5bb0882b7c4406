import type { Instance } from './api';

/** The tone of a DB instance status, for its badge. */
export function statusTone(status: string): 'ok' | 'busy' | 'off' | 'bad' {
  if (status === 'available') return 'ok';
  if (status === 'stopped') return 'off';
  if (status === 'failed') return 'bad';
  return 'busy';
}

/** The tone of a read replica's replication status. */
export function replicationTone(status: string | undefined): 'ok' | 'busy' | 'off' | 'bad' {
  if (status === 'replicating') return 'ok';
  if (status === 'error') return 'bad';
  if (status === 'stopped' || status === 'terminated') return 'off';
  return 'busy';
}

export function formatLag(lag: number | null): string {
  if (lag === null) return '—';
  if (lag < 0) return 'not replicating';
  if (lag < 60) return `${lag} s`;
  const minutes = Math.floor(lag / 60);
  return minutes < 60 ? `${minutes} min ${lag % 60} s` : `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

export function formatEndpoint(instance: Instance): string {
  return instance.endpoint ? `${instance.endpoint.address}:${instance.endpoint.port}` : '—';
}

export function formatBytes(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value.toFixed(unit === 0 ? 0 : 1)} ${units[unit]}`;
}

export function formatTime(iso: string | number): string {
  return new Date(iso).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit' });
}

export function formatAgo(iso: string, now: number): string {
  const seconds = Math.max(0, Math.round((now - Date.parse(iso)) / 1000));
  if (seconds < 5) return 'just now';
  if (seconds < 60) return `${seconds} s ago`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ago`;
  if (seconds < 86400) return `${Math.floor(seconds / 3600)} h ago`;
  return new Date(iso).toLocaleDateString();
}

/** A date and time in the browser's locale, to the minute unless asked for seconds (a title beside it can give the ISO form). */
export function formatDateTime(iso: string, seconds = false): string {
  return new Date(iso).toLocaleString([], { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', ...(seconds && { second: '2-digit' }) });
}

/** The tone of a blue/green deployment's, a switchover member's or a task's status (RDS's upper-case names). */
export function deploymentTone(status: string): 'ok' | 'busy' | 'off' | 'bad' {
  if (['AVAILABLE', 'SWITCHOVER_COMPLETED', 'COMPLETED'].includes(status)) return 'ok';
  if (['INVALID_CONFIGURATION', 'SWITCHOVER_FAILED', 'FAILED'].includes(status)) return 'bad';
  if (status === 'PENDING' || status.startsWith('MISSING_')) return 'off';
  return 'busy';
}
