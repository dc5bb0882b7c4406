-- openrds template, step 15: what each engine version's procedures answer.
--
-- Every RDS procedure says what happened through mysql.rds_say(outcome, arg)
-- (16-rds_say.sql); this table holds, per personality, how each outcome is
-- answered. The procedures hold the logic, this table the wording, so an engine
-- version is a set of rows here (and its list of procedures in 69-rds_offered.sql),
-- not a copy of the code.
--
--   personality  'mysql5.7' (the base), 'mysql8.0', 'mysql8.4', 'mariadb'.
--                A personality answers with its own row for an outcome, else
--                its parent's: mysql8.4 -> mysql8.0 -> mysql5.7, mariadb -> mysql5.7
--                (mysql.rds_personality_chain(), 16-rds_say.sql).
--   kind         'E' error: SIGNAL SQLSTATE '45000' (ERROR 1644) with the text
--                'M' a one-row result set, column `Message`
--                'm' the same, column `message` (8.0's rds_reset_external_master)
--                'H' a mysql.rds_history row with the text as its action
--                    (8.0's "Starting: ..." rows, written before any check)
--                An outcome with no row on the personality or its parents is
--                answered by nothing (5.7 writes no "Starting:" rows).
--   text         the compatibility string (rds-versions.md); '{}' is replaced by
--                the procedure's argument (a file name, a mode), '{c}' by the
--                channel.
--   outcome      '<outcome> @channel' rows answer on a named channel (the
--                *_for_channel procedures, rds-versions.md section 4); there,
--                every '...: not configured' is 'channel: unknown'
--                (mysql.rds_say_on, 16-rds_say.sql).
--
-- Sources: rds-contract.md sections 3-4 (5.x), rds-versions.md section 2 (8.0,
-- from RDS for MySQL 8.0.41's code), section 3 (RDS for MariaDB). No 8.4 sample
-- exists: 8.4 answers as 8.0 except where a text names a procedure 8.4
-- renamed (`_master` -> `_source`); those rows are derived, and marked so in
-- sql/README.md. Texts naming openrds are openrds's own
-- refusals, where RDS's behaviour would lose events.

SET sql_mode = 'STRICT_ALL_TABLES,NO_ENGINE_SUBSTITUTION';

CREATE TABLE IF NOT EXISTS mysql.rds_messages (
  personality varchar(16) NOT NULL,
  outcome     varchar(64) NOT NULL,
  kind        char(1)     NOT NULL,
  text        text        NOT NULL,
  PRIMARY KEY (personality, outcome)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin
  COMMENT='openrds: the answers of the rds procedures, per engine version';

BEGIN NOT ATOMIC
  DECLARE v_log_bin INT DEFAULT @@session.sql_log_bin;
  SET @@session.sql_log_bin = 0;
  DELETE FROM mysql.rds_messages;
  INSERT INTO mysql.rds_messages (personality, outcome, kind, text) VALUES
  -- ── shared checks ──────────────────────────────────────────────────────────────
  ('mysql5.7', 'read replica',            'E', 'Permission Denied: This instance is a RDS Read Replica.'),
  ('mysql5.7', 'invalid arguments',       'E', 'Invalid arguments'),
  ('mysql5.7', 'running: modify',         'E', 'You can''t modify replication because replication is running. First call mysql.rds_stop_replication.'),
  ('mysql5.7', 'delay range',             'E', 'For source delay the value must be between 0 and 86400 inclusive.'),
  ('mysql5.7', 'new error',               'E', 'Slave has encountered a new error. Please use SHOW SLAVE STATUS to see the error.'),
  ('mysql5.7', 'failed',                  'E', 'Slave has encountered an error. Run SHOW SLAVE STATUS\\G; to see the error.'),
  -- ── rds_set_external_master* / _source* ─────────────────────────────────────────
  ('mysql8.0', 'set master: starting',    'H', 'Starting: set master'),
  ('mysql8.0', 'set master AP: starting', 'H', 'Starting: set master AP'),
  ('mysql5.7', 'set master AP: action',   'H', 'set master'),
  ('mysql8.0', 'set master AP: action',   'H', 'set master with AP'),
  -- ── rds_reset_external_master / _source ────────────────────────────────────────
  ('mysql5.7', 'reset: not configured',   'E', 'You can''t reset replication because replication isn''t configured. First run mysql.rds_set_external_master.'),
  ('mysql8.4', 'reset: not configured',   'E', 'You can''t reset replication because replication isn''t configured. First run mysql.rds_set_external_source.'),
  ('mysql5.7', 'reset: done',             'M', 'Slave has been reset'),
  ('mysql8.0', 'reset: done',             'm', 'Slave has been reset'),
  ('mysql8.0', 'reset: starting',         'H', 'Starting: reset slave'),
  -- ── rds_start_replication ──────────────────────────────────────────────────────
  ('mysql5.7', 'start: not configured',   'E', 'You can''t start replication because the replica isn''t configured. First call mysql.rds_set_external_master.'),
  ('mysql8.4', 'start: not configured',   'E', 'You can''t start replication because the replica isn''t configured. First call mysql.rds_set_external_source.'),
  ('mysql5.7', 'start: running',          'M', 'Replication may already be running. Call rds_stop_replication to stop replication'),
  ('mysql8.0', 'start: running',          'E', 'Replication may already be running. Call rds_stop_replication to stop replication'),
  ('mysql5.7', 'start: broken',           'E', 'Replication might be running. First call mysql.rds_stop_replication.'),
  ('mysql5.7', 'start: done',             'M', 'Slave running normally.'),
  ('mysql8.0', 'start: done',             'M', 'Replication started. Slave is now running normally.'),
  ('mysql8.0', 'start: starting',         'H', 'Starting: start slave'),
  -- ── rds_stop_replication ───────────────────────────────────────────────────────
  ('mysql5.7', 'stop: not configured',    'E', 'You can''t stop replication because the replica isn''t configured. First call mysql.rds_set_external_master.'),
  ('mysql8.4', 'stop: not configured',    'E', 'You can''t stop replication because the replica isn''t configured. First call mysql.rds_set_external_source.'),
  ('mysql5.7', 'stop: stopped',           'M', 'Slave is already stopped or may not be configured. Run SHOW SLAVE STATUS\\G;'),
  ('mysql8.0', 'stop: stopped',           'E', 'Slave is already stopped or may not be configured. Run SHOW SLAVE STATUS\\G;'),
  ('mysql5.7', 'stop: done',              'M', 'Slave is down or disabled'),
  ('mysql8.0', 'stop: done',              'M', 'Slave is now down or disabled'),
  ('mysql8.0', 'stop: starting',          'H', 'Starting: stop slave'),
  -- ── rds_skip_repl_error ────────────────────────────────────────────────────────
  ('mysql5.7', 'skip: not configured',    'E', 'You can''t skip a replication error because the replica isn''t configured. First call mysql.rds_set_external_master.'),
  ('mysql8.4', 'skip: not configured',    'E', 'You can''t skip a replication error because the replica isn''t configured. First call mysql.rds_set_external_source.'),
  ('mysql5.7', 'skip: running',           'M', 'Slave is running normally.  No errors detected to skip.'),
  ('mysql8.0', 'skip: running',           'E', 'Slave is running normally.  No errors detected to skip.'),
  ('mysql5.7', 'skip: stopped',           'E', 'Slave is down or disabled.'),
  ('mysql5.7', 'skip: at stop point',     'E', 'Replication stopped at the point set by mysql.rds_start_replication_until, or before it: nothing was skipped. Call mysql.rds_stop_replication, then mysql.rds_start_replication.'),
  ('mysql5.7', 'skip: no error',          'M', 'The replica SQL thread is running for the specified channel without encountering errors. Run SHOW REPLICA STATUS FOR CHANNEL \'\';'),
  ('mysql5.7', 'skip: skipped',           'M', 'Statement in error has been skipped'),
  ('mysql5.7', 'running normally',        'M', 'Slave is now running normally'),
  ('mysql8.0', 'skip: starting',          'H', 'Starting: skip_repl_error'),
  -- ── rds_next_master_log / rds_next_source_log ──────────────────────────────────
  ('mysql5.7', 'next: not configured',    'E', 'You can''t set the log file name because the replica isn''t configured. First call mysql.rds_set_external_master.'),
  ('mysql8.4', 'next: not configured',    'E', 'You can''t set the log file name because the replica isn''t configured. First call mysql.rds_set_external_source.'),
  ('mysql5.7', 'next: running',           'E', 'Slave is running normally.  No errors detected to skip.'),
  ('mysql5.7', 'next: stopped',           'E', 'Slave is down or disabled.'),
  ('mysql5.7', 'next: read replica',      'E', 'This read replica replicates by GTID and its source keeps every binary log it needs: moving to the next log would drop events. Call mysql.rds_stop_replication, then mysql.rds_start_replication.'),
  ('mysql5.7', 'next: moved',             'M', 'Master Log Position has been set to start of next log'),
  ('mysql8.0', 'next: starting',          'H', 'Starting: next_master_log'),
  -- ── rds_start_replication_until / _until_gtid ──────────────────────────────────
  ('mysql5.7', 'until: running',          'E', 'Replication may already be running. Call rds_stop_replication to stop replication'),
  ('mysql5.7', 'until: stop point',       'E', 'Invalid input: replication_stop_point cannot be NULL, less than or equal to 0'),
  ('mysql5.7', 'until: done',             'M', 'Replication started until MASTER_LOG_FILE = {}'),
  ('mysql5.7', 'until: multithreaded',    'E', 'rds_start_replication_until is not supported for multi-threaded slaves'),
  ('mysql8.0', 'until: starting',         'H', 'Starting: start slave until'),
  ('mysql5.7', 'until gtid: null',        'E', 'Invalid input: gtid cannot be NULL'),
  ('mysql5.7', 'until gtid: done',        'M', 'Replication started until SQL_AFTER_GTIDS = {}'),
  ('mysql5.7', 'until gtid: multithreaded', 'E', 'rds_start_replication_until_gtid is not supported for multi-threaded slaves'),
  ('mysql5.7', 'gtid: mysql format',      'E', 'openrds replicates with MariaDB GTIDs (domain-server-sequence, e.g. 0-1-42): a MySQL GTID (source_uuid:transaction_id) cannot name a transaction here.'),
  ('mysql5.7', 'gtid: file position',     'E', 'openrds: this replica is configured by binary log file and position; call mysql.rds_set_master_auto_position(1) first.'),
  ('mysql8.4', 'gtid: file position',     'E', 'openrds: this replica is configured by binary log file and position; call mysql.rds_set_source_auto_position(1) first.'),
  -- ── rds_skip_transaction_with_gtid ─────────────────────────────────────────────
  ('mysql5.7', 'skip gtid: done',         'M', 'Transaction has been skipped successfully.'),
  ('mysql5.7', 'skip gtid: running',      'E', 'openrds: stop replication first (mysql.rds_stop_replication): MariaDB skips a transaction by moving the replica''s GTID position, which the running applier owns.'),
  ('mysql5.7', 'skip gtid: not next',     'E', 'openrds: only the next transaction of its domain can be skipped (the replica is at {}): MariaDB skips by moving the replica''s GTID position, which would skip every transaction before it too.'),
  ('mysql5.7', 'skip gtid: applied',      'E', 'openrds: that transaction is at or before the replica''s GTID position in its domain: there is nothing to skip.'),
  -- ── rds_set_external_source_gtid_purged ────────────────────────────────────────
  ('mysql8.0', 'purged: read replica',    'E', 'Permission Denied: This instance is an RDS Read Replica'),
  ('mysql8.0', 'purged: running',         'E', 'You can''t modify gtid_purged because replication is already running.'),
  ('mysql8.0', 'purged: uuid',            'E', 'Invalid input value for server_uuid'),
  ('mysql8.0', 'purged: start',           'E', 'Invalid input value for start_pos. The value of start_pos should be greater than or equal to 1'),
  ('mysql8.0', 'purged: end',             'E', 'Invalid input value for end_pos. The value of end_pos should be greater than or equal to start_pos value'),
  ('mysql8.0', 'purged: unmappable',      'E', 'openrds replicates with MariaDB GTIDs, which have no server_uuid: gtid_purged cannot be set. Point the replica at its source by file and position, or by MariaDB GTID with auto-position.'),
  ('mysql8.0', 'purged: starting',        'H', 'begin: set gtid_purged'),
  -- ── rds_set_master_auto_position / rds_set_source_auto_position ────────────────
  ('mysql5.7', 'AP: not configured',      'E', 'You can''t modify auto_position mode because the replica isn''t configured. First call mysql.rds_set_external_master.'),
  ('mysql8.4', 'AP: not configured',      'E', 'You can''t modify auto_position mode because the replica isn''t configured. First call mysql.rds_set_external_source.'),
  ('mysql5.7', 'AP: done',                'M', 'Master Auto Position has been set to {}.'),
  ('mysql8.0', 'AP: starting',            'H', 'Starting: set_master_AP'),
  -- ── rds_set_source_delay ───────────────────────────────────────────────────────
  ('mysql5.7', 'delay: not configured',   'E', 'You can''t set replication delay because the replica isn''t configured. First call mysql.rds_set_external_master.'),
  ('mysql8.4', 'delay: not configured',   'E', 'You can''t set replication delay because the replica isn''t configured. First call mysql.rds_set_external_source.'),
  ('mysql5.7', 'delay: running',          'E', 'You can''t set replication delay because replication is running. First call mysql.rds_stop_replication.'),
  ('mysql5.7', 'delay: done',             'M', 'source delay is set successfully.'),
  ('mysql8.0', 'delay: starting',         'H', 'Starting: set source delay'),
  -- ── an RDS read replica's mark in rds_history (8.0: master_user rdsrepladmin) ──
  ('mysql8.0', 'replica: marked',         'H', 'disable set master'),
  -- ── multi-source replication: the *_for_channel procedures ─────────────────────
  ('mysql5.7', 'channel: unknown',        'E', 'The given channel does not exist. Run SHOW REPLICA STATUS\\G to find all existing channel names.'),
  ('mysql5.7', 'channel: too many',       'E', 'Maximum 15 channels are allowed in multi-source replication on RDS.'),
  -- '{}' is '<host> and port: <port>'
  ('mysql5.7', 'channel: same source',    'E', 'Configuring multiple channels to replicate from the host: {} is not supported.'),
  ('mysql5.7', 'channel: invalid',        'E', 'Invalid channel name.'),
  ('mysql5.7', 'start: done @channel',    'M', 'Replication started for channel ''{c}'' and replication is now running normally.'),
  ('mysql5.7', 'stop: done @channel',     'M', 'Replication for channel ''{c}'' is down or disabled.'),
  ('mysql5.7', 'stop: stopped @channel',  'M', 'Replication is already stopped for the given channel. Run SHOW REPLICA STATUS\\G .'),
  ('mysql8.0', 'stop: stopped @channel',  'E', 'Replication is already stopped for the given channel. Run SHOW REPLICA STATUS\\G .'),
  ('mysql5.7', 'reset: done @channel',    'M', 'Replication has been reset for channel ''{c}'''),
  ('mysql8.0', 'reset: done @channel',    'm', 'Replication has been reset for channel ''{c}'''),
  ('mysql5.7', 'delay: done @channel',    'M', 'source delay is set successfully for channel ''{c}'''),
  ('mysql5.7', 'skip: no error @channel', 'M', 'The replica SQL thread is running for the specified channel without encountering errors. Run SHOW REPLICA STATUS FOR CHANNEL \'{c}\';');
  SET @@session.sql_log_bin = v_log_bin;
END;
