-- openrds template, step 00: the role every rds routine runs as.
--
-- Applied once to a freshly initialised template datadir as root@localhost
-- (see sql/README.md). Idempotent: every statement may be re-applied.
--
-- rds_definer is the DEFINER of every mysql.rds_* routine. It holds ALL
-- PRIVILEGES, and once the template is finished (99-finish.sql) no account
-- holds the role: the routines run with its privileges, but nobody can log
-- in with them, SET ROLE to it (master user: ERROR 1959) or grant it
-- (ERROR 1698). Measured on 10.11: inside a DEFINER = <role> routine the
-- session runs as ''@'' with that role; CREATE/ALTER/RENAME/DROP USER,
-- GRANT <privilege>, CHANGE MASTER, START/STOP/RESET SLAVE, SET GLOBAL and
-- sql_log_bin all work there; GRANT <role> (1698) and SET DEFAULT ROLE /
-- SET PASSWORD FOR (1131) do not, so no routine relies on them.
--
-- There is deliberately no role for the master user: MariaDB 10.11 does not
-- apply a definer's roles inside SQL SECURITY DEFINER views, triggers,
-- routines and events. With its privileges in a default role, the master
-- user's own view `CREATE VIEW shop.v AS SELECT * FROM shop.t` answered
-- ERROR 1356 even to itself. Its privileges are therefore granted to the
-- account directly (23-rds_grant_master_privileges.sql).

SET sql_mode = 'STRICT_ALL_TABLES,NO_ENGINE_SUBSTITUTION';

CREATE ROLE IF NOT EXISTS rds_definer;
GRANT ALL PRIVILEGES ON *.* TO rds_definer WITH GRANT OPTION;
