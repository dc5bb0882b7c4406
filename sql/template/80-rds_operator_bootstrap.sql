-- openrds operator: CALL mysql.rds_operator_bootstrap(master_user,
--                          master_password, db_name, operator_password)
--
-- Run once by the control plane (as rdsadmin@localhost) on a new instance
-- made from the template: creates the master user '<master_user>'@'%' with
-- the master privileges (renaming the template's placeholder account, see
-- 24-rds_ensure_master_user.sql), the initial database (DBName) when
-- db_name is not NULL, records 'master user' in mysql.rds_sysinfo, and gives
-- rdsadmin@localhost this instance's own password (every instance starts
-- as a copy of the template's). Re-runnable: an existing master user just
-- gets the password again, and any missing grant.
-- Names are validated (RDS rules, mysql.rds_account_name_ok in
-- 12-rds_reserved_accounts.sql) and password hashes QUOTE()d.

SET sql_mode = 'STRICT_ALL_TABLES,NO_ENGINE_SUBSTITUTION';

CREATE OR REPLACE DEFINER = rds_definer PROCEDURE mysql.rds_operator_bootstrap(
  IN master_user       varchar(32),
  IN master_password_hash   text,
  IN db_name           varchar(64),
  IN operator_password_hash text)
  MODIFIES SQL DATA
  SQL SECURITY DEFINER
  COMMENT 'openrds operator: create the master user and initial database'
BEGIN
  CALL mysql.rds_assert_operator();

  IF NOT mysql.rds_account_name_ok(master_user, NULL) THEN
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'openrds: invalid master user name';
  END IF;
  CALL mysql.rds_assert_password_hash(master_password_hash, 'master');
  IF db_name IS NOT NULL AND (db_name NOT REGEXP '^[A-Za-z][A-Za-z0-9_]*\\z'
     OR db_name IN ('mysql', 'information_schema', 'performance_schema', 'sys')) THEN
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'openrds: invalid database name';
  END IF;
  CALL mysql.rds_assert_password_hash(operator_password_hash, 'operator');

  CALL mysql.rds_ensure_master_user(master_user, master_password_hash, 0);

  IF db_name IS NOT NULL THEN
    EXECUTE IMMEDIATE CONCAT('CREATE DATABASE IF NOT EXISTS `', db_name, '`');
  END IF;

  CALL mysql.rds_sysinfo_set('master user', master_user);

  -- this instance's own operator password: not binlogged, a replica made
  -- from this instance later must not receive it through replication
  CALL mysql.rds_unlogged(CONCAT('ALTER USER ''rdsadmin''@''localhost'' IDENTIFIED BY PASSWORD ',
                                 QUOTE(operator_password_hash)), NULL);
END;
