-- openrds: mysql.rds_is_read_replica() -- internal: whether this instance is an
-- RDS read replica, i.e. the control plane marked it so (mysql.rds_sysinfo
-- 'instance role', set by rds_operator_setup_replica and
-- rds_operator_set_instance_role, cleared by rds_operator_promote). The
-- procedures that would change a read replica's replication refuse there.

SET sql_mode = 'STRICT_ALL_TABLES,NO_ENGINE_SUBSTITUTION';

CREATE OR REPLACE DEFINER = rds_definer FUNCTION mysql.rds_is_read_replica()
  RETURNS tinyint
  NOT DETERMINISTIC
  READS SQL DATA
  SQL SECURITY DEFINER
  COMMENT 'openrds internal: is this instance an RDS read replica'
RETURN EXISTS (SELECT 1 FROM mysql.rds_sysinfo AS si
                WHERE si.name = 'instance role' AND si.value = 'read replica');
