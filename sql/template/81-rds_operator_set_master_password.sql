-- openrds operator: CALL mysql.rds_operator_set_master_password(password)
--
-- ModifyDBInstance MasterUserPassword: sets the recorded master user's
-- password and, as on RDS, repairs it: re-creates the account if it was
-- dropped, unlocks it and grants all its privileges again (force: a
-- revoked privilege inside an existing grant row is restored too; ~150 ms).
-- Binlogged on purpose: read replicas get the same password and grants
-- through replication, as on RDS.

SET sql_mode = 'STRICT_ALL_TABLES,NO_ENGINE_SUBSTITUTION';

CREATE OR REPLACE DEFINER = rds_definer PROCEDURE mysql.rds_operator_set_master_password(
  IN master_password_hash text)
  MODIFIES SQL DATA
  SQL SECURITY DEFINER
  COMMENT 'openrds operator: reset (and restore) the master user'
BEGIN
  DECLARE v_user TEXT DEFAULT NULL;

  CALL mysql.rds_assert_operator();

  SELECT value INTO v_user FROM mysql.rds_sysinfo WHERE name = 'master user';
  IF v_user IS NULL THEN
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'openrds: no master user recorded (run rds_operator_bootstrap)';
  END IF;
  CALL mysql.rds_assert_password_hash(master_password_hash, 'master');

  CALL mysql.rds_ensure_master_user(v_user, master_password_hash, 1);
END;
