-- openrds: mysql.rds_sysinfo_set(name, value) -- internal: upsert (value not
-- NULL) or delete (value NULL) a row of mysql.rds_sysinfo, unlogged.
--
-- sql_log_bin = 0 because these are facts about this one instance ('instance
-- role' must not travel to a replica's replicas, nor a source's to its
-- replicas): mysql.rds_unlogged. As in rds_record_action, COMMIT first:
-- sql_log_bin cannot be changed inside a transaction.

SET sql_mode = 'STRICT_ALL_TABLES,NO_ENGINE_SUBSTITUTION';

CREATE OR REPLACE DEFINER = rds_definer PROCEDURE mysql.rds_sysinfo_set(
  IN p_name  varchar(100),
  IN p_value text)
  MODIFIES SQL DATA
  SQL SECURITY DEFINER
  COMMENT 'openrds internal: set or clear a row of mysql.rds_sysinfo'
BEGIN
  COMMIT;
  CALL mysql.rds_unlogged(
    IF(p_value IS NULL,
       CONCAT('DELETE FROM mysql.rds_sysinfo WHERE name = ', QUOTE(p_name)),
       CONCAT('INSERT INTO mysql.rds_sysinfo (name, value) VALUES (', QUOTE(p_name), ', ', QUOTE(p_value), ')',
              ' ON DUPLICATE KEY UPDATE value = VALUES(value)')),
    NULL);
END;
