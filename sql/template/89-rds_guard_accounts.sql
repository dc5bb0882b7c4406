-- openrds template, step 89 (accounts): the guard's parts that hold the reserved
-- accounts (12-rds_reserved_accounts.sql) to what they must be. Each is called
-- by rds_guard_repair (89-rds_operator_guard.sql, which says what is checked and
-- why), in this order, with the guard's findings and the sessions to end:
--
--   rds_guard_definer_role(offline, INOUT found, INOUT kill)       the role rds_definer
--   rds_guard_operator(hash, offline, INOUT found, INOUT kill)     rdsadmin@localhost and its impostors
--   rds_guard_replication_accounts(repl_hash, backup, INOUT found, INOUT kill)
--                                                                   rdsrepladmin@% and rdsbackup@localhost
--   rds_guard_mariadb_sys(INOUT found, INOUT kill)                 mariadb.sys@localhost
--
-- and the steps they share:
--
--   rds_guard_drop_account(user, host)       DROP ROLE (host '') or DROP USER
--   rds_guard_wipe(user)                     every grant row of every account and role of
--                                            that name, straight from the grant tables
--   rds_guard_remake(user, host, hash)       the account again, with that password and
--                                            nothing else: what it may hold is granted next
--   rds_guard_login_ok(user, host, hash, access)   function: the login as it must be
--
-- All SQL SECURITY INVOKER, as rds_guard_repair: online they run as rds_definer,
-- offline with the repair session's own privileges (rds_definer may be the
-- damage). Nobody else holds what they need, nor EXECUTE on them. `found` is
-- what was found and undone ('; '-separated), `kill` the sessions to end
-- (',user@host,...'; '*user': every host).

SET sql_mode = 'STRICT_ALL_TABLES,NO_ENGINE_SUBSTITUTION';

-- (utf8mb4: an impostor's name may be any text; the schema's latin1 would turn it into '?')
CREATE OR REPLACE DEFINER = rds_definer PROCEDURE mysql.rds_guard_drop_account(
  IN p_user text CHARSET utf8mb4 COLLATE utf8mb4_bin,
  IN p_host text CHARSET utf8mb4 COLLATE utf8mb4_bin)
  MODIFIES SQL DATA
  SQL SECURITY INVOKER
  COMMENT 'openrds internal: drop an account or role'
BEGIN
  IF p_host = '' THEN   -- a role of that name
    EXECUTE IMMEDIATE CONCAT('DROP ROLE IF EXISTS ', QUOTE(p_user));
  ELSE
    EXECUTE IMMEDIATE CONCAT('DROP USER IF EXISTS ', QUOTE(p_user), '@', QUOTE(p_host));
  END IF;
END;

-- The grant rows are deleted, not REVOKEd: a damaged account may hold grants
-- REVOKE cannot name (a grant on a database pattern, a role of a dropped name).
CREATE OR REPLACE DEFINER = rds_definer PROCEDURE mysql.rds_guard_wipe(
  IN p_user varchar(128) CHARSET utf8mb4 COLLATE utf8mb4_bin)
  MODIFIES SQL DATA
  SQL SECURITY INVOKER
  COMMENT 'openrds internal: remove every grant of an account name'
BEGIN
  DELETE FROM mysql.roles_mapping WHERE User = p_user OR Role = p_user;
  DELETE FROM mysql.db WHERE User = p_user;
  DELETE FROM mysql.tables_priv WHERE User = p_user;
  DELETE FROM mysql.columns_priv WHERE User = p_user;
  DELETE FROM mysql.procs_priv WHERE User = p_user;
  FLUSH PRIVILEGES;
END;

CREATE OR REPLACE DEFINER = rds_definer PROCEDURE mysql.rds_guard_remake(
  IN p_user varchar(128) CHARSET utf8mb4 COLLATE utf8mb4_bin,
  IN p_host varchar(255) CHARSET utf8mb4 COLLATE utf8mb4_bin,
  IN p_hash text)
  MODIFIES SQL DATA
  SQL SECURITY INVOKER
  COMMENT 'openrds internal: make a reserved account again'
BEGIN
  DECLARE v_account TEXT DEFAULT CONCAT(QUOTE(p_user), '@', QUOTE(p_host));

  CALL mysql.rds_guard_wipe(p_user);
  EXECUTE IMMEDIATE CONCAT('CREATE USER IF NOT EXISTS ', v_account, ' IDENTIFIED BY PASSWORD ', QUOTE(p_hash));
  EXECUTE IMMEDIATE CONCAT('ALTER USER ', v_account, ' IDENTIFIED BY PASSWORD ', QUOTE(p_hash),
                           ' REQUIRE NONE WITH MAX_QUERIES_PER_HOUR 0 MAX_UPDATES_PER_HOUR 0',
                           ' MAX_CONNECTIONS_PER_HOUR 0 MAX_USER_CONNECTIONS 0',
                           ' PASSWORD EXPIRE NEVER ACCOUNT UNLOCK');
  EXECUTE IMMEDIATE CONCAT('REVOKE ALL PRIVILEGES, GRANT OPTION FROM ', v_account);
  -- (SET DEFAULT ROLE FOR does not work as rds_definer, 00-roles.sql)
  UPDATE mysql.global_priv SET Priv = JSON_REMOVE(Priv, '$.default_role')
   WHERE User = p_user AND Host = p_host AND JSON_VALUE(Priv, '$.default_role') IS NOT NULL;
  IF ROW_COUNT() > 0 THEN
    FLUSH PRIVILEGES;
  END IF;
END;

-- Whether the account logs in with that mysql_native_password hash and nothing else,
-- unlocked, its password not expired by hand, with no TLS requirement or connection
-- limits, holding exactly those global privileges (mysql.rds_sysinfo 'operator access' /
-- 'replication access', recorded by the template).
CREATE OR REPLACE DEFINER = rds_definer FUNCTION mysql.rds_guard_login_ok(
  p_user   varchar(128) CHARSET utf8mb4 COLLATE utf8mb4_bin,
  p_host   varchar(255) CHARSET utf8mb4 COLLATE utf8mb4_bin,
  p_hash   text,
  p_access text)
  RETURNS tinyint
  NOT DETERMINISTIC
  READS SQL DATA
  SQL SECURITY INVOKER
  COMMENT 'openrds internal: a reserved login as it must be'
RETURN EXISTS (SELECT 1 FROM mysql.global_priv
                WHERE User = p_user AND Host = p_host
                  AND JSON_VALUE(Priv, '$.plugin') = 'mysql_native_password'
                  AND JSON_VALUE(Priv, '$.authentication_string') = p_hash
                  AND JSON_VALUE(Priv, '$.auth_or') IS NULL
                  AND COALESCE(JSON_VALUE(Priv, '$.account_locked'), 'false') IN ('false', '0')
                  AND COALESCE(JSON_VALUE(Priv, '$.password_last_changed'), 1) <> 0
                  AND COALESCE(JSON_VALUE(Priv, '$.ssl_type'), 0) = 0
                  AND COALESCE(JSON_VALUE(Priv, '$.max_connections'), 0) = 0
                  AND COALESCE(JSON_VALUE(Priv, '$.max_user_connections'), 0) = 0
                  AND JSON_VALUE(Priv, '$.access') = p_access);

-- ── the role every rds routine runs as ──────────────────────────────────────────────
-- Online a damaged role cannot be repaired (the guard runs as it): the guard fails and
-- the control plane repairs offline, where the role is always made again from nothing:
-- whoever re-created it (and holds it) loses it.
CREATE OR REPLACE DEFINER = rds_definer PROCEDURE mysql.rds_guard_definer_role(
  IN    p_offline tinyint,
  INOUT p_found   text,
  INOUT p_kill    text)
  MODIFIES SQL DATA
  SQL SECURITY INVOKER
  COMMENT 'openrds internal: the role rds_definer, as the template made it'
BEGIN
  DECLARE v_access TEXT;
  SELECT value INTO v_access FROM mysql.rds_sysinfo WHERE name = 'definer access';

  IF NOT EXISTS (SELECT 1 FROM mysql.global_priv WHERE User = 'rds_definer' AND Host = ''
                   AND JSON_VALUE(Priv, '$.is_role') IN ('true', '1')
                   AND JSON_VALUE(Priv, '$.access') = v_access)
     OR EXISTS (SELECT 1 FROM mysql.global_priv WHERE User = 'rds_definer' AND Host <> '')
     OR EXISTS (SELECT 1 FROM mysql.roles_mapping WHERE Role = 'rds_definer')
     OR EXISTS (SELECT 1 FROM mysql.db WHERE User = 'rds_definer')
     OR EXISTS (SELECT 1 FROM mysql.tables_priv WHERE User = 'rds_definer')
     OR EXISTS (SELECT 1 FROM mysql.procs_priv WHERE User = 'rds_definer') THEN
    IF NOT p_offline THEN
      SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'openrds: rds_definer is damaged; repair offline';
    END IF;
    SET p_found = CONCAT_WS('; ', p_found, 'role rds_definer');
    FOR m IN (SELECT User AS u FROM mysql.roles_mapping WHERE Role = 'rds_definer') DO
      SET p_kill = CONCAT(p_kill, ',*', m.u);
    END FOR;
  END IF;

  IF p_offline THEN
    DELETE FROM mysql.global_priv WHERE User = 'rds_definer';
    CALL mysql.rds_guard_wipe('rds_definer');
    CREATE ROLE rds_definer;
    GRANT ALL PRIVILEGES ON *.* TO rds_definer WITH GRANT OPTION;
    DELETE FROM mysql.roles_mapping WHERE Role = 'rds_definer';   -- CREATE ROLE gave it to its creator
    FLUSH PRIVILEGES;
    INSERT INTO mysql.rds_sysinfo (name, value)
      SELECT 'definer access', JSON_VALUE(Priv, '$.access') FROM mysql.global_priv
       WHERE User = 'rds_definer' AND Host = ''
      ON DUPLICATE KEY UPDATE value = VALUES(value);
  END IF;
END;

-- ── rdsadmin@localhost, the control plane's login ───────────────────────────────────
-- Repaired offline only: online, the guard runs as (and may be called through) the very
-- account and routine grants it would re-make. An impostor is an account that holds the
-- operator's password hash or a grant on an operator routine (a renamed rdsadmin keeps
-- both), or an `rdsadmin` on another host.
CREATE OR REPLACE DEFINER = rds_definer PROCEDURE mysql.rds_guard_operator(
  IN    p_hash    text,
  IN    p_offline tinyint,
  INOUT p_found   text,
  INOUT p_kill    text)
  MODIFIES SQL DATA
  SQL SECURITY INVOKER
  COMMENT 'openrds internal: rdsadmin@localhost, and no operator impostor'
BEGIN
  DECLARE v_impostors INT DEFAULT 0;
  DECLARE v_good TINYINT;

  IF NOT p_offline AND (
       EXISTS (SELECT 1 FROM mysql.global_priv
                WHERE (User = 'rdsadmin' AND Host <> 'localhost')
                   OR (JSON_VALUE(Priv, '$.authentication_string') = p_hash
                       AND NOT (User = 'rdsadmin' AND Host = 'localhost')))
       OR EXISTS (SELECT 1 FROM mysql.procs_priv
                   WHERE Db = 'mysql' AND Routine_name LIKE 'rds\_operator\_%'
                     AND NOT (User = 'rdsadmin' AND Host = 'localhost'))) THEN
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'openrds: operator impostor found; repair offline';
  END IF;
  -- Offline only: online, the check above has signalled for whatever this loop would find
  -- (its second scan of global_priv cost ~0.3 ms of a ~7.5 ms guard pass).
  IF p_offline THEN
    FOR a IN (SELECT User AS u, Host AS h FROM mysql.global_priv
               WHERE (User = 'rdsadmin' AND Host <> 'localhost')
                  OR (JSON_VALUE(Priv, '$.authentication_string') = p_hash
                      AND NOT (User = 'rdsadmin' AND Host = 'localhost'))
              UNION
              SELECT DISTINCT User, Host FROM mysql.procs_priv
               WHERE Db = 'mysql' AND Routine_name LIKE 'rds\_operator\_%'
                 AND NOT (User = 'rdsadmin' AND Host = 'localhost')) DO
      CALL mysql.rds_guard_drop_account(a.u, a.h);
      DELETE FROM mysql.procs_priv WHERE User = a.u AND Host = a.h
        AND Db = 'mysql' AND Routine_name LIKE 'rds\_operator\_%';
      SET p_found = CONCAT_WS('; ', p_found, CONCAT('account ', a.u, '@', a.h, ' (an operator impostor) dropped'));
      SET p_kill = CONCAT(p_kill, ',', a.u, '@', a.h);
      SET v_impostors = v_impostors + 1;
    END FOR;
  END IF;
  -- procs_priv was edited directly: reload the grants. Only then: this runs on every monitor
  -- pass, and online the loop finds nothing (the check above has signalled for an offline repair).
  IF v_impostors > 0 THEN
    FLUSH PRIVILEGES;
  END IF;

  -- the operator's own login is held to more: no password lifetime, query limits or default role
  SET v_good = mysql.rds_guard_login_ok('rdsadmin', 'localhost', p_hash,
                                        (SELECT value FROM mysql.rds_sysinfo WHERE name = 'operator access'))
               AND EXISTS (SELECT 1 FROM mysql.global_priv
                            WHERE User = 'rdsadmin' AND Host = 'localhost'
                              AND COALESCE(JSON_VALUE(Priv, '$.password_lifetime'), -1) IN (-1, 0)
                              AND COALESCE(JSON_VALUE(Priv, '$.max_questions'), 0) = 0
                              AND COALESCE(JSON_VALUE(Priv, '$.max_updates'), 0) = 0
                              AND COALESCE(JSON_VALUE(Priv, '$.default_role'), '') = '');
  IF NOT v_good
     OR EXISTS (SELECT 1 FROM mysql.roles_mapping WHERE User = 'rdsadmin')
     OR EXISTS (SELECT 1 FROM mysql.db WHERE User = 'rdsadmin')
     OR EXISTS (SELECT 1 FROM mysql.tables_priv WHERE User = 'rdsadmin')
     OR EXISTS (SELECT 1 FROM mysql.columns_priv WHERE User = 'rdsadmin')
     OR EXISTS (SELECT 1 FROM mysql.procs_priv WHERE User = 'rdsadmin'
                 AND (Db <> 'mysql' OR Routine_name NOT LIKE 'rds\_operator\_%' OR Proc_priv <> 'Execute'))
     OR EXISTS (SELECT 1 FROM mysql.proc p WHERE p.db = 'mysql' AND p.name LIKE 'rds\_operator\_%'
                 AND p.type = 'PROCEDURE'
                 AND NOT EXISTS (SELECT 1 FROM mysql.procs_priv g WHERE g.User = 'rdsadmin'
                                  AND g.Host = 'localhost' AND g.Db = 'mysql'
                                  AND g.Routine_name = p.name AND g.Routine_type = 'PROCEDURE')) THEN
    IF NOT p_offline THEN
      SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'openrds: rdsadmin@localhost is damaged; repair offline';
    END IF;
    -- (its sessions are the control plane's own: the socket only)
    SET p_found = CONCAT_WS('; ', p_found, 'account rdsadmin@localhost restored');
    CALL mysql.rds_guard_remake('rdsadmin', 'localhost', p_hash);
    GRANT PROCESS, SLAVE MONITOR, BINLOG MONITOR ON *.* TO 'rdsadmin'@'localhost';
    FOR r IN (SELECT name AS n FROM mysql.proc WHERE db = 'mysql' AND type = 'PROCEDURE'
               AND name LIKE 'rds\_operator\_%') DO
      EXECUTE IMMEDIATE CONCAT('GRANT EXECUTE ON PROCEDURE mysql.`', r.n, '` TO ''rdsadmin''@''localhost''');
    END FOR;
  END IF;
END;

-- ── rdsrepladmin (a source's read replicas) and rdsbackup (hot copies) ──────────────
-- Either name on another host, rdsbackup when no hot copy runs (a read replica's copy
-- of its source's is housekeeping, not a finding), and any other account holding the
-- replication password are dropped; on a source (repl_hash given) rdsrepladmin@% holds
-- that password and REPLICATION SLAVE only.
CREATE OR REPLACE DEFINER = rds_definer PROCEDURE mysql.rds_guard_replication_accounts(
  IN    p_repl_hash text,
  IN    p_backup    tinyint,
  INOUT p_found     text,
  INOUT p_kill      text)
  MODIFIES SQL DATA
  SQL SECURITY INVOKER
  COMMENT 'openrds internal: rdsrepladmin and rdsbackup'
BEGIN
  FOR a IN (SELECT User AS u, Host AS h FROM mysql.global_priv
             WHERE (User = 'rdsrepladmin' AND Host <> '%')
                OR (User = 'rdsbackup' AND (Host <> 'localhost' OR NOT p_backup))
                OR (p_repl_hash IS NOT NULL AND User <> 'rdsrepladmin'
                    AND JSON_VALUE(Priv, '$.authentication_string') = p_repl_hash)) DO
    CALL mysql.rds_guard_drop_account(a.u, a.h);
    IF NOT (a.u = 'rdsbackup' AND a.h = 'localhost') THEN
      SET p_found = CONCAT_WS('; ', p_found, CONCAT('account ', a.u, '@', a.h, ' (a reserved name) dropped'));
    END IF;
    SET p_kill = CONCAT(p_kill, ',', a.u, '@', a.h);
  END FOR;
  IF p_repl_hash IS NOT NULL AND (
       NOT mysql.rds_guard_login_ok('rdsrepladmin', '%', p_repl_hash,
                                    (SELECT value FROM mysql.rds_sysinfo WHERE name = 'replication access'))
       OR EXISTS (SELECT 1 FROM mysql.roles_mapping WHERE User = 'rdsrepladmin')
       OR EXISTS (SELECT 1 FROM mysql.db WHERE User = 'rdsrepladmin')
       OR EXISTS (SELECT 1 FROM mysql.tables_priv WHERE User = 'rdsrepladmin')
       OR EXISTS (SELECT 1 FROM mysql.procs_priv WHERE User = 'rdsrepladmin')) THEN
    SET p_found = CONCAT_WS('; ', p_found, 'account rdsrepladmin@% restored');
    SET p_kill = CONCAT(p_kill, ',*rdsrepladmin');
    CALL mysql.rds_guard_remake('rdsrepladmin', '%', p_repl_hash);
    GRANT REPLICATION SLAVE ON *.* TO 'rdsrepladmin'@'%';
  END IF;
END;

-- ── mariadb.sys@localhost, definer of the mysql.user view ───────────────────────────
-- Locked, no password, expired, SELECT and DELETE on mysql.global_priv only, the one
-- `mariadb.sys`; otherwise every account of the name is dropped and it is made again.
CREATE OR REPLACE DEFINER = rds_definer PROCEDURE mysql.rds_guard_mariadb_sys(
  INOUT p_found text,
  INOUT p_kill  text)
  MODIFIES SQL DATA
  SQL SECURITY INVOKER
  COMMENT 'openrds internal: mariadb.sys@localhost, as mariadb-install-db made it'
BEGIN
  IF EXISTS (SELECT 1 FROM mysql.global_priv WHERE User = 'mariadb.sys' AND Host <> 'localhost')
     OR NOT EXISTS (SELECT 1 FROM mysql.global_priv
                     WHERE User = 'mariadb.sys' AND Host = 'localhost'
                       AND COALESCE(JSON_VALUE(Priv, '$.authentication_string'), '') = ''
                       AND JSON_VALUE(Priv, '$.auth_or') IS NULL
                       AND JSON_VALUE(Priv, '$.account_locked') IN ('true', '1')
                       AND COALESCE(JSON_VALUE(Priv, '$.access'), 0) = 0)
     OR EXISTS (SELECT 1 FROM mysql.roles_mapping WHERE User = 'mariadb.sys')
     OR EXISTS (SELECT 1 FROM mysql.db WHERE User = 'mariadb.sys')
     OR EXISTS (SELECT 1 FROM mysql.procs_priv WHERE User = 'mariadb.sys')
     OR EXISTS (SELECT 1 FROM mysql.tables_priv WHERE User = 'mariadb.sys'
                 AND NOT (Host = 'localhost' AND Db = 'mysql' AND Table_name = 'global_priv'
                          AND Table_priv = 'Select,Delete' AND Column_priv = ''))
     OR NOT EXISTS (SELECT 1 FROM mysql.tables_priv WHERE User = 'mariadb.sys'
                     AND Host = 'localhost' AND Db = 'mysql' AND Table_name = 'global_priv') THEN
    SET p_found = CONCAT_WS('; ', p_found, 'account mariadb.sys@localhost restored');
    SET p_kill = CONCAT(p_kill, ',*mariadb.sys');
    FOR a IN (SELECT User AS u, Host AS h FROM mysql.global_priv WHERE User = 'mariadb.sys') DO
      CALL mysql.rds_guard_drop_account(a.u, a.h);
    END FOR;
    CALL mysql.rds_guard_wipe('mariadb.sys');
    CREATE USER 'mariadb.sys'@'localhost' ACCOUNT LOCK PASSWORD EXPIRE;
    GRANT SELECT, DELETE ON mysql.global_priv TO 'mariadb.sys'@'localhost';
  END IF;
END;
