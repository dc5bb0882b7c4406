-- openrds: CALL mysql.rds_start_replication_until(replication_log_file,
--                                                 replication_stop_point)
--
-- START SLAVE '' UNTIL MASTER_LOG_FILE = file, MASTER_LOG_POS = pos: the SQL
-- thread applies events up to that position of the source's binary log and
-- stops there; the IO thread keeps running. RDS offers it on MySQL only;
-- MariaDB has the same statement (also with MASTER_USE_GTID = slave_pos),
-- so openrds offers it on MariaDB too. With a delayed replica this is the
-- disaster-recovery roll-forward of RDS's documentation.
--   NOT_EXIST   -> error 'You can't start replication because the replica isn't configured. First call mysql.rds_set_external_master.'
--   ON / BROKEN -> error 'Replication may already be running. Call rds_stop_replication to stop replication'
--   stop point NULL or <= 0 -> error 'Invalid input: replication_stop_point cannot be NULL, less than or equal to 0'
--   file NULL, not '<base>.<number>' with no other '.' in its last path
--   component (MariaDB's UNTIL refuses those names),
--   with control characters or longer than 255 -> 'Invalid arguments'
--   OFF         -> START SLAVE UNTIL, then message
--                  'Replication started until MASTER_LOG_FILE = '<file>' and MASTER_LOG_POS = <pos>',
--                  history 'start slave until' (master_log_file, master_log_pos = the stop
--                  point), and rds_replication_status.replication_log_file /
--                  replication_stop_point = the stop point (the control plane
--                  reports 'replication stop point set', then 'reached').
-- Started = the IO thread connected and reading (COMMAND 'Slave_IO') for
-- 0.5 s. Longer than rds_start_replication's 25 ms, and the IO thread alone
-- decides: the SQL thread may stop at the stop point at once (a stop point
-- in the past, as RDS documents), which SQL cannot tell from an SQL error
-- (Last_SQL_Errno is only in SHOW SLAVE STATUS); and a source that does not
-- have the position lets the IO thread read for up to ~0.1 s before error
-- 1236 (measured). Failure -- the IO thread connected and died, none within
-- 5 s (cannot connect or log in), or no replication thread left: 'start
-- slave until' is still recorded (the threads were started), then the error
-- 'Slave has encountered an error. Run SHOW SLAVE STATUS\G; to see the error.'
-- Texts are RDS's (8.0 code). Works on RDS read replicas.

SET sql_mode = 'STRICT_ALL_TABLES,NO_ENGINE_SUBSTITUTION';

CREATE OR REPLACE DEFINER = rds_definer PROCEDURE mysql.rds_start_replication_until(
  IN p_log_file  text,
  IN p_stop_pos  bigint)
  MODIFIES SQL DATA
  SQL SECURITY DEFINER
  COMMENT 'RDS: start replication and stop at a binary log position'
BEGIN
  DECLARE v_state VARCHAR(16) DEFAULT mysql.rds_replication_state();
  DECLARE v_file TEXT DEFAULT TRIM(p_log_file);
  DECLARE v_log_bin INT DEFAULT @@session.sql_log_bin;
  DECLARE v_deadline DATETIME(6);
  DECLARE v_io_since DATETIME(6) DEFAULT NULL;
  DECLARE v_started TINYINT DEFAULT 0;
  DECLARE v_io INT;
  DECLARE v_threads INT;

  IF v_state = 'NOT_EXIST' THEN
    SIGNAL SQLSTATE '45000'
      SET MESSAGE_TEXT = 'You can''t start replication because the replica isn''t configured. First call mysql.rds_set_external_master.';
  ELSEIF v_state IN ('ON', 'BROKEN') THEN
    SIGNAL SQLSTATE '45000'
      SET MESSAGE_TEXT = 'Replication may already be running. Call rds_stop_replication to stop replication';
  ELSEIF p_stop_pos IS NULL OR p_stop_pos <= 0 THEN
    SIGNAL SQLSTATE '45000'
      SET MESSAGE_TEXT = 'Invalid input: replication_stop_point cannot be NULL, less than or equal to 0';
  ELSEIF v_file IS NULL OR CHAR_LENGTH(v_file) > 255 OR v_file REGEXP '[[:cntrl:]]'
         OR v_file NOT REGEXP '^(.*/)?[^./]+\\.[0-9]+\\z' THEN
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'Invalid arguments';
  END IF;

  COMMIT;
  DO mysql.rds_reset_replica_globals();
  EXECUTE IMMEDIATE CONCAT('START SLAVE \'\' UNTIL MASTER_LOG_FILE = ', QUOTE(v_file),
                           ', MASTER_LOG_POS = ', p_stop_pos);
  SET v_deadline = SYSDATE(6) + INTERVAL 5 SECOND;
  poll: LOOP
    SELECT SUM(COMMAND = 'Slave_IO'), COUNT(*) INTO v_io, v_threads
      FROM information_schema.PROCESSLIST
     WHERE USER = 'system user'
       AND COMMAND IN ('Slave_SQL', 'Slave_IO', 'Connect');
    IF v_io > 0 THEN
      IF v_io_since IS NULL THEN
        SET v_io_since = SYSDATE(6);
      ELSEIF SYSDATE(6) >= v_io_since + INTERVAL 500000 MICROSECOND THEN
        SET v_started = 1;
        LEAVE poll;
      END IF;
    ELSEIF v_io_since IS NOT NULL OR v_threads = 0 THEN
      LEAVE poll;      -- the IO thread connected and died (e.g. error 1236), or all ended
    END IF;
    IF SYSDATE(6) > v_deadline THEN
      LEAVE poll;
    END IF;
    DO SLEEP(0.005);
  END LOOP;

  CALL mysql.rds_record_action('start slave until', NULL, NULL, NULL, v_file, p_stop_pos,
                               NULL, NULL, NULL);
  -- the stop point, for the control plane (rds_record_action clears it)
  BEGIN
    DECLARE EXIT HANDLER FOR SQLEXCEPTION
    BEGIN
      ROLLBACK;
      SET @@session.sql_log_bin = v_log_bin;
      RESIGNAL;
    END;
    SET @@session.sql_log_bin = 0;
    UPDATE mysql.rds_replication_status
       SET replication_log_file = v_file, replication_stop_point = p_stop_pos
     WHERE channel_name = '';
    COMMIT;
    SET @@session.sql_log_bin = v_log_bin;
  END;
  IF v_started THEN
    SELECT CONCAT('Replication started until MASTER_LOG_FILE = ', QUOTE(v_file),
                  ' and MASTER_LOG_POS = ', p_stop_pos) AS Message;
  ELSE
    SIGNAL SQLSTATE '45000'
      SET MESSAGE_TEXT = 'Slave has encountered an error. Run SHOW SLAVE STATUS\\G; to see the error.';
  END IF;
END;
