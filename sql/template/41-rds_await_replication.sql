-- openrds: mysql.rds_await_replication(hold_ms, channel, OUT state) -- internal: after
-- START SLAVE, waits until replication is ON and has stayed ON for hold_ms
-- (state 'ON'), or until a replication thread has gone, i.e. stopped on an
-- error (state = the replication state then), or 5 s have passed. Polls
-- every 0.2 ms (32-rds_start_replication.sql explains the measurements
-- behind this). hold_ms 0 returns as soon as replication is ON. Used by rds_start_replication, rds_skip_repl_error and
-- rds_next_master_log.

SET sql_mode = 'STRICT_ALL_TABLES,NO_ENGINE_SUBSTITUTION';

CREATE OR REPLACE DEFINER = rds_definer PROCEDURE mysql.rds_await_replication(
  IN  p_hold_ms int,
  IN  p_channel varchar(64),
  OUT p_state   varchar(16))
  READS SQL DATA
  SQL SECURITY DEFINER
  COMMENT 'openrds internal: wait for replication to run (or fail) after START SLAVE'
BEGIN
  DECLARE v_deadline DATETIME(6) DEFAULT SYSDATE(6) + INTERVAL 5 SECOND;
  DECLARE v_on_since DATETIME(6) DEFAULT NULL;

  poll: LOOP
    SET p_state = mysql.rds_replication_state(p_channel);
    IF p_state = 'ON' THEN
      IF v_on_since IS NULL THEN
        SET v_on_since = SYSDATE(6);
      END IF;
      IF SYSDATE(6) >= v_on_since + INTERVAL (p_hold_ms * 1000) MICROSECOND THEN
        LEAVE poll;
      END IF;
    ELSE
      SET v_on_since = NULL;
      IF mysql.rds_channel_thread_count(p_channel, NULL) < 2 THEN
        LEAVE poll;
      END IF;
    END IF;
    IF SYSDATE(6) > v_deadline THEN
      IF p_state = 'ON' THEN
        LEAVE poll;
      END IF;
      SET p_state = 'BROKEN';
      LEAVE poll;
    END IF;
    -- One poll costs ~0.25 ms (information_schema.GLOBAL_STATUS); SLEEP(0.001)
    -- measured 1.2-1.4 ms here, SLEEP(0.0002) 0.33 ms: a coarser step only
    -- adds latency to every start.
    DO SLEEP(0.0002);
  END LOOP;
END;
