-- openrds operator: CALL mysql.rds_operator_setup_replica(host, port, user,
--                          password, gtid_slave_pos)
--
-- Makes this instance an RDS read replica of host:port: marks it 'read
-- replica', stops replication if it runs, sets @@global.gtid_slave_pos (when
-- not NULL; e.g. the third field of xtrabackup_binlog_info), points the
-- default connection at the source with MASTER_USE_GTID=slave_pos, starts
-- it, and records 'set master' and 'start slave' (called_by_user is the
-- operator, as RDS shows rdsadmin@localhost). Does not wait for the threads:
-- the control plane watches SHOW SLAVE STATUS itself (rdsadmin has SLAVE
-- MONITOR). Values are validated and QUOTE()d as in rds_set_external_master.
-- Delayed replicas: MASTER_DELAY is this instance's 'target delay' (RDS:
-- the delay of read replicas created from an instance afterwards). This
-- instance is a physical copy of its source, so its mysql.rds_configuration
-- is the source's at the time of the copy. The delay is also recorded as
-- this replica's 'source delay' (what rds_set_source_delay would have set).

SET sql_mode = 'STRICT_ALL_TABLES,NO_ENGINE_SUBSTITUTION';

CREATE OR REPLACE DEFINER = rds_definer PROCEDURE mysql.rds_operator_setup_replica(
  IN p_host     varchar(255),
  IN p_port     int,
  IN p_user     varchar(128),
  IN p_password text,
  IN p_gtid     text)
  MODIFIES SQL DATA
  SQL SECURITY DEFINER
  COMMENT 'openrds operator: replicate from an RDS source by GTID'
BEGIN
  DECLARE v_password TEXT DEFAULT IFNULL(p_password, '');
  DECLARE v_delay INT DEFAULT 0;

  CALL mysql.rds_assert_operator();

  IF p_host IS NULL OR p_host = '' OR p_host REGEXP '[[:cntrl:]]'
     OR p_port IS NULL OR p_port < 1 OR p_port > 65535
     OR p_user IS NULL OR p_user = '' OR p_user REGEXP '[[:cntrl:]]'
     OR CHAR_LENGTH(v_password) > 96 OR v_password REGEXP '[[:cntrl:]]'
     OR (p_gtid IS NOT NULL AND p_gtid <> ''
         AND p_gtid NOT REGEXP '^[0-9]+-[0-9]+-[0-9]+(,[0-9]+-[0-9]+-[0-9]+)*\\z') THEN
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'Invalid arguments';
  END IF;

  SELECT IFNULL(CAST(c.value AS UNSIGNED), 0) INTO v_delay
    FROM mysql.rds_configuration AS c WHERE c.name = 'target delay';
  IF v_delay IS NULL OR v_delay < 0 OR v_delay > 86400 THEN
    SET v_delay = 0;
  END IF;

  CALL mysql.rds_sysinfo_set('instance role', 'read replica');
  IF mysql.rds_replication_state('') IN ('ON', 'BROKEN') THEN
    COMMIT;            -- STOP SLAVE refuses inside a transaction (ERROR 1192)
    STOP SLAVE '';
  END IF;
  IF p_gtid IS NOT NULL THEN
    SET GLOBAL gtid_slave_pos = p_gtid;
  END IF;
  EXECUTE IMMEDIATE CONCAT(
    'CHANGE MASTER \'\' TO',
    ' MASTER_HOST = ', QUOTE(p_host),
    ', MASTER_PORT = ', p_port,
    ', MASTER_USER = ', QUOTE(p_user),
    ', MASTER_PASSWORD = ', QUOTE(v_password),
    ', MASTER_DELAY = ', v_delay,
    -- Both instances are on this host: reconnect within seconds, not MariaDB's default minute,
    -- once a stopped or restarted source is back.
    ', MASTER_CONNECT_RETRY = 2',
    ', MASTER_USE_GTID = slave_pos');
  CALL mysql.rds_configuration_set('source delay', v_delay);
  CALL mysql.rds_record_action('set master', p_host, p_port, p_user, NULL, NULL,
                               0, v_delay, @@global.gtid_slave_pos, '');
  DO mysql.rds_reset_replica_globals('');
  CALL mysql.rds_start_slave('', '');
  CALL mysql.rds_record_action('start slave', NULL, NULL, NULL, NULL, NULL,
                               NULL, NULL, NULL, '');
  -- RDS for MySQL 8.0 marks a read replica in its history: 'disable set master' by rdsrepladmin
  IF mysql.rds_text('replica: marked') IS NOT NULL THEN
    CALL mysql.rds_record_history(mysql.rds_text('replica: marked'), 'rdsrepladmin', NULL);
  END IF;
END;
