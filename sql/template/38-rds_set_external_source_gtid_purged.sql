-- openrds: CALL mysql.rds_set_external_source_gtid_purged(server_uuid, start_pos, end_pos)
--
-- RDS for MySQL 8.0 (and 8.4, derived): SET GLOBAL gtid_purged = '+uuid:start-end',
-- so that auto-position replication from an external MySQL source skips what a
-- dump already holds. MariaDB's GTIDs have no server_uuid (domain-server-sequence),
-- and an external source here is a MariaDB server: there is nothing the uuid can
-- name. The procedure checks its arguments as RDS does, with RDS's messages, and
-- then refuses with a clear error (history 'begin: set gtid_purged',
-- 'set gtid_purged:ERR') -- rather than report a success that changed nothing.
-- The MariaDB way is rds_set_external_master_with_auto_position after
-- SET GLOBAL gtid_slave_pos, which the master user cannot run; openrds does
-- not offer a way round that yet.

SET sql_mode = 'STRICT_ALL_TABLES,NO_ENGINE_SUBSTITUTION';

CREATE OR REPLACE DEFINER = rds_definer PROCEDURE mysql.rds_set_external_source_gtid_purged(
  IN p_server_uuid varchar(36),
  IN p_start_pos   bigint,
  IN p_end_pos     bigint)
  MODIFIES SQL DATA
  SQL SECURITY DEFINER
  COMMENT 'RDS 8.0: set gtid_purged for an external source'
BEGIN
  CALL mysql.rds_begin('purged: starting');
  IF mysql.rds_is_read_replica() THEN
    CALL mysql.rds_say('purged: read replica', NULL);
  ELSEIF mysql.rds_replication_state('') IN ('ON', 'BROKEN') THEN
    CALL mysql.rds_say('purged: running', NULL);
  ELSEIF p_server_uuid IS NULL OR p_server_uuid NOT REGEXP
         '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\\z' THEN
    CALL mysql.rds_say('purged: uuid', NULL);
  ELSEIF p_start_pos IS NULL OR p_start_pos < 1 THEN
    CALL mysql.rds_say('purged: start', NULL);
  ELSEIF p_end_pos IS NULL OR p_end_pos < p_start_pos THEN
    CALL mysql.rds_say('purged: end', NULL);
  END IF;
  CALL mysql.rds_record_history('set gtid_purged:ERR', NULL, CONCAT('+', p_server_uuid, ':', p_start_pos, '-', p_end_pos));
  CALL mysql.rds_say('purged: unmappable', NULL);
END;
