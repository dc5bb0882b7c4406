-- openrds: CALL mysql.rds_reset_external_master()
--          CALL mysql.rds_reset_external_source()   (8.4: a copy, 69-rds_offered.sql)
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

  CALL mysql.rds_begin('reset: starting');
  IF EXISTS (SELECT 1 FROM mysql.rds_sysinfo AS si
              WHERE si.name = 'instance role' AND si.value = 'read replica') THEN
    CALL mysql.rds_say('read replica', NULL);
  END IF;

  SET v_state = mysql.rds_replication_state();
  IF v_state = 'NOT_EXIST' THEN
    CALL mysql.rds_say('reset: not configured', NULL);
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
  CALL mysql.rds_say('reset: done', NULL);
END;
