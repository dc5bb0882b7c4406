-- openrds: CALL mysql.rds_set_master_auto_position(auto_position_mode)
--
-- On MariaDB: 0 = replicate by binary log file and position
-- (MASTER_USE_GTID = no: the connection continues from where the SQL thread
-- stopped), 1 = by GTID (MASTER_USE_GTID = slave_pos: from
-- @@gtid_slave_pos, which the SQL thread keeps current in both modes).
-- Replication must be stopped (RDS 8.0 stops and restarts it itself; here
-- the caller decides when it starts again, with rds_start_replication).
--   mode not 0/1   -> 'Invalid arguments'
--   NOT_EXIST      -> 'You can't modify auto_position mode because the replica isn't configured. ...'
--   ON / BROKEN    -> 'You can't modify replication because replication is running. ...'
--   OFF            -> message 'Master Auto Position has been set to <mode>.',
--                     history 'set_master_AP:OK' (auto_position = mode)

SET sql_mode = 'STRICT_ALL_TABLES,NO_ENGINE_SUBSTITUTION';

CREATE OR REPLACE DEFINER = rds_definer PROCEDURE mysql.rds_set_master_auto_position(
  IN p_mode tinyint(1))
  MODIFIES SQL DATA
  SQL SECURITY DEFINER
  COMMENT 'RDS: switch between file/position and GTID replication'
BEGIN
  DECLARE v_state VARCHAR(16);
  DECLARE v_log_bin INT DEFAULT @@session.sql_log_bin;

  IF p_mode IS NULL OR p_mode NOT IN (0, 1) THEN
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'Invalid arguments';
  END IF;
  SET v_state = mysql.rds_replication_state();
  IF v_state = 'NOT_EXIST' THEN
    SIGNAL SQLSTATE '45000'
      SET MESSAGE_TEXT = 'You can''t modify auto_position mode because the replica isn''t configured. First call mysql.rds_set_external_master.';
  ELSEIF v_state IN ('ON', 'BROKEN') THEN
    SIGNAL SQLSTATE '45000'
      SET MESSAGE_TEXT = 'You can''t modify replication because replication is running. First call mysql.rds_stop_replication.';
  END IF;

  COMMIT;
  IF p_mode = 1 THEN
    CHANGE MASTER '' TO MASTER_USE_GTID = slave_pos;
  ELSE
    CHANGE MASTER '' TO MASTER_USE_GTID = no;
  END IF;
  CALL mysql.rds_record_action('set_master_AP:OK', NULL, NULL, NULL, NULL, NULL,
                               NULL, NULL, NULL);
  -- rds_record_action has no auto_position argument: fill it in, unlogged
  BEGIN
    DECLARE EXIT HANDLER FOR SQLEXCEPTION
    BEGIN
      ROLLBACK;
      SET @@session.sql_log_bin = v_log_bin;
      RESIGNAL;
    END;
    SET @@session.sql_log_bin = 0;
    UPDATE mysql.rds_history SET auto_position = p_mode
     WHERE action = 'set_master_AP:OK' AND auto_position IS NULL
     ORDER BY action_timestamp DESC LIMIT 1;
    COMMIT;
    SET @@session.sql_log_bin = v_log_bin;
  END;
  SELECT CONCAT('Master Auto Position has been set to ', p_mode, '.') AS Message;
END;
