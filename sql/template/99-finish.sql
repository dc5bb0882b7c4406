-- openrds template, step 99 (last): leave no account stronger than the
-- master user.
--
-- * rds_definer is revoked from everybody holding it (CREATE ROLE gave it to
--   its creator, root, WITH ADMIN OPTION): from now on no account can use
--   or grant it, yet DEFINER = rds_definer routines keep working.
-- * The accounts mariadb-install-db created are dropped: root@localhost,
--   root@127.0.0.1, root@::1, root@<hostname>, a possible mysql@localhost
--   and anonymous users. The master user's global CREATE USER would let it
--   RENAME/ALTER any of them and log in with ALL PRIVILEGES
--   (mariadb-notes.md). Accounts on '%' are never touched, so re-applying
--   the template to a live instance keeps its users. mariadb.sys@localhost
--   stays: it is the definer of the mysql.user view and holds only
--   SELECT, DELETE ON mysql.global_priv. 'rds_master_placeholder'@'%'
--   (70-grants.sql) stays until rds_operator_bootstrap renames it: locked,
--   without password.
-- The session applying the template may be root@localhost itself: it keeps
-- running until it disconnects, and must then use rdsadmin.
-- Re-applied to a live instance (a major version upgrade: the server started
-- for repair), the install's accounts are long gone and only the master
-- user's own may be named root: nothing is dropped then, and the master
-- user (rds_sysinfo 'master user') stands where the placeholder stood.

SET sql_mode = 'STRICT_ALL_TABLES,NO_ENGINE_SUBSTITUTION';

BEGIN NOT ATOMIC
  FOR m IN (SELECT User AS u, Host AS h FROM mysql.roles_mapping
             WHERE Role = 'rds_definer') DO
    EXECUTE IMMEDIATE CONCAT('REVOKE rds_definer FROM ', QUOTE(m.u),
                             IF(m.h = '', '', CONCAT('@', QUOTE(m.h))));
  END FOR;
  FOR a IN (SELECT User AS u, Host AS h FROM mysql.global_priv
             WHERE User IN ('root', 'mysql', '') AND Host <> '%'
               AND Host <> ''
               AND NOT EXISTS (SELECT 1 FROM mysql.rds_sysinfo WHERE name = 'master user')) DO
    EXECUTE IMMEDIATE CONCAT('DROP USER IF EXISTS ', QUOTE(a.u), '@', QUOTE(a.h));
  END FOR;
END;

-- What the guard holds the instance to (89-rds_guard_privileges.sql), taken
-- from the finished template: the master user's global privileges (the
-- ceiling for every other account), the public procedures it may be granted
-- EXECUTE on, and a copy of every routine of `mysql` as it must stay.
BEGIN NOT ATOMIC
  DECLARE v_log_bin INT DEFAULT @@session.sql_log_bin;
  DECLARE v_master VARCHAR(80) DEFAULT IFNULL((SELECT value FROM mysql.rds_sysinfo WHERE name = 'master user'),
                                              'rds_master_placeholder');
  CALL mysql.rds_sysinfo_set('master access', (SELECT JSON_VALUE(Priv, '$.access') FROM mysql.global_priv
                                                WHERE User = v_master AND Host = '%'));
  CALL mysql.rds_sysinfo_set('public routines', (SELECT GROUP_CONCAT(Routine_name ORDER BY Routine_name)
                                                   FROM mysql.procs_priv
                                                  WHERE User = v_master AND Host = '%' AND Db = 'mysql'));
  SET @@session.sql_log_bin = 0;
  CREATE TABLE IF NOT EXISTS mysql.rds_routines LIKE mysql.proc;
  DELETE FROM mysql.rds_routines;
  INSERT INTO mysql.rds_routines SELECT * FROM mysql.proc WHERE db = 'mysql';
  SET @@session.sql_log_bin = v_log_bin;
  CALL mysql.rds_sysinfo_set('mysql routines', mysql.rds_guard_routines_sum());
END;
