-- openrds: CALL mysql.rds_reset_external_master()
--
-- Forgets the replication configuration: stops the threads if needed, then
-- RESET SLAVE '' ALL (relay logs and master.info go). Message
-- 'Slave has been reset'. Refused on an RDS read replica (the control plane
-- owns that replication) and when nothing is configured.

SET sql_mode = 'STRICT_ALL_TABLES,NO_ENGINE_SUBSTITUTION';

CREATE OR REPLACE DEFINER = rds_definer PROCEDURE mysql.rds_reset_external_master()
  MODIFIES SQL DATA
  SQL SECURITY DEFINER
  COMMENT 'RDS: stop and forget replication from an external source'
BEGIN
  DECLARE v_state VARCHAR(16);

  IF EXISTS (SELECT 1 FROM mysql.rds_sysinfo AS si
              WHERE si.name = 'instance role' AND si.value = 'read replica') THEN
    SIGNAL SQLSTATE '45000'
      SET MESSAGE_TEXT = 'Permission Denied: This instance is a RDS Read Replica.';
  END IF;

  SET v_state = mysql.rds_replication_state();
  IF v_state = 'NOT_EXIST' THEN
    SIGNAL SQLSTATE '45000'
      SET MESSAGE_TEXT = 'You can''t reset replication because replication isn''t configured. First run mysql.rds_set_external_master.';
  END IF;

  -- STOP SLAVE returns once both threads have ended; RESET SLAVE ALL would
  -- refuse (ERROR 1198) while one runs.
  COMMIT;              -- STOP SLAVE refuses inside a transaction (ERROR 1192)
  IF v_state <> 'OFF' THEN
    STOP SLAVE '';
  END IF;
  RESET SLAVE '' ALL;

  CALL mysql.rds_record_action('reset slave', NULL, NULL, NULL, NULL, NULL,
                               NULL, NULL, NULL);
  SELECT 'Slave has been reset' AS Message;
END;
