-- openrds: mysql.rds_replication_state(channel) -> 'ON' | 'OFF' | 'BROKEN' | 'NOT_EXIST'
--
-- The one place that decides the replication state of a channel (a named
-- connection, or '' the default one; rds-contract.md section 3). Every rds
-- procedure asks it; nobody is granted EXECUTE on it (the procedures run as
-- rds_definer, which may).
--
-- MariaDB 10.11 has no SQL table for slave status (performance_schema is off
-- and SHOW SLAVE STATUS cannot be read into variables), so:
--   NOT_EXIST  our own bookkeeping: no row for the channel in
--              mysql.rds_replication_status, or its last action was
--              'reset slave'. All configuration goes through rds routines.
--   ON         global status Slave_running = ON, which the server computes as
--              "IO thread connected and reading AND SQL thread running" --
--              exactly SHOW SLAVE STATUS's Slave_IO_Running = Yes and
--              Slave_SQL_Running = Yes. It is evaluated for the session's
--              @@default_master_connection, which any user may change, so it
--              is set to the channel for the one read.
--   OFF        neither replication thread of the channel exists in the
--              processlist (which threads are whose: 19-rds_channels.sql): the
--              SQL thread is COMMAND 'Slave_SQL'; the IO thread is
--              'Slave_IO' once connected and 'Connect' (state "Connecting to
--              master") while it connects or retries, both as 'system user'
--              (the SQL thread, too, shows 'Connect' for its first moments).
--              Parallel-replication workers ('Slave_worker') only exist
--              while the SQL thread does.
--   BROKEN     anything else: one thread stopped (e.g. with an error) or the
--              IO thread unable to connect (Slave_IO_Running = Connecting).

SET sql_mode = 'STRICT_ALL_TABLES,NO_ENGINE_SUBSTITUTION';

CREATE OR REPLACE DEFINER = rds_definer FUNCTION mysql.rds_replication_state(p_channel varchar(64))
  RETURNS varchar(16) CHARSET ascii
  NOT DETERMINISTIC
  READS SQL DATA
  SQL SECURITY DEFINER
  COMMENT 'openrds: ON, OFF, BROKEN or NOT_EXIST for a channel'
BEGIN
  DECLARE v_configured INT DEFAULT 0;
  DECLARE v_running VARCHAR(8) DEFAULT NULL;
  DECLARE v_conn VARCHAR(64) DEFAULT @@session.default_master_connection;

  SELECT COUNT(*) INTO v_configured
    FROM mysql.rds_replication_status
   WHERE channel_name = p_channel AND action <> 'reset slave';
  IF v_configured = 0 THEN
    RETURN 'NOT_EXIST';
  END IF;

  SET @@session.default_master_connection = p_channel;
  SELECT VARIABLE_VALUE INTO v_running
    FROM information_schema.GLOBAL_STATUS
   WHERE VARIABLE_NAME = 'SLAVE_RUNNING';
  SET @@session.default_master_connection = v_conn;
  IF v_running = 'ON' THEN
    RETURN 'ON';
  END IF;
  IF mysql.rds_channel_thread_count(p_channel, NULL) = 0 THEN
    RETURN 'OFF';
  END IF;
  RETURN 'BROKEN';
END;
