-- openrds template, step 89 (privileges): the guard's invariants on what
-- accounts hold and on the `mysql` schema's code, checked on every pass by
-- rds_guard_repair (89-rds_operator_guard.sql), each with one query.
--
--   rds_guard_reserved(user, host), rds_guard_reserved_definer(definer)
--                                    internal: 1 for openrds's own accounts and role
--   rds_guard_privileges(INOUT found, INOUT kill)   internal, SQL SECURITY INVOKER
--   rds_guard_mysql_code(offline, INOUT found)      internal, SQL SECURITY INVOKER
--   rds_guard_drop_routine(db, name, type)          internal: the DROP each type needs
--
-- Why: besides the master user's own statements, an external source it
-- controls (rds_set_external_master to a server of its own) can send anything
-- the replication SQL thread applies with every privilege. Its account
-- statements and writes to mysql.* are filtered on that connection
-- (replicate_wild_ignore_table = mysql.%, set for every instance that is not a
-- read replica), but routines and events are not tables: CREATE PROCEDURE
-- mysql.x from another default database passes the filter. And MariaDB
-- cannot refuse some things at all. So, on every pass:
--   * no account or role but the reserved ones holds a global privilege the
--     master user lacks (SUPER, FILE, SHUTDOWN, RELOAD, ALL, ...: the master
--     user's own access bits, recorded by the template, are the ceiling --
--     the master user included); a write privilege or GRANT OPTION on a
--     database pattern that matches `mysql`; more than SELECT / SHOW VIEW on
--     a table or column of `mysql`; any grant on a `mysql` routine but
--     EXECUTE on a public rds procedure; PROXY (mysql.proxies_priv is empty
--     in the template). Roles are rows of the same tables, so a role carrying
--     such a privilege is stripped too. What is found is taken away directly
--     in the grant tables, reloaded (FLUSH PRIVILEGES), and the accounts'
--     sessions are ended (a session keeps the global privileges it logged in with);
--   * the routines of `mysql` are exactly the template's (mysql.rds_routines,
--     a copy of their mysql.proc rows: name, type, definer, security, body,
--     parameters, sql_mode): an extra one is dropped, a changed one is
--     restored offline from the copy (a routine's cache lives in every session:
--     only a restart clears it), and `mysql` has no events (its views and triggers
--     are looked at with every schema's, in 89-rds_operator_guard.sql).

SET sql_mode = 'STRICT_ALL_TABLES,NO_ENGINE_SUBSTITUTION';

-- The reserved accounts (mysql.rds_reserved_host, 12-rds_reserved_accounts.sql): as
-- accounts, user and host; as definers, by name on any host (the same name elsewhere is
-- an impostor, and an object running as it is dropped).
CREATE OR REPLACE DEFINER = rds_definer FUNCTION mysql.rds_guard_reserved(p_user TEXT, p_host TEXT) RETURNS TINYINT
  DETERMINISTIC
  NO SQL
  SQL SECURITY INVOKER
  COMMENT 'openrds internal: is this one of the reserved accounts'
RETURN IFNULL(BINARY p_host = mysql.rds_reserved_host(p_user), 0);

CREATE OR REPLACE DEFINER = rds_definer FUNCTION mysql.rds_guard_reserved_definer(p_definer TEXT) RETURNS TINYINT
  DETERMINISTIC
  NO SQL
  SQL SECURITY INVOKER
  COMMENT 'openrds internal: is this definer a reserved account or role'
RETURN mysql.rds_reserved_host(SUBSTRING_INDEX(p_definer, '@', 1)) IS NOT NULL;

-- DROP PROCEDURE / FUNCTION / PACKAGE [BODY]: a package can only be dropped in
-- Oracle mode (the statement does not parse otherwise), whatever mode the
-- caller's session is in.
CREATE OR REPLACE DEFINER = rds_definer PROCEDURE mysql.rds_guard_drop_routine(
  IN p_db TEXT CHARSET utf8mb4, IN p_name TEXT CHARSET utf8mb4, IN p_type TEXT)
  MODIFIES SQL DATA
  SQL SECURITY INVOKER
  COMMENT 'openrds internal: drop a routine of any type'
BEGIN
  DECLARE v_mode TEXT DEFAULT @@session.sql_mode;
  DECLARE EXIT HANDLER FOR SQLEXCEPTION
  BEGIN
    SET @@session.sql_mode = v_mode;
    RESIGNAL;
  END;
  IF p_type IN ('PACKAGE', 'PACKAGE BODY') THEN
    SET @@session.sql_mode = 'ORACLE';
  END IF;
  EXECUTE IMMEDIATE CONCAT('DROP ', p_type, ' IF EXISTS `', REPLACE(p_db, '`', '``'), '`.`',
                           REPLACE(p_name, '`', '``'), '`');
  SET @@session.sql_mode = v_mode;
END;

CREATE OR REPLACE DEFINER = rds_definer PROCEDURE mysql.rds_guard_privileges(
  INOUT p_found TEXT,
  INOUT p_kill  TEXT)
  MODIFIES SQL DATA
  SQL SECURITY INVOKER
  COMMENT 'openrds internal: no account holds more than the master user'
BEGIN
  DECLARE v_ceiling BIGINT UNSIGNED;
  DECLARE v_public TEXT;
  DECLARE v_changed INT DEFAULT 0;
  SELECT CAST(value AS UNSIGNED) INTO v_ceiling FROM mysql.rds_sysinfo WHERE name = 'master access';
  SELECT value INTO v_public FROM mysql.rds_sysinfo WHERE name = 'public routines';

  -- global privileges beyond the master user's
  FOR a IN (SELECT User AS u, Host AS h, CAST(JSON_VALUE(Priv, '$.access') AS UNSIGNED) AS access
              FROM mysql.global_priv
             WHERE NOT mysql.rds_guard_reserved(User, Host)
               AND CAST(COALESCE(JSON_VALUE(Priv, '$.access'), 0) AS UNSIGNED) & ~v_ceiling <> 0) DO
    UPDATE mysql.global_priv SET Priv = JSON_SET(Priv, '$.access', a.access & v_ceiling)
     WHERE User = a.u AND Host = a.h;
    SET p_found = CONCAT_WS('; ', p_found, CONCAT('global privileges beyond the master user''s revoked from ',
                                                  a.u, IF(a.h = '', ' (a role)', CONCAT('@', a.h))));
    SET p_kill = CONCAT(p_kill, ',', a.u, '@', a.h);
    SET v_changed = v_changed + 1;
  END FOR;

  -- write privileges or GRANT OPTION on a database pattern that matches `mysql`
  -- (CASE: the reserved-account function only for rows whose pattern matches; the master user
  -- alone has ~470 rows)
  FOR d IN (SELECT User AS u, Host AS h, Db AS db FROM mysql.db
             WHERE CASE WHEN BINARY 'mysql' LIKE BINARY Db THEN NOT mysql.rds_guard_reserved(User, Host) ELSE 0 END
               AND 'Y' IN (Insert_priv, Update_priv, Delete_priv, Create_priv, Drop_priv, Grant_priv,
                           References_priv, Index_priv, Alter_priv, Create_tmp_table_priv, Lock_tables_priv,
                           Create_view_priv, Create_routine_priv, Alter_routine_priv, Execute_priv,
                           Event_priv, Trigger_priv, Delete_history_priv)) DO
    UPDATE mysql.db SET Insert_priv = 'N', Update_priv = 'N', Delete_priv = 'N', Create_priv = 'N',
           Drop_priv = 'N', Grant_priv = 'N', References_priv = 'N', Index_priv = 'N', Alter_priv = 'N',
           Create_tmp_table_priv = 'N', Lock_tables_priv = 'N', Create_view_priv = 'N',
           Create_routine_priv = 'N', Alter_routine_priv = 'N', Execute_priv = 'N', Event_priv = 'N',
           Trigger_priv = 'N', Delete_history_priv = 'N'
     WHERE User = d.u AND Host = d.h AND Db = d.db;
    SET p_found = CONCAT_WS('; ', p_found, CONCAT('write privileges on `', d.db, '` (matches mysql) revoked from ', d.u, '@', d.h));
    SET v_changed = v_changed + 1;
  END FOR;

  -- more than reading a table or column of `mysql` (Select = 1, Show view = 2048 in these SETs)
  FOR t IN (SELECT DISTINCT User AS u, Host AS h FROM mysql.tables_priv
             WHERE Db = 'mysql' AND NOT mysql.rds_guard_reserved(User, Host)
               AND ((Table_priv + 0) & ~2049 <> 0 OR (Column_priv + 0) & ~1 <> 0)
            UNION
            SELECT DISTINCT User, Host FROM mysql.columns_priv
             WHERE Db = 'mysql' AND NOT mysql.rds_guard_reserved(User, Host) AND (Column_priv + 0) & ~1 <> 0) DO
    UPDATE mysql.tables_priv SET Table_priv = (Table_priv + 0) & 2049, Column_priv = (Column_priv + 0) & 1
     WHERE Db = 'mysql' AND User = t.u AND Host = t.h;
    UPDATE mysql.columns_priv SET Column_priv = (Column_priv + 0) & 1
     WHERE Db = 'mysql' AND User = t.u AND Host = t.h;
    SET p_found = CONCAT_WS('; ', p_found, CONCAT('write privileges on tables of mysql revoked from ', t.u, '@', t.h));
    SET v_changed = v_changed + 1;
  END FOR;

  -- a `mysql` routine: EXECUTE on a public rds procedure only (the operator's are checked by the guard)
  FOR r IN (SELECT DISTINCT User AS u, Host AS h FROM mysql.procs_priv
             WHERE Db = 'mysql' AND NOT mysql.rds_guard_reserved(User, Host)
               AND Routine_name NOT LIKE 'rds\_operator\_%'
               AND (FIND_IN_SET(Routine_name, v_public) = 0 OR Routine_type <> 'PROCEDURE'
                    OR Proc_priv <> 'Execute')) DO
    DELETE FROM mysql.procs_priv
     WHERE Db = 'mysql' AND User = r.u AND Host = r.h AND Routine_name NOT LIKE 'rds\_operator\_%'
       AND (FIND_IN_SET(Routine_name, v_public) = 0 OR Routine_type <> 'PROCEDURE' OR Proc_priv <> 'Execute');
    SET p_found = CONCAT_WS('; ', p_found, CONCAT('grants on internal mysql routines revoked from ', r.u, '@', r.h));
    SET v_changed = v_changed + 1;
  END FOR;

  -- PROXY: nobody is given it
  FOR p IN (SELECT User AS u, Host AS h, Proxied_user AS pu, Proxied_host AS ph FROM mysql.proxies_priv) DO
    DELETE FROM mysql.proxies_priv WHERE User = p.u AND Host = p.h AND Proxied_user = p.pu AND Proxied_host = p.ph;
    SET p_found = CONCAT_WS('; ', p_found, CONCAT('PROXY on ', p.pu, '@', p.ph, ' revoked from ', p.u, '@', p.h));
    SET p_kill = CONCAT(p_kill, ',', p.u, '@', p.h);
    SET v_changed = v_changed + 1;
  END FOR;

  IF v_changed > 0 THEN
    FLUSH PRIVILEGES;
  END IF;
END;

-- A checksum of the routines of `mysql`, as they are: the template records it
-- (99-finish.sql), and a pass compares routine by routine only when it differs.
CREATE OR REPLACE DEFINER = rds_definer FUNCTION mysql.rds_guard_routines_sum() RETURNS CHAR(32)
  NOT DETERMINISTIC
  READS SQL DATA
  SQL SECURITY INVOKER
  COMMENT 'openrds internal: checksum of the mysql schema''s routines'
RETURN (SELECT MD5(GROUP_CONCAT(MD5(CONCAT_WS(0x1f, name, type, definer, security_type, sql_mode,
                                              param_list, returns, body))
                                ORDER BY name, type))
          FROM mysql.proc WHERE db = 'mysql');

CREATE OR REPLACE DEFINER = rds_definer PROCEDURE mysql.rds_guard_mysql_code(
  IN    p_offline TINYINT,
  INOUT p_found   TEXT)
  MODIFIES SQL DATA
  SQL SECURITY INVOKER
  COMMENT 'openrds internal: the mysql schema has only the template''s code'
BEGIN
  IF p_offline OR NOT mysql.rds_guard_routines_sum() <=>
                      (SELECT value FROM mysql.rds_sysinfo WHERE name = 'mysql routines') THEN
    -- routines of `mysql` that are not the template's
    FOR o IN (SELECT p.name AS n, p.type AS t,
                     EXISTS (SELECT 1 FROM mysql.rds_routines r WHERE r.name = p.name AND r.type = p.type) AS known
                FROM mysql.proc p
               WHERE p.db = 'mysql'
                 AND NOT EXISTS (SELECT 1 FROM mysql.rds_routines r
                                  WHERE r.name = p.name AND r.type = p.type AND r.definer = p.definer
                                    AND r.security_type = p.security_type AND r.sql_mode = p.sql_mode
                                    AND r.param_list = p.param_list AND r.returns = p.returns
                                    AND r.body = p.body)) DO
      IF o.known AND NOT p_offline THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'openrds: a mysql routine was changed; repair offline';
      END IF;
      IF p_offline THEN
        DELETE FROM mysql.proc WHERE db = 'mysql' AND name = o.n AND type = o.t;
      ELSE
        CALL mysql.rds_guard_drop_routine('mysql', o.n, o.t);
      END IF;
      SET p_found = CONCAT_WS('; ', p_found, CONCAT(LOWER(o.t), ' mysql.', o.n, IF(o.known, ' restored', ' dropped')));
    END FOR;
    -- the template's routines that are missing or were just removed above (row by row: a
    -- statement that writes a system table may not read another table, ERROR 1428)
    IF p_offline THEN
      FOR r IN (SELECT * FROM mysql.rds_routines r
                 WHERE NOT EXISTS (SELECT 1 FROM mysql.proc p WHERE p.db = 'mysql' AND p.name = r.name AND p.type = r.type)) DO
        INSERT INTO mysql.proc VALUES (r.db, r.name, r.type, r.specific_name, r.language, r.sql_data_access,
          r.is_deterministic, r.security_type, r.param_list, r.returns, r.body, r.definer, r.created,
          r.modified, r.sql_mode, r.comment, r.character_set_client, r.collation_connection,
          r.db_collation, r.body_utf8, r.aggregate);
      END FOR;
    END IF;
  END IF;

  FOR e IN (SELECT name AS n FROM mysql.event WHERE db = 'mysql') DO
    IF p_offline THEN
      DELETE FROM mysql.event WHERE db = 'mysql' AND name = e.n;   -- (no event scheduler offline)
    ELSE
      EXECUTE IMMEDIATE CONCAT('DROP EVENT IF EXISTS mysql.`', REPLACE(e.n, '`', '``'), '`');
    END IF;
    SET p_found = CONCAT_WS('; ', p_found, CONCAT('event mysql.', e.n, ' dropped'));
  END FOR;
END;
