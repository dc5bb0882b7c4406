-- openrds: CALL mysql.rds_next_master_log(curr_master_log)
--          CALL mysql.rds_next_source_log_for_channel(curr_source_log, channel)
--          CALL mysql.rds_next_source_log(curr_source_log)   (8.4: a copy, 69-rds_offered.sql)
--
-- After IO error 1236 (the source no longer has, or never had, the position
-- the replica asks for, e.g. after a crash of the source lost the end of a
-- binary log): moves the default connection to the start (position 4) of
-- the next binary log file of the source and restarts replication.
-- curr_master_log is the index of the current file (Master_Log_File
-- 'mysql-bin-changelog.000006' -> 6); the next file is <base>.<index + 1, zero-padded to
-- 6 digits>. The base name is the one of the file the connection was last
-- pointed at (rds_set_external_master, or an earlier rds_next_master_log);
-- a connection configured by GTID only (rds_set_external_master_gtid, RDS
-- read replicas) is assumed to replicate from an RDS instance, whose
-- binary logs are 'mysql-bin-changelog.NNNNNN' (as RDS assumes). MariaDB cannot read Master_Log_File in SQL
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

CREATE OR REPLACE DEFINER = rds_definer PROCEDURE mysql.rds_channel_next_log(
  IN p_curr_master_log int,
  IN p_channel         varchar(64))
  MODIFIES SQL DATA
  SQL SECURITY DEFINER
  COMMENT 'openrds internal: rds_next_master_log on a channel'
BEGIN
  DECLARE v_state VARCHAR(16);
  DECLARE v_last_file TEXT DEFAULT NULL;
  DECLARE v_next_file TEXT;
  DECLARE v_index TEXT;

  CALL mysql.rds_begin('next: starting');
  IF p_curr_master_log IS NULL OR p_curr_master_log < 0 THEN
    CALL mysql.rds_say_on('invalid arguments', NULL, p_channel);
  END IF;
  SET v_state = mysql.rds_replication_state(p_channel);
  IF v_state = 'NOT_EXIST' THEN
    CALL mysql.rds_say_on('next: not configured', NULL, p_channel);
  ELSEIF v_state = 'ON' THEN
    CALL mysql.rds_say_on('next: running', NULL, p_channel);
  ELSEIF v_state = 'OFF' THEN
    CALL mysql.rds_say_on('next: stopped', NULL, p_channel);
  ELSEIF mysql.rds_is_read_replica() THEN
    CALL mysql.rds_say_on('next: read replica', NULL, p_channel);
  END IF;

  -- the file of the latest 'set master' or 'next_master_log' of this connection (rds_history
  -- has no channel: a named channel's is kept in rds_sysinfo as 'log file: <channel>')
  IF p_channel = '' THEN
    SELECT h.master_log_file INTO v_last_file
      FROM mysql.rds_history AS h
     WHERE h.action IN ('set master', 'set master with AP', 'next_master_log:OK', 'next_master_log:ERR')
     ORDER BY h.action_timestamp DESC, h.seq DESC
     LIMIT 1;
  ELSE
    SET v_last_file = (SELECT value FROM mysql.rds_sysinfo WHERE name = CONCAT('log file: ', p_channel));
  END IF;
  SET v_index = CAST(p_curr_master_log + 1 AS CHAR);
  SET v_next_file = CONCAT(
    IF(v_last_file IS NOT NULL AND v_last_file REGEXP '\\.[0-9]+\\z',
       SUBSTRING(v_last_file, 1, CHAR_LENGTH(v_last_file) - CHAR_LENGTH(SUBSTRING_INDEX(v_last_file, '.', -1))),
       'mysql-bin-changelog.'),
    IF(CHAR_LENGTH(v_index) < 6, LPAD(v_index, 6, '0'), v_index));

  CALL mysql.rds_stop_slave(p_channel, '');
  EXECUTE IMMEDIATE CONCAT('CHANGE MASTER ', QUOTE(p_channel), ' TO MASTER_LOG_FILE = ', QUOTE(v_next_file),
                           ', MASTER_LOG_POS = 4, MASTER_USE_GTID = no');
  DO mysql.rds_reset_replica_globals(p_channel);
  IF p_channel <> '' THEN
    CALL mysql.rds_sysinfo_set(CONCAT('log file: ', p_channel), v_next_file);
  END IF;
  CALL mysql.rds_start_slave(p_channel, '');
  CALL mysql.rds_await_replication(100, p_channel, v_state);
  CALL mysql.rds_say_on('next: moved', NULL, p_channel);
  IF v_state = 'ON' THEN
    CALL mysql.rds_record_action('next_master_log:OK', NULL, NULL, NULL, v_next_file, 4,
                                 NULL, NULL, NULL, p_channel);
    CALL mysql.rds_say_on('running normally', NULL, p_channel);
  ELSE
    CALL mysql.rds_record_action('next_master_log:ERR', NULL, NULL, NULL, v_next_file, 4,
                                 NULL, NULL, NULL, p_channel);
    CALL mysql.rds_say_on('new error', NULL, p_channel);
  END IF;
END;

CREATE OR REPLACE DEFINER = rds_definer PROCEDURE mysql.rds_next_master_log(IN p_curr_master_log int)
  MODIFIES SQL DATA
  SQL SECURITY DEFINER
  COMMENT 'RDS: continue from the start of the next binary log of the source'
CALL mysql.rds_channel_next_log(p_curr_master_log, '');

CREATE OR REPLACE DEFINER = rds_definer PROCEDURE mysql.rds_next_source_log_for_channel(IN p_curr_source_log int, IN channel varchar(64))
  MODIFIES SQL DATA
  SQL SECURITY DEFINER
  COMMENT 'RDS: continue a channel from the start of the next binary log of its source'
CALL mysql.rds_channel_next_log(p_curr_source_log, mysql.rds_channel(channel));
