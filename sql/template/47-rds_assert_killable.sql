-- openrds: mysql.rds_assert_killable(user) -- internal: refuses to end a
-- session or query of a reserved account, with RDS's text
-- 'CANNOT KILL <USER> SESSION' (the user name upper-cased).
-- Reserved (RDS's mysql.rds_reserved_users, adapted): the operator
-- rdsadmin, the replication account of RDS read replicas rdsrepladmin, the
-- operator's backup account rdsbackup, and MariaDB's own threads: 'system
-- user' (replication IO/SQL threads and workers) and 'event_scheduler'.
-- By user name whatever the host: the operator logs in over the socket
-- ('localhost'), and an account of the same name on another host is the
-- master user's own doing. NULL (no such thread) passes: KILL then answers
-- with MariaDB's own 'Unknown thread id: N' / 'Unknown query id: N'.

SET sql_mode = 'STRICT_ALL_TABLES,NO_ENGINE_SUBSTITUTION';

CREATE OR REPLACE DEFINER = rds_definer PROCEDURE mysql.rds_assert_killable(
  IN p_user varchar(128))
  NO SQL
  SQL SECURITY DEFINER
  COMMENT 'openrds internal: reserved sessions cannot be killed'
BEGIN
  -- A local variable, not a user variable: nothing leaks into the caller's session.
  DECLARE v_message VARCHAR(160);
  IF p_user IN ('rdsadmin', 'rdsrepladmin', 'rdsbackup', 'system user', 'event_scheduler') THEN
    SET v_message = CONCAT('CANNOT KILL ', UPPER(p_user), ' SESSION');
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
  END IF;
END;
