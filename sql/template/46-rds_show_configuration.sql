-- openrds: CALL mysql.rds_show_configuration()
--
-- This instance's settings, as RDS shows them: one row per setting, columns
-- name, value (NULL when unset), description.

SET sql_mode = 'STRICT_ALL_TABLES,NO_ENGINE_SUBSTITUTION';

CREATE OR REPLACE DEFINER = rds_definer PROCEDURE mysql.rds_show_configuration()
  READS SQL DATA
  SQL SECURITY DEFINER
  COMMENT 'RDS: show binlog retention hours, source delay, target delay'
BEGIN
  SELECT name, value, description FROM mysql.rds_configuration ORDER BY name;
END;
