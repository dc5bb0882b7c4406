-- openrds: CALL mysql.rds_set_external_master_with_auto_position(host, port, user,
--                                             passwd, ssl, delay)
--          CALL mysql.rds_set_external_source_with_auto_position(...)   (8.4: a copy, 69-rds_offered.sql)
--
-- RDS for MySQL's GTID replication from an external source (rds-versions.md
-- section 1), on MariaDB's GTIDs: the connection replicates with
-- MASTER_USE_GTID=slave_pos from the replica's own gtid_slave_pos (empty on a
-- fresh instance: from the source's first binary log still there), as MySQL's
-- auto-position starts from gtid_executed. The source must be a MariaDB
-- server (or an openrds instance): a MySQL source's GTIDs mean nothing here.
-- Checks and CHANGE MASTER: rds_configure_external_master ('auto'); history
-- 'set master with AP' on 8.0 ('set master' on 5.7), 'source delay' recorded.

SET sql_mode = 'STRICT_ALL_TABLES,NO_ENGINE_SUBSTITUTION';

CREATE OR REPLACE DEFINER = rds_definer PROCEDURE mysql.rds_set_external_master_with_auto_position(
  IN p_host     varchar(255),
  IN p_port     int,
  IN p_user     text,
  IN p_password text,
  IN p_ssl      tinyint(1),
  IN p_delay    int)
  MODIFIES SQL DATA
  SQL SECURITY DEFINER
  COMMENT 'RDS: configure GTID (auto-position) replication from an external source'
BEGIN
  CALL mysql.rds_configure_external_master('auto', p_host, p_port, p_user, p_password,
                                           NULL, NULL, p_ssl, IFNULL(p_delay, 0), NULL, '');
END;

CREATE OR REPLACE DEFINER = rds_definer PROCEDURE mysql.rds_set_external_source_with_auto_position_for_channel(
  IN p_host     varchar(255),
  IN p_port     int,
  IN p_user     text,
  IN p_password text,
  IN p_ssl      tinyint(1),
  IN p_delay    int,
  IN channel    varchar(64))
  MODIFIES SQL DATA
  SQL SECURITY DEFINER
  COMMENT 'RDS: configure GTID (auto-position) replication on a channel from an external source'
BEGIN
  CALL mysql.rds_configure_external_master('auto', p_host, p_port, p_user, p_password,
                                           NULL, NULL, p_ssl, IFNULL(p_delay, 0), NULL,
                                           mysql.rds_channel(channel));
END;
