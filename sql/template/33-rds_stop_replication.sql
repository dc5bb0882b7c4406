-- openrds: CALL mysql.rds_stop_replication()
--
-- ON or BROKEN -> STOP SLAVE '', then 'Slave is down or disabled' (RDS 5.x
-- wording) once both threads are gone. STOP SLAVE itself waits for the
-- threads; the poll (5 ms steps, 5 s bound) only covers a thread that is
-- still being torn down. Works on RDS read replicas too: pausing a replica
-- is how the export recipe pins the source's binary logs.
-- OFF -> message (nothing to do), NOT_EXIST -> SIGNAL, threads still there
-- after the bound -> SIGNAL with the error message.

SET sql_mode = 'STRICT_ALL_TABLES,NO_ENGINE_SUBSTITUTION';

CREATE OR REPLACE DEFINER = rds_definer PROCEDURE mysql.rds_stop_replication()
  MODIFIES SQL DATA
  SQL SECURITY DEFINER
  COMMENT 'RDS: stop replication'
BEGIN
  DECLARE v_state VARCHAR(16) DEFAULT mysql.rds_replication_state();
  DECLARE v_deadline DATETIME(6);

  IF v_state = 'NOT_EXIST' THEN
    SIGNAL SQLSTATE '45000'
      SET MESSAGE_TEXT = 'You can''t stop replication because the replica isn''t configured. First call mysql.rds_set_external_master.';
  ELSEIF v_state = 'OFF' THEN
    SELECT 'Slave is already stopped or may not be configured. Run SHOW SLAVE STATUS\\G;' AS Message;
  ELSE
    COMMIT;            -- STOP SLAVE refuses inside a transaction (ERROR 1192)
    STOP SLAVE '';
    SET v_deadline = SYSDATE(6) + INTERVAL 5 SECOND;
    poll: LOOP
      SET v_state = mysql.rds_replication_state();
      IF v_state = 'OFF' OR SYSDATE(6) > v_deadline THEN
        LEAVE poll;
      END IF;
      DO SLEEP(0.005);
    END LOOP;

    CALL mysql.rds_record_action('stop slave', NULL, NULL, NULL, NULL, NULL,
                                 NULL, NULL, NULL);
    IF v_state = 'OFF' THEN
      SELECT 'Slave is down or disabled' AS Message;
    ELSE
      SIGNAL SQLSTATE '45000'
        SET MESSAGE_TEXT = 'Slave has encountered an error. Run SHOW SLAVE STATUS\\G; to see the error.';
    END IF;
  END IF;
END;
