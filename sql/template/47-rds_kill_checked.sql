-- openrds: mysql.rds_kill_checked(kill, id) -- internal: the one body of rds_kill
-- ('CONNECTION', id = a session's Id), rds_kill_query ('QUERY', the same) and
-- rds_kill_query_id ('QUERY ID', id = information_schema.PROCESSLIST.QUERY_ID).
-- Refuses to end a session or query of a reserved account, with RDS's text
-- 'CANNOT KILL <USER> SESSION' (the user name upper-cased).
-- Reserved (RDS's mysql.rds_reserved_users, adapted): the reserved accounts
-- (12-rds_reserved_accounts.sql: the operator rdsadmin, rdsrepladmin, rdsbackup;
-- mariadb.sys and the role rds_definer, which never have sessions of their own)
-- and MariaDB's own threads: 'system user' (replication IO/SQL threads and
-- workers) and 'event_scheduler'. By user name whatever the host, compared as
-- RDS does (case-insensitively): the operator logs in over the socket
-- ('localhost'), and an account of the same name on another host is the master
-- user's own doing. No such thread or query passes the check: KILL then answers
-- with MariaDB's own 'Unknown thread id: N' / 'Unknown query id: N'.

SET sql_mode = 'STRICT_ALL_TABLES,NO_ENGINE_SUBSTITUTION';

-- its earlier name: a template re-applied to an older instance's data leaves no stray routine
DROP PROCEDURE IF EXISTS mysql.rds_assert_killable;

CREATE OR REPLACE DEFINER = rds_definer PROCEDURE mysql.rds_kill_checked(
  IN p_kill varchar(16),
  IN p_id   bigint)
  READS SQL DATA
  SQL SECURITY DEFINER
  COMMENT 'openrds internal: KILL, never of a reserved session'
BEGIN
  -- Local variables, not user variables: nothing leaks into the caller's session.
  DECLARE v_user VARCHAR(128) DEFAULT NULL;
  DECLARE v_message VARCHAR(160);

  SELECT USER INTO v_user FROM information_schema.PROCESSLIST
   WHERE IF(p_kill = 'QUERY ID', QUERY_ID, ID) = p_id LIMIT 1;
  IF mysql.rds_reserved_host(LOWER(v_user)) IS NOT NULL OR v_user IN ('system user', 'event_scheduler') THEN
    SET v_message = CONCAT('CANNOT KILL ', UPPER(v_user), ' SESSION');
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
  END IF;
  CASE p_kill
    WHEN 'CONNECTION' THEN KILL CONNECTION p_id;
    WHEN 'QUERY'      THEN KILL QUERY p_id;
    WHEN 'QUERY ID'   THEN KILL QUERY ID p_id;
  END CASE;
END;
