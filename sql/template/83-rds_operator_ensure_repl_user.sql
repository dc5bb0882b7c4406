-- openrds operator: CALL mysql.rds_operator_ensure_repl_user(user, password)
--
-- On a source: the account its RDS read replicas replicate with
-- ('rdsrepladmin'@'%' on RDS), with REPLICATION SLAVE only. Created or given
-- the new password; re-runnable. Binlogged (replicas of replicas need it).

SET sql_mode = 'STRICT_ALL_TABLES,NO_ENGINE_SUBSTITUTION';

CREATE OR REPLACE DEFINER = rds_definer PROCEDURE mysql.rds_operator_ensure_repl_user(
  IN p_user     varchar(32),
  IN p_password_hash text)
  MODIFIES SQL DATA
  SQL SECURITY DEFINER
  COMMENT 'openrds operator: create the replication account on a source'
BEGIN
  -- The caller's sql_log_bin comes back on every path (the operator's session is kept open).
  DECLARE v_log_bin INT DEFAULT @@session.sql_log_bin;
  DECLARE EXIT HANDLER FOR SQLEXCEPTION
  BEGIN
    SET @@session.sql_log_bin = v_log_bin;
    RESIGNAL;
  END;
  CALL mysql.rds_assert_operator();

  IF p_user IS NULL OR p_user NOT REGEXP '^[A-Za-z][A-Za-z0-9_]*\\z'
     OR p_user IN ('rdsadmin', 'root', 'mysql', 'PUBLIC') THEN
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'openrds: invalid replication user name';
  END IF;
  -- A mysql_native_password hash, not the password (statements show in SHOW PROCESSLIST).
  IF p_password_hash IS NULL OR p_password_hash NOT REGEXP '^\\*[0-9A-F]{40}\\z' THEN
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'openrds: replication password hash required';
  END IF;
  -- Each source keeps its own replication account: not binlogged, so a
  -- replica never receives its source's account (or a GTID of its own).
  COMMIT;
  SET @@session.sql_log_bin = 0;
  EXECUTE IMMEDIATE CONCAT('CREATE USER IF NOT EXISTS ', QUOTE(p_user),
                           '@''%'' IDENTIFIED BY PASSWORD ', QUOTE(p_password_hash));
  EXECUTE IMMEDIATE CONCAT('ALTER USER ', QUOTE(p_user),
                           '@''%'' IDENTIFIED BY PASSWORD ', QUOTE(p_password_hash),
                           ' ACCOUNT UNLOCK');
  EXECUTE IMMEDIATE CONCAT('GRANT REPLICATION SLAVE ON *.* TO ',
                           QUOTE(p_user), '@''%''');
  SET @@session.sql_log_bin = v_log_bin;
END;
