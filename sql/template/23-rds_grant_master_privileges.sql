-- openrds: mysql.rds_grant_master_privileges(user, force) -- internal: grants
-- '<user>'@'%' the master user's privileges, directly (see 00-roles.sql for
-- why not through a role). Used for the template's placeholder master
-- account (70-grants.sql) and by the operator routines to create or repair
-- a master user. Skips the 470 pattern grants when they are all present,
-- unless force.
--
-- RDS's master-user list (rds-contract.md section 1), with two cuts:
-- * global: SELECT and SHOW VIEW (read-only, so ON *.* as on RDS: the master
--   user can hand monitoring exporters `GRANT PROCESS, REPLICATION CLIENT,
--   SELECT ON *.*`), PROCESS, SHOW DATABASES, REPLICATION SLAVE, BINLOG MONITOR
--   (MariaDB's name for REPLICATION CLIENT), CREATE USER, SLAVE MONITOR
--   (needed for SHOW SLAVE STATUS in 10.11). Never SUPER, FILE, SHUTDOWN,
--   REPLICATION SLAVE ADMIN, SET USER, READ_ONLY ADMIN, ...; nor global write
--   privileges, LOCK TABLES, EVENT, TRIGGER or EXECUTE: on *.* they would
--   reach the `mysql` schema (its tables, a trigger on rds_history, the
--   internal rds routines).
--   - No RELOAD, although RDS lists it: in MariaDB 10.11 RELOAD alone lets
--     a user run RESET SLAVE [ALL] (measured: it wiped the replication
--     configuration behind the procedures' back) and RESET MASTER (deletes
--     every binary log, breaking all replicas). The price: FLUSH PRIVILEGES
--     / TABLES / LOGS / TABLES WITH READ LOCK answer ERROR 1227 to the
--     master user (GRANT/CREATE USER never need FLUSH PRIVILEGES).
--   - WITH GRANT OPTION, as on RDS: the import and export runbooks have the
--     master user create a replication account (`GRANT REPLICATION SLAVE
--     ON *.* TO repl`). A global GRANT OPTION also satisfies the check for
--     routine grants, so the master user may hand EXECUTE on the rds
--     procedures to another user -- as RDS's master user (EXECUTE ON *.*
--     WITH GRANT OPTION) can. Nobody else gets them unless it does: others
--     get ERROR 1370. It cannot grant what it does not hold.
-- * object privileges WITH GRANT OPTION, but NOT on *.*: that would include the `mysql` schema,
--   and with it the master user could rewrite mysql.proc / global_priv or
--   replace the rds procedures (mariadb-notes.md, "protecting the
--   operator"). Instead on database-name patterns matching every name but
--   `mysql`. In a database grant `_` is "any one character", `%` "any
--   sequence", compared byte by byte and case-sensitively (10.11 with
--   lower_case_table_names=0: a grant on `M____` does not reach `mysql`):
--     names of 1..4 bytes:  `_`  `__`  `___`  `____`
--     names of 6+ bytes:    `______%`
--     names of 5 bytes:     `X____` X<>'m', `mX___` X<>'y', `myX__` X<>'s',
--                           `mysX_` X<>'q', `mysqX` X<>'l'
--   X runs over printable ASCII 0x21..0x7E: 5*93+5 = 470 grant rows.
--   Not covered (documented limitation): 5-byte names whose deciding byte is
--   not printable ASCII (a space, or a byte of a multi-byte UTF-8 letter).
--   A GRANT by the master user is itself checked as a pattern (a `%` or `_`
--   in its target only matches the same wildcard in a held grant), so it
--   cannot pass on privileges for `%`, `m%`, `mysq_` and the like.
--   DELETE HISTORY is not in RDS's MySQL list; it is MariaDB's extra
--   database privilege (system-versioned tables); without it the everyday
--   `GRANT ALL PRIVILEGES ON db.* TO app` by the master user fails.
-- * `mysql` itself: SELECT only, at database level (RDS's master user has
--   SELECT ON *.*). SHOW GRANTS FOR <other user> and SHOW CREATE USER
--   require SELECT on `mysql` at database level (table grants do not
--   satisfy that check), and DBAs need them. It exposes password hashes
--   (mysql.user / global_priv) exactly as on RDS; rdsadmin@localhost is
--   socket-only with a random password, so its hash is useless over TCP.
-- * EXECUTE on each public rds procedure: only the master user may call
--   them (others get ERROR 1370 unless it grants them), as RDS documents.
--   mysql.rds_public_procedures (69-rds_offered.sql) is the one list of
--   public procedures; those this engine version does not have do not exist,
--   and are skipped.

SET sql_mode = 'STRICT_ALL_TABLES,NO_ENGINE_SUBSTITUTION';

CREATE OR REPLACE DEFINER = rds_definer PROCEDURE mysql.rds_grant_master_privileges(
  IN p_user  varchar(80),
  IN p_force tinyint)
  MODIFIES SQL DATA
  SQL SECURITY DEFINER
  COMMENT 'openrds internal: grant the master user privileges'
BEGIN
  DECLARE v_privs TEXT DEFAULT
    'SELECT, INSERT, UPDATE, DELETE, CREATE, DROP, REFERENCES, INDEX, ALTER, '
    'CREATE TEMPORARY TABLES, LOCK TABLES, EXECUTE, CREATE VIEW, SHOW VIEW, '
    'CREATE ROUTINE, ALTER ROUTINE, EVENT, TRIGGER, DELETE HISTORY';
  DECLARE v_account TEXT DEFAULT CONCAT(QUOTE(p_user), '@''%''');
  DECLARE v_code INT DEFAULT 33;
  DECLARE v_pos INT;
  DECLARE v_c VARCHAR(2);
  DECLARE v_rows INT;

  EXECUTE IMMEDIATE CONCAT(
    'GRANT SELECT, SHOW VIEW, PROCESS, SHOW DATABASES, REPLICATION SLAVE, ',
    'BINLOG MONITOR, CREATE USER, SLAVE MONITOR ON *.* TO ', v_account,
    ' WITH GRANT OPTION');

  SELECT COUNT(*) INTO v_rows FROM mysql.db
   WHERE User = p_user AND Host = '%' AND Db <> 'mysql'
     AND Select_priv = 'Y' AND Insert_priv = 'Y' AND Update_priv = 'Y'
     AND Delete_priv = 'Y' AND Create_priv = 'Y' AND Drop_priv = 'Y'
     AND Grant_priv = 'Y' AND References_priv = 'Y' AND Index_priv = 'Y'
     AND Alter_priv = 'Y' AND Create_tmp_table_priv = 'Y'
     AND Lock_tables_priv = 'Y' AND Create_view_priv = 'Y'
     AND Show_view_priv = 'Y' AND Create_routine_priv = 'Y'
     AND Alter_routine_priv = 'Y' AND Execute_priv = 'Y' AND Event_priv = 'Y'
     AND Trigger_priv = 'Y' AND Delete_history_priv = 'Y';

  IF p_force OR v_rows < 470 THEN
    -- names that are not 5 bytes long
    FOR p IN (SELECT '_' AS pat UNION ALL SELECT '__' UNION ALL SELECT '___'
              UNION ALL SELECT '____' UNION ALL SELECT '______%') DO
      EXECUTE IMMEDIATE CONCAT('GRANT ', v_privs, ' ON `', p.pat, '`.* TO ',
                               v_account, ' WITH GRANT OPTION');
    END FOR;
    -- 5-byte names: the first byte that differs from 'mysql' decides
    WHILE v_code <= 126 DO
      SET v_c = CHAR(v_code USING ascii);
      IF v_c IN ('_', '%', '\\') THEN
        SET v_c = CONCAT('\\', v_c);   -- wildcard/escape meant literally
      ELSEIF v_c = '`' THEN
        SET v_c = '``';                -- identifier quoting
      END IF;
      SET v_pos = 1;
      WHILE v_pos <= 5 DO
        IF CHAR(v_code USING ascii) <> BINARY SUBSTRING('mysql', v_pos, 1) THEN
          EXECUTE IMMEDIATE CONCAT('GRANT ', v_privs, ' ON `',
            SUBSTRING('mysql', 1, v_pos - 1), v_c, REPEAT('_', 5 - v_pos),
            '`.* TO ', v_account, ' WITH GRANT OPTION');
        END IF;
        SET v_pos = v_pos + 1;
      END WHILE;
      SET v_code = v_code + 1;
    END WHILE;
  END IF;

  EXECUTE IMMEDIATE CONCAT('GRANT SELECT ON `mysql`.* TO ', v_account);

  FOR r IN (SELECT ROUTINE_NAME AS n FROM information_schema.ROUTINES
             WHERE ROUTINE_SCHEMA = 'mysql' AND ROUTINE_TYPE = 'PROCEDURE'
               AND ROUTINE_NAME IN (SELECT name FROM mysql.rds_public_procedures)) DO
    EXECUTE IMMEDIATE CONCAT('GRANT EXECUTE ON PROCEDURE mysql.`', r.n,
                             '` TO ', v_account);
  END FOR;
END;
