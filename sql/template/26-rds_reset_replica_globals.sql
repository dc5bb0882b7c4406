-- openrds: mysql.rds_reset_replica_globals(channel) RETURNS TEXT -- internal: put back what the
-- master user can change globally from its own session, before replication
-- starts. Called before every START SLAVE that a procedure issues, and by
-- the guard on every pass (89-rds_operator_guard.sql).
--
-- Why (measured on 10.11, every variable of information_schema.SYSTEM_VARIABLES
-- tried with SET SESSION / SET / SET @@ / SET LOCAL as the master user): two
-- need no privilege and set the global value anyway:
-- * sql_slave_skip_counter: set while replication is stopped, the next start
--   silently skips that many event groups of the source;
-- * max_relay_log_size: the relay log's rotation size.
-- Every other writable variable either refuses (ERROR 1227/1229) or stays
-- per session. The counter belongs to the session's default connection, so
-- it is reset on the channel about to start whatever the caller's (the
-- guard's passes: on ''); a running SQL thread keeps its
-- own (ERROR 1198: nobody can set it then). max_relay_log_size is not a DB
-- parameter here: it stays at MariaDB's default, 1 GiB.
-- Returns what was changed back ('; '-separated), NULL when nothing was.

SET sql_mode = 'STRICT_ALL_TABLES,NO_ENGINE_SUBSTITUTION';

CREATE OR REPLACE DEFINER = rds_definer FUNCTION mysql.rds_reset_replica_globals(p_channel varchar(64)) RETURNS TEXT
  NOT DETERMINISTIC
  MODIFIES SQL DATA
  SQL SECURITY DEFINER
  COMMENT 'openrds internal: reset the skip counter and the relay log size'
BEGIN
  DECLARE v_conn VARCHAR(64) DEFAULT @@session.default_master_connection;
  DECLARE v_found TEXT DEFAULT NULL;
  SET @@session.default_master_connection = p_channel;   -- the counter is per connection
  IF @@global.sql_slave_skip_counter <> 0 THEN
    BEGIN
      DECLARE CONTINUE HANDLER FOR 1198 BEGIN END;   -- the SQL thread runs: it cannot have been set
      SET v_found = CONCAT('sql_slave_skip_counter ', @@global.sql_slave_skip_counter, ' reset to 0');
      SET GLOBAL sql_slave_skip_counter = 0;
      IF @@global.sql_slave_skip_counter <> 0 THEN
        SET v_found = NULL;
      END IF;
    END;
  END IF;
  SET @@session.default_master_connection = v_conn;
  IF @@global.max_relay_log_size <> 1073741824 THEN
    SET v_found = CONCAT_WS('; ', v_found,
                            CONCAT('max_relay_log_size ', @@global.max_relay_log_size, ' reset to 1073741824'));
    SET GLOBAL max_relay_log_size = 1073741824;
  END IF;
  RETURN v_found;
END;
