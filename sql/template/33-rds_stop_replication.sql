-- openrds: CALL mysql.rds_stop_replication()
--          CALL mysql.rds_stop_replication_for_channel(channel)   (mysql.rds_channel_stop)
--
-- ON or BROKEN -> STOP SLAVE '', then 'Slave is down or disabled' (RDS 5.x
-- wording) once both threads are gone. STOP SLAVE itself waits for the
-- threads; the poll (5 ms steps, 5 s bound) only covers a thread that is
-- still being torn down. Works on RDS read replicas too: pausing a replica
-- is how the export recipe pins the source's binary logs.
-- OFF -> message (nothing to do), NOT_EXIST -> SIGNAL, threads still there
-- after the bound -> SIGNAL with the error message.

SET sql_mode = 'STRICT_ALL_TABLES,NO_ENGINE_SUBSTITUTION';

CREATE OR REPLACE DEFINER = rds_definer PROCEDURE mysql.rds_channel_stop(
  IN p_channel varchar(64))
  MODIFIES SQL DATA
  SQL SECURITY DEFINER
  COMMENT 'openrds internal: rds_stop_replication on a channel'
BEGIN
  DECLARE v_state VARCHAR(16);
  DECLARE v_deadline DATETIME(6);

  CALL mysql.rds_begin('stop: starting');
  SET v_state = mysql.rds_replication_state(p_channel);
  IF v_state = 'NOT_EXIST' THEN
    CALL mysql.rds_say_on('stop: not configured', NULL, p_channel);
  ELSEIF v_state = 'OFF' THEN
    CALL mysql.rds_say_on('stop: stopped', NULL, p_channel);
  ELSE
    CALL mysql.rds_stop_slave(p_channel, '');
    SET v_deadline = SYSDATE(6) + INTERVAL 5 SECOND;
    poll: LOOP
      SET v_state = mysql.rds_replication_state(p_channel);
      IF v_state = 'OFF' OR SYSDATE(6) > v_deadline THEN
        LEAVE poll;
      END IF;
      DO SLEEP(0.005);
    END LOOP;

    CALL mysql.rds_record_action('stop slave', NULL, NULL, NULL, NULL, NULL,
                                 NULL, NULL, NULL, p_channel);
    CALL mysql.rds_say_on(IF(v_state = 'OFF', 'stop: done', 'failed'), NULL, p_channel);
  END IF;
END;

CREATE OR REPLACE DEFINER = rds_definer PROCEDURE mysql.rds_stop_replication()
  MODIFIES SQL DATA
  SQL SECURITY DEFINER
  COMMENT 'RDS: stop replication'
CALL mysql.rds_channel_stop('');

CREATE OR REPLACE DEFINER = rds_definer PROCEDURE mysql.rds_stop_replication_for_channel(IN channel varchar(64))
  MODIFIES SQL DATA
  SQL SECURITY DEFINER
  COMMENT 'RDS: stop replication on a channel'
CALL mysql.rds_channel_stop(mysql.rds_channel(channel));
