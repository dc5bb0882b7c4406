-- openrds: mysql.rds_record_action(...) -- internal, called by the rds
-- procedures after an action: one row in mysql.rds_history, and the channel's
-- row in mysql.rds_replication_status (upsert). Nobody is granted EXECUTE.
--
-- Written with sql_log_bin = 0 (mysql.rds_unlogged, 11-rds_unlogged.sql): the
-- bookkeeping belongs to this instance (RDS replicas ignore these tables too),
-- and a binlogged write on a replica would give it a GTID its source does not
-- have. sql_log_bin can only be changed outside a transaction, hence the COMMIT
-- first (every caller has just run a statement with an implicit commit anyway:
-- CHANGE MASTER, START/STOP/RESET SLAVE).
--
-- Host/port/user/log file/position/ssl are kept as given for 'set master';
-- other actions pass NULL and the status row keeps the last known source
-- ('reset slave' clears it).

SET sql_mode = 'STRICT_ALL_TABLES,NO_ENGINE_SUBSTITUTION';

CREATE OR REPLACE DEFINER = rds_definer PROCEDURE mysql.rds_record_action(
  IN p_action   varchar(40),
  IN p_host     varchar(255),
  IN p_port     int,
  IN p_user     varchar(128),
  IN p_log_file varchar(255),
  IN p_log_pos  bigint unsigned,
  IN p_ssl      tinyint(1),
  IN p_delay    int,
  IN p_gtid     text,
  IN p_channel  varchar(64))
  MODIFIES SQL DATA
  SQL SECURITY DEFINER
  COMMENT 'openrds internal: write rds_history and rds_replication_status'
BEGIN
  COMMIT;
  CALL mysql.rds_unlogged(
    CONCAT('INSERT INTO mysql.rds_history',
           ' (called_by_user, action, mysql_version, master_host, master_port,',
           '  master_user, master_log_file, master_log_pos, master_ssl, master_delay, master_gtid)',
           ' VALUES (USER(), ', QUOTE(p_action), ', VERSION(), ', QUOTE(p_host), ', ', QUOTE(p_port), ', ',
           QUOTE(p_user), ', ', QUOTE(p_log_file), ', ', QUOTE(p_log_pos), ', ', QUOTE(p_ssl), ', ',
           QUOTE(p_delay), ', ', QUOTE(p_gtid), ')'),
    CONCAT('INSERT INTO mysql.rds_replication_status',
           ' (called_by_user, action, mysql_version, master_host, master_port,',
           '  replication_log_file, replication_stop_point, replication_gtid, channel_name)',
           ' VALUES (USER(), ', QUOTE(p_action), ', VERSION(), ', QUOTE(p_host), ', ', QUOTE(p_port), ',',
           ' NULL, NULL, ', QUOTE(p_gtid), ', ', QUOTE(p_channel), ')',
           ' ON DUPLICATE KEY UPDATE',
           ' action_timestamp = CURRENT_TIMESTAMP, called_by_user = VALUES(called_by_user),',
           ' action = VALUES(action), mysql_version = VALUES(mysql_version),',
           -- a new source ('set master ...') or none ('reset slave'); other actions keep the last one
           ' master_host = IF(VALUES(action) IN (''set master'', ''set master with AP'', ''reset slave''),',
           '                  VALUES(master_host), master_host),',
           ' master_port = IF(VALUES(action) IN (''set master'', ''set master with AP'', ''reset slave''),',
           '                  VALUES(master_port), master_port),',
           ' replication_log_file = NULL, replication_stop_point = NULL,',
           ' replication_gtid = IF(VALUES(action) IN (''set master'', ''set master with AP'', ''reset slave''),',
           '                       VALUES(replication_gtid), replication_gtid)'));
END;

-- rds_record_history(action, master_user, gtid): one rds_history row and
-- nothing else (8.0's "Starting: ..." rows, the read replica's mark, a skipped
-- GTID), unlogged.
-- No COMMIT first: called inside the caller's open transaction, setting
-- sql_log_bin fails with ERROR 1694, as RDS's procedures do, and the caller's
-- work stays uncommitted.
CREATE OR REPLACE DEFINER = rds_definer PROCEDURE mysql.rds_record_history(
  IN p_action varchar(40),
  IN p_user   varchar(128),
  IN p_gtid   text)
  MODIFIES SQL DATA
  SQL SECURITY DEFINER
  COMMENT 'openrds internal: write one rds_history row'
CALL mysql.rds_unlogged(
  CONCAT('INSERT INTO mysql.rds_history (called_by_user, action, mysql_version, master_user, master_gtid)',
         ' VALUES (USER(), ', QUOTE(p_action), ', VERSION(), ', QUOTE(p_user), ', ', QUOTE(p_gtid), ')'),
  NULL);
