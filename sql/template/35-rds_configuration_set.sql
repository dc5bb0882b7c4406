-- openrds: mysql.rds_configuration_set(name, value) -- internal: sets the
-- value of an existing row of mysql.rds_configuration, unlogged.
--
-- Like the other bookkeeping writes (21-rds_record_action.sql), not
-- binlogged: the settings belong to this instance. A read replica starts as
-- a physical copy of its source, so it starts with the source's values (that
-- is how 'target delay' reaches rds_operator_setup_replica), and from then
-- on each instance keeps its own (mysql.rds_unlogged). COMMIT first
-- (sql_log_bin cannot change inside a transaction).
-- Used by rds_set_configuration, rds_set_source_delay,
-- rds_set_external_master_with_delay and rds_operator_setup_replica.

SET sql_mode = 'STRICT_ALL_TABLES,NO_ENGINE_SUBSTITUTION';

CREATE OR REPLACE DEFINER = rds_definer PROCEDURE mysql.rds_configuration_set(
  IN p_name  varchar(100),
  IN p_value varchar(100))
  MODIFIES SQL DATA
  SQL SECURITY DEFINER
  COMMENT 'openrds internal: set a row of mysql.rds_configuration'
BEGIN
  COMMIT;
  CALL mysql.rds_unlogged(CONCAT('UPDATE mysql.rds_configuration SET value = ', QUOTE(p_value),
                                 ' WHERE name = ', QUOTE(p_name)), NULL);
END;
