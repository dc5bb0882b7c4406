-- openrds: CALL mysql.rds_kill_query_id(query_id)
--
-- RDS for MariaDB: KILL QUERY ID query_id (the QUERY_ID column of
-- information_schema.PROCESSLIST), for the master user. Same refusals as
-- rds_kill_query (47-rds_kill_checked.sql); an unknown query id is
-- MariaDB's own 'Unknown query id: N'. No message, no history.

SET sql_mode = 'STRICT_ALL_TABLES,NO_ENGINE_SUBSTITUTION';

CREATE OR REPLACE DEFINER = rds_definer PROCEDURE mysql.rds_kill_query_id(
  IN p_query_id bigint)
  READS SQL DATA
  SQL SECURITY DEFINER
  COMMENT 'RDS for MariaDB: KILL QUERY ID for the master user'
CALL mysql.rds_kill_checked('QUERY ID', p_query_id);
