-- openrds template, step 86: operator routines for the life of an instance
-- that is, or feeds, a read replica. All are unlogged (sql_log_bin = 0):
-- they are facts about this one instance and must never replicate.
--
--   (passwords arrive as mysql_native_password hashes: statements show in
--   SHOW PROCESSLIST while they run, and the master user has PROCESS)
--   rds_operator_rotate_password(hash) a new instance made as a copy of
--                                      another (a read replica) gets an
--                                      operator password of its own
--   rds_operator_set_read_only(flag)   read_only follows the instance's role
--                                      (1 on replicas, 0 after promotion)
--   rds_operator_purge_binlogs(file)   binary log retention: PURGE BINARY
--                                      LOGS TO the oldest file still needed
--   rds_operator_backup_user(hash)     a short-lived socket-only account for
--                                      mariadb-backup (it needs RELOAD, which
--                                      no lasting account holds: RELOAD
--                                      allows RESET SLAVE / RESET MASTER);
--                                      NULL drops it
--   rds_operator_terminate_replication() the 30-day rule
--   rds_operator_rotate_binlog()        FLUSH BINARY LOGS

SET sql_mode = 'STRICT_ALL_TABLES,NO_ENGINE_SUBSTITUTION';

CREATE OR REPLACE DEFINER = rds_definer PROCEDURE mysql.rds_operator_rotate_password(
  IN p_password_hash text)
  MODIFIES SQL DATA
  SQL SECURITY DEFINER
  COMMENT 'openrds operator: a new operator password for this instance'
BEGIN
  CALL mysql.rds_assert_operator();
  CALL mysql.rds_assert_password_hash(p_password_hash, 'operator');
  COMMIT;
  CALL mysql.rds_unlogged(CONCAT('ALTER USER ''rdsadmin''@''localhost'' IDENTIFIED BY PASSWORD ',
                                 QUOTE(p_password_hash)), NULL);
END;

CREATE OR REPLACE DEFINER = rds_definer PROCEDURE mysql.rds_operator_set_read_only(
  IN p_read_only tinyint)
  MODIFIES SQL DATA
  SQL SECURITY DEFINER
  COMMENT 'openrds operator: read_only on (replica) or off (standalone)'
BEGIN
  CALL mysql.rds_assert_operator();
  SET GLOBAL read_only = IF(p_read_only, 1, 0);
END;

CREATE OR REPLACE DEFINER = rds_definer PROCEDURE mysql.rds_operator_purge_binlogs(
  IN p_to_file varchar(255))
  MODIFIES SQL DATA
  SQL SECURITY DEFINER
  COMMENT 'openrds operator: purge binary logs older than the given file'
BEGIN
  CALL mysql.rds_assert_operator();
  IF p_to_file IS NULL OR p_to_file NOT REGEXP '^[A-Za-z0-9_.-]+\\z' THEN
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'Invalid arguments';
  END IF;
  EXECUTE IMMEDIATE CONCAT('PURGE BINARY LOGS TO ', QUOTE(p_to_file));
END;

CREATE OR REPLACE DEFINER = rds_definer PROCEDURE mysql.rds_operator_backup_user(
  IN p_password_hash text)
  MODIFIES SQL DATA
  SQL SECURITY DEFINER
  COMMENT 'openrds operator: create (or drop, with NULL) the backup account'
BEGIN
  CALL mysql.rds_assert_operator();
  COMMIT;
  CALL mysql.rds_unlogged('DROP USER IF EXISTS ''rdsbackup''@''localhost''', NULL);
  IF p_password_hash IS NOT NULL THEN
    IF NOT mysql.rds_is_password_hash(p_password_hash) THEN
      SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'Invalid arguments';
    END IF;
    CALL mysql.rds_unlogged(CONCAT('CREATE USER ''rdsbackup''@''localhost'' IDENTIFIED BY PASSWORD ', QUOTE(p_password_hash)),
                            'GRANT RELOAD, PROCESS, LOCK TABLES, BINLOG MONITOR, SLAVE MONITOR, SELECT ON *.* TO ''rdsbackup''@''localhost''');
  END IF;
END;

-- The 30-day rule: replication stopped too long is ended for good. Unlike
-- promotion the instance stays a read replica (read-only, and the
-- set/reset procedures keep refusing); rds_start_replication finds nothing
-- to start.
CREATE OR REPLACE DEFINER = rds_definer PROCEDURE mysql.rds_operator_terminate_replication()
  MODIFIES SQL DATA
  SQL SECURITY DEFINER
  COMMENT 'openrds operator: end replication for good, stay a read replica'
BEGIN
  CALL mysql.rds_assert_operator();
  IF mysql.rds_replication_state('') IN ('ON', 'BROKEN') THEN
    COMMIT;
    STOP SLAVE '';
  END IF;
  RESET SLAVE '' ALL;
  CALL mysql.rds_record_action('reset slave', NULL, NULL, NULL, NULL, NULL,
                               NULL, NULL, NULL, '');
END;

-- Starts a new binary log file (tests and the retention rule use it: the
-- master user has no RELOAD, so no FLUSH BINARY LOGS of its own).
CREATE OR REPLACE DEFINER = rds_definer PROCEDURE mysql.rds_operator_rotate_binlog()
  MODIFIES SQL DATA
  SQL SECURITY DEFINER
  COMMENT 'openrds operator: FLUSH BINARY LOGS'
BEGIN
  CALL mysql.rds_assert_operator();
  FLUSH BINARY LOGS;
END;
