-- openrds template, step 87: rds_operator_status() -- what the control
-- plane's replication monitor reads from an instance, in one round trip.
-- Result sets, in this order:
--   1. SHOW ALL SLAVES STATUS: a row per channel (Connection_name; '' is the
--      default one), no row when no replication is configured
--   2. SHOW BINARY LOGS (Log_name, File_size)
--   3. one row: binlog_retention_hours (NULL = keep no longer than needed)
--   4. a row per channel: the last replication action of the procedures (a
--      stop is manual only when it was 'stop slave') and the stop point of
--      rds_start_replication_until, if any (replication_log_file,
--      replication_stop_point)
--   5. one row: how many times a user (not the operator) has reset
--      replication (external_resets: the control plane reports each new one
--      as RDS-EVENT-0063)

SET sql_mode = 'STRICT_ALL_TABLES,NO_ENGINE_SUBSTITUTION';

CREATE OR REPLACE DEFINER = rds_definer PROCEDURE mysql.rds_operator_status()
  READS SQL DATA
  SQL SECURITY DEFINER
  COMMENT 'openrds operator: replication status, binary logs, retention'
BEGIN
  CALL mysql.rds_assert_operator();
  SHOW ALL SLAVES STATUS;   -- every channel, '' among them when configured
  SHOW BINARY LOGS;
  SELECT CAST(value AS UNSIGNED) AS binlog_retention_hours
    FROM mysql.rds_configuration WHERE name = 'binlog retention hours'
  UNION ALL SELECT NULL LIMIT 1;
  SELECT channel_name, action AS last_action, replication_log_file, replication_stop_point
    FROM mysql.rds_replication_status;
  SELECT COUNT(*) AS external_resets FROM mysql.rds_history
   WHERE action = 'reset slave' AND called_by_user NOT LIKE 'rdsadmin@%';
END;
