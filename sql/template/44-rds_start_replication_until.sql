-- openrds: CALL mysql.rds_start_replication_until(replication_log_file,
--                                                 replication_stop_point)
--          CALL mysql.rds_start_replication_until_gtid(gtid)
-- (both call the internal mysql.rds_start_until)
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
-- Texts are RDS's (8.0 code). Works on RDS read replicas. With more than one
-- parallel applier thread both are refused, as RDS refuses them.
--
-- _until_gtid(gtid): START SLAVE '' UNTIL master_gtid_pos = gtid -- MariaDB's
-- counterpart of MySQL's SQL_AFTER_GTIDS: the SQL thread stops after the
-- transaction with that GTID (per domain). The gtid is a MariaDB GTID list
-- ('0-1-42'); a MySQL GTID (uuid:n) is refused with a clear error (MariaDB
-- GTIDs cannot name it), and so is a connection configured by file and
-- position (MariaDB refuses UNTIL master_gtid_pos there). Message
-- 'Replication started until SQL_AFTER_GTIDS = '<gtid>'', history 'start slave
-- until' with master_gtid; rds_replication_status.replication_gtid holds it.


SET sql_mode = 'STRICT_ALL_TABLES,NO_ENGINE_SUBSTITUTION';

CREATE OR REPLACE DEFINER = rds_definer PROCEDURE mysql.rds_start_until(
  IN p_log_file  text,
  IN p_stop_pos  bigint,
  IN p_gtid      text,
  IN p_channel   varchar(64))
  MODIFIES SQL DATA
  SQL SECURITY DEFINER
  COMMENT 'openrds internal: rds_start_replication_until and _until_gtid'
BEGIN
  DECLARE v_by_gtid TINYINT DEFAULT p_log_file IS NULL AND p_stop_pos IS NULL;
  DECLARE v_state VARCHAR(16);
  DECLARE v_file TEXT DEFAULT TRIM(p_log_file);
  DECLARE v_gtid TEXT DEFAULT TRIM(p_gtid);
  DECLARE v_deadline DATETIME(6);
  DECLARE v_io_since DATETIME(6) DEFAULT NULL;
  DECLARE v_started TINYINT DEFAULT 0;
  DECLARE v_io INT;
  DECLARE v_threads INT;

  CALL mysql.rds_begin('until: starting');
  SET v_state = mysql.rds_replication_state(p_channel);
  IF v_state = 'NOT_EXIST' THEN
    CALL mysql.rds_say_on('start: not configured', NULL, p_channel);
  ELSEIF v_state IN ('ON', 'BROKEN') THEN
    CALL mysql.rds_say_on('until: running', NULL, p_channel);
  ELSEIF v_by_gtid AND p_gtid IS NULL THEN
    CALL mysql.rds_say_on('until gtid: null', NULL, p_channel);
  ELSEIF v_by_gtid AND v_gtid REGEXP '^[0-9a-fA-F-]{36}:' THEN
    CALL mysql.rds_say_on('gtid: mysql format', NULL, p_channel);
  ELSEIF v_by_gtid AND (CHAR_LENGTH(v_gtid) > 1024
         OR v_gtid NOT REGEXP '^[0-9]+-[0-9]+-[0-9]+(,[0-9]+-[0-9]+-[0-9]+)*\\z') THEN
    CALL mysql.rds_say_on('invalid arguments', NULL, p_channel);
  ELSEIF NOT v_by_gtid AND (p_stop_pos IS NULL OR p_stop_pos <= 0) THEN
    CALL mysql.rds_say_on('until: stop point', NULL, p_channel);
  ELSEIF NOT v_by_gtid AND (v_file IS NULL OR CHAR_LENGTH(v_file) > 255 OR v_file REGEXP '[[:cntrl:]]'
         OR v_file NOT REGEXP '^(.*/)?[^./]+\\.[0-9]+\\z') THEN
    CALL mysql.rds_say_on('invalid arguments', NULL, p_channel);
  ELSEIF @@global.slave_parallel_threads > 1 THEN
    CALL mysql.rds_say_on(IF(v_by_gtid, 'until gtid: multithreaded', 'until: multithreaded'), NULL, p_channel);
  END IF;

  COMMIT;
  DO mysql.rds_reset_replica_globals(p_channel);
  IF v_by_gtid THEN
    BEGIN
      -- ER_UNTIL_REQUIRES_USING_GTID: the connection replicates by file and position
      DECLARE EXIT HANDLER FOR 1949 CALL mysql.rds_say_on('gtid: file position', NULL, p_channel);
      CALL mysql.rds_start_slave(p_channel, CONCAT('master_gtid_pos = ', QUOTE(v_gtid)));
    END;
  ELSE
    CALL mysql.rds_start_slave(p_channel, CONCAT('MASTER_LOG_FILE = ', QUOTE(v_file), ', MASTER_LOG_POS = ', p_stop_pos));
  END IF;
  SET v_deadline = SYSDATE(6) + INTERVAL 5 SECOND;
  poll: LOOP
    SET v_io = mysql.rds_channel_thread_count(p_channel, 'Slave_IO');
    SET v_threads = mysql.rds_channel_thread_count(p_channel, NULL);
    IF v_io > 0 THEN
      IF v_io_since IS NULL THEN
        SET v_io_since = SYSDATE(6);
      ELSEIF SYSDATE(6) >= v_io_since + INTERVAL 500000 MICROSECOND THEN
        SET v_started = 1;
        LEAVE poll;
      END IF;
    -- By GTID the IO thread ends at the position before the SQL thread has applied up to it:
    -- the SQL thread is waited for (read too early, a loaded machine answered 'failed').
    ELSEIF v_by_gtid AND FIND_IN_SET(v_gtid, @@global.gtid_slave_pos) THEN
      LEAVE poll;      -- the position is reached: both threads end there
    ELSEIF v_threads = 0 OR (v_io_since IS NOT NULL AND NOT v_by_gtid) THEN
      LEAVE poll;      -- the IO thread connected and died (e.g. error 1236), or all ended
    END IF;
    IF SYSDATE(6) > v_deadline THEN
      LEAVE poll;
    END IF;
    DO SLEEP(0.005);
  END LOOP;

  -- UNTIL master_gtid_pos stops the IO thread too once the position is reached: reaching it is success
  IF v_by_gtid AND NOT v_started AND FIND_IN_SET(v_gtid, @@global.gtid_slave_pos) THEN
    SET v_started = 1;
  END IF;
  CALL mysql.rds_record_action('start slave until', NULL, NULL, NULL, v_file, p_stop_pos,
                               NULL, NULL, IF(v_by_gtid, v_gtid, NULL), p_channel);
  -- the stop point, for the control plane (rds_record_action clears it)
  CALL mysql.rds_unlogged(CONCAT('UPDATE mysql.rds_replication_status',
                                 ' SET replication_log_file = ', QUOTE(v_file), ', replication_stop_point = ', QUOTE(p_stop_pos),
                                 IF(v_by_gtid, CONCAT(', replication_gtid = ', QUOTE(v_gtid)), ''),
                                 ' WHERE channel_name = ', QUOTE(p_channel)), NULL);
  IF NOT v_started THEN
    CALL mysql.rds_say_on('failed', NULL, p_channel);
  ELSEIF v_by_gtid THEN
    CALL mysql.rds_say_on('until gtid: done', QUOTE(v_gtid), p_channel);
  ELSE
    CALL mysql.rds_say_on('until: done', CONCAT(QUOTE(v_file), ' and MASTER_LOG_POS = ', p_stop_pos), p_channel);
  END IF;
END;

CREATE OR REPLACE DEFINER = rds_definer PROCEDURE mysql.rds_start_replication_until(
  IN p_log_file  text,
  IN p_stop_pos  bigint)
  MODIFIES SQL DATA
  SQL SECURITY DEFINER
  COMMENT 'RDS: start replication and stop at a binary log position'
BEGIN
  CALL mysql.rds_start_until(IFNULL(p_log_file, ''), p_stop_pos, NULL, '');
END;

CREATE OR REPLACE DEFINER = rds_definer PROCEDURE mysql.rds_start_replication_until_gtid(
  IN p_gtid text)
  MODIFIES SQL DATA
  SQL SECURITY DEFINER
  COMMENT 'RDS: start replication and stop after a GTID'
BEGIN
  CALL mysql.rds_start_until(NULL, NULL, p_gtid, '');
END;

CREATE OR REPLACE DEFINER = rds_definer PROCEDURE mysql.rds_start_replication_until_for_channel(IN p_log_file text, IN p_stop_pos bigint, IN channel varchar(64))
  MODIFIES SQL DATA
  SQL SECURITY DEFINER
  COMMENT 'RDS: start replication on a channel and stop at a binary log position'
CALL mysql.rds_start_until(IFNULL(p_log_file, ''), p_stop_pos, NULL, mysql.rds_channel(channel));

CREATE OR REPLACE DEFINER = rds_definer PROCEDURE mysql.rds_start_replication_until_gtid_for_channel(IN p_gtid text, IN channel varchar(64))
  MODIFIES SQL DATA
  SQL SECURITY DEFINER
  COMMENT 'RDS: start replication on a channel and stop after a GTID'
CALL mysql.rds_start_until(NULL, NULL, p_gtid, mysql.rds_channel(channel));
