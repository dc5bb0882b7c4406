-- openrds: mysql.rds_configure_external_master(how, host, port, user, passwd,
--          log_file, log_pos, ssl, delay, gtid, channel) -- internal: the one place
-- that checks the arguments of the rds_set_external_master/_source family and
-- builds their CHANGE MASTER. Called by
--   rds_set_external_master / _source              ('file', delay NULL)
--   rds_set_external_master_with_delay / _source_  ('file', delay given)
--   rds_set_external_master_gtid                   ('gtid', log_file/log_pos NULL)
--   rds_set_external_master_with_auto_position / _source_  ('auto')
-- and their *_for_channel forms (channel '' for the others).
--
-- * Writes the version's "Starting:" row (8.0), then refuses a delay out of
--   range, on an RDS read replica ('Permission Denied: ...'), bad arguments
--   ('Invalid arguments'), a running replica ('You can't modify replication
--   ...'), in that order (rds-contract.md section 4, rds-versions.md section 2);
--   then RDS's multi-source rules (rds-versions.md section 4): a 16th channel,
--   and a second channel from a host and port that one already replicates
--   from, are refused.
-- * 'file': MASTER_LOG_FILE/MASTER_LOG_POS, MASTER_USE_GTID=no.
--   'gtid' (RDS for MariaDB): SET GLOBAL gtid_slave_pos = gtid (the threads are
--   stopped: the state check comes first), MASTER_USE_GTID=slave_pos. The
--   gtid is a MariaDB GTID list ('0-1-42,1-2-7') or '' (from the start).
--   'auto' (MySQL's auto-position, on MariaDB's GTIDs): MASTER_USE_GTID=slave_pos
--   from the replica's own gtid_slave_pos, as MySQL starts from its gtid_executed;
--   recorded as 'set master with AP' on 8.0.
-- * MASTER_DELAY only when delay is not NULL; it is then also recorded as
--   this instance's 'source delay' (RDS does the same). Without delay the
--   connection keeps the delay it had (CHANGE MASTER changes only what it
--   names; RESET SLAVE ALL sets it back to 0).
-- * The arguments are data, never SQL: CHANGE MASTER cannot take variables,
--   so the statement is built as a string in which every string value is
--   QUOTE()d (safe because this file's sql_mode, stored with the procedure,
--   lacks NO_BACKSLASH_ESCAPES) and every number comes from an INT/BIGINT
--   parameter. Values are also refused when missing, out of range, too long
--   for CHANGE MASTER, or when they contain control characters: a newline
--   would otherwise be written verbatim into the line-based master.info and
--   shift its fields at the next server start.
-- * The connection name is explicit everywhere: @@default_master_connection
--   belongs to the caller's session.
-- Records 'set master' (history: host, port, user, file, position, ssl,
-- delay, gtid).

SET sql_mode = 'STRICT_ALL_TABLES,NO_ENGINE_SUBSTITUTION';

CREATE OR REPLACE DEFINER = rds_definer PROCEDURE mysql.rds_configure_external_master(
  IN p_how      varchar(8),
  IN p_host     varchar(255),
  IN p_port     int,
  IN p_user     text,
  IN p_password text,
  IN p_log_file text,
  IN p_log_pos  bigint unsigned,
  IN p_ssl      tinyint(1),
  IN p_delay    int,
  IN p_gtid     text,
  IN p_channel  varchar(64))
  MODIFIES SQL DATA
  SQL SECURITY DEFINER
  COMMENT 'openrds internal: checks and CHANGE MASTER of rds_set_external_master*'
BEGIN
  DECLARE v_host VARCHAR(255) DEFAULT TRIM(p_host);
  DECLARE v_passwd TEXT DEFAULT IFNULL(p_password, '');
  DECLARE v_ssl TINYINT DEFAULT IFNULL(p_ssl, 0);
  DECLARE v_by_file TINYINT DEFAULT p_how = 'file';
  DECLARE v_state VARCHAR(16);

  CALL mysql.rds_begin(IF(p_how = 'auto', 'set master AP: starting', 'set master: starting'));
  IF p_delay IS NOT NULL AND (p_delay < 0 OR p_delay > 86400) THEN
    CALL mysql.rds_say('delay range', NULL);
  END IF;
  IF mysql.rds_is_read_replica() THEN
    CALL mysql.rds_say('read replica', NULL);
  END IF;

  IF v_host IS NULL OR v_host = '' OR CHAR_LENGTH(v_host) > 255
     OR p_port IS NULL OR p_port < 1 OR p_port > 65535
     OR p_user IS NULL OR p_user = '' OR CHAR_LENGTH(p_user) > 128
     OR CHAR_LENGTH(v_passwd) > 96
     OR v_ssl NOT IN (0, 1)
     OR v_host REGEXP '[[:cntrl:]]' OR p_user REGEXP '[[:cntrl:]]'
     OR v_passwd REGEXP '[[:cntrl:]]'
     OR p_how NOT IN ('file', 'gtid', 'auto')
     OR (v_by_file AND (p_log_file IS NULL OR p_log_file = ''
                        OR CHAR_LENGTH(p_log_file) > 255
                        OR p_log_file REGEXP '[[:cntrl:]]'
                        OR p_log_pos IS NULL))
     OR (p_how = 'gtid' AND (p_gtid IS NULL OR (p_gtid <> '' AND p_gtid NOT REGEXP
                             '^[0-9]+-[0-9]+-[0-9]+(,[0-9]+-[0-9]+-[0-9]+)*\\z'))) THEN
    CALL mysql.rds_say('invalid arguments', NULL);
  END IF;

  SET v_state = mysql.rds_replication_state(p_channel);
  IF v_state IN ('ON', 'BROKEN') THEN
    CALL mysql.rds_say('running: modify', NULL);
  END IF;
  IF v_state = 'NOT_EXIST' AND (SELECT COUNT(*) FROM mysql.rds_replication_status
                                 WHERE action <> 'reset slave' AND channel_name <> p_channel) >= 15 THEN
    CALL mysql.rds_say('channel: too many', NULL);
  END IF;
  IF EXISTS (SELECT 1 FROM mysql.rds_replication_status
              WHERE action <> 'reset slave' AND channel_name <> p_channel
                AND master_host = v_host AND master_port = p_port) THEN
    CALL mysql.rds_say('channel: same source', CONCAT(v_host, ' and port: ', p_port));
  END IF;

  COMMIT;   -- as CHANGE MASTER would do implicitly; keeps all rds procedures alike
  IF p_how = 'gtid' THEN
    SET GLOBAL gtid_slave_pos = p_gtid;
  END IF;
  EXECUTE IMMEDIATE CONCAT(
    'CHANGE MASTER ', QUOTE(p_channel), ' TO',
    ' MASTER_HOST = ', QUOTE(v_host),
    ', MASTER_PORT = ', p_port,
    ', MASTER_USER = ', QUOTE(p_user),
    ', MASTER_PASSWORD = ', QUOTE(v_passwd),
    IF(v_by_file,
       CONCAT(', MASTER_LOG_FILE = ', QUOTE(p_log_file),
              ', MASTER_LOG_POS = ', p_log_pos), ''),
    ', MASTER_SSL = ', v_ssl,
    IF(p_delay IS NULL, '', CONCAT(', MASTER_DELAY = ', p_delay)),
    IF(v_by_file, ', MASTER_USE_GTID = no', ', MASTER_USE_GTID = slave_pos'));

  IF p_delay IS NOT NULL THEN
    CALL mysql.rds_configuration_set('source delay', p_delay);
  END IF;
  IF p_channel <> '' THEN   -- rds_next_source_log_for_channel's base name (43-*.sql)
    CALL mysql.rds_sysinfo_set(CONCAT('log file: ', p_channel), IF(v_by_file, p_log_file, NULL));
  END IF;
  CALL mysql.rds_record_action(IF(p_how = 'auto', mysql.rds_text('set master AP: action'), 'set master'),
                               v_host, p_port, p_user, IF(v_by_file, p_log_file, NULL), IF(v_by_file, p_log_pos, NULL),
                               v_ssl, p_delay, IF(p_how = 'gtid', p_gtid, NULL), p_channel);
END;
