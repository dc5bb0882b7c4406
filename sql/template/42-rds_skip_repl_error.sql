-- openrds: CALL mysql.rds_skip_repl_error()
--          CALL mysql.rds_skip_repl_error_for_channel(channel)   (mysql.rds_channel_skip_error)
--
-- Skips the one event the SQL thread stopped on and restarts replication
-- (SET GLOBAL sql_slave_skip_counter = 1, START SLAVE; with MASTER_USE_GTID
-- = slave_pos MariaDB skips the same way and advances gtid_slave_pos).
--   NOT_EXIST  -> error 'You can't skip a replication error because the replica isn't configured. First call mysql.rds_set_external_master.'
--   ON         -> message 'Slave is running normally.  No errors detected to skip.' (two spaces; nothing to do)
--   OFF        -> error 'Slave is down or disabled.'
--   BROKEN, SQL thread stopped (on an error) -> skip, restart, then either
--                 two result sets 'Statement in error has been skipped' and
--                 'Slave is now running normally' (history 'skip_repl_error:OK'),
--                 or, when replication stops again, the first result set and
--                 the error 'Slave has encountered a new error. Please use
--                 SHOW SLAVE STATUS to see the error.' (history 'skip_repl_error:ERR')
--   BROKEN, SQL thread running (the IO thread is in trouble: there is no
--                 SQL error to skip, and skipping would lose an event) ->
--                 message, RDS 8.0's text for this case.
-- Strings and the ON/OFF/NOT_EXIST split are RDS's (its 8.0 code signals
-- the ON text too; here a no-op in the wanted state is a message, as in
-- RDS 5.x and the other rds procedures). Works on RDS read replicas.
-- "Running normally" = ON for 100 ms after the restart
-- (41-rds_await_replication.sql).
-- An SQL thread stopped after rds_start_replication_until cannot be told
-- from one stopped on an error (MariaDB 10.11 shows Last_SQL_Errno only in
-- SHOW SLAVE STATUS, which SQL cannot read), and skipping at the stop point
-- would drop a healthy event: refused while that stop point is set (openrds's
-- message; rds_stop_replication and rds_start_replication clear it, and an error then shows as BROKEN
-- again, to be skipped).

SET sql_mode = 'STRICT_ALL_TABLES,NO_ENGINE_SUBSTITUTION';

CREATE OR REPLACE DEFINER = rds_definer PROCEDURE mysql.rds_channel_skip_error(
  IN p_channel varchar(64))
  MODIFIES SQL DATA
  SQL SECURITY DEFINER
  COMMENT 'openrds internal: rds_skip_repl_error on a channel'
BEGIN
  DECLARE v_state VARCHAR(16);
  DECLARE v_conn VARCHAR(64) DEFAULT @@session.default_master_connection;

  CALL mysql.rds_begin('skip: starting');
  SET v_state = mysql.rds_replication_state(p_channel);
  IF v_state = 'NOT_EXIST' THEN
    CALL mysql.rds_say_on('skip: not configured', NULL, p_channel);
  ELSEIF v_state = 'ON' THEN
    CALL mysql.rds_say_on('skip: running', NULL, p_channel);
  ELSEIF v_state = 'OFF' THEN
    CALL mysql.rds_say_on('skip: stopped', NULL, p_channel);
  ELSEIF EXISTS (SELECT 1 FROM mysql.rds_replication_status
                  WHERE channel_name = p_channel AND action = 'start slave until') THEN
    CALL mysql.rds_say_on('skip: at stop point', NULL, p_channel);
  ELSEIF mysql.rds_channel_thread_count(p_channel, 'Slave_SQL') > 0 THEN
    CALL mysql.rds_say_on('skip: no error', NULL, p_channel);
  ELSE
    CALL mysql.rds_stop_slave(p_channel, '');
    -- the skip counter belongs to the session's default connection
    SET @@session.default_master_connection = p_channel;
    SET GLOBAL sql_slave_skip_counter = 1;
    SET @@session.default_master_connection = v_conn;
    CALL mysql.rds_start_slave(p_channel, '');
    CALL mysql.rds_await_replication(100, p_channel, v_state);
    CALL mysql.rds_say_on('skip: skipped', NULL, p_channel);
    IF v_state = 'ON' THEN
      CALL mysql.rds_record_action('skip_repl_error:OK', NULL, NULL, NULL, NULL, NULL,
                                   NULL, NULL, NULL, p_channel);
      CALL mysql.rds_say_on('running normally', NULL, p_channel);
    ELSE
      CALL mysql.rds_record_action('skip_repl_error:ERR', NULL, NULL, NULL, NULL, NULL,
                                   NULL, NULL, NULL, p_channel);
      CALL mysql.rds_say_on('new error', NULL, p_channel);
    END IF;
  END IF;
END;

CREATE OR REPLACE DEFINER = rds_definer PROCEDURE mysql.rds_skip_repl_error()
  MODIFIES SQL DATA
  SQL SECURITY DEFINER
  COMMENT 'RDS: skip the replication event in error and restart'
CALL mysql.rds_channel_skip_error('');

CREATE OR REPLACE DEFINER = rds_definer PROCEDURE mysql.rds_skip_repl_error_for_channel(IN channel varchar(64))
  MODIFIES SQL DATA
  SQL SECURITY DEFINER
  COMMENT 'RDS: skip the replication event in error on a channel and restart'
CALL mysql.rds_channel_skip_error(mysql.rds_channel(channel));
