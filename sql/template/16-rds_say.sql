-- openrds template, step 16: how the procedures answer, per engine version.
--
--   rds_personality_chain()   function: the personality of this instance
--       (mysql.rds_sysinfo 'personality', set by 69-rds_offered.sql) and the
--       ones it inherits its answers from, as a FIND_IN_SET list
--   rds_answer(outcome)        function: 'K:text' -- the kind and text that answer
--       the outcome on this instance (15-rds_messages.sql), NULL when none does;
--       rds_text(outcome) the text alone
--   rds_say(outcome, arg)      procedure: answers the outcome -- raises the error,
--       returns the one-row result set, or writes the rds_history row; '{}' in
--       the text becomes arg
--
-- rds_say returns after a result set ('M') and never after an error ('E'):
-- an outcome that is a result set on any version must end its procedure's
-- path (an IF/ELSEIF branch of its own); one that refuses must be 'E' on every
-- version where code follows it.

SET sql_mode = 'STRICT_ALL_TABLES,NO_ENGINE_SUBSTITUTION';

CREATE OR REPLACE DEFINER = rds_definer FUNCTION mysql.rds_personality_chain()
  RETURNS varchar(64)
  NOT DETERMINISTIC
  READS SQL DATA
  SQL SECURITY DEFINER
  COMMENT 'openrds internal: this instance''s personality and its parents'
RETURN (SELECT CASE value
                 WHEN 'mysql8.4' THEN 'mysql8.4,mysql8.0,mysql5.7'
                 WHEN 'mysql8.0' THEN 'mysql8.0,mysql5.7'
                 WHEN 'mariadb'  THEN 'mariadb,mysql5.7'
                 ELSE 'mysql5.7'
               END
          FROM mysql.rds_sysinfo WHERE name = 'personality'
        UNION ALL SELECT 'mysql5.7' LIMIT 1);

CREATE OR REPLACE DEFINER = rds_definer FUNCTION mysql.rds_answer(p_outcome varchar(64))
  RETURNS text
  NOT DETERMINISTIC
  READS SQL DATA
  SQL SECURITY DEFINER
  COMMENT 'openrds internal: how this instance answers an outcome'
BEGIN
  DECLARE v_chain VARCHAR(64) DEFAULT mysql.rds_personality_chain();
  RETURN (SELECT CONCAT(kind, ':', text) FROM mysql.rds_messages
           WHERE outcome = p_outcome AND FIND_IN_SET(personality, v_chain)
           ORDER BY FIND_IN_SET(personality, v_chain) LIMIT 1);
END;

-- rds_text(outcome): the text alone (an action name that differs by version), NULL when none.
CREATE OR REPLACE DEFINER = rds_definer FUNCTION mysql.rds_text(p_outcome varchar(64))
  RETURNS text
  NOT DETERMINISTIC
  READS SQL DATA
  SQL SECURITY DEFINER
  COMMENT 'openrds internal: the text that answers an outcome on this instance'
RETURN SUBSTRING(mysql.rds_answer(p_outcome), 3);

CREATE OR REPLACE DEFINER = rds_definer PROCEDURE mysql.rds_say(
  IN p_outcome varchar(64),
  IN p_arg     text)
  MODIFIES SQL DATA
  SQL SECURITY DEFINER
  COMMENT 'openrds internal: answer an outcome as this engine version does'
CALL mysql.rds_say_on(p_outcome, p_arg, '');

-- On a named channel an outcome is answered by its ' @channel' row where
-- there is one ('{c}' is the channel), and every ': not configured' outcome
-- by 'channel: unknown': for a named channel, not configured is not existing.
CREATE OR REPLACE DEFINER = rds_definer PROCEDURE mysql.rds_say_on(
  IN p_outcome varchar(64),
  IN p_arg     text,
  IN p_channel varchar(64))
  MODIFIES SQL DATA
  SQL SECURITY DEFINER
  COMMENT 'openrds internal: answer an outcome on a channel as this engine version does'
BEGIN
  DECLARE v_answer TEXT DEFAULT IF(p_channel = '', NULL,
    COALESCE(mysql.rds_answer(CONCAT(p_outcome, ' @channel')),
             IF(p_outcome LIKE '%: not configured', mysql.rds_answer('channel: unknown'), NULL)));
  DECLARE v_text TEXT;

  SET v_answer = IFNULL(v_answer, mysql.rds_answer(p_outcome));
  SET v_text = REPLACE(REPLACE(SUBSTRING(v_answer, 3), '{c}', p_channel), '{}', IFNULL(p_arg, ''));
  CASE BINARY LEFT(v_answer, 1)   -- 'M' and 'm' differ
    WHEN 'E' THEN SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_text;
    WHEN 'M' THEN SELECT v_text AS Message;
    WHEN 'm' THEN SELECT v_text AS message;
    WHEN 'H' THEN CALL mysql.rds_record_history(v_text, NULL, NULL);
    ELSE BEGIN END;   -- no row: this version says nothing
  END CASE;
END;

CREATE OR REPLACE DEFINER = rds_definer FUNCTION mysql.rds_personality_is(p_name varchar(16))
  RETURNS tinyint
  NOT DETERMINISTIC
  READS SQL DATA
  SQL SECURITY DEFINER
  COMMENT 'openrds internal: whether this instance answers as that version'
RETURN FIND_IN_SET(p_name, mysql.rds_personality_chain()) > 0;

-- rds_begin(outcome): the first statement of every replication procedure. It
-- sets sql_log_bin, as RDS's procedures do first, so that a call inside the
-- caller's open transaction fails with MySQL's own ERROR 1694 (Cannot modify
-- @@session.sql_log_bin inside a transaction) instead of committing the
-- caller's work; then the version's "Starting: ..." row, if it has one.
CREATE OR REPLACE DEFINER = rds_definer PROCEDURE mysql.rds_begin(
  IN p_outcome varchar(64))
  MODIFIES SQL DATA
  SQL SECURITY DEFINER
  COMMENT 'openrds internal: what every replication procedure does first'
BEGIN
  SET @@session.sql_log_bin = @@session.sql_log_bin;
  CALL mysql.rds_say(p_outcome, NULL);
END;
