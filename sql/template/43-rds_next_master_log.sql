-- openrds: CALL mysql.rds_next_master_log(curr_master_log)
--          CALL mysql.rds_next_source_log(curr_source_log)   (8.4: a copy, 69-rds_offered.sql)
--
-- After IO error 1236 (the source no longer has, or never had, the position
-- the replica asks for, e.g. after a crash of the source lost the end of a
-- binary log): moves the default connection to the start (position 4) of
-- the next binary log file of the source and restarts replication.
-- curr_master_log is the index of the current file (Master_Log_File
-- 'binlog.000006' -> 6); the next file is <base>.<index + 1, zero-padded to
-- 6 digits>. The base name is the one of the file the connection was last
-- pointed at (rds_set_external_master, or an earlier rds_next_master_log);
-- a connection configured by GTID only (rds_set_external_master_gtid, RDS
-- read replicas) is assumed to replicate from an openrds instance, whose
-- binary logs are 'binlog.NNNNNN' (RDS itself assumes its own
-- 'mysql-bin-changelog.'). MariaDB cannot read Master_Log_File in SQL
-- (master.info is not world-readable, so LOAD_FILE refuses it).
-- Events already in the relay log but not yet applied are dropped with it,
-- as on RDS (its documentation warns that data may be lost).
--   curr_master_log NULL / negative -> 'Invalid arguments'
--   NOT_EXIST -> error 'You can't set the log file name because the replica isn't configured. First call mysql.rds_set_external_master.'
--   ON        -> error 'Slave is running normally.  No errors detected to skip.'
--   OFF       -> error 'Slave is down or disabled.'
--   BROKEN    -> STOP SLAVE, CHANGE MASTER '' TO MASTER_LOG_FILE = next,
--                MASTER_LOG_POS = 4 (MASTER_USE_GTID = no), START SLAVE, then
--                messages 'Master Log Position has been set to start of next log'
--                and 'Slave is now running normally' (history
--                'next_master_log:OK' with the file and position 4), or the
--                first message and error 'Slave has encountered a new error.
--                Please use SHOW SLAVE STATUS to see the error.' (history
--                'next_master_log:ERR').
-- The texts are RDS's (8.0 code). On a read replica openrds refuses it
-- (openrds's message): the replica follows its source by GTID, its source
-- keeps every binary log it still needs (so error 1236 does not arise), and
-- jumping to the next file would drop the rest of the current one.

SET sql_mode = 'STRICT_ALL_TABLES,NO_ENGINE_SUBSTITUTION';

CREATE OR REPLACE DEFINER = rds_definer PROCEDURE mysql.rds_next_master_log(
  IN p_curr_master_log int)
  MODIFIES SQL DATA
  SQL SECURITY DEFINER
  COMMENT 'RDS: continue from the start of the next binary log of the source'
BEGIN
  DECLARE v_state VARCHAR(16);
  DECLARE v_last_file TEXT DEFAULT NULL;
  DECLARE v_next_file TEXT;
  DECLARE v_index TEXT;

  CALL mysql.rds_begin('next: starting');
  IF p_curr_master_log IS NULL OR p_curr_master_log < 0 THEN
    CALL mysql.rds_say('invalid arguments', NULL);
  END IF;
  SET v_state = mysql.rds_replication_state();
  IF v_state = 'NOT_EXIST' THEN
    CALL mysql.rds_say('next: not configured', NULL);
  ELSEIF v_state = 'ON' THEN
    CALL mysql.rds_say('next: running', NULL);
  ELSEIF v_state = 'OFF' THEN
    CALL mysql.rds_say('next: stopped', NULL);
  ELSEIF EXISTS (SELECT 1 FROM mysql.rds_sysinfo WHERE name = 'instance role' AND value = 'read replica') THEN
    CALL mysql.rds_say('next: read replica', NULL);
  END IF;

  -- the file of the latest 'set master' or 'next_master_log' of this connection
  SELECT h.master_log_file INTO v_last_file
    FROM mysql.rds_history AS h
   WHERE h.action IN ('set master', 'set master with AP', 'next_master_log:OK', 'next_master_log:ERR')
   ORDER BY h.action_timestamp DESC
   LIMIT 1;
  SET v_index = CAST(p_curr_master_log + 1 AS CHAR);
  SET v_next_file = CONCAT(
    IF(v_last_file IS NOT NULL AND v_last_file REGEXP '\\.[0-9]+\\z',
       SUBSTRING(v_last_file, 1, CHAR_LENGTH(v_last_file) - CHAR_LENGTH(SUBSTRING_INDEX(v_last_file, '.', -1))),
       'binlog.'),
    IF(CHAR_LENGTH(v_index) < 6, LPAD(v_index, 6, '0'), v_index));

  COMMIT;              -- STOP SLAVE refuses inside a transaction (ERROR 1192)
  STOP SLAVE '';
  EXECUTE IMMEDIATE CONCAT('CHANGE MASTER \'\' TO MASTER_LOG_FILE = ', QUOTE(v_next_file),
                           ', MASTER_LOG_POS = 4, MASTER_USE_GTID = no');
  DO mysql.rds_reset_replica_globals();
  START SLAVE '';
  CALL mysql.rds_await_replication(100, v_state);
  CALL mysql.rds_say('next: moved', NULL);
  IF v_state = 'ON' THEN
    CALL mysql.rds_record_action('next_master_log:OK', NULL, NULL, NULL, v_next_file, 4,
                                 NULL, NULL, NULL);
    CALL mysql.rds_say('running normally', NULL);
  ELSE
    CALL mysql.rds_record_action('next_master_log:ERR', NULL, NULL, NULL, v_next_file, 4,
                                 NULL, NULL, NULL);
    CALL mysql.rds_say('new error', NULL);
  END IF;
END;
