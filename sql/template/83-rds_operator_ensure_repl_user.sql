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
  CALL mysql.rds_assert_operator();

  IF NOT mysql.rds_account_name_ok(p_user, 'rdsrepladmin') THEN
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'openrds: invalid replication user name';
  END IF;
  CALL mysql.rds_assert_password_hash(p_password_hash, 'replication');
  -- Each source keeps its own replication account: not binlogged, so a
  -- replica never receives its source's account (or a GTID of its own).
  COMMIT;
  CALL mysql.rds_unlogged(CONCAT('CREATE USER IF NOT EXISTS ', QUOTE(p_user),
                                 '@''%'' IDENTIFIED BY PASSWORD ', QUOTE(p_password_hash)),
                          CONCAT('ALTER USER ', QUOTE(p_user),
                                 '@''%'' IDENTIFIED BY PASSWORD ', QUOTE(p_password_hash), ' ACCOUNT UNLOCK'));
  CALL mysql.rds_unlogged(CONCAT('GRANT REPLICATION SLAVE ON *.* TO ', QUOTE(p_user), '@''%'''), NULL);
END;
