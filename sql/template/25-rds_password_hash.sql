-- openrds: the password hashes the operator routines and the guard are given.
--
--   rds_is_password_hash(hash)               function: 1 for a mysql_native_password hash
--                                            ('*' + 40 hex digits), else 0
--   rds_assert_password_hash(hash, whose)    procedure: refuses anything else with
--                                            'openrds: <whose> password hash required'
--
-- Hashes, never the passwords: a call's text shows in SHOW FULL PROCESSLIST
-- while it runs, and the master user has PROCESS (it reads the same hashes in
-- mysql.global_priv anyway).

SET sql_mode = 'STRICT_ALL_TABLES,NO_ENGINE_SUBSTITUTION';

CREATE OR REPLACE DEFINER = rds_definer FUNCTION mysql.rds_is_password_hash(p_hash text)
  RETURNS tinyint
  DETERMINISTIC
  NO SQL
  SQL SECURITY INVOKER   -- the guard calls it offline, when rds_definer may be damaged
  COMMENT 'openrds internal: is this a mysql_native_password hash'
RETURN IFNULL(p_hash REGEXP '^\\*[0-9A-F]{40}\\z', 0);

CREATE OR REPLACE DEFINER = rds_definer PROCEDURE mysql.rds_assert_password_hash(
  IN p_hash  text,
  IN p_whose varchar(16))
  NO SQL
  SQL SECURITY DEFINER
  COMMENT 'openrds internal: operator routines take password hashes'
BEGIN
  DECLARE v_message VARCHAR(64) DEFAULT CONCAT('openrds: ', p_whose, ' password hash required');
  IF NOT mysql.rds_is_password_hash(p_hash) THEN
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
  END IF;
END;
