-- openrds template, step 70: the placeholder master account.
--
-- 'rds_master_placeholder'@'%' gets the master user's privileges now
-- (23-rds_grant_master_privileges.sql says what and why), so that
-- rds_operator_bootstrap only has to RENAME it to the real master user:
-- ~480 GRANTs take ~150 ms, a rename a few ms. It is locked and has no
-- password, so nobody can log in with it before it is renamed.
-- Here, after the procedures, because GRANT ... ON PROCEDURE needs them to
-- exist, and because re-creating a procedure (CREATE OR REPLACE, on
-- re-application) may drop its grants. Internal and operator routines are
-- granted to nobody here: rds_definer calls them with its own privileges;
-- the operator account gets its own in 90-operator-account.sql.

SET sql_mode = 'STRICT_ALL_TABLES,NO_ENGINE_SUBSTITUTION';

BEGIN NOT ATOMIC
  -- only while no master user exists (a re-applied template on a live
  -- instance must not grow a second, unused master account)
  IF NOT EXISTS (SELECT 1 FROM mysql.rds_sysinfo WHERE name = 'master user') THEN
    CREATE USER IF NOT EXISTS 'rds_master_placeholder'@'%' ACCOUNT LOCK;
    CALL mysql.rds_grant_master_privileges('rds_master_placeholder', 1);
  ELSE
    -- re-grant EXECUTE on procedures that CREATE OR REPLACE may have reset
    BEGIN
      DECLARE v_user TEXT;
      SELECT value INTO v_user FROM mysql.rds_sysinfo WHERE name = 'master user';
      IF EXISTS (SELECT 1 FROM mysql.global_priv WHERE User = v_user AND Host = '%') THEN
        CALL mysql.rds_grant_master_privileges(v_user, 0);
      END IF;
    END;
  END IF;
END;
