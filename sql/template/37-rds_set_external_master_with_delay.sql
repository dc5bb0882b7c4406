-- openrds: CALL mysql.rds_set_external_master_with_delay(host, port, user,
--                          passwd, log_file, log_pos, ssl, delay)
--          CALL mysql.rds_set_external_source_with_delay(...)   (8.4: a copy, 69-rds_offered.sql)
--
-- rds_set_external_master plus MASTER_DELAY = delay seconds (0..86400): the
-- replica applies each event no earlier than delay seconds after the source
-- executed it. The delay is also recorded as this instance's 'source delay'
-- (mysql.rds_configuration), as RDS does. The delay is checked first
-- (RDS's order): NULL or outside 0..86400 answers
-- 'For source delay the value must be between 0 and 86400 inclusive.';
-- everything else is mysql.rds_configure_external_master
-- (36-rds_configure_external_master.sql). No message on success.

SET sql_mode = 'STRICT_ALL_TABLES,NO_ENGINE_SUBSTITUTION';

CREATE OR REPLACE DEFINER = rds_definer PROCEDURE mysql.rds_set_external_master_with_delay(
  IN p_host     varchar(255),
  IN p_port     int,
  IN p_user     text,
  IN p_password text,
  IN p_log_file text,
  IN p_log_pos  bigint unsigned,
  IN p_ssl      tinyint(1),
  IN p_delay    int)
  MODIFIES SQL DATA
  SQL SECURITY DEFINER
  COMMENT 'RDS: configure delayed replication from an external source'
BEGIN
  CALL mysql.rds_configure_external_master('file', p_host, p_port, p_user, p_password,
                                           p_log_file, p_log_pos, p_ssl, IFNULL(p_delay, -1), NULL, '');
END;

CREATE OR REPLACE DEFINER = rds_definer PROCEDURE mysql.rds_set_external_source_with_delay_for_channel(
  IN p_host     varchar(255),
  IN p_port     int,
  IN p_user     text,
  IN p_password text,
  IN p_log_file text,
  IN p_log_pos  bigint unsigned,
  IN p_ssl      tinyint(1),
  IN p_delay    int,
  IN channel    varchar(64))
  MODIFIES SQL DATA
  SQL SECURITY DEFINER
  COMMENT 'RDS: configure delayed replication on a channel from an external source'
BEGIN
  CALL mysql.rds_configure_external_master('file', p_host, p_port, p_user, p_password,
                                           p_log_file, p_log_pos, p_ssl, IFNULL(p_delay, -1), NULL,
                                           mysql.rds_channel(channel));
END;
