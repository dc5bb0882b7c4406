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
  DECLARE v_state VARCHAR(16);
  DECLARE v_deadline DATETIME(6);

  CALL mysql.rds_begin('stop: starting');
  SET v_state = mysql.rds_replication_state();
  IF v_state = 'NOT_EXIST' THEN
    CALL mysql.rds_say('stop: not configured', NULL);
  ELSEIF v_state = 'OFF' THEN
    CALL mysql.rds_say('stop: stopped', NULL);
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
    CALL mysql.rds_say(IF(v_state = 'OFF', 'stop: done', 'failed'), NULL);
  END IF;
END;
