-- openrds: CALL mysql.rds_set_external_master(host, port, user, passwd,
--                                             log_file, log_pos, ssl)
-- (parameters are named p_*: a parameter called `name`, as in RDS's own
-- signature, silently shadowed the rds_sysinfo column in the read-replica
-- check)
--
-- Points the default connection at an external source by binary log file
-- and position (MASTER_USE_GTID=no). rds-contract.md section 4. No message on
-- success; refusals are SIGNAL SQLSTATE '45000' with RDS's texts.
--
-- The arguments are data, never SQL: CHANGE MASTER cannot take variables, so
-- the statement is built as a string in which every string value is QUOTE()d
-- (safe because this file's sql_mode, stored with the procedure, lacks
-- NO_BACKSLASH_ESCAPES) and every number comes from an INT/BIGINT parameter.
-- Values are also refused ('Invalid arguments') when missing, out of range,
-- too long for CHANGE MASTER, or when they contain control characters: a
-- newline would otherwise be written verbatim into the line-based
-- master.info and shift its fields at the next server start.
-- The connection name '' is explicit everywhere: @@default_master_connection
-- belongs to the caller's session.

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
  DECLARE v_host VARCHAR(255) DEFAULT TRIM(p_host);
  DECLARE v_passwd TEXT DEFAULT IFNULL(p_password, '');
  DECLARE v_ssl TINYINT DEFAULT IFNULL(p_ssl, 0);
  DECLARE v_state VARCHAR(16);

  IF EXISTS (SELECT 1 FROM mysql.rds_sysinfo AS si
              WHERE si.name = 'instance role' AND si.value = 'read replica') THEN
    SIGNAL SQLSTATE '45000'
      SET MESSAGE_TEXT = 'Permission Denied: This instance is a RDS Read Replica.';
  END IF;

  IF v_host IS NULL OR v_host = '' OR CHAR_LENGTH(v_host) > 255
     OR p_port IS NULL OR p_port < 1 OR p_port > 65535
     OR p_user IS NULL OR p_user = '' OR CHAR_LENGTH(p_user) > 128
     OR CHAR_LENGTH(v_passwd) > 96
     OR p_log_file IS NULL OR p_log_file = '' OR CHAR_LENGTH(p_log_file) > 255
     OR p_log_pos IS NULL
     OR v_ssl NOT IN (0, 1)
     OR v_host REGEXP '[[:cntrl:]]' OR p_user REGEXP '[[:cntrl:]]'
     OR v_passwd REGEXP '[[:cntrl:]]' OR p_log_file REGEXP '[[:cntrl:]]' THEN
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'Invalid arguments';
  END IF;

  SET v_state = mysql.rds_replication_state();
  IF v_state IN ('ON', 'BROKEN') THEN
    SIGNAL SQLSTATE '45000'
      SET MESSAGE_TEXT = 'You can''t modify replication because replication is running. First call mysql.rds_stop_replication.';
  END IF;

  COMMIT;   -- as CHANGE MASTER would do implicitly; keeps all rds procedures alike
  EXECUTE IMMEDIATE CONCAT(
    'CHANGE MASTER \'\' TO',
    ' MASTER_HOST = ', QUOTE(v_host),
    ', MASTER_PORT = ', p_port,
    ', MASTER_USER = ', QUOTE(p_user),
    ', MASTER_PASSWORD = ', QUOTE(v_passwd),
    ', MASTER_LOG_FILE = ', QUOTE(p_log_file),
    ', MASTER_LOG_POS = ', p_log_pos,
    ', MASTER_SSL = ', v_ssl,
    ', MASTER_USE_GTID = no');

  CALL mysql.rds_record_action('set master', v_host, p_port, p_user, p_log_file, p_log_pos,
                               v_ssl, NULL, NULL);
END;
