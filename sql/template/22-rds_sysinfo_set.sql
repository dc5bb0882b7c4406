-- openrds: mysql.rds_sysinfo_set(name, value) -- internal: upsert (value not
-- NULL) or delete (value NULL) a row of mysql.rds_sysinfo, unlogged.
--
-- sql_log_bin = 0 because these are facts about this one instance ('instance
-- role' must not travel to a replica's replicas, nor a source's to its
-- replicas). As in rds_record_action, COMMIT first: sql_log_bin cannot be
-- changed inside a transaction; the caller's value is always restored.

SET sql_mode = 'STRICT_ALL_TABLES,NO_ENGINE_SUBSTITUTION';

CREATE OR REPLACE DEFINER = rds_definer PROCEDURE mysql.rds_sysinfo_set(
  IN p_name  varchar(100),
  IN p_value text)
  MODIFIES SQL DATA
  SQL SECURITY DEFINER
  COMMENT 'openrds internal: set or clear a row of mysql.rds_sysinfo'
BEGIN
  DECLARE v_log_bin INT DEFAULT @@session.sql_log_bin;
  DECLARE EXIT HANDLER FOR SQLEXCEPTION
  BEGIN
    ROLLBACK;
    SET @@session.sql_log_bin = v_log_bin;
    RESIGNAL;
  END;

  COMMIT;
  SET @@session.sql_log_bin = 0;
  IF p_value IS NULL THEN
    DELETE FROM mysql.rds_sysinfo WHERE name = p_name;
  ELSE
    INSERT INTO mysql.rds_sysinfo (name, value) VALUES (p_name, p_value)
      ON DUPLICATE KEY UPDATE value = VALUES(value);
  END IF;
  COMMIT;
  SET @@session.sql_log_bin = v_log_bin;
END;
