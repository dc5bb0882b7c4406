-- openrds: CALL mysql.rds_kill_query_id(query_id)
--
-- RDS for MariaDB: KILL QUERY ID query_id (the QUERY_ID column of
-- information_schema.PROCESSLIST), for the master user. Same refusals as
-- rds_kill_query (47-rds_assert_killable.sql); an unknown query id is
-- MariaDB's own 'Unknown query id: N'. No message, no history.

SET sql_mode = 'STRICT_ALL_TABLES,NO_ENGINE_SUBSTITUTION';

CREATE OR REPLACE DEFINER = rds_definer PROCEDURE mysql.rds_kill_query_id(
  IN p_query_id bigint)
  READS SQL DATA
  SQL SECURITY DEFINER
  COMMENT 'RDS for MariaDB: KILL QUERY ID for the master user'
BEGIN
  DECLARE v_user VARCHAR(128) DEFAULT NULL;

  SELECT USER INTO v_user FROM information_schema.PROCESSLIST
   WHERE QUERY_ID = p_query_id LIMIT 1;
  CALL mysql.rds_assert_killable(v_user);
  KILL QUERY ID p_query_id;
END;
