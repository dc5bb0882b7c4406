-- openrds: mysql.rds_ensure_master_user(user, password, force) -- internal,
-- for the operator routines: makes '<user>'@'%' exist with this password,
-- unlocked, holding the master user's privileges.
--
-- Fast path for a new instance: the template carries a locked placeholder
-- account 'rds_master_placeholder'@'%' that already holds the ~480 grants
-- (70-grants.sql); RENAME USER turns it into the master user in a few ms
-- instead of ~150 ms of GRANTs. Otherwise (placeholder used up, or master
-- user dropped) the account is created and granted; an existing account is
-- re-granted when something is missing, or always with force (repair).
-- The user name is validated by the callers and QUOTE()d here anyway.

SET sql_mode = 'STRICT_ALL_TABLES,NO_ENGINE_SUBSTITUTION';

CREATE OR REPLACE DEFINER = rds_definer PROCEDURE mysql.rds_ensure_master_user(
  IN p_user     varchar(80),
  IN p_password_hash text,
  IN p_force    tinyint)
  MODIFIES SQL DATA
  SQL SECURITY DEFINER
  COMMENT 'openrds internal: create/repair the master user'
BEGIN
  DECLARE v_account TEXT DEFAULT CONCAT(QUOTE(p_user), '@''%''');

  IF NOT EXISTS (SELECT 1 FROM mysql.global_priv
                  WHERE User = p_user AND Host = '%')
     AND EXISTS (SELECT 1 FROM mysql.global_priv
                  WHERE User = 'rds_master_placeholder' AND Host = '%') THEN
    EXECUTE IMMEDIATE CONCAT('RENAME USER ''rds_master_placeholder''@''%'' TO ',
                             v_account);
  END IF;

  -- A password hash, never the password: statements show in SHOW PROCESSLIST while they run.
  EXECUTE IMMEDIATE CONCAT('CREATE USER IF NOT EXISTS ', v_account,
                           ' IDENTIFIED BY PASSWORD ', QUOTE(p_password_hash));
  EXECUTE IMMEDIATE CONCAT('ALTER USER ', v_account,
                           ' IDENTIFIED BY PASSWORD ', QUOTE(p_password_hash), ' ACCOUNT UNLOCK');
  CALL mysql.rds_grant_master_privileges(p_user, p_force);
END;
