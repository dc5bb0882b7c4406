-- openrds: mysql.rds_assert_operator() -- internal: first statement of every
-- operator routine. Refuses unless the session is rdsadmin connected over
-- the local socket (USER() is the login name and the client's host; with
-- skip_name_resolve only socket connections show 'localhost').
--
-- Why: the master user's global CREATE USER lets it RENAME or ALTER any
-- account, rdsadmin@localhost included (MariaDB 10.11 has no protection
-- like MySQL's SYSTEM_USER). It could rename the operator account to
-- 'rdsadmin'@'%', give it a password and log in over TCP with its EXECUTE
-- grants. This check keeps the operator routines unreachable that way: the
-- takeover is reduced to a denial of service of the control plane's login.

SET sql_mode = 'STRICT_ALL_TABLES,NO_ENGINE_SUBSTITUTION';

CREATE OR REPLACE DEFINER = rds_definer PROCEDURE mysql.rds_assert_operator()
  READS SQL DATA
  SQL SECURITY DEFINER
  COMMENT 'openrds internal: operator routines are for rdsadmin over the socket'
BEGIN
  IF USER() <> 'rdsadmin@localhost' THEN
    SIGNAL SQLSTATE '45000'
      SET MESSAGE_TEXT = 'openrds: operator routines are for rdsadmin@localhost over the local socket';
  END IF;
END;
