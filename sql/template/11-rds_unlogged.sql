-- openrds: mysql.rds_unlogged(statement, then) -- internal: runs one statement, or two
-- (then not NULL), in one transaction with sql_log_bin = 0, and gives the caller its
-- sql_log_bin back on every path. The one place with the handler that does so: MariaDB
-- cannot share a DECLARE HANDLER between routines, so every unlogged write of the
-- procedures is a statement text handed to this one (values QUOTE()d: this file's
-- sql_mode, stored with the routine, lacks NO_BACKSLASH_ESCAPES).
--
-- Why unlogged: the bookkeeping and the operator's own accounts belong to this one
-- instance; binlogged on a replica they would be GTIDs its source does not have, and on
-- a source they would reach its replicas.
-- No COMMIT first: inside the caller's open transaction setting sql_log_bin fails with
-- ERROR 1694, as RDS's procedures do, and the caller's work stays uncommitted. Callers
-- that must not fail there (they have just run a statement that commits anyway) COMMIT
-- first themselves.
-- Runs anything as rds_definer: granted to nobody (the guard takes away any grant on
-- an internal routine, 89-rds_guard_privileges.sql).

SET sql_mode = 'STRICT_ALL_TABLES,NO_ENGINE_SUBSTITUTION';

CREATE OR REPLACE DEFINER = rds_definer PROCEDURE mysql.rds_unlogged(
  IN p_statement text CHARSET utf8mb4,
  IN p_then      text CHARSET utf8mb4)
  MODIFIES SQL DATA
  SQL SECURITY DEFINER
  COMMENT 'openrds internal: run a write with sql_log_bin = 0'
BEGIN
  DECLARE v_log_bin INT DEFAULT @@session.sql_log_bin;

  SET @@session.sql_log_bin = 0;
  BEGIN
    DECLARE EXIT HANDLER FOR SQLEXCEPTION
    BEGIN
      ROLLBACK;
      SET @@session.sql_log_bin = v_log_bin;
      RESIGNAL;
    END;
    START TRANSACTION;
    EXECUTE IMMEDIATE p_statement;
    IF p_then IS NOT NULL THEN
      EXECUTE IMMEDIATE p_then;
    END IF;
    COMMIT;
  END;
  SET @@session.sql_log_bin = v_log_bin;
END;
