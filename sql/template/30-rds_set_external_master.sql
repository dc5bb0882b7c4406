-- openrds: CALL mysql.rds_set_external_master(host, port, user, passwd,
--                                             log_file, log_pos, ssl)
--          CALL mysql.rds_set_external_source(...)   (8.4: a copy, 69-rds_offered.sql)
-- (parameters are named p_*: a parameter called `name`, as in RDS's own
-- signature, silently shadowed the rds_sysinfo column in the read-replica
-- check)
--
-- Points the default connection at an external source by binary log file
-- and position (MASTER_USE_GTID=no). rds-contract.md section 4. No message on
-- success; refusals are SIGNAL SQLSTATE '45000' with RDS's texts.
--
-- The checks (read replica, 'Invalid arguments', running replica), the
-- CHANGE MASTER and the 'set master' record are shared with
-- the rest of the family in
-- mysql.rds_configure_external_master (36-rds_configure_external_master.sql,
-- which says why the values are safe). This one names no MASTER_DELAY: the
-- connection keeps the delay it had.

SET sql_mode = 'STRICT_ALL_TABLES,NO_ENGINE_SUBSTITUTION';

CREATE OR REPLACE DEFINER = rds_definer PROCEDURE mysql.rds_set_external_master(
  IN p_host     varchar(255),
  IN p_port     int,
  IN p_user     text,
  IN p_password text,
  IN p_log_file text,
  IN p_log_pos  bigint unsigned,
  IN p_ssl      tinyint(1))
  MODIFIES SQL DATA
  SQL SECURITY DEFINER
  COMMENT 'RDS: configure replication from an external source (file/position)'
BEGIN
  CALL mysql.rds_configure_external_master('file', p_host, p_port, p_user, p_password,
                                           p_log_file, p_log_pos, p_ssl, NULL, NULL, '');
END;

CREATE OR REPLACE DEFINER = rds_definer PROCEDURE mysql.rds_set_external_source_for_channel(
  IN p_host     varchar(255),
  IN p_port     int,
  IN p_user     text,
  IN p_password text,
  IN p_log_file text,
  IN p_log_pos  bigint unsigned,
  IN p_ssl      tinyint(1),
  IN channel    varchar(64))
  MODIFIES SQL DATA
  SQL SECURITY DEFINER
  COMMENT 'RDS: configure replication on a channel from an external source (file/position)'
BEGIN
  CALL mysql.rds_configure_external_master('file', p_host, p_port, p_user, p_password,
                                           p_log_file, p_log_pos, p_ssl, NULL, NULL, mysql.rds_channel(channel));
END;
