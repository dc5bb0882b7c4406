-- openrds: CALL mysql.rds_set_configuration(name, value)
--
-- Sets one of this instance's settings in mysql.rds_configuration (RDS's
-- names; the name is matched as RDS does, case-insensitively):
--   'binlog retention hours'  1..168, or NULL (keep binary logs no longer
--                             than replication needs); else error
--                             'For binlog retention hours the value must be between 1 and 168 inclusive or be NULL'
--   'target delay'            0..86400: MASTER_DELAY of RDS read replicas
--                             created from this instance afterwards
--                             (rds_operator_setup_replica reads it on the
--                             new replica, a copy of this instance); else error
--                             'For target delay the value must be between 0 and 86400 inclusive'
--   'source delay'            = CALL mysql.rds_set_source_delay(value): the
--                             delay of this instance's own replication (its
--                             messages and refusals)
--   anything else             error "Cannot set unknown configuration parameter '<name>' using mysql.rds_set_configuration."
-- No message on success (as RDS). Not written to rds_history (RDS does not
-- either: these are settings, not replication actions; 'source delay' is
-- recorded by rds_set_source_delay). Unlogged (35-rds_configuration_set.sql).
-- Parameters are p_*: a parameter called `name` would shadow the column.

SET sql_mode = 'STRICT_ALL_TABLES,NO_ENGINE_SUBSTITUTION';

CREATE OR REPLACE DEFINER = rds_definer PROCEDURE mysql.rds_set_configuration(
  IN p_name  varchar(30),
  IN p_value int)
  MODIFIES SQL DATA
  SQL SECURITY DEFINER
  COMMENT 'RDS: set binlog retention hours, source delay or target delay'
BEGIN
  DECLARE v_name VARCHAR(100) DEFAULT NULL;
  DECLARE v_message VARCHAR(160);

  SELECT c.name INTO v_name FROM mysql.rds_configuration AS c WHERE c.name = p_name;
  IF v_name IS NULL THEN
    SET v_message = LEFT(CONCAT('Cannot set unknown configuration parameter ',
      QUOTE(p_name), ' using mysql.rds_set_configuration.'), 128);
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
  ELSEIF v_name = 'binlog retention hours' THEN
    IF p_value NOT BETWEEN 1 AND 168 THEN
      SIGNAL SQLSTATE '45000'
        SET MESSAGE_TEXT = 'For binlog retention hours the value must be between 1 and 168 inclusive or be NULL';
    END IF;
    CALL mysql.rds_configuration_set(v_name, p_value);
  ELSEIF v_name = 'target delay' THEN
    IF p_value IS NULL OR p_value NOT BETWEEN 0 AND 86400 THEN
      SIGNAL SQLSTATE '45000'
        SET MESSAGE_TEXT = 'For target delay the value must be between 0 and 86400 inclusive';
    END IF;
    CALL mysql.rds_configuration_set(v_name, p_value);
  ELSEIF v_name = 'source delay' THEN
    CALL mysql.rds_set_source_delay(p_value);
  ELSE
    CALL mysql.rds_configuration_set(v_name, p_value);
  END IF;
END;
