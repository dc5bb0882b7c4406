-- openrds template, step 89: the guard of the reserved accounts.
--
--   rds_operator_guard(operator_hash, repl_hash, backup)   operator routine, called by
--       the control plane on every monitor pass (src/control/operator-guard.ts)
--   rds_guard_repair(operator_hash, repl_hash, backup, offline)   internal, SQL SECURITY
--       INVOKER: the checks and repairs themselves. Called by the guard
--       (then it runs as rds_definer), or by the control plane in a session
--       of a server restarted with --skip-grant-tables --skip-networking
--       (offline = 1) when the operator path itself is broken. Anyone else
--       calling it runs it with their own privileges, which are not enough.
--
-- Why (mariadb-notes.md, "protecting the operator"): MariaDB 10.11 lets any
-- holder of the global CREATE USER privilege -- the master user -- RENAME,
-- ALTER, DROP and REVOKE ALL FROM any account or role, the reserved ones
-- included, and DROP ROLE rds_definer / CREATE ROLE rds_definer (its
-- creator then holds the new, empty role WITH ADMIN OPTION). The server
-- cannot refuse that. openrds detects it and undoes it:
--
--   * rdsadmin@localhost: exists, the only `rdsadmin` account, with the
--     control plane's password (its hash is passed), unlocked, not expired, no TLS or resource
--     limits, PROCESS + SLAVE MONITOR + BINLOG MONITOR and EXECUTE on every
--     mysql.rds_operator_* routine, nothing else (no roles, no database,
--     table or column grants).
--   * no other account holds the operator's password hash (a renamed
--     rdsadmin) or any grant on a mysql.rds_operator_* routine.
--   * rdsrepladmin@% (on a source, when repl_pw is given): the only
--     `rdsrepladmin`, with that password, REPLICATION SLAVE only.
--     rdsbackup: only @localhost, and only while a hot copy of this
--     instance runs (backup = 1); a read replica's copy of it is dropped.
--   * mariadb.sys@localhost (definer of the mysql.user view): the only
--     `mariadb.sys`, locked, no password, expired, SELECT, DELETE ON
--     mysql.global_priv only.
--   * the role rds_definer: exists with the privileges it was made with
--     (mysql.rds_sysinfo 'definer access'), held by nobody.
--   * no routine, view, trigger or event outside mysql's own rds routines
--     and what mariadb-install-db made in `sys` and `mysql` (definer
--     mariadb.sys@localhost, which can create nothing) has a reserved definer (rds_definer, rdsadmin,
--     rdsrepladmin, rdsbackup, mariadb.sys): a master user that re-created
--     rds_definer could have made one, to run with ALL PRIVILEGES once the
--     role is repaired. They are dropped.
-- Sessions of impostors (a reserved name from an unexpected host, every
-- session of an account that held rds_definer, and of a reserved account
-- that had to be repaired) are killed.
--
-- Online (as rds_definer) a damaged rds_definer cannot be repaired: the
-- guard then fails and the control plane goes offline. Nothing is binlogged:
-- each instance repairs itself.
--
-- Result: one row, `repaired` = what was found and undone ('; '-separated),
-- NULL when everything was as it must be.

SET sql_mode = 'STRICT_ALL_TABLES,NO_ENGINE_SUBSTITUTION';

CREATE OR REPLACE DEFINER = rds_definer PROCEDURE mysql.rds_guard_repair(
  IN p_operator_hash text,
  IN p_repl_hash     text,
  IN p_backup        tinyint,
  IN p_offline       tinyint)
  MODIFIES SQL DATA
  SQL SECURITY INVOKER
  COMMENT 'openrds internal: check and repair the reserved accounts and roles'
BEGIN
  DECLARE v_found TEXT DEFAULT NULL;
  DECLARE v_kill TEXT DEFAULT '';   -- ',user@host,...' of sessions to end; '*user' = every host
  DECLARE v_op_hash TEXT;
  DECLARE v_repl_hash TEXT;
  DECLARE v_definer_access TEXT;
  DECLARE v_bad INT;
  DECLARE v_impostors INT DEFAULT 0;
  DECLARE v_reset TEXT;
  DECLARE v_log_bin INT DEFAULT @@session.sql_log_bin;
  DECLARE EXIT HANDLER FOR SQLEXCEPTION
  BEGIN
    SET @@session.sql_log_bin = v_log_bin;
    RESIGNAL;
  END;

  -- Password hashes (mysql_native_password's '*' + 40 hex digits), never the
  -- passwords: a call's text shows in SHOW FULL PROCESSLIST, which the master
  -- user may read (and it reads the same hashes in mysql.global_priv anyway).
  IF p_operator_hash IS NULL OR p_operator_hash NOT REGEXP '^\\*[0-9A-F]{40}\\z'
     OR (p_repl_hash IS NOT NULL AND p_repl_hash NOT REGEXP '^\\*[0-9A-F]{40}\\z') THEN
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'Invalid arguments';
  END IF;
  SET v_op_hash = p_operator_hash;
  SET v_repl_hash = p_repl_hash;
  SELECT value INTO v_definer_access FROM mysql.rds_sysinfo WHERE name = 'definer access';

  COMMIT;
  SET @@session.sql_log_bin = 0;

  -- ── the role every rds routine runs as ──────────────────────────────────────────
  IF NOT EXISTS (SELECT 1 FROM mysql.global_priv WHERE User = 'rds_definer' AND Host = ''
                   AND JSON_VALUE(Priv, '$.is_role') IN ('true', '1')
                   AND JSON_VALUE(Priv, '$.access') = v_definer_access)
     OR EXISTS (SELECT 1 FROM mysql.global_priv WHERE User = 'rds_definer' AND Host <> '')
     OR EXISTS (SELECT 1 FROM mysql.roles_mapping WHERE Role = 'rds_definer')
     OR EXISTS (SELECT 1 FROM mysql.db WHERE User = 'rds_definer')
     OR EXISTS (SELECT 1 FROM mysql.tables_priv WHERE User = 'rds_definer')
     OR EXISTS (SELECT 1 FROM mysql.procs_priv WHERE User = 'rds_definer') THEN
    IF NOT p_offline THEN
      SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'openrds: rds_definer is damaged; repair offline';
    END IF;
    SET v_found = CONCAT_WS('; ', v_found, 'role rds_definer');
    FOR m IN (SELECT User AS u, Host AS h FROM mysql.roles_mapping WHERE Role = 'rds_definer') DO
      SET v_kill = CONCAT(v_kill, ',*', m.u);
    END FOR;
  END IF;

  IF p_offline THEN
    -- Re-made from nothing: whoever re-created it (and holds it) loses it.
    DELETE FROM mysql.roles_mapping WHERE Role = 'rds_definer';
    DELETE FROM mysql.db WHERE User = 'rds_definer';
    DELETE FROM mysql.tables_priv WHERE User = 'rds_definer';
    DELETE FROM mysql.columns_priv WHERE User = 'rds_definer';
    DELETE FROM mysql.procs_priv WHERE User = 'rds_definer';
    DELETE FROM mysql.global_priv WHERE User = 'rds_definer';
    FLUSH PRIVILEGES;
    CREATE ROLE rds_definer;
    GRANT ALL PRIVILEGES ON *.* TO rds_definer WITH GRANT OPTION;
    DELETE FROM mysql.roles_mapping WHERE Role = 'rds_definer';
    FLUSH PRIVILEGES;
    INSERT INTO mysql.rds_sysinfo (name, value)
      SELECT 'definer access', JSON_VALUE(Priv, '$.access') FROM mysql.global_priv
       WHERE User = 'rds_definer' AND Host = ''
      ON DUPLICATE KEY UPDATE value = VALUES(value);
  END IF;

  -- ── rdsadmin@localhost, the control plane's login ───────────────────────────────
  -- Repaired offline only: online, the guard runs as (and may be called through)
  -- the very account and routine grants it would re-make.
  IF NOT p_offline AND (
       EXISTS (SELECT 1 FROM mysql.global_priv
                WHERE (User = 'rdsadmin' AND Host <> 'localhost')
                   OR (JSON_VALUE(Priv, '$.authentication_string') = v_op_hash
                       AND NOT (User = 'rdsadmin' AND Host = 'localhost')))
       OR EXISTS (SELECT 1 FROM mysql.procs_priv
                   WHERE Db = 'mysql' AND Routine_name LIKE 'rds\_operator\_%'
                     AND NOT (User = 'rdsadmin' AND Host = 'localhost'))) THEN
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'openrds: operator impostor found; repair offline';
  END IF;
  -- a renamed operator keeps the operator's password hash and routine grants
  FOR a IN (SELECT User AS u, Host AS h FROM mysql.global_priv
             WHERE (User = 'rdsadmin' AND Host <> 'localhost')
                OR (JSON_VALUE(Priv, '$.authentication_string') = v_op_hash
                    AND NOT (User = 'rdsadmin' AND Host = 'localhost'))
            UNION
            SELECT DISTINCT User, Host FROM mysql.procs_priv
             WHERE Db = 'mysql' AND Routine_name LIKE 'rds\_operator\_%'
               AND NOT (User = 'rdsadmin' AND Host = 'localhost')) DO
    IF a.h = '' THEN   -- a role of that name
      EXECUTE IMMEDIATE CONCAT('DROP ROLE IF EXISTS ', QUOTE(a.u));
    ELSE
      EXECUTE IMMEDIATE CONCAT('DROP USER IF EXISTS ', QUOTE(a.u), '@', QUOTE(a.h));
    END IF;
    DELETE FROM mysql.procs_priv WHERE User = a.u AND Host = a.h
      AND Db = 'mysql' AND Routine_name LIKE 'rds\_operator\_%';
    SET v_found = CONCAT_WS('; ', v_found, CONCAT('account ', a.u, '@', a.h, ' (an operator impostor) dropped'));
    SET v_kill = CONCAT(v_kill, ',', a.u, '@', a.h);
    SET v_impostors = v_impostors + 1;
  END FOR;
  -- procs_priv was edited directly: reload the grants. Only then: this runs on every monitor
  -- pass, and online the loop finds nothing (the check above has signalled for an offline repair).
  IF v_impostors > 0 THEN
    FLUSH PRIVILEGES;
  END IF;

  SELECT COUNT(*) INTO v_bad FROM mysql.global_priv
   WHERE User = 'rdsadmin' AND Host = 'localhost'
     AND JSON_VALUE(Priv, '$.plugin') = 'mysql_native_password'
     AND JSON_VALUE(Priv, '$.authentication_string') = v_op_hash
     AND JSON_VALUE(Priv, '$.auth_or') IS NULL
     AND COALESCE(JSON_VALUE(Priv, '$.account_locked'), 'false') IN ('false', '0')
     AND COALESCE(JSON_VALUE(Priv, '$.password_last_changed'), 1) <> 0
     AND COALESCE(JSON_VALUE(Priv, '$.password_lifetime'), -1) IN (-1, 0)
     AND COALESCE(JSON_VALUE(Priv, '$.ssl_type'), 0) = 0
     AND COALESCE(JSON_VALUE(Priv, '$.max_questions'), 0) = 0
     AND COALESCE(JSON_VALUE(Priv, '$.max_updates'), 0) = 0
     AND COALESCE(JSON_VALUE(Priv, '$.max_connections'), 0) = 0
     AND COALESCE(JSON_VALUE(Priv, '$.max_user_connections'), 0) = 0
     AND JSON_VALUE(Priv, '$.access') = (SELECT value FROM mysql.rds_sysinfo WHERE name = 'operator access')
     AND COALESCE(JSON_VALUE(Priv, '$.default_role'), '') = '';
  IF v_bad = 0
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
    SET v_found = CONCAT_WS('; ', v_found, 'account rdsadmin@localhost restored');
    DELETE FROM mysql.roles_mapping WHERE User = 'rdsadmin';
    DELETE FROM mysql.db WHERE User = 'rdsadmin';
    DELETE FROM mysql.tables_priv WHERE User = 'rdsadmin';
    DELETE FROM mysql.columns_priv WHERE User = 'rdsadmin';
    DELETE FROM mysql.procs_priv WHERE User = 'rdsadmin';
    FLUSH PRIVILEGES;
    EXECUTE IMMEDIATE CONCAT('CREATE USER IF NOT EXISTS ''rdsadmin''@''localhost'' IDENTIFIED BY PASSWORD ',
                             QUOTE(v_op_hash));
    EXECUTE IMMEDIATE CONCAT('ALTER USER ''rdsadmin''@''localhost'' IDENTIFIED BY PASSWORD ', QUOTE(v_op_hash),
                             ' REQUIRE NONE WITH MAX_QUERIES_PER_HOUR 0 MAX_UPDATES_PER_HOUR 0',
                             ' MAX_CONNECTIONS_PER_HOUR 0 MAX_USER_CONNECTIONS 0',
                             ' PASSWORD EXPIRE NEVER ACCOUNT UNLOCK');
    REVOKE ALL PRIVILEGES, GRANT OPTION FROM 'rdsadmin'@'localhost';
    UPDATE mysql.global_priv SET Priv = JSON_REMOVE(Priv, '$.default_role')
     WHERE User = 'rdsadmin' AND Host = 'localhost' AND JSON_VALUE(Priv, '$.default_role') IS NOT NULL;
    FLUSH PRIVILEGES;
    GRANT PROCESS, SLAVE MONITOR, BINLOG MONITOR ON *.* TO 'rdsadmin'@'localhost';
    FOR r IN (SELECT name AS n FROM mysql.proc WHERE db = 'mysql' AND type = 'PROCEDURE'
               AND name LIKE 'rds\_operator\_%') DO
      EXECUTE IMMEDIATE CONCAT('GRANT EXECUTE ON PROCEDURE mysql.`', r.n, '` TO ''rdsadmin''@''localhost''');
    END FOR;
  END IF;

  -- ── rdsrepladmin (a source's read replicas) and rdsbackup (hot copies) ──────────
  FOR a IN (SELECT User AS u, Host AS h FROM mysql.global_priv
             WHERE (User = 'rdsrepladmin' AND Host <> '%')
                OR (User = 'rdsbackup' AND (Host <> 'localhost' OR NOT p_backup))
                OR (v_repl_hash IS NOT NULL AND User <> 'rdsrepladmin'
                    AND JSON_VALUE(Priv, '$.authentication_string') = v_repl_hash)) DO
    IF a.h = '' THEN
      EXECUTE IMMEDIATE CONCAT('DROP ROLE IF EXISTS ', QUOTE(a.u));
    ELSE
      EXECUTE IMMEDIATE CONCAT('DROP USER IF EXISTS ', QUOTE(a.u), '@', QUOTE(a.h));
    END IF;
    -- (a read replica's copy of its source's backup account is housekeeping, not a finding)
    IF NOT (a.u = 'rdsbackup' AND a.h = 'localhost') THEN
      SET v_found = CONCAT_WS('; ', v_found, CONCAT('account ', a.u, '@', a.h, ' (a reserved name) dropped'));
    END IF;
    SET v_kill = CONCAT(v_kill, ',', a.u, '@', a.h);
  END FOR;
  IF v_repl_hash IS NOT NULL AND (
       NOT EXISTS (SELECT 1 FROM mysql.global_priv
                    WHERE User = 'rdsrepladmin' AND Host = '%'
                      AND JSON_VALUE(Priv, '$.plugin') = 'mysql_native_password'
                      AND JSON_VALUE(Priv, '$.authentication_string') = v_repl_hash
                      AND JSON_VALUE(Priv, '$.auth_or') IS NULL
                      AND COALESCE(JSON_VALUE(Priv, '$.account_locked'), 'false') IN ('false', '0')
                      AND COALESCE(JSON_VALUE(Priv, '$.password_last_changed'), 1) <> 0
                      AND COALESCE(JSON_VALUE(Priv, '$.ssl_type'), 0) = 0
                      AND COALESCE(JSON_VALUE(Priv, '$.max_user_connections'), 0) = 0
                      AND COALESCE(JSON_VALUE(Priv, '$.max_connections'), 0) = 0
                      AND JSON_VALUE(Priv, '$.access') = (SELECT value FROM mysql.rds_sysinfo
                                                           WHERE name = 'replication access'))
       OR EXISTS (SELECT 1 FROM mysql.roles_mapping WHERE User = 'rdsrepladmin')
       OR EXISTS (SELECT 1 FROM mysql.db WHERE User = 'rdsrepladmin')
       OR EXISTS (SELECT 1 FROM mysql.tables_priv WHERE User = 'rdsrepladmin')
       OR EXISTS (SELECT 1 FROM mysql.procs_priv WHERE User = 'rdsrepladmin')) THEN
    SET v_found = CONCAT_WS('; ', v_found, 'account rdsrepladmin@% restored');
    SET v_kill = CONCAT(v_kill, ',*rdsrepladmin');
    DELETE FROM mysql.roles_mapping WHERE User = 'rdsrepladmin';
    DELETE FROM mysql.db WHERE User = 'rdsrepladmin';
    DELETE FROM mysql.tables_priv WHERE User = 'rdsrepladmin';
    DELETE FROM mysql.columns_priv WHERE User = 'rdsrepladmin';
    DELETE FROM mysql.procs_priv WHERE User = 'rdsrepladmin';
    FLUSH PRIVILEGES;
    EXECUTE IMMEDIATE CONCAT('CREATE USER IF NOT EXISTS ''rdsrepladmin''@''%'' IDENTIFIED BY PASSWORD ', QUOTE(v_repl_hash));
    EXECUTE IMMEDIATE CONCAT('ALTER USER ''rdsrepladmin''@''%'' IDENTIFIED BY PASSWORD ', QUOTE(v_repl_hash),
                             ' REQUIRE NONE WITH MAX_QUERIES_PER_HOUR 0 MAX_UPDATES_PER_HOUR 0',
                             ' MAX_CONNECTIONS_PER_HOUR 0 MAX_USER_CONNECTIONS 0',
                             ' PASSWORD EXPIRE NEVER ACCOUNT UNLOCK');
    REVOKE ALL PRIVILEGES, GRANT OPTION FROM 'rdsrepladmin'@'%';
    GRANT REPLICATION SLAVE ON *.* TO 'rdsrepladmin'@'%';
  END IF;

  -- ── mariadb.sys@localhost, definer of the mysql.user view ───────────────────────
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
    SET v_found = CONCAT_WS('; ', v_found, 'account mariadb.sys@localhost restored');
    SET v_kill = CONCAT(v_kill, ',*mariadb.sys');
    FOR a IN (SELECT User AS u, Host AS h FROM mysql.global_priv WHERE User = 'mariadb.sys') DO
      IF a.h = '' THEN
        EXECUTE IMMEDIATE CONCAT('DROP ROLE IF EXISTS ', QUOTE(a.u));
      ELSE
        EXECUTE IMMEDIATE CONCAT('DROP USER IF EXISTS ', QUOTE(a.u), '@', QUOTE(a.h));
      END IF;
    END FOR;
    DELETE FROM mysql.roles_mapping WHERE User = 'mariadb.sys';
    DELETE FROM mysql.db WHERE User = 'mariadb.sys';
    DELETE FROM mysql.tables_priv WHERE User = 'mariadb.sys';
    DELETE FROM mysql.columns_priv WHERE User = 'mariadb.sys';
    DELETE FROM mysql.procs_priv WHERE User = 'mariadb.sys';
    FLUSH PRIVILEGES;
    CREATE USER 'mariadb.sys'@'localhost' ACCOUNT LOCK PASSWORD EXPIRE;
    GRANT SELECT, DELETE ON mysql.global_priv TO 'mariadb.sys'@'localhost';
  END IF;

  -- ── privileges beyond the master user's, and the mysql schema's code ────────────
  CALL mysql.rds_guard_privileges(v_found, v_kill);
  CALL mysql.rds_guard_mysql_code(p_offline, v_found);
  -- what the master user can set globally from its own session (26-*.sql)
  -- (into a variable first: NULLIF and CONCAT_WS would evaluate the call twice, or give '')
  SET v_reset = mysql.rds_reset_replica_globals('');
  IF v_reset IS NOT NULL THEN
    SET v_found = CONCAT_WS('; ', v_found, v_reset);
  END IF;

  -- ── objects with a reserved definer ────────────────────────────────────────────
  -- Checked on every pass: a master user that re-created rds_definer, or an
  -- external source (its SQL thread may give any DEFINER), could have made one.
  FOR o IN (SELECT type AS t, db AS s, name AS n FROM mysql.proc
             WHERE db <> 'mysql' AND mysql.rds_guard_reserved_definer(definer)
               AND NOT (db = 'sys' AND definer = 'mariadb.sys@localhost')
            UNION ALL
            SELECT 'EVENT', db, name FROM mysql.event WHERE mysql.rds_guard_reserved_definer(definer)) DO
    IF o.t = 'EVENT' AND p_offline THEN
      -- (offline the event scheduler is disabled, and so is DROP EVENT)
      DELETE FROM mysql.event WHERE db = o.s AND name = o.n;
    ELSEIF o.t IN ('PROCEDURE', 'FUNCTION', 'PACKAGE', 'PACKAGE BODY') THEN
      CALL mysql.rds_guard_drop_routine(o.s, o.n, o.t);
    ELSE
      EXECUTE IMMEDIATE CONCAT('DROP ', o.t, ' IF EXISTS ',
                               '`', REPLACE(o.s, '`', '``'), '`.`', REPLACE(o.n, '`', '``'), '`');
    END IF;
    SET v_found = CONCAT_WS('; ', v_found, CONCAT(LOWER(o.t), ' ', o.s, '.', o.n, ' with a reserved definer dropped'));
  END FOR;
  -- Views and triggers, one schema at a time (information_schema opens every view and trigger
  -- file of the schemas it reads: sys's hundred views cost ~2 ms a pass). sys and mysql only when
  -- something else was found, or offline: an external source's changes to mysql.% and sys.% are
  -- filtered out (engine options), the master user cannot create views or triggers there, and
  -- anyone else needs a taken-over reserved account, which is a finding.
  FOR sch IN (SELECT SCHEMA_NAME AS n FROM information_schema.SCHEMATA
               WHERE SCHEMA_NAME NOT IN ('information_schema', 'performance_schema')
                 AND (SCHEMA_NAME NOT IN ('sys', 'mysql') OR v_found IS NOT NULL OR p_offline)) DO
    FOR o IN (SELECT 'VIEW' AS t, TABLE_NAME AS n FROM information_schema.VIEWS
               WHERE TABLE_SCHEMA = sch.n AND mysql.rds_guard_reserved_definer(DEFINER)
                 AND NOT (TABLE_SCHEMA IN ('sys', 'mysql') AND DEFINER = 'mariadb.sys@localhost')
              UNION ALL
              SELECT 'TRIGGER', TRIGGER_NAME FROM information_schema.TRIGGERS
               WHERE TRIGGER_SCHEMA = sch.n AND mysql.rds_guard_reserved_definer(DEFINER)) DO
      EXECUTE IMMEDIATE CONCAT('DROP ', o.t, ' IF EXISTS `', REPLACE(sch.n, '`', '``'), '`.`', REPLACE(o.n, '`', '``'), '`');
      SET v_found = CONCAT_WS('; ', v_found, CONCAT(LOWER(o.t), ' ', sch.n, '.', o.n, ' with a reserved definer dropped'));
    END FOR;
  END FOR;

  -- ── end the sessions of impostors ───────────────────────────────────────────────
  FOR s IN (SELECT ID AS id FROM information_schema.PROCESSLIST
             WHERE ID <> CONNECTION_ID() AND COMMAND NOT IN ('Daemon', 'Binlog Dump', 'Slave_IO', 'Slave_SQL', 'Slave_worker')
               AND USER <> 'system user' AND USER <> 'event_scheduler'
               AND ((USER IN ('rdsadmin', 'rdsbackup', 'mariadb.sys')
                     AND SUBSTRING_INDEX(HOST, ':', 1) <> 'localhost')
                    OR LOCATE(CONCAT(',*', USER, ','), CONCAT(v_kill, ',')) > 0
                    OR LOCATE(CONCAT(',', USER, '@'), v_kill) > 0)) DO
    BEGIN
      DECLARE CONTINUE HANDLER FOR SQLEXCEPTION BEGIN END;   -- it may have ended meanwhile
      EXECUTE IMMEDIATE CONCAT('KILL CONNECTION ', s.id);
    END;
  END FOR;

  SET @@session.sql_log_bin = v_log_bin;
  SELECT v_found AS repaired;
END;

CREATE OR REPLACE DEFINER = rds_definer PROCEDURE mysql.rds_operator_guard(
  IN p_operator_hash text,
  IN p_repl_hash     text,
  IN p_backup        tinyint)
  MODIFIES SQL DATA
  SQL SECURITY DEFINER
  COMMENT 'openrds operator: check and repair the reserved accounts and roles'
BEGIN
  CALL mysql.rds_assert_operator();
  CALL mysql.rds_guard_repair(p_operator_hash, p_repl_hash, p_backup, 0);
END;

-- What the role and the reserved accounts hold when they are right (the
-- template's own values: they depend on the server version's privilege bits).
BEGIN NOT ATOMIC
  DECLARE v_log_bin INT DEFAULT @@session.sql_log_bin;
  SET @@session.sql_log_bin = 0;
  INSERT INTO mysql.rds_sysinfo (name, value)
    SELECT 'definer access', JSON_VALUE(Priv, '$.access') FROM mysql.global_priv
     WHERE User = 'rds_definer' AND Host = ''
    ON DUPLICATE KEY UPDATE value = VALUES(value);
  CREATE ROLE IF NOT EXISTS rds_guard_probe;
  REVOKE ALL PRIVILEGES, GRANT OPTION FROM rds_guard_probe;
  GRANT PROCESS, SLAVE MONITOR, BINLOG MONITOR ON *.* TO rds_guard_probe;
  INSERT INTO mysql.rds_sysinfo (name, value)
    SELECT 'operator access', JSON_VALUE(Priv, '$.access') FROM mysql.global_priv
     WHERE User = 'rds_guard_probe' AND Host = ''
    ON DUPLICATE KEY UPDATE value = VALUES(value);
  REVOKE ALL PRIVILEGES, GRANT OPTION FROM rds_guard_probe;
  GRANT REPLICATION SLAVE ON *.* TO rds_guard_probe;
  INSERT INTO mysql.rds_sysinfo (name, value)
    SELECT 'replication access', JSON_VALUE(Priv, '$.access') FROM mysql.global_priv
     WHERE User = 'rds_guard_probe' AND Host = ''
    ON DUPLICATE KEY UPDATE value = VALUES(value);
  DROP ROLE rds_guard_probe;
  SET @@session.sql_log_bin = v_log_bin;
END;

-- A read replica replays its source's statements on the reserved accounts too:
-- a master user's ALTER/RENAME/DROP USER of rdsrepladmin (which only the
-- source has) or CREATE ROLE rds_definer (which the replica's guard re-made
-- already) then stops its SQL thread with ERROR 1396. The control plane
-- reads the error (SQL cannot, on 10.11) and skips that one event group.
CREATE OR REPLACE DEFINER = rds_definer PROCEDURE mysql.rds_operator_skip_account_error()
  MODIFIES SQL DATA
  SQL SECURITY DEFINER
  COMMENT 'openrds operator: skip a replicated statement on a reserved account'
BEGIN
  CALL mysql.rds_assert_operator();
  IF mysql.rds_replication_state('') = 'BROKEN' THEN
    STOP SLAVE '' SQL_THREAD;
    SET GLOBAL sql_slave_skip_counter = 1;
    START SLAVE '' SQL_THREAD;
  END IF;
END;
