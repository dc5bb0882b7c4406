-- openrds: CALL mysql.rds_set_external_master_gtid(host, port, user, passwd,
--                                                  gtid, ssl)
--
-- RDS for MariaDB: replicate from an external MariaDB by GTID. Sets
-- @@global.gtid_slave_pos = gtid (the position to start from, e.g.
-- @@gtid_current_pos of a locked source, or the GTID a dump recorded) and
-- points the default connection at the source with MASTER_USE_GTID =
-- slave_pos. gtid must be a MariaDB GTID list ('0-1-42' or
-- '0-1-42,1-2-7') or '' (everything the source still has); anything else is
-- 'Invalid arguments'. Same refusals as rds_set_external_master (read
-- replica, running replica), same shared implementation
-- (36-rds_configure_external_master.sql). No message on success; records
-- 'set master' with master_gtid.

SET sql_mode = 'STRICT_ALL_TABLES,NO_ENGINE_SUBSTITUTION';

CREATE OR REPLACE DEFINER = rds_definer PROCEDURE mysql.rds_set_external_master_gtid(
  IN p_host     varchar(255),
  IN p_port     int,
  IN p_user     text,
  IN p_password text,
  IN p_gtid     text,
  IN p_ssl      tinyint(1))
  MODIFIES SQL DATA
  SQL SECURITY DEFINER
  COMMENT 'RDS for MariaDB: configure GTID replication from an external source'
BEGIN
  CALL mysql.rds_configure_external_master('gtid', p_host, p_port, p_user, p_password,
                                           NULL, NULL, p_ssl, NULL, p_gtid, '');
END;
