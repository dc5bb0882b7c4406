-- openrds: CALL mysql.rds_set_master_auto_position(auto_position_mode)
--          CALL mysql.rds_set_source_auto_position_for_channel(mode, channel)
--          CALL mysql.rds_set_source_auto_position(auto_position_mode)   (8.4: a copy, 69-rds_offered.sql)
--
-- On MariaDB: 0 = replicate by binary log file and position
-- (MASTER_USE_GTID = no: the connection continues from where the SQL thread
-- stopped), 1 = by GTID (MASTER_USE_GTID = slave_pos: from
-- @@gtid_slave_pos, which the SQL thread keeps current in both modes).
--   mode not 0/1   -> 'Invalid arguments'
--   NOT_EXIST      -> 'You can't modify auto_position mode because the replica isn't configured. ...'
-- 5.7: replication must be stopped (ON / BROKEN -> 'You can't modify
--   replication because replication is running. ...'); the caller decides
--   when it starts again.
-- 8.0 and 8.4 (as RDS's 8.0 code): stops replication if it runs, changes the
--   mode, starts it again: message 'Master Auto Position has been set to <mode>.',
--   then 'Slave is now running normally', or the new-error error.
-- History 'set_master_AP:OK' (auto_position = mode) / 'set_master_AP:ERR'.

SET sql_mode = 'STRICT_ALL_TABLES,NO_ENGINE_SUBSTITUTION';

CREATE OR REPLACE DEFINER = rds_definer PROCEDURE mysql.rds_channel_set_auto_position(
  IN p_mode    tinyint(1),
  IN p_channel varchar(64))
  MODIFIES SQL DATA
  SQL SECURITY DEFINER
  COMMENT 'openrds internal: rds_set_master_auto_position on a channel'
BEGIN
  DECLARE v_state VARCHAR(16);
  DECLARE v_restart TINYINT DEFAULT mysql.rds_personality_is('mysql8.0');
  DECLARE v_action VARCHAR(40) DEFAULT 'set_master_AP:OK';

  CALL mysql.rds_begin('AP: starting');
  IF p_mode IS NULL OR p_mode NOT IN (0, 1) THEN
    CALL mysql.rds_say_on('invalid arguments', NULL, p_channel);
  END IF;
  SET v_state = mysql.rds_replication_state(p_channel);
  IF v_state = 'NOT_EXIST' THEN
    CALL mysql.rds_say_on('AP: not configured', NULL, p_channel);
  ELSEIF v_state IN ('ON', 'BROKEN') AND NOT v_restart THEN
    CALL mysql.rds_say_on('running: modify', NULL, p_channel);
  END IF;

  COMMIT;
  IF v_state <> 'OFF' THEN
    CALL mysql.rds_stop_slave(p_channel, '');
  END IF;
  EXECUTE IMMEDIATE CONCAT('CHANGE MASTER ', QUOTE(p_channel), ' TO MASTER_USE_GTID = ', IF(p_mode = 1, 'slave_pos', 'no'));
  IF v_restart THEN
    DO mysql.rds_reset_replica_globals(p_channel);
    CALL mysql.rds_start_slave(p_channel, '');
    CALL mysql.rds_await_replication(100, p_channel, v_state);
    IF v_state <> 'ON' THEN
      SET v_action = 'set_master_AP:ERR';
    END IF;
  END IF;
  CALL mysql.rds_record_action(v_action, NULL, NULL, NULL, NULL, NULL,
                               NULL, NULL, NULL, p_channel);
  -- rds_record_action has no auto_position argument: fill it in, unlogged
  CALL mysql.rds_unlogged(CONCAT('UPDATE mysql.rds_history SET auto_position = ', p_mode,
                                 ' WHERE action = ', QUOTE(v_action), ' AND auto_position IS NULL',
                                 ' ORDER BY action_timestamp DESC, seq DESC LIMIT 1'), NULL);
  CALL mysql.rds_say_on('AP: done', p_mode, p_channel);
  IF v_restart THEN
    CALL mysql.rds_say_on(IF(v_state = 'ON', 'running normally', 'new error'), NULL, p_channel);
  END IF;
END;

CREATE OR REPLACE DEFINER = rds_definer PROCEDURE mysql.rds_set_master_auto_position(IN p_mode tinyint(1))
  MODIFIES SQL DATA
  SQL SECURITY DEFINER
  COMMENT 'RDS: switch between file/position and GTID replication'
CALL mysql.rds_channel_set_auto_position(p_mode, '');

CREATE OR REPLACE DEFINER = rds_definer PROCEDURE mysql.rds_set_source_auto_position_for_channel(IN p_mode tinyint(1), IN channel varchar(64))
  MODIFIES SQL DATA
  SQL SECURITY DEFINER
  COMMENT 'RDS: switch a channel between file/position and GTID replication'
CALL mysql.rds_channel_set_auto_position(p_mode, mysql.rds_channel(channel));
