-- openrds operator: CALL mysql.rds_operator_set_instance_role(role)
--
-- 'read replica' marks this instance as an RDS read replica: the master
-- user's rds_set_external_master / rds_reset_external_master then answer
-- 'Permission Denied: This instance is a RDS Read Replica.' NULL or ''
-- clears it (standalone / promoted). Not binlogged (rds_sysinfo_set).

SET sql_mode = 'STRICT_ALL_TABLES,NO_ENGINE_SUBSTITUTION';

CREATE OR REPLACE DEFINER = rds_definer PROCEDURE mysql.rds_operator_set_instance_role(
  IN p_role varchar(32))
  MODIFIES SQL DATA
  SQL SECURITY DEFINER
  COMMENT 'openrds operator: mark or unmark this instance as a read replica'
BEGIN
  CALL mysql.rds_assert_operator();

  IF p_role IS NULL OR p_role = '' THEN
    CALL mysql.rds_sysinfo_set('instance role', NULL);
  ELSEIF p_role = 'read replica' THEN
    CALL mysql.rds_sysinfo_set('instance role', 'read replica');
  ELSE
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'openrds: unknown instance role';
  END IF;
END;
