-- openrds template, step 89: the guard of the reserved accounts.
--
--   rds_operator_guard(operator_hash, repl_hash, backup)   operator routine, called by
--       the control plane on every monitor pass (src/control/operator-guard.ts)
--   rds_guard_repair(operator_hash, repl_hash, backup, offline)   internal, SQL SECURITY
--       INVOKER: the checks and repairs themselves, a part each (below, and
--       89-rds_guard_accounts.sql, 89-rds_guard_privileges.sql). Called by the guard
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

-- ── objects with a reserved definer ────────────────────────────────────────────────
-- Checked on every pass: a master user that re-created rds_definer, or an external
-- source (its SQL thread may give any DEFINER), could have made one.
CREATE OR REPLACE DEFINER = rds_definer PROCEDURE mysql.rds_guard_reserved_definers(
  IN    p_offline tinyint,
  INOUT p_found   text)
  MODIFIES SQL DATA
  SQL SECURITY INVOKER
  COMMENT 'openrds internal: no object outside mysql runs as a reserved account'
BEGIN
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
    SET p_found = CONCAT_WS('; ', p_found, CONCAT(LOWER(o.t), ' ', o.s, '.', o.n, ' with a reserved definer dropped'));
  END FOR;
  -- Views and triggers, one schema at a time (information_schema opens every view and trigger
  -- file of the schemas it reads: sys's hundred views cost ~2 ms a pass). sys and mysql only when
  -- something else was found, or offline: an external source's changes to mysql.% and sys.% are
  -- filtered out (engine options), the master user cannot create views or triggers there, and
  -- anyone else needs a taken-over reserved account, which is a finding.
  FOR sch IN (SELECT SCHEMA_NAME AS n FROM information_schema.SCHEMATA
               WHERE SCHEMA_NAME NOT IN ('information_schema', 'performance_schema')
                 AND (SCHEMA_NAME NOT IN ('sys', 'mysql') OR p_found IS NOT NULL OR p_offline)) DO
    FOR o IN (SELECT 'VIEW' AS t, TABLE_NAME AS n FROM information_schema.VIEWS
               WHERE TABLE_SCHEMA = sch.n AND mysql.rds_guard_reserved_definer(DEFINER)
                 AND NOT (TABLE_SCHEMA IN ('sys', 'mysql') AND DEFINER = 'mariadb.sys@localhost')
              UNION ALL
              SELECT 'TRIGGER', TRIGGER_NAME FROM information_schema.TRIGGERS
               WHERE TRIGGER_SCHEMA = sch.n AND mysql.rds_guard_reserved_definer(DEFINER)) DO
      EXECUTE IMMEDIATE CONCAT('DROP ', o.t, ' IF EXISTS `', REPLACE(sch.n, '`', '``'), '`.`', REPLACE(o.n, '`', '``'), '`');
      SET p_found = CONCAT_WS('; ', p_found, CONCAT(LOWER(o.t), ' ', sch.n, '.', o.n, ' with a reserved definer dropped'));
    END FOR;
  END FOR;
END;

-- ── the sessions of impostors ─────────────────────────────────────────────────────
-- Those in kill (',user@host,...'; '*user': every host), and any session of a reserved
-- socket-only account (rdsadmin, rdsbackup, mariadb.sys) from another host.
CREATE OR REPLACE DEFINER = rds_definer PROCEDURE mysql.rds_guard_end_sessions(
  IN p_kill text)
  MODIFIES SQL DATA
  SQL SECURITY INVOKER
  COMMENT 'openrds internal: end the sessions of impostors'
BEGIN
  FOR s IN (SELECT ID AS id FROM information_schema.PROCESSLIST
             WHERE ID <> CONNECTION_ID() AND COMMAND NOT IN ('Daemon', 'Binlog Dump', 'Slave_IO', 'Slave_SQL', 'Slave_worker')
               AND USER <> 'system user' AND USER <> 'event_scheduler'
               AND ((mysql.rds_reserved_host(LOWER(USER)) <=> 'localhost'   -- (compared as USER compares)
                     AND SUBSTRING_INDEX(HOST, ':', 1) <> 'localhost')
                    OR LOCATE(CONCAT(',*', USER, ','), CONCAT(p_kill, ',')) > 0
                    OR LOCATE(CONCAT(',', USER, '@'), p_kill) > 0)) DO
    BEGIN
      DECLARE CONTINUE HANDLER FOR SQLEXCEPTION BEGIN END;   -- it may have ended meanwhile
      EXECUTE IMMEDIATE CONCAT('KILL CONNECTION ', s.id);
    END;
  END FOR;
END;

-- The guard's pass: each part (89-rds_guard_accounts.sql, 89-rds_guard_privileges.sql,
-- above) adds what it found and undid to v_found, and the sessions to end to v_kill.
-- The one unlogged stretch that is not mysql.rds_unlogged's: the parts are loops,
-- account statements and FLUSH PRIVILEGES, not statements to hand over.
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
  DECLARE v_kill TEXT DEFAULT '';
  DECLARE v_reset TEXT;
  DECLARE v_log_bin INT DEFAULT @@session.sql_log_bin;
  DECLARE EXIT HANDLER FOR SQLEXCEPTION
  BEGIN
    SET @@session.sql_log_bin = v_log_bin;
    RESIGNAL;
  END;

  IF NOT mysql.rds_is_password_hash(p_operator_hash)
     OR (p_repl_hash IS NOT NULL AND NOT mysql.rds_is_password_hash(p_repl_hash)) THEN
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'Invalid arguments';
  END IF;

  COMMIT;
  SET @@session.sql_log_bin = 0;
  CALL mysql.rds_guard_definer_role(p_offline, v_found, v_kill);
  CALL mysql.rds_guard_operator(p_operator_hash, p_offline, v_found, v_kill);
  CALL mysql.rds_guard_replication_accounts(p_repl_hash, p_backup, v_found, v_kill);
  CALL mysql.rds_guard_mariadb_sys(v_found, v_kill);
  CALL mysql.rds_guard_privileges(v_found, v_kill);
  CALL mysql.rds_guard_mysql_code(p_offline, v_found);
  -- what the master user can set globally from its own session (26-*.sql)
  -- (into a variable first: NULLIF and CONCAT_WS would evaluate the call twice, or give '')
  SET v_reset = mysql.rds_reset_replica_globals('');
  IF v_reset IS NOT NULL THEN
    SET v_found = CONCAT_WS('; ', v_found, v_reset);
  END IF;
  CALL mysql.rds_guard_reserved_definers(p_offline, v_found);
  CALL mysql.rds_guard_end_sessions(v_kill);
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
