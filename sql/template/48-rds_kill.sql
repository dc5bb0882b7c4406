-- openrds: CALL mysql.rds_kill(thread)
--
-- Ends another session (KILL CONNECTION) for the master user, which holds no
-- SUPER / CONNECTION ADMIN and so may end only its own sessions itself.
-- thread is the Id of SHOW PROCESSLIST.
-- Refuses the reserved sessions (operator, replication, system threads:
-- 'CANNOT KILL RDSADMIN SESSION', 'CANNOT KILL SYSTEM USER SESSION', ...,
-- 47-rds_kill_checked.sql); an unknown thread is MariaDB's own
-- 'Unknown thread id: N'. No message, no history (as RDS). pt-kill --rds
-- calls this procedure.

SET sql_mode = 'STRICT_ALL_TABLES,NO_ENGINE_SUBSTITUTION';

CREATE OR REPLACE DEFINER = rds_definer PROCEDURE mysql.rds_kill(
  IN p_thread bigint)
  READS SQL DATA
  SQL SECURITY DEFINER
  COMMENT 'RDS: KILL CONNECTION for the master user'
CALL mysql.rds_kill_checked('CONNECTION', p_thread);
