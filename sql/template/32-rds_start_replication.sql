-- openrds: CALL mysql.rds_start_replication()
--          CALL mysql.rds_start_replication_for_channel(channel)
--          (both call the internal mysql.rds_channel_start; the channel of the
--          single-channel name is '', 19-rds_channels.sql)
--
-- OFF -> START SLAVE '', then waits for the state to become ON and answers
-- 'Slave running normally.' (RDS 5.x wording). RDS sleeps a fixed few
-- seconds here; we poll every 0.2 ms instead:
-- * success as soon as replication is ON (rds_await_replication, 41-*.sql):
--   the IO thread has logged in to the source and asked for its binary log,
--   and the SQL thread runs; the same condition as SHOW SLAVE STATUS's two
--   Yes. Measured: a source that rejects the requested position (error
--   1236, e.g. a position inside an event) lets the IO thread reach Yes and
--   kills it 10-25 ms later; an unknown log file or a position past the end
--   usually kills it before Yes (on a loaded machine, sometimes after). Holding ON for a while would catch the first kind
--   only sometimes (a 10 ms hold cost every start 10 ms): such an error
--   shows as the replica's error status in DescribeDBInstances, in
--   rds_replica_status and in SHOW SLAVE STATUS.
-- * failure (the error message) as soon as a replication thread has gone:
--   it stopped on an error.
-- * failure at the 5 s bound: a source that cannot be reached or refuses
--   the login leaves the IO thread retrying in "Connecting to master" with
--   no SQL-visible error; 5 s is RDS-like and leaves room for a slow
--   remote connect and handshake.
-- START SLAVE is preceded by COMMIT, like the other replication statements
-- (STOP SLAVE even refuses inside a transaction, ERROR 1192).
-- The action is recorded ('start slave') whenever START SLAVE was issued,
-- also when it then failed: the threads were started and may still retry.
-- Other states: ON -> message, BROKEN / NOT_EXIST -> SIGNAL.

SET sql_mode = 'STRICT_ALL_TABLES,NO_ENGINE_SUBSTITUTION';

CREATE OR REPLACE DEFINER = rds_definer PROCEDURE mysql.rds_channel_start(
  IN p_channel varchar(64))
  MODIFIES SQL DATA
  SQL SECURITY DEFINER
  COMMENT 'openrds internal: rds_start_replication on a channel'
BEGIN
  DECLARE v_state VARCHAR(16);

  CALL mysql.rds_begin('start: starting');
  SET v_state = mysql.rds_replication_state(p_channel);
  IF v_state = 'NOT_EXIST' THEN
    CALL mysql.rds_say_on('start: not configured', NULL, p_channel);
  ELSEIF v_state = 'ON' THEN
    CALL mysql.rds_say_on('start: running', NULL, p_channel);
  ELSEIF v_state = 'BROKEN' THEN
    CALL mysql.rds_say_on('start: broken', NULL, p_channel);
  ELSE
    COMMIT;
    DO mysql.rds_reset_replica_globals(p_channel);
    CALL mysql.rds_start_slave(p_channel, '');
    CALL mysql.rds_await_replication(0, p_channel, v_state);

    CALL mysql.rds_record_action('start slave', NULL, NULL, NULL, NULL, NULL,
                                 NULL, NULL, NULL, p_channel);
    CALL mysql.rds_say_on(IF(v_state = 'ON', 'start: done', 'failed'), NULL, p_channel);
  END IF;
END;

CREATE OR REPLACE DEFINER = rds_definer PROCEDURE mysql.rds_start_replication()
  MODIFIES SQL DATA
  SQL SECURITY DEFINER
  COMMENT 'RDS: start replication'
CALL mysql.rds_channel_start('');

CREATE OR REPLACE DEFINER = rds_definer PROCEDURE mysql.rds_start_replication_for_channel(IN channel varchar(64))
  MODIFIES SQL DATA
  SQL SECURITY DEFINER
  COMMENT 'RDS: start replication on a channel'
CALL mysql.rds_channel_start(mysql.rds_channel(channel));
