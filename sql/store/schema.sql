-- openrds's own state (SQLite, one file in the state directory). Not MariaDB.
PRAGMA journal_mode = WAL;

-- One row per DB instance; the record is the instance as the control plane knows it (JSON).
CREATE TABLE IF NOT EXISTS instances (
  id TEXT PRIMARY KEY,
  record TEXT NOT NULL
);

-- RDS events (DescribeEvents), oldest first.
CREATE TABLE IF NOT EXISTS events (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  source_identifier TEXT NOT NULL,
  source_type TEXT NOT NULL,
  event_time TEXT NOT NULL,
  event_id TEXT NOT NULL,
  message TEXT NOT NULL,
  categories TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS events_by_time ON events (event_time);

-- Small named values: counters and secrets the control plane keeps (the state directory is private).
CREATE TABLE IF NOT EXISTS settings (
  name TEXT PRIMARY KEY,
  value TEXT NOT NULL
);

-- DB parameter groups made by users (the default groups are not stored: they are the engine's).
CREATE TABLE IF NOT EXISTS parameter_groups (
  name TEXT PRIMARY KEY,
  record TEXT NOT NULL
);

-- Read replicas' lag (seconds behind the source; -1 while not replicating), sampled by the
-- replication monitor every few seconds for the console's chart; older than an hour is pruned.
CREATE TABLE IF NOT EXISTS lag_samples (
  instance_id TEXT NOT NULL,
  sampled_at INTEGER NOT NULL, -- milliseconds since the epoch
  lag REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS lag_samples_by_instance ON lag_samples (instance_id, sampled_at);
CREATE INDEX IF NOT EXISTS lag_samples_by_time ON lag_samples (sampled_at);

-- DB subnet groups (bookkeeping: no VPC here); the record is the group as the control plane knows it (JSON).
CREATE TABLE IF NOT EXISTS subnet_groups (
  name TEXT PRIMARY KEY,
  record TEXT NOT NULL
);

-- Manual DB snapshots (their files are the placement's); the record is the snapshot as the control plane knows it (JSON).
CREATE TABLE IF NOT EXISTS snapshots (
  id TEXT PRIMARY KEY,
  record TEXT NOT NULL
);
