-- openrds: CALL mysql.rds_reset_external_master()
--          CALL mysql.rds_reset_external_source_for_channel(channel)
--          CALL mysql.rds_reset_external_source()   (8.4: a copy, 69-rds_offered.sql)
--
-- Forgets the replication configuration: stops the threads if needed, then
-- RESET SLAVE '' ALL (relay logs and master.info go). Message
-- 'Slave has been reset'. Refused on an RDS read replica (the control plane
-- owns that replication) and when nothing is configured.

SET sql_mode = 'STRICT_ALL_TABLES,NO_ENGINE_SUBSTITUTION';

CREATE OR REPLACE DEFINER = rds_definer PROCEDURE mysql.rds_channel_reset(
  IN p_channel varchar(64))
  MODIFIES SQL DATA
  SQL SECURITY DEFINER
  COMMENT 'openrds internal: rds_reset_external_master on a channel'
BEGIN
  DECLARE v_state VARCHAR(16);

  CALL mysql.rds_begin('reset: starting');
  IF mysql.rds_is_read_replica() THEN
    CALL mysql.rds_say_on('read replica', NULL, p_channel);
  END IF;

  SET v_state = mysql.rds_replication_state(p_channel);
  IF v_state = 'NOT_EXIST' THEN
    CALL mysql.rds_say_on('reset: not configured', NULL, p_channel);
  END IF;

  -- STOP SLAVE returns once both threads have ended; RESET SLAVE ALL would
  -- refuse (ERROR 1198) while one runs.
  COMMIT;
  IF v_state <> 'OFF' THEN
    CALL mysql.rds_stop_slave(p_channel, '');
  END IF;
  EXECUTE IMMEDIATE CONCAT('RESET SLAVE ', QUOTE(p_channel), ' ALL');   -- a named connection is removed

  CALL mysql.rds_record_action('reset slave', NULL, NULL, NULL, NULL, NULL,
                               NULL, NULL, NULL, p_channel);
  CALL mysql.rds_say_on('reset: done', NULL, p_channel);
END;

CREATE OR REPLACE DEFINER = rds_definer PROCEDURE mysql.rds_reset_external_master()
  MODIFIES SQL DATA
  SQL SECURITY DEFINER
  COMMENT 'RDS: stop and forget replication from an external source'
CALL mysql.rds_channel_reset('');

CREATE OR REPLACE DEFINER = rds_definer PROCEDURE mysql.rds_reset_external_source_for_channel(IN channel varchar(64))
  MODIFIES SQL DATA
  SQL SECURITY DEFINER
  COMMENT 'RDS: stop and forget replication on a channel'
CALL mysql.rds_channel_reset(mysql.rds_channel(channel));
