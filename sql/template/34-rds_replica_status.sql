-- openrds: CALL mysql.rds_replica_status()
--
-- SHOW SLAVE STATUS for the default connection (explicit '', whatever the
-- caller's @@default_master_connection), for a master user lacking SLAVE
-- MONITOR (RDS for MariaDB offers this procedure). Returns the server's
-- 54-column result set unchanged, empty when nothing is configured.

SET sql_mode = 'STRICT_ALL_TABLES,NO_ENGINE_SUBSTITUTION';

CREATE OR REPLACE DEFINER = rds_definer PROCEDURE mysql.rds_replica_status()
  READS SQL DATA
  SQL SECURITY DEFINER
  COMMENT 'RDS for MariaDB: SHOW REPLICA STATUS'
BEGIN
  SHOW SLAVE '' STATUS;
END;
