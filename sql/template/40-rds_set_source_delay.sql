-- openrds: CALL mysql.rds_set_source_delay(delay)
--          CALL mysql.rds_set_source_delay_for_channel(delay, channel)
--          (both call the internal mysql.rds_channel_set_delay)
--
-- MASTER_DELAY = delay seconds for the channel ('' the default one: an external
-- replica or an RDS read replica: this is how a read replica is made to lag
-- its source on purpose). Recorded as this instance's 'source delay'. In
-- RDS's order:
--   delay NULL / outside 0..86400 -> 'For source delay the value must be between 0 and 86400 inclusive.'
--   NOT_EXIST   -> 'You can't set replication delay because the replica isn't configured. First call mysql.rds_set_external_master.'
--   ON / BROKEN -> 'You can't set replication delay because replication is running. First call mysql.rds_stop_replication.'
--   OFF         -> CHANGE MASTER '<channel>' TO MASTER_DELAY = delay, message
--                  'source delay is set successfully.' (on a named channel
--                  '... for channel '<c>''), history
--                  'set source delay' (master_delay = delay)
-- rds_set_configuration('source delay', n) calls this procedure.

SET sql_mode = 'STRICT_ALL_TABLES,NO_ENGINE_SUBSTITUTION';

CREATE OR REPLACE DEFINER = rds_definer PROCEDURE mysql.rds_channel_set_delay(
  IN p_delay   int,
  IN p_channel varchar(64))
  MODIFIES SQL DATA
  SQL SECURITY DEFINER
  COMMENT 'openrds internal: rds_set_source_delay on a channel'
BEGIN
  DECLARE v_state VARCHAR(16);

  CALL mysql.rds_begin('delay: starting');
  IF p_delay IS NULL OR p_delay < 0 OR p_delay > 86400 THEN
    CALL mysql.rds_say_on('delay range', NULL, p_channel);
  END IF;
  SET v_state = mysql.rds_replication_state(p_channel);
  IF v_state = 'NOT_EXIST' THEN
    CALL mysql.rds_say_on('delay: not configured', NULL, p_channel);
  ELSEIF v_state IN ('ON', 'BROKEN') THEN
    CALL mysql.rds_say_on('delay: running', NULL, p_channel);
  END IF;

  COMMIT;
  EXECUTE IMMEDIATE CONCAT('CHANGE MASTER ', QUOTE(p_channel), ' TO MASTER_DELAY = ', p_delay);
  CALL mysql.rds_configuration_set('source delay', p_delay);
  CALL mysql.rds_record_action('set source delay', NULL, NULL, NULL, NULL, NULL,
                               NULL, p_delay, NULL, p_channel);
  CALL mysql.rds_say_on('delay: done', NULL, p_channel);
END;

CREATE OR REPLACE DEFINER = rds_definer PROCEDURE mysql.rds_set_source_delay(IN p_delay int)
  MODIFIES SQL DATA
  SQL SECURITY DEFINER
  COMMENT 'RDS: set the replication delay of this replica'
CALL mysql.rds_channel_set_delay(p_delay, '');

CREATE OR REPLACE DEFINER = rds_definer PROCEDURE mysql.rds_set_source_delay_for_channel(IN p_delay int, IN channel varchar(64))
  MODIFIES SQL DATA
  SQL SECURITY DEFINER
  COMMENT 'RDS: set the replication delay of a channel'
CALL mysql.rds_channel_set_delay(p_delay, mysql.rds_channel(channel));
