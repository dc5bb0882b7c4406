-- openrds template, step 10: the rds bookkeeping tables in the mysql schema.
--
-- Column names follow RDS (rds-contract.md section 2) because runbooks query
-- them. Only rds_definer routines write them; the master user can SELECT them.
-- The procedures write them with sql_log_bin=0 (mysql.rds_unlogged, 11-rds_unlogged.sql):
-- each instance keeps its own history, and a replica's bookkeeping never
-- becomes a GTID of its own that would not exist on its source.

SET sql_mode = 'STRICT_ALL_TABLES,NO_ENGINE_SUBSTITUTION';

-- One row per action. Whole-second timestamps as RDS keeps them; the invisible `seq`
-- keeps the order of the actions of one second.
CREATE TABLE IF NOT EXISTS mysql.rds_history (
  action_timestamp timestamp    NOT NULL DEFAULT CURRENT_TIMESTAMP,   -- whole seconds, as RDS's
  called_by_user   varchar(384) NOT NULL,   -- USER() of the caller: user@host
  action           varchar(40)  NOT NULL,   -- 'set master', 'start slave', ...
  mysql_version    varchar(64)  NOT NULL,   -- VERSION()
  master_host      varchar(255) DEFAULT NULL,
  master_port      int          DEFAULT NULL,
  master_user      varchar(128) DEFAULT NULL,
  master_log_file  varchar(255) DEFAULT NULL,
  master_log_pos   bigint unsigned DEFAULT NULL,
  master_ssl       tinyint(1)   DEFAULT NULL,
  master_delay     int          DEFAULT NULL,
  auto_position    tinyint(1)   DEFAULT NULL,
  master_gtid      text         DEFAULT NULL,
  -- The order of the actions of one second (INVISIBLE: not in SELECT *, as RDS has no such column).
  seq              bigint unsigned NOT NULL AUTO_INCREMENT INVISIBLE,
  PRIMARY KEY (seq)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin
  COMMENT='openrds: replication actions taken through mysql.rds_* procedures';

-- The last replication action, one row per channel (MariaDB: connection name;
-- '' is the default one, 19-rds_channels.sql). A row whose action is not
-- 'reset slave' is what "replication is configured" means to
-- mysql.rds_replication_state(): MariaDB 10.11 has no SQL-visible record of
-- a configured-but-stopped replica.
CREATE TABLE IF NOT EXISTS mysql.rds_replication_status (
  action_timestamp       timestamp    NOT NULL DEFAULT CURRENT_TIMESTAMP,
  called_by_user         varchar(384) NOT NULL,
  action                 varchar(40)  NOT NULL,
  mysql_version          varchar(64)  NOT NULL,
  master_host            varchar(255) DEFAULT NULL,
  master_port            int          DEFAULT NULL,
  replication_log_file   text         DEFAULT NULL,
  replication_stop_point bigint       DEFAULT NULL,
  replication_gtid       text         DEFAULT NULL,
  channel_name           varchar(64)  NOT NULL DEFAULT '',
  PRIMARY KEY (channel_name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin
  COMMENT='openrds: last replication action per channel';

-- Settings changed with mysql.rds_set_configuration (RDS names and texts).
CREATE TABLE IF NOT EXISTS mysql.rds_configuration (
  name        varchar(100) NOT NULL,
  value       varchar(100) DEFAULT NULL,
  description varchar(300) NOT NULL,
  PRIMARY KEY (name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4
  COMMENT='openrds: instance settings (rds_show_configuration)';

-- INSERT IGNORE: re-applying the template must not reset a changed value.
INSERT IGNORE INTO mysql.rds_configuration (name, value, description) VALUES
  ('binlog retention hours', NULL,
   'binlog retention hours specifies the duration in hours before binary logs are automatically deleted.'),
  ('source delay', '0',
   'source delay specifies replication delay in seconds between current instance and its master.'),
  ('target delay', '0',
   'target delay specifies replication delay in seconds between current instance and its future read-replica.');

-- Facts about this instance that the control plane tells the procedures
-- through operator routines: 'instance role' = 'read replica' on an RDS read
-- replica (absent: not a replica), 'master user' = the master user's name.
CREATE TABLE IF NOT EXISTS mysql.rds_sysinfo (
  name  varchar(100) NOT NULL,   -- e.g. 'log file: <channel>' (43-*.sql)
  value text        DEFAULT NULL,
  PRIMARY KEY (name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin
  COMMENT='openrds: instance facts set by the control plane';
