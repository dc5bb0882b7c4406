-- openrds: the reserved accounts, in one list.
--
--   rds_reserved_host(user)           function: the host of the reserved account of
--                                     that name ('' for the role rds_definer), NULL
--                                     when no reserved account has that name
--   rds_account_name_ok(user, own)    function: whether the operator routines may
--                                     make an account of that name
--
-- The guard (89-*.sql) holds these accounts to what they must be, exempts
-- them from the master user's ceiling and drops objects that run as them;
-- rds_kill refuses their sessions (47-rds_kill_checked.sql); no master user
-- or replication account may take their names (80-*, 83-*). Compared byte for
-- byte, as account names are ('RDSADMIN' is another account); callers that
-- refuse a name as RDS does compare it in lower case.

SET sql_mode = 'STRICT_ALL_TABLES,NO_ENGINE_SUBSTITUTION';

CREATE OR REPLACE DEFINER = rds_definer FUNCTION mysql.rds_reserved_host(p_user text CHARSET utf8mb4)
  RETURNS varchar(16) CHARSET utf8mb4 COLLATE utf8mb4_bin
  DETERMINISTIC
  NO SQL
  SQL SECURITY INVOKER   -- the guard calls it offline, when rds_definer may be damaged
  COMMENT 'openrds internal: the host of the reserved account of that name'
RETURN CASE BINARY p_user
         WHEN 'rdsadmin'     THEN 'localhost'   -- the operator: the control plane's login, socket only
         WHEN 'rdsrepladmin' THEN '%'           -- what a source's read replicas replicate with
         WHEN 'rdsbackup'    THEN 'localhost'   -- hot copies (mariadb-backup), only while one runs
         WHEN 'mariadb.sys'  THEN 'localhost'   -- definer of the mysql.user view
         WHEN 'rds_definer'  THEN ''            -- the role every rds routine runs as
       END;

-- RDS's rule for a user name (a letter, then letters, digits and '_'; \z, not $,
-- so that a trailing newline is refused), and none of the names that are taken:
-- the reserved accounts' but own (the account being made), the install's root and
-- mysql, MariaDB's PUBLIC and the template's placeholder master account.
CREATE OR REPLACE DEFINER = rds_definer FUNCTION mysql.rds_account_name_ok(
  p_user varchar(80),
  p_own  varchar(80))
  RETURNS tinyint
  DETERMINISTIC
  NO SQL
  SQL SECURITY DEFINER
  COMMENT 'openrds internal: may the operator make an account of that name'
RETURN IFNULL(p_user REGEXP '^[A-Za-z][A-Za-z0-9_]*\\z'
              AND p_user NOT IN ('root', 'mysql', 'PUBLIC', 'rds_master_placeholder')
              AND (mysql.rds_reserved_host(LOWER(p_user)) IS NULL OR p_user <=> p_own), 0);
